// Backlog ageing: open tickets by age (under a day, a week, the "old" limit, older), per group and
// per category. A group whose open tickets are mostly old is not keeping up, or is parking work.
#include <map>

#include "improve/findings/analysis.hpp"

namespace boucle::findings {

std::vector<Draft> BacklogFindings(const std::vector<TicketRow>& tickets, const Settings& s) {
  std::vector<Draft> out;
  const double old_hours = 24.0 * s.old_days;
  for (Dimension d : {Dimension::kGroup, Dimension::kCategory}) {
    struct Cell {
      std::string label;
      int64_t buckets[4] = {0, 0, 0, 0};  // < 1 day, < 7 days, < old, older
      std::vector<int64_t> old_ids;
      int64_t open = 0;
    };
    std::map<std::string, Cell> cells;
    for (const auto& t : tickets) {
      if (!IsOpen(t)) continue;
      auto [key, label] = ValueOf(t, d);
      if (key.empty()) continue;
      auto& c = cells[key];
      c.label = label;
      ++c.open;
      const double age = LostHours(t, s.now);
      const int b = age < 24 ? 0 : age < 24 * 7 ? 1 : age < old_hours ? 2 : 3;
      ++c.buckets[b];
      if (b == 3) c.old_ids.push_back(t.id);
    }
    for (auto& [key, c] : cells) {
      const int64_t old = c.buckets[3];
      if (c.open < s.min_tickets) continue;
      const double share = static_cast<double>(old) / static_cast<double>(c.open);
      if (share < s.old_share) continue;
      Draft f;
      f.kind = "backlog_ageing";
      f.dimension = DimensionName(d);
      f.subject = c.label;
      f.subject_key = key;
      f.score = static_cast<double>(old);
      f.ticket_count = old;
      const std::string days = std::to_string(s.old_days);
      f.summary_fr = std::to_string(old) + " des " + std::to_string(c.open) + " tickets ouverts de " +
                     std::string(SingularFr(d)) + " « " + c.label + " » (" + Percent(share) +
                     ") ont plus de " + days + " jours.";
      f.summary_en = std::to_string(old) + " of the " + std::to_string(c.open) + " open tickets of " +
                     std::string(SingularEn(d)) + " “" + c.label + "” (" + Percent(share) +
                     ") are older than " + days + " days.";
      f.figures = {{"open", c.open},
                   {"under_1_day", c.buckets[0]},
                   {"under_7_days", c.buckets[1]},
                   {"under_old", c.buckets[2]},
                   {"old", old},
                   {"old_days", s.old_days}};
      f.tickets = Evidence(std::move(c.old_ids));
      f.period_end = Iso(s.now);
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace boucle::findings
