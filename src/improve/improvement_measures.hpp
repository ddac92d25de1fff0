#pragma once
// An improvement's indicator is one of the built-in KPIs; two actions record it on the
// improvement itself, so that the register, the review pack and the trace show the figures:
// `measure_baseline` (Plan: where we are now) and `measure_effect` (Check: the KPI after the
// change against before, with a test of significance, and whether the target is met).
#include <vector>

#include "record/describe.hpp"

namespace boucle {

// The built-in KPIs as the choices of an improvement's indicator.
std::vector<EnumOption> ImprovementKpiOptions();

// Adds the measured-effect fields and both actions to the improvements' description.
void DescribeImprovementMeasures(Describe& improvements, RoleSet editors);

}  // namespace boucle
