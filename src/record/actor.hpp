#pragma once
#include <cstdint>
#include <string>

#include "record/role.hpp"

namespace boucle {

// Who performs an action. The system actor (user id 0) loads demonstration data and imports.
struct Actor {
  int64_t user_id = 0;
  std::string login = "system";
  Role role = Role::kAdmin;
  std::string lang = "fr";

  static Actor System() { return Actor{}; }
};

}  // namespace boucle
