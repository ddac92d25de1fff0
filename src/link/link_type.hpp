#pragma once
#include "record/registry.hpp"

namespace boucle {
// `links`: a typed edge between any two records, so that feedback can be followed to the
// improvement it started, the change that implemented it and the tickets that measure it.
// Register it last: its endpoint types are checked against the whole registry.
void RegisterLinkType(Registry& registry);
}  // namespace boucle
