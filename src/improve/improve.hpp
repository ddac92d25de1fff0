#pragma once
#include "record/registry.hpp"

namespace boucle {
// Improve: the continual improvement register, one Plan-Do-Check-Act cycle per improvement.
void RegisterImproveTypes(Registry& registry);
}  // namespace boucle
