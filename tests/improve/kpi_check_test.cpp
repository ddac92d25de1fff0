// PDCA's Check through the API: the KPI before and after a change, with the significance test.
// Expected figures come from Python's statistics module and mpmath, not from the code under test.
#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

TimePoint Day(int month, int day, int hour) {
  return TimePoint{std::chrono::sys_days{std::chrono::year{2026} / month / day}} + std::chrono::hours{hour};
}

class KpiCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lead_ = app_.TokenFor("lead", Role::kTeamLead);
    const TimePoint now = app_.clock.Now();  // 2 March 2026
    // One ticket resolved each week: four weeks before the change on 1 February, four after.
    struct T {
      int month, day, hours;
      bool breached;
    };
    const T tickets[] = {{1, 6, 20, true},  {1, 13, 22, false}, {1, 20, 21, true},  {1, 27, 23, false},
                         {2, 3, 10, false}, {2, 10, 11, false}, {2, 17, 9, false}, {2, 24, 12, false}};
    int n = 0;
    for (const auto& t : tickets) {
      const TimePoint resolved = Day(t.month, t.day, 18);
      app_.clock.Set(resolved - std::chrono::hours{t.hours});
      auto created = app_.records->Create(Actor::System(), "tickets",
                                          {{"title", "Ticket " + std::to_string(++n)},
                                           {"external_ref", "C" + std::to_string(n)},
                                           {"status", "closed"},
                                           {"sla_breached", t.breached},
                                           {"resolved_at", FormatTime(resolved)}});
      ASSERT_TRUE(created) << created.error().code << " " << created.error().field;
    }
    app_.clock.Set(now);
  }

  Reply Check(const std::string& kpi, const std::string& query, const std::string& token = "") {
    return app_.As(token.empty() ? lead_ : token, "GET", "/api/v1/kpis/" + kpi + "/check?" + query);
  }

  TestApp app_;
  std::string lead_;
};

TEST_F(KpiCheckTest, TimeToResolveDroppedSignificantly) {
  auto r = Check("resolve_time_mean_hours", "change_at=2026-02-01T00:00:00Z&window_days=28");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_DOUBLE_EQ(r.json["baseline"]["value"].get<double>(), 21.5);
  EXPECT_DOUBLE_EQ(r.json["after"]["value"].get<double>(), 10.5);
  EXPECT_EQ(r.json["baseline"]["n"], 4);
  EXPECT_EQ(r.json["baseline"]["weeks"].size(), 4u);
  EXPECT_EQ(r.json["test"]["method"], "welch_t");
  EXPECT_NEAR(r.json["test"]["statistic"].get<double>(), -12.049896265113654, 1e-9);
  EXPECT_NEAR(r.json["test"]["degrees_of_freedom"].get<double>(), 6.0, 1e-9);
  EXPECT_NEAR(r.json["test"]["p_value"].get<double>(), 1.98252830915827e-5, 1e-9);
  EXPECT_EQ(r.json["verdict"], "improved");
  EXPECT_EQ(r.json["target_met"], true);  // 10.5 h against a 24 h target
}

TEST_F(KpiCheckTest, FewTicketsAreNotEnoughToConclude) {
  auto r = Check("sla_compliance", "change_at=2026-02-01T00:00:00Z&window_days=28");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_DOUBLE_EQ(r.json["baseline"]["value"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(r.json["after"]["value"].get<double>(), 1.0);
  EXPECT_EQ(r.json["test"]["method"], "two_proportion_z");
  EXPECT_NEAR(r.json["test"]["statistic"].get<double>(), 1.6329931618554523, 1e-9);
  EXPECT_NEAR(r.json["test"]["p_value"].get<double>(), 0.10247043485974938, 1e-9);
  EXPECT_EQ(r.json["verdict"], "no_significant_change") << "4 tickets a side cannot prove a gain";
}

TEST_F(KpiCheckTest, AnEmptyWindowSaysSo) {
  auto r = Check("resolve_time_mean_hours", "change_at=2025-06-01T00:00:00Z&window_days=30");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["verdict"], "not_enough_data");
  EXPECT_TRUE(r.json["test"].is_null());
}

TEST_F(KpiCheckTest, BadRequestsNameTheParameter) {
  auto missing = Check("sla_compliance", "window_days=28");
  ASSERT_EQ(missing.status, 400);
  EXPECT_EQ(missing.json["error"]["field"], "change_at");
  auto future = Check("sla_compliance", "change_at=2027-01-01T00:00:00Z");
  ASSERT_EQ(future.status, 400);
  EXPECT_EQ(future.json["error"]["code"], "kpi.check_in_future");
  auto window = Check("sla_compliance", "change_at=2026-02-01T00:00:00Z&window_days=3");
  ASSERT_EQ(window.status, 400);
  EXPECT_EQ(window.json["error"]["field"], "window_days");
  EXPECT_EQ(Check("no_such_kpi", "change_at=2026-02-01T00:00:00Z").status, 404);
  EXPECT_EQ(Check("sla_compliance", "change_at=2026-02-01T00:00:00Z", app_.TokenFor("lea", Role::kEndUser)).status, 403);
}

}  // namespace
}  // namespace boucle::testing
