#pragma once
#include "record/registry.hpp"

namespace boucle {
// Improve's outputs: plans, portfolio decisions, procedures, opportunities, 5-whys causes.
void RegisterImproveOutputs(Registry& registry);
// The roadmap by quarter and the cause diagram of an improvement.
void RegisterImproveReports(Registry& registry);
}  // namespace boucle
