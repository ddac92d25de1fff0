#pragma once
#include <string_view>

#include "core/result.hpp"

namespace boucle::http {

inline constexpr int kMaxJsonDepth = 32;

// Parses a request body, refusing invalid UTF-8, malformed JSON and nesting deeper than
// kMaxJsonDepth, each with its own error code naming the body.
Result<nlohmann::json> ParseJsonBody(std::string_view body);

// The offset of the first byte that breaks UTF-8 (overlong forms and surrogates included), or npos.
size_t InvalidUtf8At(std::string_view text);

}  // namespace boucle::http
