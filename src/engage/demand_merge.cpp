#include "engage/demand_merge.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "engage/demand_mail.hpp"
#include "engage/ideas.hpp"
#include "engage/words.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

constexpr size_t kWordsSearched = 6;  // the longest words of a demand, one search each
constexpr int64_t kHitsPerWord = 50;
constexpr double kMinScore = 0.2;
constexpr size_t kMaxSuggestions = 10;  // per demand
constexpr size_t kRecentDemands = 30;   // looked at when no demand is named

bool Open(const Json& d) {
  const std::string s = TextOr(d, "status");
  return s != "merged" && s != "rejected";
}

Result<std::vector<Json>> SuggestionsFor(ReportContext& ctx, const Json& demand, double min_score) {
  const auto words = DemandWords(demand);
  std::vector<std::string> probes(words.begin(), words.end());
  std::stable_sort(probes.begin(), probes.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  if (probes.size() > kWordsSearched) probes.resize(kWordsSearched);
  std::map<int64_t, Json> candidates;
  for (const auto& w : probes) {
    auto hits = ctx.Search("demands", w, kHitsPerWord);
    if (!hits) return Fail(hits.error());
    for (auto& h : *hits)
      if (h["id"] != demand["id"] && Open(h)) candidates.emplace(IntOr(h, "id"), std::move(h));
  }
  std::vector<Json> rows;
  for (const auto& [id, c] : candidates) {
    const auto other = DemandWords(c);
    const double score = Similarity(words, other);
    if (score < min_score) continue;
    std::string shared;
    for (const auto& w : words)
      if (other.count(w)) shared += (shared.empty() ? "" : ", ") + w;
    rows.push_back({{"demand", demand["id"]},
                    {"demand_title", demand["title"]},
                    {"candidate", id},
                    {"candidate_title", c["title"]},
                    {"candidate_status", c["status"]},
                    {"score", std::round(score * 100) / 100},
                    {"shared_words", shared}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
    return a["score"].get<double>() > b["score"].get<double>();
  });
  if (rows.size() > kMaxSuggestions) rows.resize(kMaxSuggestions);
  return rows;
}

}  // namespace

std::set<std::string> DemandWords(const Json& demand) {
  const auto words = Words(TextOr(demand, "title") + " " + TextOr(demand, "description"));
  return {words.begin(), words.end()};
}

double Similarity(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t shared = 0;
  for (const auto& w : a) shared += b.count(w);
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

Result<Json> MergeDemand(ActionContext& ctx, const Json& duplicate, const Json& input) {
  const int64_t into = IntOr(input, "into");
  if (into == IntOr(duplicate, "id")) return Fail(Error::Invalid("demand.merge_self", "into"));
  if (TextOr(duplicate, "status") == "merged")
    return Fail(Error{ErrorKind::kConflict, "demand.already_merged", "status", Json::object(), {}});
  auto kept = ctx.Lookup("demands", into);
  if (!kept) return Fail(Error::Invalid("field.ref_missing", "into", {{"type", "demands"}, {"id", into}}));
  if (TextOr(*kept, "status") == "merged") return Fail(Error::Invalid("demand.already_merged", "into"));

  Json requesters = (*kept)["requesters"].is_array() ? (*kept)["requesters"] : Json::array();
  auto add = [&](const Json& who) {
    if (who.is_number_integer() && who != (*kept)["requester"] &&
        std::find(requesters.begin(), requesters.end(), who) == requesters.end())
      requesters.push_back(who);
  };
  add(duplicate["requester"]);
  if (duplicate["requesters"].is_array())
    for (const auto& who : duplicate["requesters"]) add(who);

  auto updated_kept = ctx.Update("demands", into, {{"requesters", requesters}});
  if (!updated_kept) return Fail(updated_kept.error());
  auto closed = ctx.Update("demands", IntOr(duplicate, "id"), {{"status", "merged"}, {"duplicate_of", into}});
  if (!closed) return Fail(closed.error());
  if (auto st = ctx.Link("demands", IntOr(duplicate, "id"), "duplicates", "demands", into); !st)
    return Fail(st.error());
  if (TextOr(duplicate, "kind") == "idea" && TextOr(*kept, "kind") == "idea")
    if (auto st = MoveIdeaSupport(ctx, IntOr(duplicate, "id"), into); !st) return Fail(st.error());
  // Whoever asked the duplicate hears where their request now lives.
  const std::string mine = TextOr(duplicate, "title"), theirs = TextOr(*kept, "title");
  if (auto st = TellRequester(
          ctx, duplicate["requester"],
          {.key = "demand-merged:" + std::to_string(IntOr(duplicate, "id")),
           .subject = {"Votre demande « " + mine + " » rejoint une demande semblable",
                       "Your demand \"" + mine + "\" joins a similar one"},
           .text = {"Bonjour,\n\nVotre demande « " + mine + " » a été regroupée avec « " + theirs +
                        " », qui porte le même besoin. Vous restez parmi ses demandeurs.\nSuivez-la ici : {link}\n",
                    "Hello,\n\nYour demand \"" + mine + "\" was merged into \"" + theirs +
                        "\", which carries the same need. You remain one of its requesters.\nFollow it here: {link}\n"},
           .follow_demand = into});
      !st)
    return Fail(st.error());
  return Json{{"kept", *updated_kept}, {"merged", *closed}};
}

void RegisterDuplicateReport(Registry& registry) {
  ReportSpec report;
  report.name = "demand_duplicates";
  report.label = {"Demandes en doublon possibles", "Possible duplicate demands"};
  report.area = Area::kEngage;
  report.roles = {Role::kAdmin, Role::kAgent, Role::kTeamLead};
  report.params = {"demand"};
  report.columns = {
      {"demand_title", {"Demande", "Demand"}, "text"},
      {"candidate", {"Doublon possible (n°)", "Possible duplicate (no.)"}, "integer"},
      {"candidate_title", {"Doublon possible", "Possible duplicate"}, "text"},
      {"candidate_status", {"Statut", "Status"}, "enum:demands.status"},
      {"score", {"Similarité (0-1)", "Similarity (0-1)"}, "decimal"},
      {"shared_words", {"Mots communs", "Shared words"}, "text"},
  };
  report.run = [](ReportContext& ctx, const ReportParams& params) -> Result<Json> {
    std::vector<Json> demands;
    if (auto named = params.find("demand"); named != params.end()) {
      auto found = ctx.All("demands", {{"id", named->second}});
      if (!found) return Fail(found.error());
      demands = std::move(*found);
    } else {
      // The newest demands still waiting for the desk: where a duplicate is worth catching.
      auto found = ctx.All("demands", {{"status__in", "submitted,triaged"}});
      if (!found) return Fail(found.error());
      demands = std::move(*found);
      std::reverse(demands.begin(), demands.end());
      if (demands.size() > kRecentDemands) demands.resize(kRecentDemands);
    }
    Json rows = Json::array();
    for (const auto& d : demands) {
      auto found = SuggestionsFor(ctx, d, params.count("demand") ? kMinScore : 0.3);
      if (!found) return Fail(found.error());
      for (auto& r : *found) rows.push_back(std::move(r));
    }
    return Json{{"rows", rows},
                {"summary",
                 {{{"name", "suggestions"},
                   {"label", {{"fr", "Suggestions"}, {"en", "Suggestions"}}},
                   {"value", rows.size()}}}}};
  };
  registry.AddReport(std::move(report));
}

}  // namespace boucle
