#include "support/ticket_rules.hpp"

#include <gtest/gtest.h>

namespace boucle::ticket {
namespace {

TEST(TicketRules, PriorityMatrix) {
  EXPECT_EQ(PriorityFor("high", "high"), "critical");
  EXPECT_EQ(PriorityFor("high", "medium"), "high");
  EXPECT_EQ(PriorityFor("medium", "high"), "high");
  EXPECT_EQ(PriorityFor("high", "low"), "medium");
  EXPECT_EQ(PriorityFor("medium", "medium"), "medium");
  EXPECT_EQ(PriorityFor("low", "high"), "medium");
  EXPECT_EQ(PriorityFor("medium", "low"), "low");
  EXPECT_EQ(PriorityFor("low", "low"), "low");
}

TEST(TicketRules, ResolutionTargets) {
  EXPECT_EQ(ResolutionTarget("critical"), std::chrono::hours{4});
  EXPECT_EQ(ResolutionTarget("high"), std::chrono::hours{8});
  EXPECT_EQ(ResolutionTarget("medium"), std::chrono::hours{24});
  EXPECT_EQ(ResolutionTarget("low"), std::chrono::hours{72});
}

TEST(TicketRules, Transitions) {
  EXPECT_TRUE(TransitionAllowed("new", "in_progress"));
  EXPECT_TRUE(TransitionAllowed("pending", "resolved"));
  EXPECT_TRUE(TransitionAllowed("resolved", "in_progress"));  // reopen
  EXPECT_TRUE(TransitionAllowed("resolved", "closed"));
  EXPECT_FALSE(TransitionAllowed("resolved", "pending"));
  EXPECT_FALSE(TransitionAllowed("closed", "in_progress"));
  EXPECT_FALSE(TransitionAllowed("in_progress", "new"));
}

}  // namespace
}  // namespace boucle::ticket
