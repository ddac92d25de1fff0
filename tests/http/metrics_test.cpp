#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace boucle {
namespace {

bool IsNameChar(char c, bool first, bool colon) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':') ||
         (!first && c >= '0' && c <= '9');
}

// Reads a metric or label name at `pos`; returns its length (0 when there is none).
size_t NameLength(const std::string& s, size_t pos, bool colon) {
  size_t n = 0;
  while (pos + n < s.size() && IsNameChar(s[pos + n], n == 0, colon)) ++n;
  return n;
}

bool IsSampleValue(const std::string& v) {
  if (v == "+Inf" || v == "-Inf" || v == "NaN") return true;
  if (v.empty()) return false;
  size_t used = 0;
  try {
    (void)std::stod(v, &used);
  } catch (...) {
    return false;
  }
  return used == v.size();
}

// A strict reader for the text exposition format: returns "" when every line is well formed, every
// sample belongs to a family declared by # TYPE before it, and no family is declared twice.
std::string FormatProblem(const std::string& text) {
  if (text.empty() || text.back() != '\n') return "must end with a newline";
  std::map<std::string, std::string> types;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# TYPE ", 0) == 0) {
      const size_t n = NameLength(line, 7, true);
      const std::string type = line.substr(7 + n);
      if (n == 0 || (type != " counter" && type != " gauge" && type != " histogram" && type != " summary" &&
                     type != " untyped"))
        return "malformed TYPE: " + line;
      if (!types.emplace(line.substr(7, n), type.substr(1)).second) return "family declared twice: " + line;
      continue;
    }
    if (line.rfind("# HELP ", 0) == 0) {
      const size_t n = NameLength(line, 7, true);
      if (n == 0 || (line.size() > 7 + n && line[7 + n] != ' ')) return "malformed HELP: " + line;
      continue;
    }
    size_t p = NameLength(line, 0, true);
    if (p == 0) return "malformed line: " + line;
    std::string family = line.substr(0, p);
    if (p < line.size() && line[p] == '{') {
      ++p;
      for (bool first = true;; first = false) {
        if (p < line.size() && line[p] == '}') {
          if (first) return "empty label set: " + line;
          ++p;
          break;
        }
        if (!first) {
          if (line[p] != ',') return "missing comma: " + line;
          ++p;
        }
        const size_t n = NameLength(line, p, false);
        if (n == 0 || p + n + 1 >= line.size() || line[p + n] != '=' || line[p + n + 1] != '"')
          return "malformed label: " + line;
        p += n + 2;
        for (;; ++p) {
          if (p >= line.size()) return "unterminated label value: " + line;
          if (line[p] == '"') break;
          if (line[p] == '\\') {
            if (p + 1 >= line.size() || (line[p + 1] != '\\' && line[p + 1] != '"' && line[p + 1] != 'n'))
              return "bad escape: " + line;
            ++p;
          }
        }
        ++p;
      }
    }
    if (p >= line.size() || line[p] != ' ' || !IsSampleValue(line.substr(p + 1)))
      return "malformed value: " + line;
    for (const char* suffix : {"_bucket", "_sum", "_count"})
      if (!types.contains(family) && family.ends_with(suffix))
        family = family.substr(0, family.size() - std::string(suffix).size());
    if (!types.contains(family)) return "sample before its TYPE: " + line;
  }
  return "";
}

std::vector<std::string> Lines(const std::string& text, const std::string& prefix) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) == 0) out.push_back(line);
  return out;
}

double Value(const std::string& line) { return std::stod(line.substr(line.rfind(' ') + 1)); }

TEST(MetricsTest, FormatCheckerCanFail) {
  EXPECT_NE(FormatProblem("x 1\n"), "");
  EXPECT_NE(FormatProblem("# TYPE x counter\nx{a=\"b\"c\"} 1\n"), "");
  EXPECT_NE(FormatProblem("# TYPE x counter\nx{a=\"b\nc\"} 1\n"), "");
  EXPECT_NE(FormatProblem("# TYPE x counter\nx 1"), "");
  EXPECT_EQ(FormatProblem("# TYPE x counter\nx{a=\"b\\\"c\"} 1\n"), "");
}

TEST(MetricsTest, EmptyIsValid) {
  Metrics m;
  const std::string text = m.RenderPrometheus();
  EXPECT_EQ(FormatProblem(text), "") << text;
  EXPECT_NE(text.find("# TYPE boucle_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE boucle_http_request_duration_seconds histogram\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE boucle_uptime_seconds gauge\n"), std::string::npos);
  const auto rss = Lines(text, "boucle_process_resident_memory_bytes ");
  ASSERT_EQ(rss.size(), 1u) << text;
  EXPECT_GT(Value(rss[0]), 1024.0 * 1024.0);  // a process with ASan and gtest uses more than 1 MiB
  ASSERT_EQ(Lines(text, "boucle_uptime_seconds ").size(), 1u);
  EXPECT_GE(Value(Lines(text, "boucle_uptime_seconds ")[0]), 0.0);
}

