#pragma once
#include "record/registry.hpp"

namespace boucle {
// Deliver & Support: the service catalogue and the service desk's tickets.
void RegisterSupportTypes(Registry& registry);
}  // namespace boucle
