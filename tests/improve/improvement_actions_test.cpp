// The plan of an improvement: its actions hold it in Do until each is done or cancelled.
#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class ImprovementActions : public ::testing::Test {
 protected:
  void SetUp() override {
    lead = app.TokenFor("lead", Role::kTeamLead);
    auto imp = app.As(lead, "POST", "/api/v1/improvements",
                      {{"title", "Faster VPN fixes"}, {"phase", "do"}, {"baseline", 19.5}, {"target", 8}});
    ASSERT_EQ(imp.status, 201) << imp.body;
    id = imp.json["id"];
  }
  Reply Move(const std::string& phase) {
    const std::string path = "/api/v1/improvements/" + id.dump();
    return app.As(lead, "PATCH", path,
                  {{"phase", phase}, {"version", app.As(lead, "GET", path).json["version"]}});
  }
  json Action(const std::string& title) {
    auto r = app.As(lead, "POST", "/api/v1/improvement_actions",
                    {{"title", title},
                     {"improvement", id},
                     {"owner", app.UserId("lead")},
                     {"due_at", "2026-04-01T00:00:00Z"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json;
  }
  Reply Set(const json& action, const std::string& status) {
    const std::string path = "/api/v1/improvement_actions/" + action["id"].dump();
    return app.As(lead, "PATCH", path,
                  {{"status", status}, {"version", app.As(lead, "GET", path).json["version"]}});
  }

  TestApp app;
  std::string lead;
  json id;
};

TEST_F(ImprovementActions, CheckWaitsUntilEveryActionIsDoneOrCancelled) {
  const json guide = Action("Write the level-1 diagnosis guide");
  const json probe = Action("Monitor the gateway's load");
  auto refused = Move("check");
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.json["error"]["code"], "improvement.actions_open");
  EXPECT_EQ(refused.json["error"]["field"], "phase");

  auto done = Set(guide, "done");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_FALSE(done.json["done_at"].is_null());
  EXPECT_EQ(Move("check").status, 400) << "one action is still open";
  ASSERT_EQ(Set(probe, "cancelled").status, 200);
  EXPECT_EQ(Move("check").status, 200);

  // Reopening an action forgets when it was done.
  auto reopened = Set(guide, "open");
  ASSERT_EQ(reopened.status, 200);
  EXPECT_TRUE(reopened.json["done_at"].is_null());
}

TEST_F(ImprovementActions, TheListOfAnImprovementsActionsIsFiltered) {
  Action("Write the level-1 diagnosis guide");
  auto list = app.As(lead, "GET", "/api/v1/improvement_actions?improvement=" + id.dump() + "&status=open");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json["total"], 1);
  auto bad = app.As(lead, "POST", "/api/v1/improvement_actions", {{"title", "No improvement"}});
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json["error"]["details"][0]["field"], "improvement") << bad.body;
  EXPECT_EQ(app.As(app.TokenFor("lea", Role::kEndUser), "GET", "/api/v1/improvement_actions").status, 403);
}

}  // namespace
}  // namespace boucle::testing
