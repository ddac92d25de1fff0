#include "auth/password.hpp"

#include <sodium.h>

#include "auth/sodium_init.hpp"

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace boucle {

namespace {

// crypto_pwhash_str_verify reads a C string of bounded size: anything else is not one of our hashes.
// An empty string_view may carry a null pointer; libsodium wants a real one even for zero bytes.
const char* Bytes(std::string_view s) { return s.empty() ? "" : s.data(); }

bool PlausibleHash(std::string_view stored_hash) {
  return !stored_hash.empty() && stored_hash.size() < crypto_pwhash_STRBYTES &&
         stored_hash.find('\0') == std::string_view::npos;
}

}  // namespace

PasswordCost PasswordCost::Interactive() {
  return PasswordCost{crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::Minimum() {
  return PasswordCost{crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

std::string HashPassword(std::string_view password, const PasswordCost& cost) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, Bytes(password), password.size(), cost.ops, cost.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return {};
  return std::string(out);
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  if (!PlausibleHash(stored_hash)) return false;
  EnsureSodium();
  const std::string terminated(stored_hash);
  return crypto_pwhash_str_verify(terminated.c_str(), Bytes(password), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view stored_hash, const PasswordCost& cost) {
  if (!PlausibleHash(stored_hash)) return true;
  EnsureSodium();
  const std::string terminated(stored_hash);
  // -1 means the hash is not Argon2id at all (an older Argon2i one, for example): rehash too.
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), cost.ops, cost.mem_bytes) != 0;
}

Status CheckPasswordPolicy(std::string_view password) {
  if (password.size() > kPasswordMaxBytes)
    return Fail(Error::Invalid("password.too_long", "password", {{"max", kPasswordMaxBytes}}));
  // Count code points, not bytes, so that "é" counts once as the user sees it.
  size_t chars = 0;
  for (unsigned char c : password)
    if ((c & 0xC0) != 0x80) ++chars;
  if (chars < kPasswordMinChars)
    return Fail(Error::Invalid("password.too_short", "password", {{"min", kPasswordMinChars}}));
  return {};
}

}  // namespace boucle
