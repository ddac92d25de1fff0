// Declarative KPIs through the API: hand-checked values of every built-in over a small fixture,
// grouping and periods, click-through queries that find exactly the counted records, and custom
// definitions checked field by field.
#include <gtest/gtest.h>

#include <cmath>

#include "improve/kpi_engine.hpp"
#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

TimePoint At(int y, unsigned m, unsigned d, int h) {
  return TimePoint{std::chrono::sys_days{std::chrono::year{y} / m / d}} + std::chrono::hours{h};
}

// Five tickets imported as they were (system actor + external_ref keep the given values):
//   T1 2026-01-05 10:00 network  closed      resolved +4 h   SLA met     reassign 0 reopen 0
//   T2 2026-01-07 09:00 network  resolved    resolved +48 h  SLA missed  reassign 1 reopen 1
//   T3 2026-01-12 08:00 email    in_progress                 no verdict
//   T4 2026-02-02 08:00 email    closed      resolved +2 h   SLA met
//   T5 2026-02-20 12:00 (none)   new
// Feedback ratings 5, 4, 2 and one unrated. Now is the test clock, 2026-03-02 09:00.
class KpiApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    token_ = app_.TokenFor("lead", Role::kTeamLead);
    const TimePoint now = app_.clock.Now();
    struct T {
      TimePoint created;
      const char* category;
      const char* status;
      int resolve_hours;  // < 0: not resolved
      Json sla_breached;
      int reassign, reopen;
    };
    const T tickets[] = {{At(2026, 1, 5, 10), "network", "closed", 4, false, 0, 0},
                         {At(2026, 1, 7, 9), "network", "resolved", 48, true, 1, 1},
                         {At(2026, 1, 12, 8), "email", "in_progress", -1, nullptr, 0, 0},
                         {At(2026, 2, 2, 8), "email", "closed", 2, false, 0, 0},
                         {At(2026, 2, 20, 12), nullptr, "new", -1, nullptr, 0, 0}};
    int n = 0;
    for (const auto& t : tickets) {
      app_.clock.Set(t.created);
      Json body{{"title", "Ticket " + std::to_string(++n)},
                {"external_ref", "T" + std::to_string(n)},
                {"status", t.status},
                {"category", t.category ? Json(t.category) : Json()},
                {"sla_breached", t.sla_breached},
                {"reassignment_count", t.reassign},
                {"reopen_count", t.reopen}};
      if (t.resolve_hours >= 0)
        body["resolved_at"] = FormatTime(t.created + std::chrono::hours{t.resolve_hours});
      auto created = app_.records->Create(Actor::System(), "tickets", body);
      ASSERT_TRUE(created) << created.error().code << " " << created.error().field;
    }
    app_.clock.Set(now);
    auto service = app_.records->Create(Actor::System(), "services", {{"name", "Messagerie"}});
    ASSERT_TRUE(service);
    auto person = app_.records->Create(Actor::System(), "stakeholders",
                                       {{"name", "Alice"}, {"stakeholder_group", "end_user"}});
    ASSERT_TRUE(person);
    for (Json rating : {Json(5), Json(4), Json(2), Json()}) {
      auto f = app_.records->Create(Actor::System(), "feedback",
                                    {{"stakeholder", (*person)["id"]},
                                     {"service", (*service)["id"]},
                                     {"kind", "praise"},
                                     {"summary", "Un retour"},
                                     {"rating", rating}});
      ASSERT_TRUE(f) << f.error().code << " " << f.error().field;
    }
  }

  Reply Get(const std::string& target) { return app_.As(token_, "GET", target); }

  Json Overview() {
    auto r = Get("/api/v1/kpis");
    EXPECT_EQ(r.status, 200) << r.body;
    Json by_id = Json::object();
    for (const auto& k : r.json["kpis"]) by_id[k["id"].get<std::string>()] = k;
    return by_id;
  }

  // Every point's list query finds exactly the records it counted.
  void ExpectClickThrough(const Json& point) {
    const Json& q = point["query"];
    auto list = Get("/api/v1/" + q["type"].get<std::string>() + "?" + q["search"].get<std::string>());
    ASSERT_EQ(list.status, 200) << q.dump() << list.body;
    EXPECT_EQ(list.json["total"], point["n"]) << q.dump();
  }

  TestApp app_;
  std::string token_;
};

