#pragma once
// Password storage: Argon2id through libsodium, so that a stolen database costs an attacker
// real memory and time per guess.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace boucle {

// Argon2id cost. Production uses Interactive(); tests may lower it so that the suite stays fast
// under the sanitizers. The cost is written into every hash, so lowering it never breaks old hashes.
struct PasswordCost {
  unsigned long long ops = 0;
  size_t mem_bytes = 0;

  static PasswordCost Interactive();
  static PasswordCost Minimum();  // tests only: the weakest cost libsodium accepts
};

inline constexpr size_t kPasswordMinChars = 8;
inline constexpr size_t kPasswordMaxBytes = 1024;

// The encoded hash ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), or an empty string when libsodium
// could not allocate the work memory. An empty stored hash can never log in, so a failure fails closed.
std::string HashPassword(std::string_view password, const PasswordCost& cost = PasswordCost::Interactive());

// Constant time in the password; false for an empty, truncated or foreign hash.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// True when `stored_hash` was made with another cost or algorithm: rehash it after a successful login.
bool PasswordNeedsRehash(std::string_view stored_hash,
                         const PasswordCost& cost = PasswordCost::Interactive());

// At least kPasswordMinChars characters (UTF-8 code points) and at most kPasswordMaxBytes bytes.
// Errors: Invalid "password.too_short" / "password.too_long" on field "password", params {min}/{max}.
Status CheckPasswordPolicy(std::string_view password);

}  // namespace boucle
