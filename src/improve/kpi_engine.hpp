#pragma once
// Computes KPI definitions through any Aggregates (the store's transaction for the API, a read-only
// connection for the CLI and benchmarks): every ungrouped value of a dashboard in one batch per
// source table, or one KPI per group and period for its chart.
#include <optional>
#include <string>
#include <vector>

#include "improve/kpi_query.hpp"

namespace boucle {

struct KpiResult {
  const KpiDefinition* def = nullptr;
  bool available = true;  // false: its source type is not in this installation
  std::optional<double> value;
  std::string status;  // see KpiStatus; "unavailable" when not available
};

Result<std::vector<KpiResult>> ComputeKpis(Aggregates& data, const TypeFinder& types,
                                           const FilterParser& parse, const std::vector<KpiDefinition>& defs,
                                           TimePoint now);

// {"ticket_count": 24918, "reopen_rate": 0.0123, ...}: the available KPIs, counts as integers,
// undefined values as null. The keys are a stable contract (README).
Json KpisToJson(const std::vector<KpiResult>& values);

// One (group, period) value of a chart.
struct KpiPoint {
  Json group;
  std::string period;
  int64_t n = 0;
  std::optional<double> value;
};

struct KpiSeries {
  KpiPlan plan;
  std::optional<double> value;   // over everything asked, ungrouped
  std::vector<KpiPoint> points;  // per (group, period), ordered by group then period
  std::vector<KpiPoint> groups;  // per group over all periods
};

Result<KpiSeries> ComputeKpiSeries(Aggregates& data, const TypeFinder& types, const FilterParser& parse,
                                   const KpiDefinition& def, const KpiAsk& ask);

// The filter parser of a record service for one actor (their roles and list syntax).
FilterParser ParserFor(RecordService& records, const Actor& who);
TypeFinder FinderFor(const Registry& registry);

}  // namespace boucle
