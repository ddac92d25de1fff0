#include "improve/progress.hpp"

#include <algorithm>
#include <cstdio>

namespace boucle {
namespace {
constexpr auto kMinInterval = std::chrono::milliseconds{250};
constexpr int kWidth = 10;
}  // namespace

std::string GroupThousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

ProgressBar::ProgressBar(std::ostream& out, bool enabled, int64_t total, std::string unit)
    : out_(out),
      enabled_(enabled),
      total_(total),
      unit_(std::move(unit)),
      start_(std::chrono::steady_clock::now()) {}

std::string ProgressBar::Line(int64_t done, double seconds) const {
  const double share =
      total_ > 0 ? std::clamp(static_cast<double>(done) / static_cast<double>(total_), 0.0, 1.0) : 1.0;
  const int filled = static_cast<int>(share * kWidth);
  // Built by appends: GCC 12 at -O3 warns falsely on "[" + std::string(n, '#').
  std::string line;
  line.reserve(64);
  line += '[';
  for (int i = 0; i < kWidth; ++i) line += i < filled ? '#' : '.';
  char tail[64];
  std::snprintf(tail, sizeof tail, "] %3d%% ", static_cast<int>(share * 100));
  line += tail;
  line += GroupThousands(done);
  line += '/';
  line += GroupThousands(total_);
  line += ' ';
  line += unit_;
  std::snprintf(tail, sizeof tail, " %.1f s", seconds);
  line += tail;
  return line;
}

void ProgressBar::Update(int64_t done) {
  done_ = done;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < kMinInterval) return;
  last_draw_ = now;
  drawn_ = true;
  out_ << '\r' << Line(done, std::chrono::duration<double>(now - start_).count()) << std::flush;
}

void ProgressBar::Finish() {
  if (!enabled_ || !drawn_) return;
  const auto now = std::chrono::steady_clock::now();
  out_ << '\r' << Line(done_, std::chrono::duration<double>(now - start_).count()) << '\n' << std::flush;
}

}  // namespace boucle
