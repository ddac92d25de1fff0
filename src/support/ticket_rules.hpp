#pragma once
// The service desk's particular rules: priority from impact and urgency, SLA targets and the
// ticket lifecycle. Pure functions on plain values, so that they are tested without a database.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "record/type_spec.hpp"

namespace boucle::ticket {

// ITIL priority matrix over impact and urgency (each high, medium or low).
std::string PriorityFor(std::string_view impact, std::string_view urgency);

// Resolution target per priority; the SLA due date is the creation time plus this.
std::chrono::hours ResolutionTarget(std::string_view priority);

bool TransitionAllowed(std::string_view from, std::string_view to);

// Applies the rules to a ticket about to be written (`before` is null on create).
Status Apply(HookContext& ctx, Json& next, const Json* before);

}  // namespace boucle::ticket
