#pragma once
// "Vous avez dit, nous avons fait / You said, we did": per service, the themes of what
// stakeholders said (feedback and demands, by kind, with their most frequent words, counts and
// period) and what was done about each (the improvements, changes, projects and tickets linked to
// them or routed from them, with their status). Every end user may read it: it holds no one's name
// and no ticket title, only counts, words, and the titles of the work done.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "record/registry.hpp"

namespace boucle {

struct SaidInputs {
  std::vector<Json> feedback, demands, links;
  // Records that may have been done about them, by type: improvements, changes, projects, tickets.
  std::map<std::string, std::vector<Json>> done;
};

// `label` gives a type's singular label and a status's label in the reader's language.
using LabelOf =
    std::function<std::string(const std::string& type, const std::string& field, const std::string& value)>;
Json ComputeYouSaidWeDid(const SaidInputs& in, const LabelOf& label);

void RegisterYouSaidWeDid(Registry& registry);

}  // namespace boucle
