// A significant change in a KPI's trend, flagged with its date: weekly series of built-in KPIs
// (volume, mean time to resolve, SLA compliance, reassignment rate) by week of creation, split
// where the level shifted most if the shift is significant (stats::FindChangePoint).
#include <cmath>
#include <functional>
#include <map>

#include "improve/findings/analysis.hpp"
#include "improve/significance.hpp"

namespace boucle::findings {
namespace {

constexpr int kMaxWeeks = 104;      // two years: older shifts are history, not findings
constexpr int64_t kMinPerWeek = 3;  // a mean or share over fewer tickets is noise

std::chrono::sys_days MondayOf(TimePoint t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const auto n = day.time_since_epoch().count();
  return std::chrono::sys_days{std::chrono::days{n - ((n + 3) % 7 + 7) % 7}};  // 1970-01-01 was a Thursday
}

struct Kpi {
  const char* id;
  const char* fr;
  const char* en;
  bool higher_is_better;
  bool count;  // a count per week (zero weeks count), else a mean of per-ticket values
  std::function<std::optional<double>(const TicketRow&)> value;
};

}  // namespace

std::vector<Draft> TrendFindings(const std::vector<TicketRow>& tickets, const Settings& s) {
  std::vector<Draft> out;
  if (tickets.empty()) return out;
  const std::vector<Kpi> kpis{
      {"ticket_volume", "le volume de tickets", "ticket volume", false, true,
       [](const TicketRow&) { return std::optional<double>(1.0); }},
      {"resolve_time_mean_hours", "le temps moyen de résolution", "the mean time to resolve", false, false,
       [&](const TicketRow& t) {
         return t.resolved ? std::optional<double>(LostHours(t, s.now)) : std::nullopt;
       }},
      {"sla_compliance", "le respect des SLA", "SLA compliance", true, false,
       [](const TicketRow& t) {
         return t.breached ? std::optional<double>(*t.breached ? 0.0 : 1.0) : std::nullopt;
       }},
      {"reassignment_rate", "le taux de réaffectation", "the reassignment rate", false, false,
       [](const TicketRow& t) { return std::optional<double>(t.reassignments > 0 ? 1.0 : 0.0); }},
  };
  auto last = MondayOf(tickets.front().created);
  for (const auto& t : tickets) last = std::max(last, MondayOf(t.created));
  last = std::min(last, MondayOf(s.now));
  // The last week is still filling up (or was cut by the export): it would look like a drop.
  const auto first = last - std::chrono::weeks{kMaxWeeks};
  for (const auto& kpi : kpis) {
    std::map<std::chrono::sys_days, std::pair<double, int64_t>> weeks;  // sum, n
    std::map<std::chrono::sys_days, std::vector<int64_t>> ids;
    std::optional<std::chrono::sys_days> begin;
    for (const auto& t : tickets) {
      const auto w = MondayOf(t.created);
      if (w < first || w >= last) continue;
      auto v = kpi.value(t);
      if (!v) continue;
      auto& [sum, n] = weeks[w];
      sum += *v;
      ++n;
      ids[w].push_back(t.id);
      if (!begin || w < *begin) begin = w;
    }
    if (!begin) continue;
    std::vector<stats::SeriesPoint> series;
    std::vector<std::chrono::sys_days> keys;
    for (auto w = *begin; w < last; w += std::chrono::weeks{1}) {
      auto it = weeks.find(w);
      if (kpi.count)
        series.push_back({Iso(TimePoint{w}).substr(0, 10), it == weeks.end() ? 0.0 : it->second.first});
      else if (it != weeks.end() && it->second.second >= kMinPerWeek)
        series.push_back(
            {Iso(TimePoint{w}).substr(0, 10), it->second.first / static_cast<double>(it->second.second)});
      else
        continue;
      keys.push_back(w);
    }
    auto change = stats::FindChangePoint(series, 4, s.alpha);
    if (!change) continue;
    const bool up = change->after_mean > change->before_mean;
    const bool worse = up != kpi.higher_is_better;
    const bool share = !kpi.count && std::string_view(kpi.id) != "resolve_time_mean_hours";
    auto show = [&](double v) { return share ? Percent(v) : Hours(v); };
    Draft f;
    f.kind = "trend_change";
    f.dimension = "kpi";
    f.subject = kpi.id;
    f.kpi = kpi.id;
    f.at = Iso(TimePoint{keys[change->index]});
    f.score = change->before_mean != 0 ? std::fabs(change->after_mean / change->before_mean - 1.0) : 1.0;
    std::vector<int64_t> after;
    for (size_t i = change->index; i < keys.size() && after.size() < kMaxEvidence; ++i)
      for (int64_t id : ids[keys[i]]) after.push_back(id);
    f.ticket_count = 0;
    for (size_t i = change->index; i < keys.size(); ++i)
      f.ticket_count += static_cast<int64_t>(ids[keys[i]].size());
    f.tickets = Evidence(std::move(after));
    const std::string unit_fr = kpi.count ? " tickets/semaine" : share ? "" : " h";
    const std::string unit_en = kpi.count ? " tickets/week" : share ? "" : " h";
    const std::string week = series[change->index].period;
    const std::string p = change->test.p_value < 0.001
                              ? "p < 0.001"
                              : "p = " + std::to_string(change->test.p_value).substr(0, 5);
    f.summary_fr = std::string("Depuis la semaine du ") + week + ", " + kpi.fr +
                   (up ? " a augmenté" : " a baissé") + " de " + show(change->before_mean) + unit_fr + " à " +
                   show(change->after_mean) + unit_fr + " (" + (worse ? "dégradation" : "amélioration") +
                   ", " + p + ").";
    f.summary_en = std::string("Since the week of ") + week + ", " + kpi.en + (up ? " rose" : " fell") +
                   " from " + show(change->before_mean) + unit_en + " to " + show(change->after_mean) +
                   unit_en + " (" + (worse ? "worse" : "better") + ", " + p + ").";
    f.figures = {{"kpi", kpi.id},
                 {"week", week},
                 {"before_mean", change->before_mean},
                 {"after_mean", change->after_mean},
                 {"p_value", change->test.p_value},
                 {"worse", worse},
                 {"weeks", series.size()}};
    f.period_start = Iso(TimePoint{keys.front()});
    f.period_end = Iso(TimePoint{last});
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace boucle::findings
