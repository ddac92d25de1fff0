#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class DemandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = app.TokenFor("admin", Role::kAdmin);
    agent = app.TokenFor("agent", Role::kAgent);
    user = app.TokenFor("lea", Role::kEndUser);
    auto sh = app.As(admin, "POST", "/api/v1/stakeholders",
                     {{"name", "Léa"}, {"stakeholder_group", "end_user"}, {"user_account", app.UserId("lea")}});
    ASSERT_EQ(sh.status, 201) << sh.body;
    stakeholder = sh.json["id"];
    auto svc = app.As(admin, "POST", "/api/v1/services", {{"name", "VPN"}});
    service = svc.json["id"];
  }

  json Submit(const std::string& kind, const std::string& title) {
    auto r = app.As(user, "POST", "/api/v1/demands", {{"kind", kind}, {"title", title}, {"service", service}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json;
  }

  TestApp app;
  std::string admin, agent, user;
  int64_t stakeholder = 0, service = 0;
};

TEST_F(DemandTest, TheRequesterIsMailedInTheirLanguageWhenTheDemandIsRouted) {
  auto sh = app.As(admin, "PATCH", "/api/v1/stakeholders/" + std::to_string(stakeholder),
                   {{"email", "lea@example.org"}, {"preferred_language", "en"}, {"version", 1}});
  ASSERT_EQ(sh.status, 200) << sh.body;
  auto demand = Submit("change_request", "Ouvrir le VPN aux prestataires");
  const std::string id = std::to_string(demand["id"].get<int64_t>());
  ASSERT_EQ(app.As(agent, "POST", "/api/v1/demands/" + id + "/actions/route").status, 200);
  auto mails = app.As(admin, "GET", "/api/v1/outbox?idempotency_key=demand-routed:" + id);
  ASSERT_EQ(mails.status, 200) << mails.body;
  ASSERT_EQ(mails.json["total"], 1);
  const auto& job = mails.json["items"][0];
  EXPECT_EQ(job["kind"], "mail");
  EXPECT_EQ(job["status"], "pending");
  EXPECT_NE(job["summary"].get<std::string>().find("has been routed"), std::string::npos) << job.dump();
  EXPECT_NE(job["summary"].get<std::string>().find("lea@example.org"), std::string::npos) << job.dump();
  EXPECT_NE(job["payload"].get<std::string>().find("Obtain / Build"), std::string::npos) << job.dump();

  // Without an address nobody is mailed, and routing still works.
  auto other = app.As(admin, "POST", "/api/v1/stakeholders", {{"name", "Sans courriel"}, {"stakeholder_group", "end_user"}});
  auto silent = app.As(agent, "POST", "/api/v1/demands",
                       {{"kind", "need"}, {"title", "Un besoin sans courriel"}, {"requester", other.json["id"]}});
  ASSERT_EQ(silent.status, 201) << silent.body;
  const std::string sid = std::to_string(silent.json["id"].get<int64_t>());
  ASSERT_EQ(app.As(agent, "POST", "/api/v1/demands/" + sid + "/actions/route").status, 200);
  EXPECT_EQ(app.As(admin, "GET", "/api/v1/outbox?idempotency_key=demand-routed:" + sid).json["total"], 0);
}

TEST_F(DemandTest, AnIdeaIsRoutedToImproveAndTheSubmitterSeesWhatItBecame) {
  auto demand = Submit("idea", "Se connecter au VPN sans double saisie");
  EXPECT_EQ(demand["requester"], stakeholder) << "an end user speaks for themselves";
  EXPECT_EQ(demand["status"], "submitted");
  const std::string path = "/api/v1/demands/" + std::to_string(demand["id"].get<int64_t>());

  EXPECT_EQ(app.As(user, "POST", path + "/actions/route").status, 403) << "only the desk routes";
  auto routed = app.As(agent, "POST", path + "/actions/route", {{"note", "Piste : authentification unique."}});
  ASSERT_EQ(routed.status, 200) << routed.body;
  EXPECT_EQ(routed.json["created"]["type"], "improvements");
  EXPECT_EQ(routed.json["demand"]["status"], "routed");
  EXPECT_EQ(routed.json["demand"]["destination"], "improve");

  auto seen = app.As(user, "GET", path);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.json["status"], "routed");
  EXPECT_EQ(seen.json["routed_type"], "improvements");

  auto improvement = app.As(agent, "GET", "/api/v1/improvements/" + std::to_string(routed.json["created"]["id"].get<int64_t>()));
  EXPECT_EQ(improvement.json["title"], "Se connecter au VPN sans double saisie");
  EXPECT_EQ(improvement.json["phase"], "plan");

  auto trace = app.As(agent, "GET", path + "/trace");
  ASSERT_EQ(trace.status, 200);
  ASSERT_EQ(trace.json["edges"].size(), 1u);
  EXPECT_EQ(trace.json["edges"][0]["kind"], "originates_from");

  auto again = app.As(agent, "POST", path + "/actions/route");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json["error"]["code"], "demand.already_routed");
}

TEST_F(DemandTest, EachKindGoesToItsValueChainDestination) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"need", "tickets"}, {"requirement", "tickets"}, {"change_request", "changes"},
      {"new_project", "projects"}, {"complaint", "improvements"}, {"feedback", "improvements"}};
  for (const auto& [kind, type] : cases) {
    auto d = Submit(kind, "Demande " + kind);
    auto r = app.As(agent, "POST", "/api/v1/demands/" + std::to_string(d["id"].get<int64_t>()) + "/actions/route");
    ASSERT_EQ(r.status, 200) << kind << ": " << r.body;
    EXPECT_EQ(r.json["created"]["type"], type) << kind;
  }
  auto tickets = app.As(agent, "GET", "/api/v1/tickets?kind=request");
  EXPECT_EQ(tickets.json["total"], 2);
  EXPECT_EQ(tickets.json["items"][0]["requester"], stakeholder) << "the requester follows the demand";
}

TEST_F(DemandTest, EndUsersSeeOnlyTheirOwnDemandsAndActionsAreDescribed) {
  Submit("need", "Un second écran");
  auto other = app.As(agent, "POST", "/api/v1/demands", {{"kind", "need"}, {"title", "Demande d'un agent"}});
  ASSERT_EQ(other.status, 201);
  EXPECT_EQ(app.As(user, "GET", "/api/v1/demands").json["total"], 1);
  auto bad = app.As(agent, "POST", "/api/v1/demands/1/actions/route", {{"note", 12}});
  EXPECT_EQ(bad.json["error"]["field"], "note");
  auto unknown = app.As(agent, "POST", "/api/v1/demands/1/actions/explode");
  EXPECT_EQ(unknown.status, 404);
  auto meta = app.As(agent, "GET", "/api/v1/meta");
  bool described = false;
  for (const auto& t : meta.json["types"])
    if (t["name"] == "demands") described = t["actions"][0]["name"] == "route" && t["actions"][0]["permitted"] == true;
  EXPECT_TRUE(described);
}

}  // namespace
}  // namespace boucle::testing
