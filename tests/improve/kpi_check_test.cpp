// PDCA's Check through the API: the KPI before and after a change, with the significance test, asked
// of the KPI or recorded on an improvement by its measure actions.
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
    const T tickets[] = {{1, 6, 20, true},  {1, 13, 22, false}, {1, 20, 21, true}, {1, 27, 23, false},
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
  EXPECT_EQ(
      Check("sla_compliance", "change_at=2026-02-01T00:00:00Z", app_.TokenFor("lea", Role::kEndUser)).status,
      403);
}

class ImprovementMeasureTest : public KpiCheckTest {
 protected:
  json Improvement(const json& body) {
    auto r = app_.As(lead_, "POST", "/api/v1/improvements", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json;
  }
  Reply Act(int64_t id, const std::string& action, const json& input, const std::string& token = "") {
    return app_.As(token.empty() ? lead_ : token, "POST",
                   "/api/v1/improvements/" + std::to_string(id) + "/actions/" + action, input);
  }
};

TEST_F(ImprovementMeasureTest, TheEffectIsRecordedOnTheImprovementAgainstItsOwnTarget) {
  const json imp = Improvement({{"title", "Faster resolution"},
                                {"kpi", "resolve_time_mean_hours"},
                                {"baseline", 21.5},
                                {"target", 10}});
  auto r = Act(imp["id"], "measure_effect", {{"change_at", "2026-02-01T00:00:00Z"}, {"window_days", 28}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["verdict"], "improved");
  EXPECT_EQ(r.json["target_met"], false) << "10.5 h misses the improvement's own 10 h target";
  auto stored = app_.As(lead_, "GET", "/api/v1/improvements/" + std::to_string(imp["id"].get<int64_t>()));
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.json["effect_verdict"], "improved");
  EXPECT_DOUBLE_EQ(stored.json["effect_before"].get<double>(), 21.5);
  EXPECT_DOUBLE_EQ(stored.json["effect_after"].get<double>(), 10.5);
  EXPECT_NEAR(stored.json["effect_p_value"].get<double>(), 1.98252830915827e-5, 1e-9);
  EXPECT_EQ(stored.json["effect_target_met"], false);
  EXPECT_EQ(stored.json["effect_change_at"], "2026-02-01T00:00:00Z");
  EXPECT_EQ(stored.json["effect_window_days"], 28);
  EXPECT_FALSE(stored.json["effect_measured_at"].is_null());
  // The measured figures are the action's alone: a client cannot write them.
  auto forged = app_.As(lead_, "PATCH", "/api/v1/improvements/" + std::to_string(imp["id"].get<int64_t>()),
                        {{"effect_verdict", "improved"}, {"version", stored.json["version"]}});
  EXPECT_EQ(forged.status, 400) << forged.body;
}

TEST_F(ImprovementMeasureTest, TheImprovementsOwnDirectionJudgesTheChange) {
  // A target above the baseline wants the indicator to rise: the same drop is then a worsening.
  const json imp = Improvement({{"title", "Slower but surer"}, {"kpi", "resolve_time_mean_hours"},
                                {"baseline", 10}, {"target", 30}});
  auto r = Act(imp["id"], "measure_effect", {{"change_at", "2026-02-01T00:00:00Z"}, {"window_days", 28}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["verdict"], "worsened");
  EXPECT_EQ(r.json["target_met"], false);
}

TEST_F(ImprovementMeasureTest, TheBaselineIsMeasuredOverTheLastWindow) {
  const json imp = Improvement({{"title", "Faster resolution"}, {"kpi", "resolve_time_mean_hours"}});
  // Now is 2 March: the last 28 days hold the four tickets after the change, 10.5 h on average.
  auto r = Act(imp["id"], "measure_baseline", {{"window_days", 28}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_DOUBLE_EQ(r.json["baseline"].get<double>(), 10.5);
  EXPECT_DOUBLE_EQ(r.json["improvement"]["baseline"].get<double>(), 10.5);
  // Nothing resolved in a week long before any ticket: no baseline rather than a zero.
  const json empty = Improvement(
      {{"title", "Nothing to measure"},
       {"kpi", "resolve_time_mean_hours"},
       {"service", app_.records->Create(Actor::System(), "services", {{"name", "Empty"}})->at("id")}});
  auto none = Act(empty["id"], "measure_baseline", {{"window_days", 7}});
  ASSERT_EQ(none.status, 400) << none.body;
  EXPECT_EQ(none.json["error"]["code"], "improvement.no_data");
}

TEST_F(ImprovementMeasureTest, BadRequestsNameTheField) {
  const json without_kpi = Improvement({{"title", "No indicator yet"}});
  auto r = Act(without_kpi["id"], "measure_effect", {{"change_at", "2026-02-01T00:00:00Z"}});
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json["error"]["field"], "kpi");
  const json imp = Improvement({{"title", "Faster resolution"}, {"kpi", "sla_compliance"}});
  auto missing = Act(imp["id"], "measure_effect", json::object());
  ASSERT_EQ(missing.status, 400) << missing.body;
  EXPECT_EQ(missing.json["error"]["field"], "change_at");
  auto future = Act(imp["id"], "measure_effect", {{"change_at", "2027-01-01T00:00:00Z"}});
  ASSERT_EQ(future.status, 400);
  EXPECT_EQ(future.json["error"]["code"], "kpi.check_in_future");
  auto window = Act(imp["id"], "measure_effect", {{"change_at", "2026-02-01T00:00:00Z"}, {"window_days", 3}});
  ASSERT_EQ(window.status, 400);
  EXPECT_EQ(window.json["error"]["field"], "window_days");
  EXPECT_EQ(Act(imp["id"], "measure_effect", {{"change_at", "2026-02-01T00:00:00Z"}},
                app_.TokenFor("lea", Role::kEndUser))
                .status,
            403);
}

}  // namespace
}  // namespace boucle::testing
