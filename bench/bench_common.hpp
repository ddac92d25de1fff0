#pragma once
// Shared by the bench tools: the ticket payload, latency statistics and the result JSON shape.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bench {

using Clock = std::chrono::steady_clock;

inline constexpr std::size_t kTitleBytes = 64;
inline constexpr std::size_t kDescriptionBytes = 1024;

// A 64-byte title, unique per (run, n).
inline std::string TicketTitle(const std::string& run, uint64_t n) {
  char head[64];
  std::snprintf(head, sizeof head, "Bench %s #%010llu ", run.c_str(), static_cast<unsigned long long>(n));
  std::string t = head;
  static const char kFill[] = "printer on floor three jams on every duplex job ";
  for (std::size_t i = 0; t.size() < kTitleBytes; ++i) t.push_back(kFill[i % (sizeof kFill - 1)]);
  t.resize(kTitleBytes);
  return t;
}

// A 1 KiB plain ASCII description (valid markdown, nothing to escape in JSON).
inline const std::string& TicketDescription() {
  static const std::string d = [] {
    static const char kWords[] =
        "The user reports that the shared printer rejects duplex jobs after the last driver update. "
        "Steps: open any document, print two sided, observe the error on the panel. Expected: a printed "
        "page. ";
    std::string s;
    for (std::size_t i = 0; s.size() < kDescriptionBytes; ++i) s.push_back(kWords[i % (sizeof kWords - 1)]);
    s.resize(kDescriptionBytes);
    return s;
  }();
  return d;
}

inline std::string TicketJson(const std::string& run, uint64_t n) {
  nlohmann::json j = {
      {"kind", "incident"}, {"title", TicketTitle(run, n)}, {"description", TicketDescription()},
      {"impact", "low"},    {"urgency", "medium"},          {"category", "printing"}};
  return j.dump();
}

inline double PercentileMs(std::vector<double>& us, double p) {
  if (us.empty()) return 0.0;
  std::size_t k = static_cast<std::size_t>(p * static_cast<double>(us.size() - 1) + 0.5);
  k = std::min(k, us.size() - 1);
  std::nth_element(us.begin(), us.begin() + static_cast<std::ptrdiff_t>(k), us.end());
  return us[k] / 1000.0;
}

struct Result {
  uint64_t requests = 0;  // attempted
  uint64_t errors = 0;    // non-2xx and transport errors
  double seconds = 0;
  std::vector<double> latencies_us;  // successful operations only
  std::map<std::string, uint64_t> statuses;
  nlohmann::json extra = nlohmann::json::object();  // tool-specific fields, merged at the top level

  nlohmann::json ToJson() {
    uint64_t ok = requests - errors;
    nlohmann::json j;
    j["requests"] = requests;
    j["ok"] = ok;
    j["errors"] = errors;
    j["seconds"] = seconds;
    j["rps"] = seconds > 0 ? static_cast<double>(ok) / seconds : 0.0;
    j["p50_ms"] = PercentileMs(latencies_us, 0.50);
    j["p99_ms"] = PercentileMs(latencies_us, 0.99);
    j["max_ms"] =
        latencies_us.empty() ? 0.0 : *std::max_element(latencies_us.begin(), latencies_us.end()) / 1000.0;
    j["statuses"] = nlohmann::json::object();
    for (auto& [k, v] : statuses) j["statuses"][k] = v;
    for (auto& [k, v] : extra.items()) j[k] = v;
    return j;
  }
};

// Writes one latency a line, in microseconds (bench_report merge recomputes percentiles from them).
inline void WriteLatencies(const Result& r, const std::string& path) {
  if (path.empty()) return;
  std::ofstream f(path);
  for (double us : r.latencies_us) f << us << '\n';
}

inline void Print(Result& r, bool as_json, const std::string& label) {
  auto j = r.ToJson();
  if (as_json) {
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("%s: %llu requests, %llu errors, %.2f s, %.1f rps, p50 %.3f ms, p99 %.3f ms, statuses %s\n",
                label.c_str(), static_cast<unsigned long long>(r.requests),
                static_cast<unsigned long long>(r.errors), r.seconds, j["rps"].get<double>(),
                j["p50_ms"].get<double>(), j["p99_ms"].get<double>(), j["statuses"].dump().c_str());
  }
  std::fflush(stdout);
}

}  // namespace bench
