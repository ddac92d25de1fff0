#pragma once
#include <string_view>

#include "record/type_spec.hpp"

namespace boucle::pdca {

// Phases move forward one at a time (Plan, Do, Check, Act, Done); going back to Plan starts a
// new cycle and is always allowed.
bool PhaseChangeAllowed(std::string_view from, std::string_view to);

Status Apply(HookContext& ctx, Json& next, const Json* before);

// Value × urgency ÷ effort, each 1 to 5: the quick wins that matter come first. Null until all
// three are given.
std::optional<double> PriorityScore(const Json& improvement);
Status Prioritise(HookContext& ctx, Json& next, const Json* before);

}  // namespace boucle::pdca
