#pragma once
// Every error code Boucle answers with, and its French and English texts: one list, so that
// documentation and translations cannot drift from the codes.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace boucle {

// "fr" unless the caller asked for English.
std::string_view NormaliseLanguage(std::string_view lang);
// Picks fr or en from an Accept-Language header; empty when it names neither.
std::string LanguageFromHeader(std::string_view accept_language);

// The error's text in `lang`, with its parameters and field substituted.
std::string MessageFor(const Error& error, std::string_view lang);

struct MessageText {
  std::string_view code;
  std::string_view fr;
  std::string_view en;
};
const std::vector<MessageText>& AllMessages();

}  // namespace boucle
