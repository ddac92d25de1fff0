#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boucle {

// The stakeholder groups of an IT department, as roles. Deny by default: an empty set allows nobody.
enum class Role : uint8_t { kAdmin, kAgent, kTeamLead, kFinance, kDeveloper, kEndUser };

inline constexpr Role kAllRoles[] = {Role::kAdmin,     Role::kAgent,     Role::kTeamLead,
                                     Role::kFinance,   Role::kDeveloper, Role::kEndUser};

std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view name);

class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= Bit(r);
  }
  static constexpr RoleSet All() { return RoleSet{0x3f}; }
  static constexpr RoleSet Staff() {  // everyone who works in or with the IT department
    return {Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kFinance, Role::kDeveloper};
  }
  constexpr bool Has(Role r) const { return (bits_ & Bit(r)) != 0; }
  constexpr bool Empty() const { return bits_ == 0; }
  std::vector<std::string> Names() const;

 private:
  explicit constexpr RoleSet(uint8_t bits) : bits_(bits) {}
  static constexpr uint8_t Bit(Role r) { return static_cast<uint8_t>(1u << static_cast<unsigned>(r)); }
  uint8_t bits_ = 0;
};

}  // namespace boucle
