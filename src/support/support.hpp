#pragma once
#include "record/registry.hpp"

namespace boucle {
// Deliver & Support: the service catalogue and the service desk's tickets.
void RegisterSupportTypes(Registry& registry);
// Problems: the causes behind incidents (registered by RegisterSupportTypes).
void RegisterProblemType(Registry& registry);
}  // namespace boucle
