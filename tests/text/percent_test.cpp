#include "text/percent.hpp"

#include <gtest/gtest.h>

namespace boucle {
namespace {

TEST(PercentDecode, DecodesEscapesAndOptionallyPlus) {
  EXPECT_EQ(PercentDecode("status__in%3Dnew%2Cassigned"), "status__in=new,assigned");
  EXPECT_EQ(PercentDecode("R%C3%A9seau+Wi-Fi"), "Réseau+Wi-Fi");
  EXPECT_EQ(PercentDecode("R%C3%A9seau+Wi-Fi", true), "Réseau Wi-Fi");
  EXPECT_FALSE(PercentDecode("50%"));
  EXPECT_FALSE(PercentDecode("%zz"));
  EXPECT_FALSE(PercentDecode("%4"));
}

}  // namespace
}  // namespace boucle
