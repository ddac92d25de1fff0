#include "http/json_body.hpp"

namespace boucle::http {
namespace {
struct TooDeep {};
}  // namespace

size_t InvalidUtf8At(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) n = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) n = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) n = 3, cp = c & 0x07;
    else return i;
    if (i + n >= s.size()) return i;
    for (size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += n + 1;
  }
  return std::string_view::npos;
}

Result<nlohmann::json> ParseJsonBody(std::string_view body) {
  if (const size_t bad = InvalidUtf8At(body); bad != std::string_view::npos)
    return Fail(Error::Invalid("body.invalid_utf8", "body", {{"position", bad}}));
  try {
    return nlohmann::json::parse(body, [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
      if (depth > kMaxJsonDepth) throw TooDeep{};
      return true;
    });
  } catch (const TooDeep&) {
    return Fail(Error::Invalid("body.too_deep", "body", {{"max", kMaxJsonDepth}}));
  } catch (const nlohmann::json::parse_error& e) {
    return Fail(Error::Invalid("body.malformed", "body", {{"position", e.byte}}));
  } catch (const nlohmann::json::exception&) {
    return Fail(Error::Invalid("body.malformed", "body", {{"position", 0}}));
  }
}

}  // namespace boucle::http
