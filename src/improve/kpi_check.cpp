#include "improve/kpi_check.hpp"

#include <cmath>

#include "improve/significance.hpp"

namespace boucle {
namespace {

Json Value(std::optional<double> v) { return v ? Json(*v) : Json(); }

std::string PeriodFieldOf(const KpiDefinition& def) {
  if (!def.period_field.empty()) return def.period_field;
  const auto source = FindKpiSource(def.source);
  return source ? source->period_field : "created_at";
}

Result<KpiSeries> Weekly(Aggregates& data, const TypeFinder& types, const FilterParser& parse,
                         const KpiDefinition& def, const ListParams& filters, TimePoint from, TimePoint to,
                         TimePoint now) {
  const std::string field = PeriodFieldOf(def);
  KpiAsk ask;
  ask.now = now;
  ask.period = AggregatePeriod::kWeek;
  ask.filters = filters;
  ask.filters.emplace(field + "__gte", FormatTime(from));
  ask.filters.emplace(field + "__lt", FormatTime(to));
  return ComputeKpiSeries(data, types, parse, def, ask);
}

Json Side(const KpiSeries& s, TimePoint from, TimePoint to) {
  int64_t n = 0;  // each record falls in exactly one week
  Json weeks = Json::array();
  for (const auto& p : s.points) {
    n += p.n;
    weeks.push_back({{"period", p.period}, {"n", p.n}, {"value", Value(p.value)}});
  }
  return Json{{"from", FormatTime(from)},
              {"to", FormatTime(to)},
              {"value", Value(s.value)},
              {"n", n},
              {"weeks", weeks}};
}

}  // namespace

bool MeetsTarget(KpiDirection better, double value, double target) {
  return better == KpiDirection::kHigher ? value >= target : value <= target;
}

Result<std::optional<double>> MeasureKpi(Aggregates& data, const TypeFinder& types, const FilterParser& parse,
                                         const KpiDefinition& def, const ListParams& filters, TimePoint from,
                                         TimePoint to, TimePoint now) {
  auto series = Weekly(data, types, parse, def, filters, from, to, now);
  if (!series) return Fail(series.error());
  return series->value;
}

Result<Json> CheckKpi(Aggregates& data, const TypeFinder& types, const FilterParser& parse,
                      const KpiDefinition& def, const KpiCheckAsk& ask) {
  if (ask.change_at >= ask.now) return Fail(Error::Invalid("kpi.check_in_future", "change_at"));
  const auto window = std::chrono::days{ask.window_days};
  const TimePoint before_start = ask.change_at - window;
  const TimePoint after_end = std::min(ask.change_at + window, ask.now);
  auto before = Weekly(data, types, parse, def, ask.filters, before_start, ask.change_at, ask.now);
  if (!before) return Fail(before.error());
  auto after = Weekly(data, types, parse, def, ask.filters, ask.change_at, after_end, ask.now);
  if (!after) return Fail(after.error());

  Json out{{"kpi", KpiDefinitionJson(def)},
           {"change_at", FormatTime(ask.change_at)},
           {"window_days", ask.window_days},
           {"baseline", Side(*before, before_start, ask.change_at)},
           {"after", Side(*after, ask.change_at, after_end)},
           {"test", nullptr},
           {"verdict", "not_enough_data"},
           {"target_met", nullptr}};
  if (!before->value || !after->value) return out;
  const KpiDirection better = ask.direction.value_or(def.direction);
  if (ask.target)
    out["target_met"] = MeetsTarget(better, *after->value, *ask.target);
  else if (def.target)
    out["target_met"] = KpiStatus(def, after->value) == "ok";

  Result<stats::TestResult> test = Fail(Error::Invalid("stats.not_enough_data", "before", {{"count", 0}}));
  if (def.measure == AggregateMeasure::kShare) {
    auto proportion = [](const Json& s) {
      const int64_t n = s["n"].get<int64_t>();
      return stats::Proportion{std::llround(s["value"].get<double>() * static_cast<double>(n)), n};
    };
    test = stats::TwoProportionTest(proportion(out["baseline"]), proportion(out["after"]));
  } else {
    auto weekly = [](const KpiSeries& s) {
      std::vector<double> v;
      for (const auto& p : s.points)
        if (p.value) v.push_back(*p.value);
      return stats::Summarise(v);
    };
    test = stats::WelchTest(weekly(*before), weekly(*after));
  }
  if (!test) {
    out["note"] = test.error().field;  // the window that lacks data
    return out;
  }
  out["test"] = {{"method", test->method},
                 {"statistic", std::isfinite(test->statistic) ? Json(test->statistic) : Json()},
                 {"degrees_of_freedom", test->degrees_of_freedom},
                 {"p_value", test->p_value}};
  out["verdict"] = std::string(stats::VerdictName(
      stats::Judge(*before->value, *after->value, *test,
                   better == KpiDirection::kHigher ? stats::Better::kHigher : stats::Better::kLower)));
  return out;
}

}  // namespace boucle
