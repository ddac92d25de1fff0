#include "improve/pdca.hpp"

#include <gtest/gtest.h>

namespace boucle::pdca {
namespace {

TEST(Pdca, PhasesMoveOneStepOrBackToPlan) {
  EXPECT_TRUE(PhaseChangeAllowed("plan", "do"));
  EXPECT_TRUE(PhaseChangeAllowed("do", "check"));
  EXPECT_TRUE(PhaseChangeAllowed("act", "done"));
  EXPECT_TRUE(PhaseChangeAllowed("act", "plan"));  // a new cycle
  EXPECT_TRUE(PhaseChangeAllowed("check", "do"));  // back one step when checking fails
  EXPECT_FALSE(PhaseChangeAllowed("plan", "check"));
  EXPECT_FALSE(PhaseChangeAllowed("do", "done"));
}

}  // namespace
}  // namespace boucle::pdca
