#pragma once
// Cutting text to a size without splitting a character: a cut inside a UTF-8 sequence would make
// the text invalid, which JSON refuses.
#include <string>
#include <string_view>

namespace boucle {

// The longest prefix of `text` of at most `max_bytes` bytes that ends on a whole character.
std::string Utf8Prefix(std::string_view text, size_t max_bytes);

}  // namespace boucle
