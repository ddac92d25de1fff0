#pragma once
// Look-alike demands: suggestions from full-text search (the store's index, through the record
// layer) ranked by how many words two demands share, and the merge of a duplicate into the demand
// kept. Merging closes the duplicate ("merged", duplicate_of the kept one), links them with a
// "duplicates" link, and adds the duplicate's requester (and its own co-requesters) to the kept
// demand's `requesters`: whoever asked is still listed on the demand that will be done, and each
// requester still sees their own demand, now pointing to the one kept.
#include <set>
#include <string>
#include <vector>

#include "record/registry.hpp"

namespace boucle {

// Jaccard similarity of two word sets: shared words over all words, 0 when both are empty.
double Similarity(const std::set<std::string>& a, const std::set<std::string>& b);
std::set<std::string> DemandWords(const Json& demand);

Result<Json> MergeDemand(ActionContext& ctx, const Json& duplicate, const Json& input);

// The "demand_duplicates" report.
void RegisterDuplicateReport(Registry& registry);

}  // namespace boucle
