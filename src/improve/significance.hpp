#pragma once
// Whether a KPI really moved. PDCA's Check compares a window after a change with a baseline
// window; the trend analysis looks for the week where a series shifted. Both must tell a real
// change from noise, so they answer with a test statistic and a two-sided p-value, not a guess.
//
// Inputs are summaries (count, mean, variance; or successes out of n) because the store computes
// them as SQL aggregates: the samples themselves are never loaded.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace boucle::stats {

// A sample of a continuous measure (e.g. hours to resolve): size, mean and unbiased variance.
struct Sample {
  double n = 0;
  double mean = 0;
  double variance = 0;
};

// Successes out of trials (e.g. tickets within SLA out of tickets with an SLA verdict).
struct Proportion {
  int64_t successes = 0;
  int64_t n = 0;
  double Share() const { return n > 0 ? static_cast<double>(successes) / static_cast<double>(n) : 0.0; }
};

struct TestResult {
  std::string method;  // "welch_t" or "two_proportion_z"
  double statistic = 0;
  double degrees_of_freedom = 0;  // Welch only
  double p_value = 1;             // two-sided
};

// Welch's unequal-variance t-test of `after.mean - before.mean`. Needs at least two values on
// each side and some variance somewhere; otherwise an error value names the side that lacks data.
Result<TestResult> WelchTest(const Sample& before, const Sample& after);

// Pooled two-proportion z-test of `after.Share() - before.Share()`.
Result<TestResult> TwoProportionTest(const Proportion& before, const Proportion& after);

// Which way is better for a KPI: a higher SLA compliance, a lower time to resolve.
enum class Better { kHigher, kLower };

enum class Verdict { kImproved, kWorsened, kNoSignificantChange };
std::string_view VerdictName(Verdict v);

// Improved or worsened only when p < alpha; the sign of the difference decides which.
Verdict Judge(double before_value, double after_value, const TestResult& test, Better better,
              double alpha = 0.05);

// One point of a KPI series (a week or a month): its value and, when known, the number of
// records behind it, used as the point's weight.
struct SeriesPoint {
  std::string period;  // e.g. "2016-03-07" for the week starting that day
  double value = 0;
};

struct ChangePoint {
  size_t index = 0;    // first point of the new level
  std::string period;  // its period
  double before_mean = 0;
  double after_mean = 0;
  TestResult test;  // p-value already multiplied by the number of splits tried
};

// The split of the series into two levels that differ most (largest |t| of Welch's test on the
// point values), if it is significant at `alpha` after a Bonferroni correction for the number of
// splits tried. Each side keeps at least `min_side` points. Empty when the series is flat or too
// short: a trend change is flagged only when the data say so.
std::optional<ChangePoint> FindChangePoint(const std::vector<SeriesPoint>& series, size_t min_side = 4,
                                           double alpha = 0.05);

// Mean and unbiased variance of plain values (for series and tests).
Sample Summarise(const std::vector<double>& values);

}  // namespace boucle::stats
