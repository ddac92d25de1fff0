#include "http/message.hpp"

#include "text/percent.hpp"

namespace boucle::http {
namespace {

// Decodes into `out`; false on a malformed escape.
bool Decode(std::string_view in, bool plus_is_space, std::string& out) {
  auto decoded = PercentDecode(in, plus_is_space);
  if (!decoded) return false;
  out = std::move(*decoded);
  return true;
}

}  // namespace

const std::string& Request::Header(const std::string& lower_name) const {
  static const std::string kEmpty;
  auto it = headers.find(lower_name);
  return it == headers.end() ? kEmpty : it->second;
}

bool ParseTarget(const std::string& target, std::string& path, std::multimap<std::string, std::string>& query) {
  const auto q = target.find('?');
  if (!Decode(std::string_view(target).substr(0, q), false, path)) return false;
  if (q == std::string::npos) return true;
  std::string_view rest = std::string_view(target).substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string key, value;
    if (!Decode(pair.substr(0, eq), true, key)) return false;
    if (eq != std::string_view::npos && !Decode(pair.substr(eq + 1), true, value)) return false;
    query.emplace(std::move(key), std::move(value));
  }
  return true;
}

}  // namespace boucle::http
