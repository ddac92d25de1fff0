#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace boucle {
namespace {

TEST(Clock, ParsesAndFormatsIsoTimes) {
  auto t = ParseTime("2026-03-01T08:30:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatTime(*t), "2026-03-01T08:30:00Z");
  EXPECT_EQ(FormatTime(*ParseTime("2026-03-01")), "2026-03-01T00:00:00Z");
  EXPECT_EQ(FormatTime(*ParseTime("2026-03-01T10:30:00+02:00")), "2026-03-01T08:30:00Z");
  EXPECT_EQ(FormatTime(*ParseTime("2026-03-01T08:30:00.123Z")), "2026-03-01T08:30:00Z");
  EXPECT_EQ(FormatTime(*ParseTime("2026-03-01T08:30")), "2026-03-01T08:30:00Z");
}

TEST(Clock, RefusesWhatIsNotADate) {
  for (const char* bad : {"", "2026", "2026-13-01", "2026-02-30", "2026-03-01T25:00:00Z", "2026-03-01Tfoo",
                          "2026-03-01T08:30:00+2", "yesterday", "2026-03-01T08:30:00Zjunk"})
    EXPECT_FALSE(ParseTime(bad)) << bad;
}

}  // namespace
}  // namespace boucle

namespace boucle {
namespace {

TEST(Clock, QuartersFollowTheCalendar) {
  EXPECT_EQ(FormatQuarter(*ParseTime("2026-01-01T00:00:00Z")), "2026-Q1");
  EXPECT_EQ(FormatQuarter(*ParseTime("2026-03-31T23:59:59Z")), "2026-Q1");
  EXPECT_EQ(FormatQuarter(*ParseTime("2026-04-01T00:00:00Z")), "2026-Q2");
  EXPECT_EQ(FormatQuarter(*ParseTime("2026-09-15T12:00:00Z")), "2026-Q3");
  EXPECT_EQ(FormatQuarter(*ParseTime("2026-12-31T23:59:59Z")), "2026-Q4");
}

}  // namespace
}  // namespace boucle
