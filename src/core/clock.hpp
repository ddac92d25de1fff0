#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace boucle {

// Time is injected so that SLA rules and demo data never depend on the wall clock in tests.
using TimePoint = std::chrono::sys_time<std::chrono::seconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint now) : now_(now) {}
  TimePoint Now() const override { return now_; }
  void Set(TimePoint now) { now_ = now; }
  void Advance(std::chrono::seconds by) { now_ += by; }

 private:
  TimePoint now_;
};

// ISO 8601 in UTC, e.g. 2026-03-01T08:30:00Z: the only form dates take in JSON and in the store,
// so that text order is time order.
std::string FormatTime(TimePoint t);
std::optional<TimePoint> ParseTime(std::string_view text);

// The calendar quarter of a time, e.g. "2026-Q3" for any day of July to September 2026: plans and
// roadmaps speak in quarters, and this text also sorts in time order.
std::string FormatQuarter(TimePoint t);

}  // namespace boucle
