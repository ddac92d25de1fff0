#include "engage/involvement.hpp"

#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class Involvement : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = app.TokenFor("admin", Role::kAdmin);
    lead = app.TokenFor("lead", Role::kTeamLead);
    vpn = app.As(admin, "POST", "/api/v1/services", {{"name", "VPN"}}).json["id"];
    auto mail = app.As(admin, "POST", "/api/v1/services", {{"name", "Messagerie"}}).json["id"];
    alice = Person("Alice Roux", json::array({vpn}));
    bruno = Person("Bruno Lenoir", json::array());
    Person("Chloé Hors-sujet", json::array({mail}));
    auto role = app.As(admin, "POST", "/api/v1/service_roles",
                       {{"stakeholder", bruno}, {"service", vpn}, {"raci", "consulted"}});
    ASSERT_EQ(role.status, 201) << role.body;
    auto change =
        app.As(lead, "POST", "/api/v1/changes", {{"title", "Nouvelle passerelle VPN"}, {"service", vpn}});
    ASSERT_EQ(change.status, 201) << change.body;
    change_path = "/api/v1/changes/" + change.json["id"].dump();
    change_id = change.json["id"];
  }
  json Person(const std::string& name, const json& services) {
    auto r = app.As(admin, "POST", "/api/v1/stakeholders",
                    {{"name", name}, {"stakeholder_group", "team_lead"}, {"services", services}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json["id"];
  }
  Reply Approve() {
    auto current = app.As(lead, "GET", change_path);
    return app.As(lead, "PATCH", change_path, {{"status", "approved"}, {"version", current.json["version"]}},
                  {{"accept-language", "en"}});
  }
  Reply SetConsultation(const json& id, const json& patch) {
    const std::string path = "/api/v1/consultations/" + id.dump();
    json body = patch;
    body["version"] = app.As(lead, "GET", path).json["version"];
    return app.As(lead, "PATCH", path, body);
  }

  TestApp app;
  std::string admin, lead, change_path;
  json vpn, alice, bruno, change_id;
};

TEST_F(Involvement, ApprovalWaitsForEveryImpactedStakeholder) {
  auto refused = Approve();
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json["error"]["code"], "consultation.missing");
  EXPECT_EQ(refused.json["error"]["field"], "status");
  EXPECT_EQ(
      refused.json["error"]["message"],
      "Consult the impacted stakeholders first (2 neither answered nor waived): Alice Roux, Bruno Lenoir.");

  auto asked = app.As(lead, "POST", change_path + "/actions/request_consultations");
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(asked.json["impacted"], 2) << "Alice through the service, Bruno through RACI; not Chloé";
  ASSERT_EQ(asked.json["created"].size(), 2u);
  EXPECT_EQ(asked.json["created"][0]["status"], "requested");
  EXPECT_EQ(app.As(lead, "POST", change_path + "/actions/request_consultations").json["created"].size(), 0u)
      << "asked once only";
  const json for_alice = asked.json["created"][0]["stakeholder"] == alice ? asked.json["created"][0]["id"]
                                                                          : asked.json["created"][1]["id"];
  const json for_bruno = asked.json["created"][0]["stakeholder"] == alice ? asked.json["created"][1]["id"]
                                                                          : asked.json["created"][0]["id"];

  auto no_opinion = SetConsultation(for_alice, {{"status", "answered"}});
  EXPECT_EQ(no_opinion.status, 400);
  EXPECT_EQ(no_opinion.json["error"]["field"], "opinion");
  auto answered = SetConsultation(
      for_alice, {{"status", "answered"}, {"opinion", "D'accord si la bascule a lieu le soir."}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json["answered_at"], "2026-03-02T09:00:00Z");

  auto still = Approve();
  ASSERT_EQ(still.status, 409);
  EXPECT_EQ(still.json["error"]["message"],
            "Consult the impacted stakeholders first (1 neither answered nor waived): Bruno Lenoir.");

  auto no_reason = SetConsultation(for_bruno, {{"status", "waived"}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.json["error"]["code"], "consultation.waiver_reason_required");
  EXPECT_EQ(no_reason.json["error"]["field"], "waiver_reason");
  ASSERT_EQ(
      SetConsultation(for_bruno, {{"status", "waived"}, {"waiver_reason", "En congé, suppléant consulté."}})
          .status,
      200);

  auto approved = Approve();
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json["status"], "approved");

  auto report = app.As(lead, "GET", "/api/v1/reports/involvement?change=" + change_id.dump());
  ASSERT_EQ(report.status, 200) << report.body;
  ASSERT_EQ(report.json["rows"].size(), 2u);
  EXPECT_EQ(report.json["rows"][0]["stakeholder"], "Alice Roux");
  EXPECT_EQ(report.json["rows"][0]["consultation"], "answered");
  EXPECT_EQ(report.json["rows"][1]["stakeholder"], "Bruno Lenoir");
  EXPECT_EQ(report.json["rows"][1]["raci"], "consulted");
  EXPECT_EQ(report.json["rows"][1]["consultation"], "waived");
  EXPECT_EQ(report.json["summary"][2]["value"], 0) << "none missing";
}

TEST_F(Involvement, AProjectCannotBeBornApprovedOverItsStakeholders) {
  auto born = app.As(lead, "POST", "/api/v1/projects",
                     {{"title", "Refonte du VPN"}, {"service", vpn}, {"status", "approved"}});
  EXPECT_EQ(born.status, 409) << born.body;
  auto elsewhere =
      app.As(lead, "POST", "/api/v1/projects", {{"title", "Sans service"}, {"status", "approved"}});
  EXPECT_EQ(elsewhere.status, 201) << "no service, nobody impacted: " << elsewhere.body;
}

TEST_F(Involvement, AConsultationIsAboutOneSubjectAndOncePerStakeholder) {
  auto project = app.As(lead, "POST", "/api/v1/projects", {{"title", "Refonte du VPN"}, {"service", vpn}});
  auto both = app.As(lead, "POST", "/api/v1/consultations",
                     {{"change", change_id}, {"project", project.json["id"]}, {"stakeholder", alice}});
  EXPECT_EQ(both.status, 400);
  EXPECT_EQ(both.json["error"]["code"], "consultation.subject_required");
  EXPECT_EQ(
      app.As(lead, "POST", "/api/v1/consultations", {{"change", change_id}, {"stakeholder", alice}}).status,
      201);
  auto twice = app.As(lead, "POST", "/api/v1/consultations", {{"change", change_id}, {"stakeholder", alice}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json["error"]["code"], "consultation.duplicate");
}

}  // namespace
}  // namespace boucle::testing
