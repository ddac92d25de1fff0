#include "improve/significance.hpp"

#include <gtest/gtest.h>

namespace boucle::stats {
namespace {

// Reference values computed independently (Python's statistics module and mpmath's regularised
// incomplete beta function), not by the code under test.
TEST(Significance, WelchTestMatchesAReferenceComputation) {
  const Sample before = Summarise({12, 15, 11, 14, 13, 16, 12, 15});
  const Sample after = Summarise({9, 10, 8, 11, 9, 12, 10, 9});
  EXPECT_DOUBLE_EQ(before.mean, 13.5);
  EXPECT_NEAR(before.variance, 3.142857142857143, 1e-12);
  EXPECT_NEAR(after.variance, 1.6428571428571428, 1e-12);
  auto r = WelchTest(before, after);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->statistic, -4.848449513665906, 1e-9);
  EXPECT_NEAR(r->degrees_of_freedom, 12.747667342799188, 1e-9);
  EXPECT_NEAR(r->p_value, 0.000336208117143404, 1e-9);
  // A lower time to resolve is better: the drop is an improvement.
  EXPECT_EQ(Judge(before.mean, after.mean, *r, Better::kLower), Verdict::kImproved);
  EXPECT_EQ(Judge(before.mean, after.mean, *r, Better::kHigher), Verdict::kWorsened);
}

TEST(Significance, TwoProportionTestMatchesAReferenceComputation) {
  auto r = TwoProportionTest({60, 100}, {75, 100});
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->statistic, 2.2645540682891916, 1e-9);
  EXPECT_NEAR(r->p_value, 0.02354005826117795, 1e-9);
  EXPECT_EQ(Judge(0.60, 0.75, *r, Better::kHigher), Verdict::kImproved);
  // The same gain is not significant at 1 %.
  EXPECT_EQ(Judge(0.60, 0.75, *r, Better::kHigher, 0.01), Verdict::kNoSignificantChange);
}

TEST(Significance, SmallDifferencesAreNoise) {
  auto r = TwoProportionTest({50, 100}, {52, 100});
  ASSERT_TRUE(r.has_value());
  EXPECT_GT(r->p_value, 0.5);
  EXPECT_EQ(Judge(0.50, 0.52, *r, Better::kHigher), Verdict::kNoSignificantChange);
}

TEST(Significance, TooLittleDataIsAnErrorNamingTheSide) {
  auto r = WelchTest(Summarise({1}), Summarise({1, 2, 3}));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "stats.not_enough_data");
  EXPECT_EQ(r.error().field, "before");
  auto p = TwoProportionTest({1, 3}, {0, 0});
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().field, "after");
}

TEST(Significance, ConstantSamplesNeedNoVariance) {
  auto same = WelchTest(Summarise({4, 4, 4}), Summarise({4, 4}));
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->p_value, 1.0);
  auto moved = WelchTest(Summarise({4, 4, 4}), Summarise({6, 6}));
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->p_value, 0.0);
  auto all = TwoProportionTest({10, 10}, {5, 5});
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->p_value, 1.0);
}

std::vector<SeriesPoint> Weeks(const std::vector<double>& values) {
  std::vector<SeriesPoint> s;
  for (size_t i = 0; i < values.size(); ++i) s.push_back({"w" + std::to_string(i), values[i]});
  return s;
}

TEST(Significance, ChangePointIsFoundWhereTheLevelShifts) {
  // Ten weeks around 20 hours, then ten around 30: the shift starts at week 10.
  auto cp = FindChangePoint(Weeks({20, 21, 19, 22, 20, 18, 21, 20, 19, 21, 30, 31, 29, 32, 30, 28, 31, 30, 29, 31}));
  ASSERT_TRUE(cp.has_value());
  EXPECT_EQ(cp->index, 10u);
  EXPECT_EQ(cp->period, "w10");
  EXPECT_NEAR(cp->before_mean, 20.1, 1e-9);
  EXPECT_NEAR(cp->after_mean, 30.1, 1e-9);
  EXPECT_LT(cp->test.p_value, 0.05);
}

TEST(Significance, NoChangePointInNoiseOrShortSeries) {
  EXPECT_FALSE(FindChangePoint(Weeks({20, 22, 19, 21, 20, 23, 19, 21, 22, 20, 21, 19})).has_value());
  EXPECT_FALSE(FindChangePoint(Weeks({1, 1, 9, 9})).has_value());
  EXPECT_FALSE(FindChangePoint({}).has_value());
}

}  // namespace
}  // namespace boucle::stats
