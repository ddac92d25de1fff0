#pragma once
// PDCA's Check, over any Aggregates (the API's read transaction, or the write transaction of the
// improvement action that records it): the KPI over a baseline window before a change against the
// same length after it, with a test of significance, and whether the target is met.
#include <optional>

#include "improve/kpi_engine.hpp"

namespace boucle {

struct KpiCheckAsk {
  TimePoint change_at{};
  int64_t window_days = 90;
  ListParams filters;  // list filters of the KPI's source, ANDed with its own
  TimePoint now{};
  // The target to judge the after window by (an improvement's own); the definition's when empty.
  std::optional<double> target;
  // Which way is better, when the caller knows better than the definition (an improvement whose
  // target lies below its baseline wants fewer tickets, whatever the KPI's usual direction).
  std::optional<KpiDirection> direction;
};

// {"kpi", "change_at", "window_days", "baseline": {from, to, value, n, weeks}, "after": {...},
//  "test": {method, statistic, degrees_of_freedom, p_value} | null,
//  "verdict": improved | worsened | no_significant_change | not_enough_data, "target_met"}.
// Two proportions for shares, Welch's t-test on the weekly values otherwise.
Result<Json> CheckKpi(Aggregates& data, const TypeFinder& types, const FilterParser& parse,
                      const KpiDefinition& def, const KpiCheckAsk& ask);

// The KPI over [from, to) with the caller's filters: where an improvement starts from.
Result<std::optional<double>> MeasureKpi(Aggregates& data, const TypeFinder& types, const FilterParser& parse,
                                         const KpiDefinition& def, const ListParams& filters, TimePoint from,
                                         TimePoint to, TimePoint now);

// Whether `value` meets `target` in that direction.
bool MeetsTarget(KpiDirection better, double value, double target);

}  // namespace boucle
