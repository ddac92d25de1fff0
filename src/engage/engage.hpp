#pragma once
#include "record/registry.hpp"

namespace boucle {
// Engage: the people concerned by each service, and what they tell us.
void RegisterEngageTypes(Registry& registry);
// Demands: what any stakeholder asks for, triaged and routed to its value-chain destination.
void RegisterDemandType(Registry& registry);
}  // namespace boucle
