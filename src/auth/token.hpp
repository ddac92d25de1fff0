#pragma once
// Secrets handed to clients (session cookies, CSRF and API tokens). Only their SHA-256 is stored,
// so that a copy of the database does not let anyone act as a user.
#include <cstddef>
#include <string>
#include <string_view>

namespace boucle {

// `bytes` random bytes from the OS generator, as unpadded base64url (43 characters for 32 bytes):
// safe in cookies, headers and URLs without further escaping.
std::string RandomToken(size_t bytes = 32);

// Lowercase hex SHA-256 (64 characters): what the store keeps and looks tokens up by. A plain hash
// is enough because tokens carry 256 bits of entropy; passwords need HashPassword instead.
std::string HashToken(std::string_view token);

// Compares in time that depends only on the lengths, never on where the contents differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace boucle
