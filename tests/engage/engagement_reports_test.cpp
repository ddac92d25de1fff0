#include "engage/engagement_reports.hpp"

#include <gtest/gtest.h>

#include "engage/you_said_we_did.hpp"
#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

TEST(PowerInterest, QuadrantsSplitBetweenThreeAndFour) {
  EXPECT_EQ(Quadrant(5, 5), "manage_closely");
  EXPECT_EQ(Quadrant(4, 3), "keep_satisfied");
  EXPECT_EQ(Quadrant(3, 4), "keep_informed");
  EXPECT_EQ(Quadrant(3, 3), "monitor");
  EXPECT_EQ(EngagementGap("resistant", "leading"), 3);
  EXPECT_EQ(EngagementGap("leading", "supportive"), -1);
}

class StakeholderMap : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = app.TokenFor("admin", Role::kAdmin);
    vpn = app.As(admin, "POST", "/api/v1/services", {{"name", "VPN"}}).json["id"];
    Person("Claire", "sponsor", 5, 5, "resistant", "leading", json::array({vpn}));
    Person("Marc", "finance", 4, 2, "neutral", "supportive", json::array({vpn}));
    Person("Nina", "end_user", 2, 5, "supportive", "supportive", json::array({vpn}));
    Person("Omar", "end_user", 1, 1, "unaware", "neutral", json::array());
  }
  void Person(const std::string& name, const std::string& group, int influence, int interest,
              const std::string& now, const std::string& wanted, const json& services) {
    auto r = app.As(admin, "POST", "/api/v1/stakeholders",
                    {{"name", name},
                     {"stakeholder_group", group},
                     {"influence", influence},
                     {"interest", interest},
                     {"engagement_current", now},
                     {"engagement_desired", wanted},
                     {"services", services}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  TestApp app;
  std::string admin;
  json vpn;
};

TEST_F(StakeholderMap, PowerInterestGridFiltersByServiceAndGroup) {
  auto r = app.As(admin, "GET", "/api/v1/reports/power_interest?service=" + vpn.dump(), nullptr,
                  {{"accept-language", "en"}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json["rows"].size(), 3u) << "Omar is not concerned by the VPN";
  EXPECT_EQ(r.json["rows"][0]["quadrant_label"], "Manage closely");
  EXPECT_EQ(r.json["rows"][1]["quadrant"], "keep_satisfied");
  EXPECT_EQ(r.json["rows"][2]["quadrant"], "keep_informed");
  // manage closely, keep satisfied, keep informed, monitor
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(r.json["summary"][i]["value"], i < 3 ? 1 : 0) << i;
  auto users = app.As(admin, "GET", "/api/v1/reports/power_interest?stakeholder_group=end_user");
  ASSERT_EQ(users.json["rows"].size(), 2u);
  EXPECT_EQ(users.json["rows"][1]["quadrant_label"], "Surveiller");

  auto meta = app.As(admin, "GET", "/api/v1/meta");
  for (const auto& rep : meta.json["reports"]) {
    if (rep["name"] != "power_interest") continue;
    EXPECT_EQ(rep["chart"]["kind"], "bubble");
    EXPECT_EQ(rep["chart"]["x"], "interest");
    EXPECT_EQ(rep["chart"]["quadrants"]["high_high"]["fr"], "Gérer de près");
  }
}

TEST_F(StakeholderMap, EngagementMatrixShowsTheGapLargestFirst) {
  auto r = app.As(admin, "GET", "/api/v1/reports/engagement_matrix");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json["rows"].size(), 4u);
  EXPECT_EQ(r.json["rows"][0]["name"], "Claire");
  EXPECT_EQ(r.json["rows"][0]["gap"], 3);
  EXPECT_EQ(r.json["rows"][3]["name"], "Nina");
  EXPECT_EQ(r.json["rows"][3]["gap"], 0);
  // unaware, resistant, neutral, supportive, leading, to raise, beyond
  const std::vector<int> expected{1, 1, 1, 1, 0, 3, 0};
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(r.json["summary"][i]["value"], expected[i]) << i;
  auto sponsors = app.As(admin, "GET",
                         "/api/v1/reports/engagement_matrix?stakeholder_group=sponsor&service=" + vpn.dump());
  EXPECT_EQ(sponsors.json["rows"].size(), 1u);
}

TEST_F(StakeholderMap, YouSaidWeDidShowsThemesAndWorkWithoutNames) {
  auto agent = app.TokenFor("agent", Role::kAgent);
  auto lea = app.TokenFor("lea", Role::kEndUser);
  auto sh = app.As(
      admin, "POST", "/api/v1/stakeholders",
      {{"name", "Léa Secret"}, {"stakeholder_group", "end_user"}, {"user_account", app.UserId("lea")}});
  ASSERT_EQ(sh.status, 201);
  auto idea = app.As(lea, "POST", "/api/v1/demands",
                     {{"kind", "idea"}, {"title", "VPN plus rapide le matin"}, {"service", vpn}});
  auto need = app.As(lea, "POST", "/api/v1/demands",
                     {{"kind", "need"}, {"title", "Mot de passe VPN oublié"}, {"service", vpn}});
  auto idea2 = app.As(lea, "POST", "/api/v1/demands",
                      {{"kind", "idea"}, {"title", "VPN sans coupure"}, {"service", vpn}});
  ASSERT_EQ(app.As(lea, "POST", "/api/v1/feedback",
                   {{"kind", "praise"}, {"summary", "Bravo pour le VPN"}, {"service", vpn}})
                .status,
            201);
  auto routed = app.As(agent, "POST", "/api/v1/demands/" + idea.json["id"].dump() + "/actions/route");
  ASSERT_EQ(routed.status, 200) << routed.body;
  ASSERT_EQ(app.As(agent, "POST", "/api/v1/demands/" + need.json["id"].dump() + "/actions/route").status,
            200);

  auto r = app.As(lea, "GET", "/api/v1/reports/you_said_we_did?service=" + vpn.dump(), nullptr,
                  {{"accept-language", "en"}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json["rows"].size(), 3u) << r.body;
  const json& ideas = r.json["rows"][0];
  EXPECT_EQ(ideas["theme"], "Demand · Improvement idea");
  EXPECT_EQ(ideas["count"], 2);
  EXPECT_EQ(ideas["top_words"], "vpn (2), coupure (1), matin (1), rapide (1)");
  EXPECT_EQ(ideas["what_we_did"], "Improvement : VPN plus rapide le matin (Plan)");
  EXPECT_EQ(ideas["actions"], 1);
  EXPECT_EQ(ideas["completed"], 0);
  EXPECT_EQ(r.body.find("Mot de passe"), std::string::npos) << "a ticket shows its number, never its title";
  EXPECT_NE(r.body.find("Ticket : #"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("Léa"), std::string::npos) << "no one's name";
}

}  // namespace
}  // namespace boucle::testing
