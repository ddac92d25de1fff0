#pragma once
// KPIs for the API: every definition (built-in and kpi_definitions records) with its current value
// and status, and one KPI by group and period whose every point carries the list query of the
// records behind it. Staff only; computed in the caller's read transaction through RecordService.
#include <string>

#include "improve/kpi_engine.hpp"

namespace boucle {

class KpiService {
 public:
  explicit KpiService(RecordService& records) : records_(records) {}

  // {"kpis": [{...definition, "value", "status"}]}
  Result<Json> Overview(const Actor& who);
  // `params`: group (a groupable field), period (week, month or none; month by default) and list
  // filters of the KPI's source, ANDed with its own.
  Result<Json> Detail(const Actor& who, const std::string& id, const ListParams& params);
  // PDCA's Check: the KPI over a baseline window before `change_at` against the same length after
  // it (`window_days`, 90 by default, cut at now), with a significance test: two proportions for
  // shares, Welch's t-test on the weekly values otherwise. Other params are list filters.
  Result<Json> Check(const Actor& who, const std::string& id, const ListParams& params);

 private:
  Result<std::vector<KpiDefinition>> Definitions(const Actor& who);
  Result<KpiDefinition> Definition(const Actor& who, const std::string& id);
  Result<Json> GroupLabels(const Actor& who, const TypeSpec& type, const std::string& field,
                           const std::vector<Json>& values);

  RecordService& records_;
};

}  // namespace boucle
