// Reassignment ping-pong: a ticket sent back to a group (or a person) it had already left, A → B → A.
// Each time work bounces, someone reads the ticket again and the requester waits: the pairs of groups
// that bounce tickets between them most are where a routing rule or an agreement is missing.
#include <algorithm>
#include <map>
#include <set>

#include "improve/findings/analysis.hpp"

namespace boucle::findings {
namespace {

constexpr size_t kMaxPairs = 10;

// The unordered pairs {returned-to, left} of every bounce in one path.
std::set<std::pair<std::string, std::string>> Bounces(const std::vector<std::string>& path) {
  std::vector<std::string> steps;
  for (const auto& v : path)
    if (!v.empty() && (steps.empty() || steps.back() != v)) steps.push_back(v);
  std::set<std::pair<std::string, std::string>> out;
  for (size_t k = 2; k < steps.size(); ++k) {
    if (std::find(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(k) - 1, steps[k]) ==
        steps.begin() + static_cast<std::ptrdiff_t>(k) - 1)
      continue;
    out.insert(std::minmax(steps[k], steps[k - 1]));
  }
  return out;
}

void ForDimension(const std::vector<TicketRow>& tickets, Dimension d, const Settings& s,
                  std::vector<Draft>& out) {
  std::map<std::pair<std::string, std::string>, std::vector<int64_t>> pairs;
  for (const auto& t : tickets)
    for (const auto& pair : Bounces(d == Dimension::kGroup ? t.group_path : t.assignee_path))
      pairs[pair].push_back(t.id);
  // The pairs that bounce most tickets, at most kMaxPairs per dimension: a desk of many groups has
  // hundreds of pairs above the minimum, and a list that long is read by nobody.
  std::vector<std::pair<std::pair<std::string, std::string>, std::vector<int64_t>>> ranked;
  for (auto& [pair, ids] : pairs)
    if (static_cast<int64_t>(ids.size()) >= s.min_ping_pong) ranked.emplace_back(pair, std::move(ids));
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  if (ranked.size() > kMaxPairs) ranked.resize(kMaxPairs);
  for (auto& [pair, ids] : ranked) {
    Draft f;
    f.kind = "ping_pong";
    f.dimension = DimensionName(d);
    f.subject = pair.first + " ↔ " + pair.second;
    f.score = static_cast<double>(ids.size());
    f.ticket_count = static_cast<int64_t>(ids.size());
    const std::string n = std::to_string(ids.size());
    const bool group = d == Dimension::kGroup;
    f.summary_fr = n + " tickets ont fait l'aller-retour entre " + (group ? "les groupes" : "les assignés") +
                   " « " + pair.first + " » et « " + pair.second + " » (renvoyés à qui les avait déjà eus).";
    f.summary_en = n + " tickets bounced between " + (group ? "the groups" : "the assignees") + " “" +
                   pair.first + "” and “" + pair.second + "” (sent back to whoever had already had them).";
    f.figures = {{"between", {pair.first, pair.second}}, {"tickets", ids.size()}};
    f.tickets = Evidence(std::move(ids));
    out.push_back(std::move(f));
  }
}

}  // namespace

std::vector<Draft> PingPongFindings(const std::vector<TicketRow>& tickets, const Settings& s) {
  std::vector<Draft> out;
  ForDimension(tickets, Dimension::kGroup, s, out);
  ForDimension(tickets, Dimension::kAssignee, s, out);
  return out;
}

}  // namespace boucle::findings
