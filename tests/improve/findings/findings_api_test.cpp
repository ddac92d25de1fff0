// Findings through the API: the analyses write them once (a re-run changes nothing), people turn
// them into improvements or problems linked to their evidence, or dismiss them for good.
#include <gtest/gtest.h>

#include "improve/findings/findings.hpp"
#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class FindingsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    agent = app.TokenFor("agent", Role::kAgent);
    user = app.TokenFor("lea", Role::kEndUser);
    finance = app.TokenFor("finn", Role::kFinance);
    const std::string lead = app.TokenFor("lead", Role::kTeamLead);
    service = app.As(lead, "POST", "/api/v1/services", {{"name", "Messagerie"}}).json["id"];
    // Three tickets sent from the desk to the network team and back: ping-pong Desk ↔ Network.
    for (int i = 0; i < 3; ++i) {
      const int64_t id = NewTicket("Poste lent n°" + std::to_string(i), "Desk");
      Patch(id, {{"assignment_group", "Network"}});
      Patch(id, {{"assignment_group", "Desk"}});
    }
    // Three look-alike incidents of one service: a problem candidate.
    for (const char* text :
         {"Outlook ne démarre plus", "Outlook ne démarre plus ce matin", "outlook démarre pas"})
      incidents.push_back(NewTicket(text, "Desk", service));
  }

  int64_t NewTicket(const std::string& title, const std::string& group, int64_t on_service = 0) {
    json body{{"title", title}, {"assignment_group", group}};
    if (on_service) body["service"] = on_service;
    auto r = app.As(agent, "POST", "/api/v1/tickets", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json["id"].get<int64_t>();
  }

  void Patch(int64_t id, json changes) {
    const std::string path = "/api/v1/tickets/" + std::to_string(id);
    changes["version"] = app.As(agent, "GET", path).json["version"];
    auto r = app.As(agent, "PATCH", path, changes);
    EXPECT_EQ(r.status, 200) << r.body;
  }

  AnalysisRun Analyse() {
    auto run = RunFindingAnalyses(*app.records);
    EXPECT_TRUE(run.has_value()) << (run ? "" : run.error().code);
    return run ? *run : AnalysisRun{};
  }

  json One(const std::string& query) {
    auto r = app.As(agent, "GET", "/api/v1/findings?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json["items"].size(), 1u) << r.body;
    return r.json["items"].empty() ? json() : r.json["items"][0];
  }

  Reply Act(int64_t id, const std::string& action, const json& body = json::object()) {
    return app.As(agent, "POST", "/api/v1/findings/" + std::to_string(id) + "/actions/" + action, body);
  }

  TestApp app;
  std::string agent, user, finance;
  int64_t service = 0;
  std::vector<int64_t> incidents;
};

TEST_F(FindingsApiTest, AnalysesWriteFindingsOnceWithTheirEvidence) {
  const auto first = Analyse();
  EXPECT_EQ(first.tickets, 6);
  EXPECT_GT(first.created, 0);
  const json pong = One("kind=ping_pong&dimension=group");
  EXPECT_EQ(pong["subject"], "Desk ↔ Network");
  EXPECT_EQ(pong["ticket_count"], 3);
  EXPECT_EQ(pong["status"], "new");
  EXPECT_EQ(pong["tickets"].size(), 3u);
  const json recurring = One("kind=recurring_incidents");
  EXPECT_EQ(recurring["subject_key"], std::to_string(service));
  EXPECT_EQ(recurring["tickets"], json(std::vector<int64_t>{incidents[2], incidents[1], incidents[0]}));

  const int64_t total = app.As(agent, "GET", "/api/v1/findings").json["total"].get<int64_t>();
  const auto again = Analyse();
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.updated, 0) << "nothing changed: nothing written";
  EXPECT_EQ(again.unchanged, total);
  EXPECT_EQ(app.As(agent, "GET", "/api/v1/findings").json["total"], total);
}

