#pragma once
// Reading fields of a record where null means "not set": nlohmann's value() throws on a present
// null, which a record has for every unset field.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace boucle {

inline std::string TextOr(const nlohmann::json& record, const char* key, std::string fallback = "") {
  auto it = record.find(key);
  return it != record.end() && it->is_string() ? it->get<std::string>() : fallback;
}

inline int64_t IntOr(const nlohmann::json& record, const char* key, int64_t fallback = 0) {
  auto it = record.find(key);
  return it != record.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

}  // namespace boucle
