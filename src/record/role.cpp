#include "record/role.hpp"

namespace boucle {

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kAdmin: return "admin";
    case Role::kAgent: return "agent";
    case Role::kTeamLead: return "team_lead";
    case Role::kFinance: return "finance";
    case Role::kDeveloper: return "developer";
    case Role::kEndUser: return "end_user";
  }
  return "end_user";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles)
    if (RoleName(r) == name) return r;
  return std::nullopt;
}

std::vector<std::string> RoleSet::Names() const {
  std::vector<std::string> out;
  for (Role r : kAllRoles)
    if (Has(r)) out.emplace_back(RoleName(r));
  return out;
}

}  // namespace boucle
