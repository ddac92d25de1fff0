// Pareto of volume and of lost time: the few categories, services, groups or assignees that make
// most of the tickets or of the hours tickets stay open. A finding only when the few are few.
#include <algorithm>
#include <map>

#include "improve/findings/analysis.hpp"

namespace boucle::findings {

std::vector<ParetoBar> Pareto(const std::vector<TicketRow>& tickets, Dimension d, bool by_hours,
                              TimePoint now) {
  std::map<std::string, ParetoBar> bars;
  for (const auto& t : tickets) {
    auto [key, label] = ValueOf(t, d);
    if (key.empty()) continue;
    auto& bar = bars[key];
    bar.key = key;
    bar.label = label;
    ++bar.tickets;
    bar.hours += LostHours(t, now);
  }
  std::vector<ParetoBar> out;
  double total = 0;
  for (auto& [key, bar] : bars) {
    total += by_hours ? bar.hours : static_cast<double>(bar.tickets);
    out.push_back(std::move(bar));
  }
  std::stable_sort(out.begin(), out.end(), [by_hours](const ParetoBar& a, const ParetoBar& b) {
    return by_hours ? a.hours > b.hours : a.tickets > b.tickets;
  });
  double running = 0;
  for (auto& bar : out) {
    const double v = by_hours ? bar.hours : static_cast<double>(bar.tickets);
    running += v;
    bar.share = total > 0 ? v / total : 0;
    bar.cumulative = total > 0 ? running / total : 0;
  }
  return out;
}

namespace {

// The values that reach the vital share flag a dimension when they are at most this part of them.
constexpr double kFewValues = 0.4;
constexpr size_t kMinValues = 4;

std::optional<Draft> Concentration(const std::vector<TicketRow>& tickets, Dimension d, bool by_hours,
                                   const Settings& s) {
  const auto bars = Pareto(tickets, d, by_hours, s.now);
  if (bars.size() < kMinValues) return std::nullopt;
  size_t vital = 0;
  while (vital < bars.size() && (vital == 0 || bars[vital - 1].cumulative < s.vital_share)) ++vital;
  const double part = static_cast<double>(vital) / static_cast<double>(bars.size());
  if (part > kFewValues) return std::nullopt;
  const auto& top = bars.front();
  Draft f;
  f.kind = by_hours ? "pareto_lost_time" : "pareto_volume";
  f.dimension = DimensionName(d);
  f.subject = top.label;
  f.subject_key = top.key;
  f.score = top.share;
  f.ticket_count = top.tickets;
  std::vector<int64_t> ids;
  for (const auto& t : tickets)
    if (ValueOf(t, d).first == top.key) ids.push_back(t.id);
  f.tickets = Evidence(std::move(ids));
  const std::string n = std::to_string(vital), of = std::to_string(bars.size());
  const std::string reached = Percent(bars[vital - 1].cumulative);
  const std::string amount = by_hours ? Hours(top.hours) + " h" : std::to_string(top.tickets) + " tickets";
  f.summary_fr = n + " " + std::string(PluralFr(d)) + " sur " + of + " (" + Percent(part) + ") font " +
                 reached + (by_hours ? " des heures perdues" : " des tickets") + " ; en tête, " +
                 std::string(SingularFr(d)) + " « " + top.label + " » en fait " + Percent(top.share) + " (" +
                 amount + ").";
  f.summary_en = n + " of " + of + " " + std::string(PluralEn(d)) + " (" + Percent(part) + ") make " +
                 reached + (by_hours ? " of the hours lost" : " of the tickets") + "; first, " +
                 std::string(SingularEn(d)) + " “" + top.label + "” makes " + Percent(top.share) + " (" +
                 amount + ").";
  Json vital_rows = Json::array();
  for (size_t i = 0; i < vital; ++i)
    vital_rows.push_back({{"value", bars[i].label},
                          {"tickets", bars[i].tickets},
                          {"hours", bars[i].hours},
                          {"share", bars[i].share},
                          {"cumulative", bars[i].cumulative}});
  f.figures = {{"values", bars.size()}, {"vital_few", vital}, {"vital", vital_rows}};
  return f;
}

}  // namespace

std::vector<Draft> ParetoFindings(const std::vector<TicketRow>& tickets, const Settings& s) {
  std::vector<Draft> out;
  for (bool by_hours : {false, true})
    for (Dimension d : {Dimension::kCategory, Dimension::kService, Dimension::kGroup, Dimension::kAssignee})
      if (auto f = Concentration(tickets, d, by_hours, s)) out.push_back(std::move(*f));
  return out;
}

}  // namespace boucle::findings
