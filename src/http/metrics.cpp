#include "http/metrics.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <optional>

namespace boucle {

namespace {

constexpr const char* kBucketLabels[] = {"0.001", "0.005", "0.01", "0.025", "0.05", "0.1",
                                         "0.25",  "0.5",   "1",    "2.5",   "5",    "+Inf"};
static_assert(std::size(kBucketLabels) == Metrics::kBucketBounds.size() + 1);

void AppendNumber(std::string& out, double v) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void AppendNumber(std::string& out, uint64_t v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void AppendLabel(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += "=\"";
  out += EscapePrometheusLabel(value);
  out += '"';
}

std::optional<uint64_t> ResidentBytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return std::nullopt;
  unsigned long long size = 0, resident = 0;
  const int read = std::fscanf(f, "%llu %llu", &size, &resident);
  std::fclose(f);
  const long page = sysconf(_SC_PAGESIZE);
  if (read != 2 || page <= 0) return std::nullopt;
  return static_cast<uint64_t>(resident) * static_cast<uint64_t>(page);
}

}  // namespace

std::string EscapePrometheusLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Metrics::Metrics() : started_(std::chrono::steady_clock::now()) {}

void Metrics::Observe(std::string_view method, std::string_view route_pattern, int status, double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  size_t bucket = 0;
  while (bucket < kBucketBounds.size() && seconds > kBucketBounds[bucket]) ++bucket;

  std::lock_guard lock(mutex_);
  auto it = series_.find(std::pair<std::string_view, std::string_view>(method, route_pattern));
  if (it == series_.end()) {
    if (series_.size() >= kMaxSeries) {
      method = "other";
      route_pattern = "other";
      it = series_.find(std::pair<std::string_view, std::string_view>(method, route_pattern));
    }
    if (it == series_.end()) it = series_.emplace(Key(method, route_pattern), Series{}).first;
  }
  Series& s = it->second;
  ++s.buckets[bucket];
  ++s.count;
  s.sum += seconds;
  for (auto& [code, n] : s.statuses)
    if (code == status) {
      ++n;
      return;
    }
  s.statuses.emplace_back(status, 1);
}

std::string Metrics::RenderPrometheus() const {
  std::string out;
  out.reserve(4096);
  {
    std::lock_guard lock(mutex_);
    out += "# HELP boucle_http_requests_total HTTP requests answered, by method, route pattern and status.\n";
    out += "# TYPE boucle_http_requests_total counter\n";
    for (const auto& [key, s] : series_) {
      auto statuses = s.statuses;
      std::sort(statuses.begin(), statuses.end());
      for (const auto& [code, n] : statuses) {
        out += "boucle_http_requests_total{";
        AppendLabel(out, "method", key.first);
        out += ',';
        AppendLabel(out, "route", key.second);
        out += ',';
        AppendLabel(out, "status", std::to_string(code));
        out += "} ";
        AppendNumber(out, n);
        out += '\n';
      }
    }

    out += "# HELP boucle_http_request_duration_seconds Time from request read to response written.\n";
    out += "# TYPE boucle_http_request_duration_seconds histogram\n";
    for (const auto& [key, s] : series_) {
      std::string labels;
      AppendLabel(labels, "method", key.first);
      labels += ',';
      AppendLabel(labels, "route", key.second);
      uint64_t cumulative = 0;
      for (size_t i = 0; i < s.buckets.size(); ++i) {
        cumulative += s.buckets[i];
        out += "boucle_http_request_duration_seconds_bucket{";
        out += labels;
        out += ",le=\"";
        out += kBucketLabels[i];
        out += "\"} ";
        AppendNumber(out, cumulative);
        out += '\n';
      }
      out += "boucle_http_request_duration_seconds_sum{" + labels + "} ";
      AppendNumber(out, s.sum);
      out += "\nboucle_http_request_duration_seconds_count{" + labels + "} ";
      AppendNumber(out, s.count);
      out += '\n';
    }
  }

  if (const auto rss = ResidentBytes()) {
    out += "# HELP boucle_process_resident_memory_bytes Resident set size of the server process.\n";
    out += "# TYPE boucle_process_resident_memory_bytes gauge\n";
    out += "boucle_process_resident_memory_bytes ";
    AppendNumber(out, *rss);
    out += '\n';
  }

  out += "# HELP boucle_uptime_seconds Seconds since the server started.\n";
  out += "# TYPE boucle_uptime_seconds gauge\n";
  out += "boucle_uptime_seconds ";
  AppendNumber(out, std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  out += '\n';
  return out;
}

}  // namespace boucle
