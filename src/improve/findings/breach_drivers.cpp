// SLA breach drivers: along each dimension, the values whose tickets breach their SLA more often
// than the others, beyond chance (two-proportion z-test against the rest, Bonferroni-corrected for
// the number of values tried), and which dimension explains most of the breaches: the share of
// breaches above what each value would have at the overall rate ("excess breaches").
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

#include "improve/findings/analysis.hpp"
#include "improve/significance.hpp"

namespace boucle::findings {
namespace {

struct Cell {
  std::string label;
  int64_t n = 0, breached = 0;
  std::vector<int64_t> ids;  // breached tickets
};

constexpr size_t kMaxDriversPerDimension = 5;

std::string Ratio(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

std::string PValue(double p) {
  if (p < 0.001) return "p < 0.001";
  char buf[32];
  std::snprintf(buf, sizeof buf, "p = %.3f", p);
  return buf;
}

}  // namespace

std::vector<Draft> BreachDriverFindings(const std::vector<TicketRow>& tickets, const Settings& s) {
  int64_t total = 0, breaches = 0;
  for (const auto& t : tickets)
    if (t.breached) {
      ++total;
      breaches += *t.breached ? 1 : 0;
    }
  std::vector<Draft> out;
  if (breaches == 0 || breaches == total) return out;
  const double rate = static_cast<double>(breaches) / static_cast<double>(total);

  struct Candidate {
    Draft draft;
    double excess = 0;
  };
  Json ranking = Json::array();
  std::vector<std::pair<Dimension, std::vector<Candidate>>> per_dimension;
  for (Dimension d : kDimensions) {
    std::map<std::string, Cell> cells;
    for (const auto& t : tickets) {
      if (!t.breached) continue;
      auto [key, label] = ValueOf(t, d);
      if (key.empty()) continue;
      auto& c = cells[key];
      c.label = label;
      ++c.n;
      if (*t.breached) {
        ++c.breached;
        c.ids.push_back(t.id);
      }
    }
    double excess_total = 0;
    int64_t tried = 0;
    for (const auto& [key, c] : cells) {
      excess_total += std::max(0.0, static_cast<double>(c.breached) - static_cast<double>(c.n) * rate);
      if (c.n >= s.min_tickets && c.n < total) ++tried;
    }
    const double explained = excess_total / static_cast<double>(breaches);
    ranking.push_back({{"dimension", DimensionName(d)}, {"excess_share", explained}});
    std::vector<Candidate> drivers;
    for (auto& [key, c] : cells) {
      if (c.n < s.min_tickets || c.n >= total) continue;
      const stats::Proportion rest{breaches - c.breached, total - c.n}, here{c.breached, c.n};
      if (here.Share() <= rest.Share()) continue;
      auto test = stats::TwoProportionTest(rest, here);
      if (!test) continue;
      const double p = std::min(1.0, test->p_value * static_cast<double>(tried));
      if (p >= s.alpha) continue;
      Candidate cand;
      cand.excess = static_cast<double>(c.breached) - static_cast<double>(c.n) * rate;
      Draft& f = cand.draft;
      f.kind = "sla_breach_driver";
      f.dimension = DimensionName(d);
      f.subject = c.label;
      f.subject_key = key;
      f.kpi = "sla_compliance";
      f.score = cand.excess;
      f.ticket_count = c.breached;
      const std::string lift = rest.Share() > 0 ? Ratio(here.Share() / rest.Share()) : "∞";
      const long excess = std::lround(cand.excess);
      f.summary_fr = std::string(SingularFr(d)) + " « " + c.label + " » dépasse le SLA pour " +
                     Percent(here.Share()) + " de ses " + std::to_string(c.n) + " tickets contre " +
                     Percent(rest.Share()) + " ailleurs (×" + lift + ", " + std::to_string(excess) +
                     " dépassements de plus que le taux moyen, " + PValue(p) + ").";
      f.summary_en = std::string(SingularEn(d)) + " “" + c.label + "” breaches the SLA on " +
                     Percent(here.Share()) + " of its " + std::to_string(c.n) + " tickets against " +
                     Percent(rest.Share()) + " elsewhere (×" + lift + ", " + std::to_string(excess) +
                     " breaches above the average rate, " + PValue(p) + ").";
      if (!f.summary_fr.empty()) f.summary_fr[0] = static_cast<char>(std::toupper(f.summary_fr[0]));
      if (!f.summary_en.empty()) f.summary_en[0] = static_cast<char>(std::toupper(f.summary_en[0]));
      f.figures = {{"tickets", c.n},
                   {"breached", c.breached},
                   {"breach_rate", here.Share()},
                   {"rest_breach_rate", rest.Share()},
                   {"overall_breach_rate", rate},
                   {"excess_breaches", cand.excess},
                   {"z", test->statistic},
                   {"p_value_corrected", p}};
      f.tickets = Evidence(c.ids);
      drivers.push_back(std::move(cand));
    }
    std::sort(drivers.begin(), drivers.end(),
              [](const Candidate& a, const Candidate& b) { return a.excess > b.excess; });
    if (drivers.size() > kMaxDriversPerDimension) drivers.resize(kMaxDriversPerDimension);
    per_dimension.emplace_back(d, std::move(drivers));
  }
  std::sort(ranking.begin(), ranking.end(), [](const Json& a, const Json& b) {
    return a["excess_share"].get<double>() > b["excess_share"].get<double>();
  });
  const std::string best = ranking.empty() ? "" : ranking[0]["dimension"].get<std::string>();
  for (auto& [d, drivers] : per_dimension)
    for (auto& cand : drivers) {
      cand.draft.figures["dimensions"] = ranking;
      if (DimensionName(d) == best) {
        const std::string share = Percent(ranking[0]["excess_share"].get<double>());
        cand.draft.summary_fr +=
            " C'est la dimension qui explique le plus les dépassements (" + share + " d'excès).";
        cand.draft.summary_en +=
            " This is the dimension that explains the breaches most (" + share + " in excess).";
      }
      out.push_back(std::move(cand.draft));
    }
  return out;
}

}  // namespace boucle::findings