TEST(MetricsTest, CountsAndHistogram) {
  Metrics m;
  m.Observe("GET", "/api/v1/{type}", 200, 0.0005);
  m.Observe("GET", "/api/v1/{type}", 200, 0.003);
  m.Observe("GET", "/api/v1/{type}", 404, 0.3);
  m.Observe("GET", "/api/v1/{type}", 200, 0.001);  // on a bound: le is inclusive
  m.Observe("GET", "/api/v1/{type}", 200, 10.0);   // only in +Inf
  m.Observe("POST", "/api/v1/{type}", 201, 0.02);
  const std::string text = m.RenderPrometheus();
  ASSERT_EQ(FormatProblem(text), "") << text;

  EXPECT_NE(
      text.find("boucle_http_requests_total{method=\"GET\",route=\"/api/v1/{type}\",status=\"200\"} 4\n"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("boucle_http_requests_total{method=\"GET\",route=\"/api/v1/{type}\",status=\"404\"} 1\n"),
      std::string::npos);
  EXPECT_NE(
      text.find("boucle_http_requests_total{method=\"POST\",route=\"/api/v1/{type}\",status=\"201\"} 1\n"),
      std::string::npos);

  const auto buckets = Lines(text, "boucle_http_request_duration_seconds_bucket{method=\"GET\"");
  ASSERT_EQ(buckets.size(), 12u);
  const std::vector<double> expected = {2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5};
  const char* les[] = {"0.001", "0.005", "0.01", "0.025", "0.05", "0.1",
                       "0.25",  "0.5",   "1",    "2.5",   "5",    "+Inf"};
  for (size_t i = 0; i < buckets.size(); ++i) {
    EXPECT_NE(buckets[i].find(std::string("le=\"") + les[i] + "\""), std::string::npos) << buckets[i];
    EXPECT_EQ(Value(buckets[i]), expected[i]) << buckets[i];
  }
  const auto count = Lines(text, "boucle_http_request_duration_seconds_count{method=\"GET\"");
  ASSERT_EQ(count.size(), 1u);
  EXPECT_EQ(Value(count[0]), 5);
  const auto sum = Lines(text, "boucle_http_request_duration_seconds_sum{method=\"GET\"");
  ASSERT_EQ(sum.size(), 1u);
  EXPECT_NEAR(Value(sum[0]), 10.3045, 1e-9);
  EXPECT_EQ(Lines(text, "boucle_http_request_duration_seconds_count{method=\"POST\"").size(), 1u);
}

TEST(MetricsTest, LabelsAreEscaped) {
  EXPECT_EQ(EscapePrometheusLabel("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
  Metrics m;
  m.Observe("GET", "/weird\"route\\with\nnewline", 500, 0.1);
  const std::string text = m.RenderPrometheus();
  EXPECT_EQ(FormatProblem(text), "") << text;
  EXPECT_NE(text.find("route=\"/weird\\\"route\\\\with\\nnewline\""), std::string::npos) << text;
}

TEST(MetricsTest, BadDurationsCountAsZero) {
  Metrics m;
  m.Observe("GET", "/healthz", 200, -1);
  m.Observe("GET", "/healthz", 200, std::numeric_limits<double>::quiet_NaN());
  m.Observe("GET", "/healthz", 200, std::numeric_limits<double>::infinity());
  const std::string text = m.RenderPrometheus();
  EXPECT_EQ(FormatProblem(text), "") << text;
  EXPECT_EQ(Value(Lines(text, "boucle_http_request_duration_seconds_sum")[0]), 0);
  EXPECT_EQ(
      Value(Lines(
          text,
          "boucle_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"0.001\"}")[0]),
      3);
}

TEST(MetricsTest, SeriesAreBounded) {
  Metrics m;
  for (size_t i = 0; i < Metrics::kMaxSeries + 50; ++i)
    m.Observe("GET", "/raw/" + std::to_string(i), 200, 0.01);
  const std::string text = m.RenderPrometheus();
  EXPECT_EQ(Lines(text, "boucle_http_request_duration_seconds_count{").size(), Metrics::kMaxSeries + 1);
  const auto other =
      Lines(text, "boucle_http_requests_total{method=\"other\",route=\"other\",status=\"200\"}");
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(Value(other[0]), 50);
  m.Observe("GET", "/raw/1", 200, 0.01);  // an existing series still counts under its own name
  EXPECT_NE(m.RenderPrometheus().find("route=\"/raw/1\",status=\"200\"} 2\n"), std::string::npos);
}

TEST(MetricsTest, ConcurrentObservations) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&m, t] {
      for (int i = 0; i < 1000; ++i) {
        m.Observe(t % 2 ? "GET" : "POST", "/api/v1/{type}", 200 + (i % 3), 0.002);
        if (i % 250 == 0) (void)m.RenderPrometheus();
      }
    });
  for (auto& th : threads) th.join();
  const std::string text = m.RenderPrometheus();
  EXPECT_EQ(FormatProblem(text), "");
  double total = 0;
  for (const auto& line : Lines(text, "boucle_http_requests_total{")) total += Value(line);
  EXPECT_EQ(total, 4000);
}

}  // namespace
}  // namespace boucle
