// In-app notifications: the demand's steps notify its requester once each, everyone sees and marks
// only their own notifications, whatever their role.
#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class Notifications : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = app.TokenFor("admin", Role::kAdmin);
    agent = app.TokenFor("agent", Role::kAgent);
    lea = app.TokenFor("lea", Role::kEndUser);
    max = app.TokenFor("max", Role::kEndUser);
    auto sh = app.As(admin, "POST", "/api/v1/stakeholders",
                     {{"name", "Léa"},
                      {"stakeholder_group", "end_user"},
                      {"user_account", app.UserId("lea")},
                      {"email", "lea@example.org"},
                      {"preferred_language", "en"}});
    ASSERT_EQ(sh.status, 201) << sh.body;
    auto demand = app.As(lea, "POST", "/api/v1/demands", {{"kind", "need"}, {"title", "Un écran de plus"}});
    ASSERT_EQ(demand.status, 201) << demand.body;
    id = std::to_string(demand.json["id"].get<int64_t>());
  }
  Reply SetDemand(const json& changes) {
    json body = changes;
    body["version"] = app.As(agent, "GET", "/api/v1/demands/" + id).json["version"];
    return app.As(agent, "PATCH", "/api/v1/demands/" + id, body);
  }
  int64_t Unread(const std::string& token) {
    auto r = app.As(token, "GET", "/api/v1/notifications?read_at__null=true&limit=1");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json["total"].get<int64_t>();
  }
  int64_t Mails(const std::string& key) {
    return app.As(admin, "GET", "/api/v1/outbox?idempotency_key=" + key).json["total"].get<int64_t>();
  }

  TestApp app;
  std::string admin, agent, lea, max, id;
};

TEST_F(Notifications, EachStepOfADemandNotifiesItsRequesterOnceInTheirLanguage) {
  EXPECT_EQ(Unread(lea), 0) << "submitting is not news to the one who submits";
  ASSERT_EQ(SetDemand({{"status", "triaged"}}).status, 200);
  ASSERT_EQ(SetDemand({{"description", "Pour le poste 12"}}).status, 200);  // not a step
  ASSERT_EQ(SetDemand({{"status", "submitted"}}).status, 200);
  ASSERT_EQ(SetDemand({{"status", "triaged"}}).status, 200);  // the same step again: no second notice
  auto mine = app.As(lea, "GET", "/api/v1/notifications");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json["total"], 1) << mine.body;
  const json& n = mine.json["items"][0];
  EXPECT_EQ(n["title"], "Your demand \"Un écran de plus\" has been triaged");
  EXPECT_EQ(n["about_type"], "demands");
  EXPECT_EQ(n["about_id"].dump(), id);
  EXPECT_EQ(n["recipient"], app.UserId("lea"));
  EXPECT_TRUE(n["read_at"].is_null());
  EXPECT_EQ(Mails("demand-triaged:" + id), 1);

  ASSERT_EQ(
      SetDemand({{"status", "rejected"}, {"rejection_reason", "Le budget de l'année est épuisé."}}).status,
      200);
  auto latest = app.As(lea, "GET", "/api/v1/notifications?limit=1");
  EXPECT_EQ(latest.json["items"][0]["title"], "Your demand \"Un écran de plus\" was not accepted");
  EXPECT_EQ(latest.json["items"][0]["text"], "Reason: Le budget de l'année est épuisé.");
  auto mail = app.As(admin, "GET", "/api/v1/outbox?idempotency_key=demand-rejected:" + id);
  ASSERT_EQ(mail.json["total"], 1);
  EXPECT_NE(mail.json["items"][0]["payload"].get<std::string>().find("Reason: Le budget"), std::string::npos)
      << mail.body;
  EXPECT_EQ(Unread(lea), 2);
}

TEST_F(Notifications, RoutingNotifiesTooAndTheDoneStepFollows) {
  ASSERT_EQ(app.As(agent, "POST", "/api/v1/demands/" + id + "/actions/route").status, 200);
  ASSERT_EQ(SetDemand({{"status", "done"}}).status, 200);
  auto mine = app.As(lea, "GET", "/api/v1/notifications?sort=id");
  ASSERT_EQ(mine.json["total"], 2) << mine.body;
  EXPECT_EQ(mine.json["items"][0]["title"], "Your demand \"Un écran de plus\" has been routed");
  EXPECT_EQ(mine.json["items"][1]["title"], "Your demand \"Un écran de plus\" is done");
}

