#pragma once
// Words of what people wrote, for themes and look-alike demands: lower-cased, split on anything
// that is not a letter or digit (bytes of accented letters count as letters), without short words
// and the commonest French and English ones, which say nothing about a subject.
#include <string>
#include <string_view>
#include <vector>

namespace boucle {

std::vector<std::string> Words(std::string_view text);

}  // namespace boucle