TEST_F(FindingsApiTest, DismissedFindingsAreNeverBroughtBack) {
  Analyse();
  const json pong = One("kind=ping_pong&dimension=group");
  const int64_t id = pong["id"].get<int64_t>();
  auto bad = Act(id, "dismiss", {{"reason", ""}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.json["error"]["field"], "reason");
  auto done = Act(id, "dismiss", {{"reason", "Transferts voulus : le réseau qualifie puis rend la main."}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json["finding"]["status"], "dismissed");
  EXPECT_EQ(Act(id, "dismiss", {{"reason", "encore"}}).status, 409);
  const auto run = Analyse();
  EXPECT_EQ(run.kept_dismissed, 1);
  const json after = One("kind=ping_pong&dimension=group");
  EXPECT_EQ(after["id"], id);
  EXPECT_EQ(after["status"], "dismissed");
  EXPECT_EQ(Act(id, "to_improvement").status, 409) << "a dismissed finding is not acted on";
}

TEST_F(FindingsApiTest, FindingBecomesAnImprovementLinkedToIt) {
  Analyse();
  const int64_t id = One("kind=ping_pong&dimension=group")["id"].get<int64_t>();
  auto r = Act(id, "to_improvement", {{"title", "Règle de routage réseau"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["finding"]["status"], "accepted");
  const json improvement = r.json["created"]["record"];
  EXPECT_EQ(improvement["title"], "Règle de routage réseau");
  EXPECT_EQ(improvement["kpi"], "reassignment_rate");
  EXPECT_NE(improvement["description"].get<std::string>().find("Tickets : "), std::string::npos);
  EXPECT_EQ(r.json["finding"]["improvement"], improvement["id"]);
  auto links =
      app.As(agent, "GET", "/api/v1/links?kind=originates_from&to_type=findings&to_id=" + std::to_string(id));
  ASSERT_EQ(links.json["items"].size(), 1u) << links.body;
  EXPECT_EQ(links.json["items"][0]["from_type"], "improvements");
  EXPECT_EQ(Act(id, "to_improvement").status, 409) << "one improvement per finding";
  EXPECT_EQ(Analyse().updated, 0) << "an accepted finding keeps its status on a re-run";
  EXPECT_EQ(One("kind=ping_pong&dimension=group")["status"], "accepted");
}

TEST_F(FindingsApiTest, RecurringIncidentsOpenAProblemWithTheirSymptoms) {
  Analyse();
  const int64_t pong = One("kind=ping_pong&dimension=group")["id"].get<int64_t>();
  auto wrong = Act(pong, "to_problem");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.json["error"]["field"], "kind");
  const int64_t id = One("kind=recurring_incidents")["id"].get<int64_t>();
  auto r = Act(id, "to_problem");
  ASSERT_EQ(r.status, 200) << r.body;
  const json problem = r.json["created"]["record"];
  EXPECT_EQ(problem["service"], service);
  EXPECT_EQ(problem["status"], "open");
  const std::string pid = std::to_string(problem["id"].get<int64_t>());
  auto symptoms = app.As(agent, "GET", "/api/v1/links?kind=caused_by&to_type=problems&to_id=" + pid);
  EXPECT_EQ(symptoms.json["items"].size(), 3u) << symptoms.body;
  auto origin = app.As(agent, "GET", "/api/v1/links?kind=originates_from&from_type=problems&from_id=" + pid);
  ASSERT_EQ(origin.json["items"].size(), 1u);
  EXPECT_EQ(origin.json["items"][0]["to_type"], "findings");
}

TEST_F(FindingsApiTest, FindingsNoLongerSeenAreMarkedGone) {
  Analyse();
  const int64_t id = One("kind=recurring_incidents")["id"].get<int64_t>();
  // One of the three look-alike incidents was about something else: two are not a pattern.
  Patch(incidents[0], {{"title", "Imprimante en panne au deuxième"}});
  const auto run = Analyse();
  EXPECT_EQ(run.gone, 1);
  auto gone = app.As(agent, "GET", "/api/v1/findings/" + std::to_string(id));
  EXPECT_EQ(gone.json["status"], "gone");
  EXPECT_EQ(Analyse().gone, 0) << "marked once";
  // Evidence is kept: a ticket behind a finding cannot be deleted from under it.
  const std::string admin = app.TokenFor("admin", Role::kAdmin);
  auto refused = app.As(admin, "DELETE", "/api/v1/tickets/" + std::to_string(incidents[1]));
  EXPECT_EQ(refused.status, 409) << refused.body;
}

TEST_F(FindingsApiTest, OnlyStaffWhoWorkTicketsSeeFindings) {
  Analyse();
  EXPECT_EQ(app.As(user, "GET", "/api/v1/findings").status, 403);
  EXPECT_EQ(app.As(finance, "GET", "/api/v1/findings").status, 403);
  auto bad = app.As(agent, "POST", "/api/v1/findings", {{"kind", "ping_pong"}});
  EXPECT_EQ(bad.status, 403) << "written by the analyses, not by hand";
}

TEST_F(FindingsApiTest, ParetoReportWithClickThrough) {
  auto r = app.As(agent, "GET", "/api/v1/reports/pareto?dimension=group");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json["rows"].size(), 1u) << "every ticket is back at the desk";
  EXPECT_EQ(r.json["rows"][0]["value"], "Desk");
  EXPECT_EQ(r.json["rows"][0]["tickets"], 6);
  EXPECT_DOUBLE_EQ(r.json["rows"][0]["cumulative"].get<double>(), 1.0);
  EXPECT_EQ(r.json["rows"][0]["query"]["search"], "assignment_group=Desk");
  auto services = app.As(agent, "GET", "/api/v1/reports/pareto?dimension=service&measure=hours");
  ASSERT_EQ(services.status, 200) << services.body;
  EXPECT_EQ(services.json["rows"][0]["value"], "Messagerie");
  for (const char* q : {"dimension=colour", "measure=euros", "since=yesterday"}) {
    auto bad = app.As(agent, "GET", std::string("/api/v1/reports/pareto?") + q);
    EXPECT_EQ(bad.status, 400) << q;
    EXPECT_EQ(bad.json["error"]["field"], std::string(q).substr(0, std::string(q).find('='))) << bad.body;
  }
  EXPECT_EQ(app.As(user, "GET", "/api/v1/reports/pareto").status, 403);
}

}  // namespace
}  // namespace boucle::testing