TEST_F(Notifications, EachPersonSeesAndMarksOnlyTheirOwn) {
  ASSERT_EQ(SetDemand({{"status", "triaged"}}).status, 200);
  const std::string path =
      "/api/v1/notifications/" + app.As(lea, "GET", "/api/v1/notifications").json["items"][0]["id"].dump();
  // Nobody else sees it, whatever their role: it is not theirs.
  for (const std::string* other : {&max, &agent, &admin}) {
    EXPECT_EQ(Unread(*other), 0);
    EXPECT_EQ(app.As(*other, "GET", path).status, 404);
    EXPECT_EQ(app.As(*other, "POST", path + "/actions/read").status, 404);
    EXPECT_EQ(app.As(*other, "POST", path + "/actions/read_all").status, 404);
  }
  // Its content is the platform's: even its recipient cannot rewrite it.
  auto patched = app.As(lea, "PATCH", path, {{"title", "Autre chose"}, {"version", 1}});
  EXPECT_EQ(patched.status, 400) << patched.body;
  EXPECT_EQ(patched.json["error"]["field"], "title");

  EXPECT_EQ(Unread(lea), 1);
  auto read = app.As(lea, "POST", path + "/actions/read");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_FALSE(read.json["read_at"].is_null());
  EXPECT_EQ(Unread(lea), 0);
  EXPECT_EQ(app.As(lea, "POST", path + "/actions/read").json["read_at"], read.json["read_at"]) << "read once";
}

TEST_F(Notifications, MarkAllReadStopsAtTheNewestShown) {
  ASSERT_EQ(SetDemand({{"status", "triaged"}}).status, 200);
  ASSERT_EQ(SetDemand({{"status", "rejected"}}).status, 200);
  auto shown = app.As(lea, "GET", "/api/v1/notifications");
  ASSERT_EQ(shown.json["total"], 2);
  ASSERT_EQ(app.As(agent, "POST", "/api/v1/demands/" + id + "/actions/route").status, 200);  // arrives later
  auto all = app.As(lea, "POST",
                    "/api/v1/notifications/" + shown.json["items"][0]["id"].dump() + "/actions/read_all");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json["marked"], 2);
  EXPECT_EQ(Unread(lea), 1) << "the one that came after the list was shown stays unread";
}

TEST_F(Notifications, AResolvedTicketNotifiesItsRequesterOncePerResolution) {
  const json requester = app.As(lea, "GET", "/api/v1/stakeholders").json["items"][0]["id"];
  auto ticket =
      app.As(agent, "POST", "/api/v1/tickets", {{"title", "Imprimante bloquée"}, {"requester", requester}});
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  const std::string path = "/api/v1/tickets/" + ticket.json["id"].dump();
  auto set = [&](const json& changes) {
    json body = changes;
    body["version"] = app.As(agent, "GET", path).json["version"];
    return app.As(agent, "PATCH", path, body).status;
  };
  ASSERT_EQ(set({{"status", "resolved"}, {"resolution", "Bourrage retiré."}}), 200);
  ASSERT_EQ(set({{"status", "closed"}}), 200);
  auto mine = app.As(lea, "GET", "/api/v1/notifications?about_type=tickets");
  ASSERT_EQ(mine.json["total"], 1) << mine.body;
  EXPECT_EQ(mine.json["items"][0]["title"], "Your ticket \"Imprimante bloquée\" is resolved");
  EXPECT_EQ(mine.json["items"][0]["text"], "Resolution: Bourrage retiré.");
}

TEST_F(Notifications, ALongAccentedTitleIsCutAtAWholeCharacter) {
  std::string title;
  for (int i = 0; i < 150; ++i) title += "é";  // 300 bytes: the notice's title outgrows its 200
  auto demand = app.As(lea, "POST", "/api/v1/demands", {{"kind", "need"}, {"title", title}});
  ASSERT_EQ(demand.status, 201) << demand.body;
  const std::string path = "/api/v1/demands/" + std::to_string(demand.json["id"].get<int64_t>());
  auto triaged = app.As(agent, "PATCH", path, {{"status", "triaged"}, {"version", demand.json["version"]}});
  ASSERT_EQ(triaged.status, 200) << triaged.body;
  auto mine = app.As(lea, "GET",
                     "/api/v1/notifications?about_id=" + std::to_string(demand.json["id"].get<int64_t>()));
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json["total"], 1) << mine.body;
  const std::string shown = mine.json["items"][0]["title"].get<std::string>();
  EXPECT_LE(shown.size(), 200u);
  EXPECT_EQ(shown.rfind("Your demand \"é", 0), 0u) << shown;
}

}  // namespace
}  // namespace boucle::testing
