#pragma once
// A one-line progress bar for long CLI jobs (imports), e.g.
//   [#####.....] 48% 68,000/141,712 rows 12.3 s
// redrawn in place with '\r', at most a few times per second so that drawing never costs more
// than the work it reports on. Disabled (silent) when the stream is not a terminal.
#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace boucle {

// 141712 -> "141,712": figures meant for people.
std::string GroupThousands(int64_t n);

class ProgressBar {
 public:
  ProgressBar(std::ostream& out, bool enabled, int64_t total, std::string unit);
  // Redraws when at least the minimum interval passed since the last drawing.
  void Update(int64_t done);
  // Draws the final state and ends the line (only if anything was drawn).
  void Finish();
  // The line as drawn for `done` after `seconds`; exposed for tests.
  std::string Line(int64_t done, double seconds) const;

 private:
  std::ostream& out_;
  bool enabled_;
  int64_t total_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool drawn_ = false;
  int64_t done_ = 0;
};

}  // namespace boucle
