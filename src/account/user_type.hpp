#pragma once
#include "record/registry.hpp"

namespace boucle {
// `users`: the accounts people log in with. Passwords and tokens live beside the row, never in it.
void RegisterUserType(Registry& registry);
}  // namespace boucle
