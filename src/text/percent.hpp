#pragma once
// Percent-decoding (RFC 3986) of URL paths, query strings and stored list filters: the HTTP layer
// and the KPI definitions read the same syntax.
#include <optional>
#include <string>
#include <string_view>

namespace boucle {

// Null when a '%' is not followed by two hexadecimal digits. In query strings '+' stands for a
// space (`plus_is_space`); in paths it is itself.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space = false);

}  // namespace boucle
