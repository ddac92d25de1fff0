#pragma once
#include "record/registry.hpp"

namespace boucle {
// Engage: the people concerned by each service, and what they tell us.
void RegisterEngageTypes(Registry& registry);
}  // namespace boucle
