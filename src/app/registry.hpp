#pragma once
#include "record/registry.hpp"

namespace boucle {
// Every record type of Boucle, platform first and links last, checked.
Registry BuildRegistry();
}  // namespace boucle
