#pragma once
#include "record/registry.hpp"

namespace boucle {
// Obtain/Build: the changes and projects that demands and improvements lead to.
void RegisterBuildTypes(Registry& registry);
}  // namespace boucle