TEST_F(KpiApiTest, EveryBuiltInHandChecked) {
  const Json k = Overview();
  auto value = [&](const char* id) { return k[id]["value"]; };
  EXPECT_EQ(value("ticket_count"), 5);
  EXPECT_EQ(value("resolved_count"), 3);
  EXPECT_EQ(value("backlog_count"), 2);
  // T3: 49 days and 1 hour; T5: 10 days less 3 hours.
  EXPECT_DOUBLE_EQ(value("backlog_age_mean_hours").get<double>(), (1177.0 + 237.0) / 2);
  EXPECT_DOUBLE_EQ(value("backlog_age_p90_hours").get<double>(), 1177.0);
  EXPECT_DOUBLE_EQ(value("reopen_rate").get<double>(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(value("reassignment_rate").get<double>(), 1.0 / 5);
  EXPECT_DOUBLE_EQ(value("sla_compliance").get<double>(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(value("first_contact_resolution_rate").get<double>(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(value("resolve_time_mean_hours").get<double>(), 18.0);
  EXPECT_DOUBLE_EQ(value("resolve_time_median_hours").get<double>(), 4.0);
  EXPECT_DOUBLE_EQ(value("resolve_time_p90_hours").get<double>(), 48.0);
  EXPECT_DOUBLE_EQ(value("satisfaction_mean").get<double>(), 11.0 / 3);
  EXPECT_DOUBLE_EQ(value("csat").get<double>(), 2.0 / 3);
  EXPECT_EQ(k["nps"]["status"], "unknown");  // no survey answered in this fixture yet
  EXPECT_EQ(k["survey_response_rate"]["status"], "unknown");
  // Status against target and warning, in the KPI's direction.
  EXPECT_EQ(k["resolve_time_mean_hours"]["status"], "ok");  // 18 <= 24
  EXPECT_EQ(k["sla_compliance"]["status"], "critical");     // 0.67 < 0.90
  EXPECT_EQ(k["satisfaction_mean"]["status"], "warning");   // 3.5 <= 3.67 < 4
  EXPECT_EQ(k["ticket_count"]["status"], "none");           // no target
  EXPECT_EQ(k["sla_compliance"]["target"], 0.95);
  EXPECT_EQ(k["sla_compliance"]["direction"], "higher");
}

TEST_F(KpiApiTest, MonthsAndGroupsWithClickThrough) {
  auto r = Get("/api/v1/kpis/ticket_count?group=category&period=month");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["value"], 5);
  std::map<std::string, int64_t> cells;
  for (const auto& s : r.json["series"])
    for (const auto& p : s["points"]) {
      cells[(s["group"].is_null() ? "-" : s["group"].get<std::string>()) + "@" +
            p["period"].get<std::string>()] = p["n"].get<int64_t>();
      ExpectClickThrough(p);
    }
  EXPECT_EQ(cells,
            (std::map<std::string, int64_t>{
                {"network@2026-01", 2}, {"email@2026-01", 1}, {"email@2026-02", 1}, {"-@2026-02", 1}}));
  ASSERT_EQ(r.json["groups"].size(), 3u);
  for (const auto& g : r.json["groups"]) ExpectClickThrough(g);
  EXPECT_EQ(r.json["series"][0]["points"][0]["start"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(r.json["series"][0]["points"][0]["end"], "2026-02-01T00:00:00Z");
}

TEST_F(KpiApiTest, WeeksOfResolutionTimes) {
  auto r = Get("/api/v1/kpis/resolve_time_mean_hours?period=week");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json["series"].size(), 1u);
  const Json& points = r.json["series"][0]["points"];
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0]["period"], "2026-01-05");  // T1 (Monday) and T2 (Friday): the week of Monday 5
  EXPECT_DOUBLE_EQ(points[0]["value"].get<double>(), 26.0);
  EXPECT_EQ(points[1]["period"], "2026-02-02");
  EXPECT_DOUBLE_EQ(points[1]["value"].get<double>(), 2.0);
  EXPECT_EQ(points[1]["status"], "ok");
  for (const auto& p : points) ExpectClickThrough(p);
}

TEST_F(KpiApiTest, SharesCarryTheirHitsQuery) {
  auto r = Get("/api/v1/kpis/sla_compliance?period=none&category=network");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_DOUBLE_EQ(r.json["value"].get<double>(), 0.5);  // T1 met, T2 missed
  const Json& p = r.json["series"][0]["points"][0];
  ExpectClickThrough(p);
  auto hits = Get("/api/v1/tickets?" + p["hits_query"]["search"].get<std::string>());
  EXPECT_EQ(hits.json["total"], 1);
}

TEST_F(KpiApiTest, CustomDefinitionsAreRecords) {
  auto created = app_.As(token_, "POST", "/api/v1/kpi_definitions",
                         {{"key", "network_tickets"},
                          {"name", "Tickets réseau"},
                          {"measure", "count"},
                          {"filter", "category=network"},
                          {"unit", "count"},
                          {"target", 1},
                          {"warning", 3},
                          {"direction", "lower"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const Json k = Overview();
  EXPECT_EQ(k["network_tickets"]["value"], 2);
  EXPECT_EQ(k["network_tickets"]["status"], "warning");
  EXPECT_FALSE(k["network_tickets"]["builtin"].get<bool>());
  auto unnamed =
      app_.As(token_, "POST", "/api/v1/kpi_definitions",
              {{"name", "Tickets réseau ouverts"}, {"measure", "count"}, {"filter", "category=network"}});
  ASSERT_EQ(unnamed.status, 201) << unnamed.body;
  EXPECT_EQ(unnamed.json["key"], "tickets_r_seau_ouverts");  // derived from the name
  auto detail = Get("/api/v1/kpis/network_tickets?period=month");
  ASSERT_EQ(detail.status, 200) << detail.body;
  ExpectClickThrough(detail.json["series"][0]["points"][0]);
}

TEST_F(KpiApiTest, BadDefinitionsNameTheField) {
  const std::vector<std::pair<Json, std::string>> cases{
      {{{"group_by", "colour"}}, "group_by"},
      {{{"measure", "mode"}}, "measure"},
      {{{"filter", "colour=red"}}, "filter"},
      {{{"filter", "status=lost"}}, "filter"},
      {{{"source", "elsewhere"}}, "source"},
      {{{"measure", "share"}}, "numerator"},
      {{{"measure", "mean"}, {"value", "title"}}, "value"},
      {{{"measure", "mean"}, {"value", "created_at..colour"}}, "value"},
      {{{"period_field", "title"}}, "period_field"},
      {{{"target", 0.9}, {"warning", 0.95}}, "warning"},
      {{{"key", "ticket_count"}}, "key"},
      {{{"key", "Bad Key"}}, "key"},
  };
  for (const auto& [patch, field] : cases) {
    Json body{{"key", "custom_one"}, {"name", "Un indicateur"}, {"measure", "count"}};
    body.update(patch);
    auto r = app_.As(token_, "POST", "/api/v1/kpi_definitions", body);
    EXPECT_EQ(r.status, 400) << patch.dump() << r.body;
    EXPECT_EQ(r.json["error"]["field"], field) << patch.dump() << r.body;
  }
  auto group = Get("/api/v1/kpis/ticket_count?group=title");
  EXPECT_EQ(group.status, 400);
  EXPECT_EQ(group.json["error"]["field"], "group");
  auto period = Get("/api/v1/kpis/ticket_count?period=year");
  EXPECT_EQ(period.json["error"]["field"], "period");
  auto filter = Get("/api/v1/kpis/ticket_count?colour=red");
  EXPECT_EQ(filter.status, 400);
  EXPECT_EQ(Get("/api/v1/kpis/nothing_like_it").status, 404);
}

TEST_F(KpiApiTest, EndUsersMayNotSeeKpis) {
  const std::string user = app_.TokenFor("someone", Role::kEndUser);
  EXPECT_EQ(app_.As(user, "GET", "/api/v1/kpis").status, 403);
  EXPECT_EQ(app_.As(user, "GET", "/api/v1/kpis/ticket_count").status, 403);
}

TEST(KpiBuiltins, EveryBuiltInIsValid) {
  const Registry registry = BuildRegistry();
  for (const auto& def : BuiltinKpis()) {
    if (def.source == "survey_answers" && !registry.Find("survey_answers")) continue;
    auto st = ValidateKpi(def, FinderFor(registry));
    EXPECT_TRUE(st) << def.id << ": " << st.error().code << " " << st.error().field;
  }
}

TEST(KpiQuery, PeriodBounds) {
  EXPECT_EQ(PeriodBounds(AggregatePeriod::kMonth, "2026-12"),
            (std::pair<std::string, std::string>{"2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"}));
  EXPECT_EQ(PeriodBounds(AggregatePeriod::kWeek, "2026-02-23"),
            (std::pair<std::string, std::string>{"2026-02-23T00:00:00Z", "2026-03-02T00:00:00Z"}));
  auto params = ParseFilterText("status__in=resolved,closed&title=a%26b", "filter");
  ASSERT_TRUE(params);
  EXPECT_EQ(params->find("title")->second, "a&b");
  EXPECT_EQ(QueryString(*params), "status__in=resolved,closed&title=a%26b");
  EXPECT_FALSE(ParseFilterText("novalue", "filter"));
}

}  // namespace
}  // namespace boucle::testing
