#include "improve/significance.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace boucle::stats {
namespace {

// Boost.Math reports domain errors by exception; every caller below checks its inputs first, and
// this policy turns any remaining corner case into a NaN instead of a throw.
using Quiet =
    boost::math::policies::policy<boost::math::policies::domain_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::overflow_error<boost::math::policies::ignore_error>>;

double TwoSidedFromT(double t, double df) {
  const boost::math::students_t_distribution<double, Quiet> dist(df);
  return std::clamp(2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(t))), 0.0, 1.0);
}

double TwoSidedFromZ(double z) {
  const boost::math::normal_distribution<double, Quiet> dist(0.0, 1.0);
  return std::clamp(2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(z))), 0.0, 1.0);
}

Error NotEnough(const char* side, double n) {
  return Error::Invalid("stats.not_enough_data", side, {{"count", n}});
}

}  // namespace

Result<TestResult> WelchTest(const Sample& before, const Sample& after) {
  if (before.n < 2) return Fail(NotEnough("before", before.n));
  if (after.n < 2) return Fail(NotEnough("after", after.n));
  const double vb = std::max(before.variance, 0.0) / before.n;
  const double va = std::max(after.variance, 0.0) / after.n;
  TestResult r{"welch_t", 0, 0, 1};
  const double diff = after.mean - before.mean;
  if (vb + va <= 0) {
    // Two constant samples: equal means show no change, different ones a certain change.
    r.statistic = diff == 0 ? 0 : std::copysign(INFINITY, diff);
    r.p_value = diff == 0 ? 1 : 0;
    r.degrees_of_freedom = before.n + after.n - 2;
    return r;
  }
  r.statistic = diff / std::sqrt(vb + va);
  // Welch–Satterthwaite; a zero term in the denominator only comes from a constant side.
  const double denom = (vb * vb) / (before.n - 1) + (va * va) / (after.n - 1);
  r.degrees_of_freedom = denom > 0 ? (vb + va) * (vb + va) / denom : before.n + after.n - 2;
  r.p_value = TwoSidedFromT(r.statistic, r.degrees_of_freedom);
  return r;
}

Result<TestResult> TwoProportionTest(const Proportion& before, const Proportion& after) {
  if (before.n < 1) return Fail(NotEnough("before", static_cast<double>(before.n)));
  if (after.n < 1) return Fail(NotEnough("after", static_cast<double>(after.n)));
  const double n1 = static_cast<double>(before.n), n2 = static_cast<double>(after.n);
  const double pooled = static_cast<double>(before.successes + after.successes) / (n1 + n2);
  const double se = std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const double diff = after.Share() - before.Share();
  TestResult r{"two_proportion_z", 0, 0, 1};
  if (se <= 0) {
    // Every trial succeeded (or failed) on both sides: the shares are equal.
    return r;
  }
  r.statistic = diff / se;
  r.p_value = TwoSidedFromZ(r.statistic);
  return r;
}

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kImproved:
      return "improved";
    case Verdict::kWorsened:
      return "worsened";
    case Verdict::kNoSignificantChange:
      return "no_significant_change";
  }
  return "no_significant_change";
}

Verdict Judge(double before_value, double after_value, const TestResult& test, Better better, double alpha) {
  if (!(test.p_value < alpha) || before_value == after_value) return Verdict::kNoSignificantChange;
  const bool went_up = after_value > before_value;
  return went_up == (better == Better::kHigher) ? Verdict::kImproved : Verdict::kWorsened;
}

Sample Summarise(const std::vector<double>& values) {
  Sample s;
  s.n = static_cast<double>(values.size());
  if (values.empty()) return s;
  // Welford's update keeps the variance exact enough for long series of large values.
  double mean = 0, m2 = 0, k = 0;
  for (double v : values) {
    k += 1;
    const double delta = v - mean;
    mean += delta / k;
    m2 += delta * (v - mean);
  }
  s.mean = mean;
  s.variance = values.size() > 1 ? m2 / (k - 1) : 0;
  return s;
}

std::optional<ChangePoint> FindChangePoint(const std::vector<SeriesPoint>& series, size_t min_side,
                                           double alpha) {
  min_side = std::max<size_t>(min_side, 2);
  if (series.size() < 2 * min_side) return std::nullopt;
  std::optional<ChangePoint> best;
  const size_t splits = series.size() - 2 * min_side + 1;
  for (size_t at = min_side; at + min_side <= series.size(); ++at) {
    std::vector<double> left, right;
    for (size_t i = 0; i < series.size(); ++i) (i < at ? left : right).push_back(series[i].value);
    const Sample a = Summarise(left), b = Summarise(right);
    auto test = WelchTest(a, b);
    if (!test) continue;
    if (!best || std::fabs(test->statistic) > std::fabs(best->test.statistic))
      best = ChangePoint{at, series[at].period, a.mean, b.mean, *test};
  }
  if (!best) return std::nullopt;
  best->test.p_value = std::min(1.0, best->test.p_value * static_cast<double>(splits));
  if (!(best->test.p_value < alpha)) return std::nullopt;
  return best;
}

}  // namespace boucle::stats
