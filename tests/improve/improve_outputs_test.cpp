#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class ImproveOutputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lead = app.TokenFor("lead", Role::kTeamLead);
    user = app.TokenFor("lea", Role::kEndUser);
    service = app.As(lead, "POST", "/api/v1/services", {{"name", "Messagerie"}}).json["id"];
    auto imp = app.As(lead, "POST", "/api/v1/improvements",
                      {{"title", "Réduire les réaffectations"}, {"service", service}, {"value", 4}, {"effort", 2}, {"urgency", 3}});
    ASSERT_EQ(imp.status, 201) << imp.body;
    improvement = imp.json["id"];
    EXPECT_DOUBLE_EQ(imp.json["priority_score"].get<double>(), 6.0) << "4 × 3 ÷ 2";
  }

  std::string Path(const std::string& type, int64_t id) { return "/api/v1/" + type + "/" + std::to_string(id); }

  // Edits name the version they saw, as every client must.
  Reply Patch(const std::string& path, json changes) {
    changes["version"] = app.As(lead, "GET", path).json["version"];
    return app.As(lead, "PATCH", path, changes);
  }

  TestApp app;
  std::string lead, user;
  int64_t service = 0, improvement = 0;
};

TEST_F(ImproveOutputsTest, PriorityScoreFollowsValueUrgencyAndEffort) {
  auto r = Patch(Path("improvements", improvement), {{"effort", 5}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_DOUBLE_EQ(r.json["priority_score"].get<double>(), 2.4);
  r = Patch(Path("improvements", improvement), {{"effort", nullptr}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json["priority_score"].is_null()) << "no score without all three";
  EXPECT_EQ(Patch(Path("improvements", improvement), {{"priority_score", 99}}).status, 400)
      << "the score is computed, never written";
}

TEST_F(ImproveOutputsTest, PlansTakeQuartersInOrder) {
  auto bad = app.As(lead, "POST", "/api/v1/improvement_plans",
                    {{"title", "Plan 2027"}, {"start_quarter", "2027-T1"}, {"end_quarter", "2027-Q4"}});
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json["error"]["field"], "start_quarter");
  auto reversed = app.As(lead, "POST", "/api/v1/improvement_plans",
                         {{"title", "Plan 2027"}, {"start_quarter", "2027-Q3"}, {"end_quarter", "2027-Q1"}});
  ASSERT_EQ(reversed.status, 400);
  EXPECT_EQ(reversed.json["error"]["field"], "end_quarter");
  auto plan = app.As(lead, "POST", "/api/v1/improvement_plans",
                     {{"title", "Plan 2027"}, {"level", "strategic"}, {"start_quarter", "2027-Q1"}, {"end_quarter", "2027-Q4"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  // An improvement in the plan without a due date sits on the roadmap at the plan's start.
  ASSERT_EQ(Patch(Path("improvements", improvement), {{"plan", plan.json["id"]}}).status, 200);
  auto roadmap = app.As(lead, "GET", "/api/v1/reports/roadmap?service=" + std::to_string(service));
  ASSERT_EQ(roadmap.status, 200) << roadmap.body;
  ASSERT_EQ(roadmap.json["rows"].size(), 1u);
  EXPECT_EQ(roadmap.json["rows"][0]["quarter"], "2027-Q1");
  EXPECT_EQ(roadmap.json["rows"][0]["service"], "Messagerie");
}

TEST_F(ImproveOutputsTest, RoadmapOrdersImprovementsAndOpenDemandsByQuarter) {
  ASSERT_EQ(Patch(Path("improvements", improvement), {{"due_at", "2026-08-15T00:00:00Z"}}).status, 200);
  auto other = app.As(lead, "POST", "/api/v1/improvements", {{"title", "Portail en anglais"}, {"due_at", "2026-04-01T00:00:00Z"}});
  ASSERT_EQ(other.status, 201);
  // The clock of the test app stands on 2 March 2026: a demand raised now is in 2026-Q1.
  auto demand = app.As(lead, "POST", "/api/v1/demands", {{"kind", "need"}, {"title", "Boîte partagée pour la paie"}});
  ASSERT_EQ(demand.status, 201) << demand.body;
  auto all = app.As(lead, "GET", "/api/v1/reports/roadmap");
  ASSERT_EQ(all.status, 200) << all.body;
  ASSERT_EQ(all.json["rows"].size(), 3u);
  EXPECT_EQ(all.json["rows"][0]["quarter"], "2026-Q1");
  EXPECT_EQ(all.json["rows"][0]["type"], "demands");
  EXPECT_EQ(all.json["rows"][1]["quarter"], "2026-Q2");
  EXPECT_EQ(all.json["rows"][2]["quarter"], "2026-Q3");
  auto window = app.As(lead, "GET", "/api/v1/reports/roadmap?from=2026-Q2&to=2026-Q2");
  ASSERT_EQ(window.json["rows"].size(), 1u);
  EXPECT_EQ(window.json["rows"][0]["title"], "Portail en anglais");
  EXPECT_EQ(app.As(user, "GET", "/api/v1/reports/roadmap").status, 403);
}

TEST_F(ImproveOutputsTest, ProceduresCountTheirRevisions) {
  auto p = app.As(lead, "POST", "/api/v1/procedures",
                  {{"title", "Escalade N2"}, {"body", "1. Qualifier\n2. Escalader"}, {"changed_by_improvement", improvement}});
  ASSERT_EQ(p.status, 201) << p.body;
  EXPECT_EQ(p.json["revision"], 1);
  EXPECT_TRUE(p.json["published_at"].is_null());
  const std::string path = Path("procedures", p.json["id"]);
  auto published = Patch(path, {{"status", "published"}});
  EXPECT_EQ(published.json["revision"], 1) << "publishing alone is not a new text";
  EXPECT_FALSE(published.json["published_at"].is_null());
  auto edited = Patch(path, {{"body", "1. Qualifier\n2. Chercher un article\n3. Escalader"}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json["revision"], 2);
  // The earlier text stays readable in the history.
  auto history = app.As(lead, "GET", path + "/history");
  ASSERT_EQ(history.status, 200);
  bool old_text_kept = false;
  for (const auto& e : history.json["items"])
    if (e["field"] == "body" && e["old"] == "1. Qualifier\n2. Escalader") old_text_kept = true;
  EXPECT_TRUE(old_text_kept) << history.body;
  EXPECT_EQ(app.As(user, "GET", path).status, 200) << "published procedures are readable by everyone";
}

TEST_F(ImproveOutputsTest, AnOpportunityIsHandedToBuildOnceWithItsLink) {
  auto o = app.As(lead, "POST", "/api/v1/opportunities",
                  {{"title", "Connecteur supervision → tickets"}, {"kind", "feature"}, {"service", service}, {"improvement", improvement}});
  ASSERT_EQ(o.status, 201) << o.body;
  const std::string path = Path("opportunities", o.json["id"]);
  auto handed = app.As(lead, "POST", path + "/actions/hand_over", {{"note", "Priorité haute"}});
  ASSERT_EQ(handed.status, 200) << handed.body;
  EXPECT_EQ(handed.json["created"]["type"], "projects");
  EXPECT_EQ(handed.json["opportunity"]["status"], "handed_over");
  EXPECT_EQ(app.As(lead, "POST", path + "/actions/hand_over").status, 409);
  auto trace = app.As(lead, "GET", path + "/trace");
  ASSERT_EQ(trace.status, 200);
  ASSERT_EQ(trace.json["edges"].size(), 1u);
  EXPECT_EQ(trace.json["edges"][0]["kind"], "originates_from");

  auto training = app.As(lead, "POST", "/api/v1/opportunities", {{"title", "Former le N1 au VPN"}, {"kind", "training"}});
  auto ticket = app.As(lead, "POST", Path("opportunities", training.json["id"]) + "/actions/hand_over");
  ASSERT_EQ(ticket.status, 200) << ticket.body;
  EXPECT_EQ(ticket.json["created"]["type"], "tickets");
  EXPECT_EQ(ticket.json["created"]["record"]["kind"], "request");
}

TEST_F(ImproveOutputsTest, FiveWhysChainsStayInOneImprovementAndFiveLevels) {
  json parent = nullptr;
  std::vector<int64_t> ids;
  const char* whys[] = {"Les tickets rebondissent", "Mauvais groupe choisi", "Catégories ambiguës",
                        "Catalogue jamais revu", "Pas de responsable du catalogue"};
  for (int i = 0; i < 5; ++i) {
    auto c = app.As(lead, "POST", "/api/v1/causes",
                    {{"improvement", improvement}, {"parent", parent}, {"statement", whys[i]},
                     {"dimension", i < 3 ? "value_streams_processes" : "organisations_people"}, {"root_cause", i == 4}});
    ASSERT_EQ(c.status, 201) << c.body;
    EXPECT_EQ(c.json["depth"], i + 1);
    parent = c.json["id"];
    ids.push_back(c.json["id"]);
  }
  auto sixth = app.As(lead, "POST", "/api/v1/causes",
                      {{"improvement", improvement}, {"parent", parent}, {"statement", "Et encore ?"}, {"dimension", "partners_suppliers"}});
  ASSERT_EQ(sixth.status, 400);
  EXPECT_EQ(sixth.json["error"]["field"], "parent");
  auto other = app.As(lead, "POST", "/api/v1/improvements", {{"title", "Autre chantier"}});
  auto foreign = app.As(lead, "POST", "/api/v1/causes",
                        {{"improvement", other.json["id"]}, {"parent", ids[0]}, {"statement", "Hors sujet"}, {"dimension", "partners_suppliers"}});
  ASSERT_EQ(foreign.status, 400);
  EXPECT_EQ(foreign.json["error"]["code"], "cause.other_improvement");

  auto diagram = app.As(lead, "GET", "/api/v1/reports/cause_diagram?improvement=" + std::to_string(improvement));
  ASSERT_EQ(diagram.status, 200) << diagram.body;
  ASSERT_EQ(diagram.json["rows"].size(), 5u);
  const json& deepest = diagram.json["rows"][0];  // organisations_people sorts first
  EXPECT_EQ(deepest["dimension"], "organisations_people");
  bool full_chain = false;
  for (const auto& r : diagram.json["rows"])
    if (r["root_cause"] == "✔")
      full_chain = r["chain"] ==
                   "Les tickets rebondissent → Mauvais groupe choisi → Catégories ambiguës → Catalogue jamais revu → "
                   "Pas de responsable du catalogue";
  EXPECT_TRUE(full_chain) << diagram.body;
  auto everything = app.As(lead, "GET", "/api/v1/reports/cause_diagram");
  ASSERT_EQ(everything.status, 200);
  EXPECT_EQ(everything.json["rows"].size(), 5u) << "the refused causes were not stored";
}

TEST_F(ImproveOutputsTest, PortfolioDecisionsNeedEvidence) {
  auto none = app.As(lead, "POST", "/api/v1/portfolio_decisions",
                     {{"service", service}, {"decision", "retire"}, {"summary", "Retirer le fax"}, {"decided_at", "2026-03-01T00:00:00Z"}});
  ASSERT_EQ(none.status, 400);
  EXPECT_EQ(none.json["error"]["field"], "evidence");
  auto ok = app.As(lead, "POST", "/api/v1/portfolio_decisions",
                   {{"service", service}, {"decision", "retire"}, {"summary", "Retirer le fax"},
                    {"evidence", "3 tickets en 12 mois, satisfaction 2,1/5"}, {"decided_at", "2026-03-01T00:00:00Z"}});
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(app.As(user, "GET", "/api/v1/portfolio_decisions").status, 403);
}

}  // namespace
}  // namespace boucle::testing
