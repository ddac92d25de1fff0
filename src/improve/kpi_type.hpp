#pragma once
// `kpi_definitions`: KPIs people add without code, as records checked against the registry when
// written (the error names the bad field: source, measure, filter, value, group_by...).
#include "improve/kpi.hpp"

namespace boucle {

void RegisterKpiDefinitionType(Registry& registry);

// The definition a kpi_definitions record describes (not yet validated).
Result<KpiDefinition> KpiFromRecord(const Json& record);

}  // namespace boucle
