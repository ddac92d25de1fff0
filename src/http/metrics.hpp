#pragma once
// Request counters and latency histograms for GET /metrics, in Prometheus text format 0.0.4.
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boucle {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds; +Inf follows implicitly.
  static constexpr std::array<double, 11> kBucketBounds = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                           0.25,  0.5,   1,    2.5,   5};
  // Past this many (method, route) pairs, new ones are counted under method="other", route="other":
  // a caller that forgot to normalise a path must not grow memory without bound.
  static constexpr size_t kMaxSeries = 2000;

  Metrics();

  // `route_pattern` is the route as declared ("/api/v1/{type}/{id}"), never the raw path.
  // Negative or non-finite durations count as zero. Allocates only for a new series or status.
  void Observe(std::string_view method, std::string_view route_pattern, int status, double seconds);

  // boucle_http_requests_total{method,route,status}, boucle_http_request_duration_seconds{method,route}
  // (histogram), boucle_process_resident_memory_bytes (Linux only) and boucle_uptime_seconds.
  std::string RenderPrometheus() const;

 private:
  struct Series {
    std::array<uint64_t, kBucketBounds.size() + 1> buckets{};  // not cumulative; the last is +Inf
    uint64_t count = 0;
    double sum = 0;
    std::vector<std::pair<int, uint64_t>> statuses;  // a handful per route: a scan beats a map
  };
  using Key = std::pair<std::string, std::string>;  // method, route
  struct KeyLess {
    using is_transparent = void;  // lets Observe look up string_views without building strings
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return std::pair<std::string_view, std::string_view>(a.first, a.second) <
             std::pair<std::string_view, std::string_view>(b.first, b.second);
    }
  };

  const std::chrono::steady_clock::time_point started_;
  mutable std::mutex mutex_;
  std::map<Key, Series, KeyLess> series_;
};

// Escapes a Prometheus label value: backslash, double quote and newline.
std::string EscapePrometheusLabel(std::string_view value);

}  // namespace boucle
