#include "app/json_log.hpp"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace boucle {
namespace {

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto ms = std::chrono::time_point_cast<std::chrono::milliseconds>(msg.time);
    const auto secs = std::chrono::floor<std::chrono::seconds>(ms);
    const std::time_t t = std::chrono::system_clock::to_time_t(secs);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char stamp[64];
    const int millis = static_cast<int>((ms - secs).count());
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
    const auto level = spdlog::level::to_string_view(msg.level);
    // dump() escapes quotes, control characters and invalid UTF-8 (replaced), so every line parses.
    const std::string line =
        nlohmann::json{{"time", stamp},
                       {"level", std::string(level.data(), level.size())},
                       {"logger", std::string(msg.logger_name.data(), msg.logger_name.size())},
                       {"msg", std::string(msg.payload.data(), msg.payload.size())}}
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(line.data(), line.data() + line.size());
    dest.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }
};

}  // namespace

std::unique_ptr<spdlog::formatter> JsonLogFormatter() { return std::make_unique<JsonFormatter>(); }

}  // namespace boucle
