#include "engage/relationship_health.hpp"

#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

const TimePoint kNow = *ParseTime("2026-03-31T12:00:00Z");

json Person(int64_t id, const std::string& name, const std::string& group) {
  return {{"id", id}, {"name", name}, {"stakeholder_group", group}, {"created_at", "2026-01-01T00:00:00Z"}};
}

TEST(RelationshipHealth, DueDatesFollowThePlansAndOverdueComesFirst) {
  HealthInputs in;
  in.stakeholders = {Person(1, "Claire (DSI)", "sponsor"), Person(2, "Marc (finance)", "finance"),
                     Person(3, "Jamais vu", "team_lead"), Person(4, "Sans plan", "end_user")};
  in.plans = {{{"id", 1}, {"stakeholder", 1}, {"stakeholder_group", nullptr}, {"frequency_days", 30}, {"active", true}},
              {{"id", 2}, {"stakeholder", nullptr}, {"stakeholder_group", "finance"}, {"frequency_days", 30}, {"active", true}},
              {{"id", 3}, {"stakeholder", nullptr}, {"stakeholder_group", "team_lead"}, {"frequency_days", 14}, {"active", true}},
              {{"id", 4}, {"stakeholder", nullptr}, {"stakeholder_group", "end_user"}, {"frequency_days", 7}, {"active", false}}};
  in.interactions = {{{"id", 10}, {"occurred_at", "2026-03-20T10:00:00Z"}, {"attendees", {1}}},
                     {{"id", 11}, {"occurred_at", "2026-01-15T10:00:00Z"}, {"attendees", {1, 2}}}};
  in.follow_ups = {{{"id", 1}, {"interaction", 11}, {"status", "open"}, {"due_at", "2026-02-01T00:00:00Z"}},
                   {{"id", 2}, {"interaction", 10}, {"status", "open"}, {"due_at", "2026-04-15T00:00:00Z"}},
                   {{"id", 3}, {"interaction", 10}, {"status", "done"}, {"due_at", "2026-02-01T00:00:00Z"}}};
  const json out = ComputeRelationshipHealth(in, kNow);
  ASSERT_EQ(out["rows"].size(), 3u) << "a stakeholder without an active plan is not listed";
  // Never heard since 1 January, due every 14 days: 89 days late.
  EXPECT_EQ(out["rows"][0]["name"], "Jamais vu");
  EXPECT_EQ(out["rows"][0]["status"], "never");
  EXPECT_EQ(out["rows"][0]["days_overdue"], 89);
  // Finance last heard 15 January, monthly: due 14 February, 45 days late, one overdue action.
  EXPECT_EQ(out["rows"][1]["name"], "Marc (finance)");
  EXPECT_EQ(out["rows"][1]["next_due"], "2026-02-14T10:00:00Z");
  EXPECT_EQ(out["rows"][1]["days_overdue"], 45);
  EXPECT_EQ(out["rows"][1]["overdue_follow_ups"], 1);
  // The CIO was heard on 20 March: on time, two open actions of which one overdue.
  EXPECT_EQ(out["rows"][2]["status"], "ok");
  EXPECT_EQ(out["rows"][2]["last_contact"], "2026-03-20T10:00:00Z");
  EXPECT_EQ(out["rows"][2]["open_follow_ups"], 2);
  EXPECT_EQ(out["rows"][2]["overdue_follow_ups"], 1);
  EXPECT_EQ(out["summary"][1]["name"], "overdue");
  EXPECT_EQ(out["summary"][1]["value"], 2);
  EXPECT_EQ(out["summary"][2]["value"], 1);
}

TEST(RelationshipHealth, ReportThroughTheApi) {
  TestApp app;
  auto lead = app.TokenFor("lead", Role::kTeamLead);
  auto user = app.TokenFor("user", Role::kEndUser);
  auto s = app.As(lead, "POST", "/api/v1/stakeholders", {{"name", "Julien"}, {"stakeholder_group", "team_lead"}});
  ASSERT_EQ(s.status, 201) << s.body;
  auto p = app.As(lead, "POST", "/api/v1/engagement_plans",
                  {{"title", "Point bimensuel"}, {"stakeholder_group", "team_lead"}, {"frequency_days", 14}});
  ASSERT_EQ(p.status, 201) << p.body;
  auto i = app.As(lead, "POST", "/api/v1/interactions",
                  {{"kind", "meeting"}, {"occurred_at", "2026-02-01T09:00:00Z"}, {"summary", "Comité réseau"}, {"attendees", {s.json["id"]}}});
  ASSERT_EQ(i.status, 201) << i.body;
  auto r = app.As(lead, "GET", "/api/v1/reports/relationship_health?stakeholder_group=team_lead");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json["rows"].size(), 1u);
  EXPECT_EQ(r.json["rows"][0]["next_due"], "2026-02-15T09:00:00Z");
  EXPECT_EQ(r.json["rows"][0]["days_overdue"], 15);  // the test clock stands at 2 March 2026, 09:00
  EXPECT_EQ(app.As(user, "GET", "/api/v1/reports/relationship_health").status, 403);
  auto bad = app.As(lead, "GET", "/api/v1/reports/relationship_health?colour=red");
  EXPECT_EQ(bad.json["error"]["field"], "colour");
  EXPECT_EQ(app.As(lead, "GET", "/api/v1/reports/nothing").status, 404);
}

}  // namespace
}  // namespace boucle::testing
