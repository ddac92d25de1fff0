#include "engage/relationship_health.hpp"

#include <gtest/gtest.h>

#include <map>

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


// The report reads each stakeholder's kept latest interaction instead of every interaction: after
// creations, an edit that moves a meeting earlier, a deletion and a meeting planned ahead, it gives
// the same figures as the computation over every interaction, and pages them on request.
TEST(RelationshipHealth, KeptLatestInteractionGivesTheSameFiguresAsEveryInteraction) {
  TestApp app;
  auto lead = app.TokenFor("lead", Role::kTeamLead);
  auto admin = app.TokenFor("admin", Role::kAdmin);
  auto person = [&](const std::string& name, const std::string& group) {
    auto r = app.As(lead, "POST", "/api/v1/stakeholders", {{"name", name}, {"stakeholder_group", group}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json["id"].get<int64_t>();
  };
  auto meet = [&](const std::string& at, json attendees) {
    auto r = app.As(lead, "POST", "/api/v1/interactions",
                    {{"kind", "meeting"}, {"occurred_at", at}, {"summary", "Point d'équipe"}, {"attendees", attendees}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json;
  };
  const int64_t a = person("Alice", "team_lead"), b = person("Bruno", "team_lead"), c = person("Chloé", "team_lead"),
                d = person("David", "end_user");
  ASSERT_EQ(app.As(lead, "POST", "/api/v1/engagement_plans",
                   {{"title", "Point bimensuel"}, {"stakeholder_group", "team_lead"}, {"frequency_days", 14}})
                .status,
            201);
  ASSERT_EQ(app.As(lead, "POST", "/api/v1/engagement_plans",
                   {{"title", "Point mensuel"}, {"stakeholder", d}, {"frequency_days", 30}})
                .status,
            201);
  const json first = meet("2026-02-01T09:00:00Z", {a, b});
  const json second = meet("2026-02-20T09:00:00Z", {a});
  meet("2026-03-10T09:00:00Z", {b});  // planned ahead of the clock (2 March)
  const json gone = meet("2026-02-25T09:00:00Z", {c});
  meet("2026-02-28T09:00:00Z", {d});
  // Alice's latest meeting moves before the first one; Chloé's only one is deleted.
  auto moved = app.As(lead, "PATCH", "/api/v1/interactions/" + std::to_string(second["id"].get<int64_t>()),
                      {{"occurred_at", "2026-01-10T09:00:00Z"}, {"version", second["version"]}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  ASSERT_EQ(app.As(admin, "DELETE", "/api/v1/interactions/" + std::to_string(gone["id"].get<int64_t>())).status, 204);
  ASSERT_EQ(app.As(lead, "POST", "/api/v1/follow_ups",
                   {{"title", "Envoyer le compte rendu"}, {"interaction", first["id"]}, {"due_at", "2026-02-15T00:00:00Z"}})
                .status,
            201);
  EXPECT_EQ(app.As(lead, "GET", "/api/v1/stakeholders/" + std::to_string(a)).json["latest_interaction_at"],
            "2026-02-01T09:00:00Z");
  EXPECT_EQ(app.As(lead, "GET", "/api/v1/stakeholders/" + std::to_string(b)).json["latest_interaction_at"],
            "2026-03-10T09:00:00Z");
  EXPECT_TRUE(app.As(lead, "GET", "/api/v1/stakeholders/" + std::to_string(c)).json["latest_interaction_at"].is_null());

  auto r = app.As(lead, "GET", "/api/v1/reports/relationship_health");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json["rows"].size(), 4u);
  EXPECT_EQ(r.json["total"], 4);
  std::map<int64_t, json> row;
  for (const auto& x : r.json["rows"]) row[x["stakeholder"].get<int64_t>()] = x;
  EXPECT_EQ(row[a]["last_contact"], "2026-02-01T09:00:00Z");
  EXPECT_EQ(row[a]["days_overdue"], 15);
  EXPECT_EQ(row[a]["overdue_follow_ups"], 1);
  EXPECT_EQ(row[b]["last_contact"], "2026-02-01T09:00:00Z") << "a meeting ahead of now is no contact yet";
  EXPECT_EQ(row[b]["status"], "overdue");
  EXPECT_EQ(row[b]["open_follow_ups"], 1);
  EXPECT_EQ(row[c]["status"], "never");
  EXPECT_EQ(row[d]["status"], "ok");
  EXPECT_EQ(row[d]["next_due"], "2026-03-30T09:00:00Z");
  EXPECT_EQ(r.json["summary"][1]["value"], 2);
  EXPECT_EQ(r.json["summary"][2]["value"], 1);

  // The same computation over every interaction and no kept summary agrees row for row.
  HealthInputs every;
  for (auto [type, out] : {std::pair{"stakeholders", &every.stakeholders}, std::pair{"engagement_plans", &every.plans},
                           std::pair{"interactions", &every.interactions}, std::pair{"follow_ups", &every.follow_ups}}) {
    auto list = app.As(lead, "GET", std::string("/api/v1/") + type + "?limit=500&sort=id");
    ASSERT_EQ(list.status, 200) << list.body;
    for (auto item : list.json["items"]) {
      item.erase("latest_interaction_at");
      out->push_back(item);
    }
  }
  const json reference = ComputeRelationshipHealth(every, app.clock.Now());
  EXPECT_EQ(r.json["rows"], reference["rows"]);
  EXPECT_EQ(r.json["summary"], reference["summary"]);

  auto page = app.As(lead, "GET", "/api/v1/reports/relationship_health?limit=2&offset=1");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json["total"], 4);
  ASSERT_EQ(page.json["rows"].size(), 2u);
  EXPECT_EQ(page.json["rows"][0], r.json["rows"][1]);
  EXPECT_EQ(page.json["summary"], r.json["summary"]) << "the summary covers every row, not the page";
  EXPECT_EQ(app.As(lead, "GET", "/api/v1/reports/relationship_health?limit=0").status, 400);
}

}  // namespace
}  // namespace boucle::testing
