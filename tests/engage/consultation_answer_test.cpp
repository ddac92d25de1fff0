// A stakeholder with an account hears that their view is asked for and answers it themselves; the
// answer counts as consulted for the approval rule, and nobody else may give it.
#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class ConsultationAnswer : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = app.TokenFor("admin", Role::kAdmin);
    lead = app.TokenFor("lead", Role::kTeamLead);
    lea = app.TokenFor("lea", Role::kEndUser);
    max = app.TokenFor("max", Role::kEndUser);
    finance = app.TokenFor("fanny", Role::kFinance);
    const json vpn = app.As(admin, "POST", "/api/v1/services", {{"name", "VPN"}}).json["id"];
    auto sh = app.As(admin, "POST", "/api/v1/stakeholders",
                     {{"name", "Léa"},
                      {"stakeholder_group", "end_user"},
                      {"services", {vpn}},
                      {"user_account", app.UserId("lea")},
                      {"email", "lea@example.org"}});
    ASSERT_EQ(sh.status, 201) << sh.body;
    stakeholder = sh.json["id"];
    app.As(admin, "POST", "/api/v1/stakeholders",
           {{"name", "Max"}, {"stakeholder_group", "end_user"}, {"user_account", app.UserId("max")}});
    auto change =
        app.As(lead, "POST", "/api/v1/changes", {{"title", "Nouvelle passerelle VPN"}, {"service", vpn}});
    ASSERT_EQ(change.status, 201) << change.body;
    change_path = "/api/v1/changes/" + change.json["id"].dump();
    auto asked = app.As(lead, "POST", change_path + "/actions/request_consultations");
    ASSERT_EQ(asked.status, 200) << asked.body;
    ASSERT_EQ(asked.json["created"].size(), 1u) << asked.body;
    path = "/api/v1/consultations/" + asked.json["created"][0]["id"].dump();
  }

  TestApp app;
  std::string admin, lead, lea, max, finance, change_path, path;
  json stakeholder;
};

TEST_F(ConsultationAnswer, TheStakeholderIsToldAndAnswersThemself) {
  auto told = app.As(lea, "GET", "/api/v1/notifications?about_type=consultations");
  ASSERT_EQ(told.json["total"], 1) << told.body;
  EXPECT_EQ(told.json["items"][0]["title"], "Votre avis est demandé : « Nouvelle passerelle VPN »");
  EXPECT_EQ("/api/v1/consultations/" + told.json["items"][0]["about_id"].dump(), path);
  EXPECT_EQ(app.As(admin, "GET",
                   "/api/v1/outbox?idempotency_key=consultation-requested:" +
                       told.json["items"][0]["about_id"].dump())
                .json["total"],
            1);
  auto mine = app.As(lea, "GET", "/api/v1/consultations");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json["total"], 1);

  auto bad = app.As(lea, "POST", path + "/actions/answer", {{"position", "maybe"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json["error"]["field"], "position");
  auto answered =
      app.As(lea, "POST", path + "/actions/answer",
             {{"position", "agree_with_conditions"}, {"comment", "Si la bascule a lieu le soir."}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  auto seen = app.As(lead, "GET", path);
  EXPECT_EQ(seen.json["status"], "answered");
  EXPECT_EQ(seen.json["position"], "agree_with_conditions");
  EXPECT_EQ(seen.json["opinion"], "Si la bascule a lieu le soir.");
  EXPECT_FALSE(seen.json["answered_at"].is_null());
  // The team lead who asked hears the answer under their bell.
  auto heard = app.As(lead, "GET", "/api/v1/notifications?about_type=consultations&read_at__null=true");
  ASSERT_EQ(heard.json["total"], 1) << heard.body;
  EXPECT_NE(heard.json["items"][0]["text"].get<std::string>().find("Si la bascule a lieu le soir."),
            std::string::npos)
      << heard.body;
  auto history = app.As(lead, "GET", path + "/history");
  bool by_lea = false;
  for (const auto& e : history.json["items"])
    if (e["field"] == "position") by_lea = e["login"] == "lea" || e["user_id"] == app.UserId("lea");
  EXPECT_TRUE(by_lea) << history.body;

  auto current = app.As(lead, "GET", change_path);
  auto approved =
      app.As(lead, "PATCH", change_path, {{"status", "approved"}, {"version", current.json["version"]}});
  EXPECT_EQ(approved.status, 200) << "answering counts as consulted: " << approved.body;
}

TEST_F(ConsultationAnswer, NobodyElseMayAnswerIt) {
  EXPECT_EQ(app.As(max, "GET", "/api/v1/consultations").json["total"], 0);
  EXPECT_EQ(app.As(max, "POST", path + "/actions/answer", {{"position", "object"}}).status, 404);
  auto staff = app.As(finance, "POST", path + "/actions/answer", {{"position", "object"}});
  EXPECT_EQ(staff.status, 403) << staff.body;
  EXPECT_EQ(staff.json["error"]["code"], "consultation.not_addressed_to_you");
  auto agent = app.As(lead, "POST", path + "/actions/answer", {{"position", "object"}});
  EXPECT_EQ(agent.status, 403) << agent.body;
  EXPECT_EQ(app.As(lead, "GET", path).json["status"], "requested");
  auto current = app.As(lead, "GET", change_path);
  EXPECT_EQ(app.As(lead, "PATCH", change_path, {{"status", "approved"}, {"version", current.json["version"]}})
                .status,
            409);
}

}  // namespace
}  // namespace boucle::testing
