// The real binary with a real SMTP server: a campaign's mails survive kill -9 (they are in the
// outbox with the campaign's own write), go out once the server is back, and never twice.
#include <gtest/gtest.h>
#include <signal.h>

#include <set>
#include <thread>

#include "support/server_process.hpp"
#include "support/smtp_server.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class SurveyMailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = TempDir("boucle-mail");
    db = dir / "b.db";
    std::string out;
    ASSERT_EQ(RunBoucle({"user", "add", "--db", db.string(), "--login", "ops", "--role", "admin",
                         "--password-stdin"},
                        &out, "correct horse battery\n"),
              0)
        << out;
    ASSERT_EQ(RunBoucle({"user", "token", "--db", db.string(), "--login", "ops"}, &out), 0) << out;
    while (!out.empty() && isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
    token = out.substr(out.find_last_of(" \n") + 1);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  json Post(ServerProcess& s, const std::string& path, const json& body) {
    auto r = s.Call("POST", path, body.dump(), {{"authorization", "Bearer " + token}});
    EXPECT_LT(r.status, 300) << path << ": " << r.body;
    return r.json;
  }
  json Outbox(ServerProcess& s) {
    return s.Call("GET", "/api/v1/outbox?limit=100", "", {{"authorization", "Bearer " + token}}).json;
  }

  std::filesystem::path dir, db;
  std::string token;
};

TEST_F(SurveyMailTest, MailsQueuedBeforeAKillAreSentOnceAfterRestart) {
  const int recipients = 5;
  {
    ServerProcess server(db);  // no SMTP server configured yet
    const int64_t survey = Post(server, "/api/v1/surveys", {{"title", "Enquête annuelle"}})["id"];
    Post(server, "/api/v1/survey_questions",
         {{"survey", survey}, {"kind", "rating"}, {"text_fr", "Votre note"}});
    for (int i = 0; i < recipients; ++i)
      Post(server, "/api/v1/stakeholders",
           {{"name", "Personne " + std::to_string(i)},
            {"stakeholder_group", "sponsor"},
            {"email", "p" + std::to_string(i) + "@example.org"}});
    const int64_t campaign =
        Post(server, "/api/v1/survey_campaigns",
             {{"title", "Annuelle"}, {"survey", survey}, {"target_groups", "sponsor"}})["id"];
    auto launched = Post(server, "/api/v1/survey_campaigns/" + std::to_string(campaign) + "/actions/launch",
                         json::object());
    EXPECT_EQ(launched["invited"], recipients);
    server.Kill(SIGKILL);
  }
  SmtpServer smtp;
  ServerProcess server(db, {"--smtp", smtp.url(), "--public-url", "http://boucle.test"});
  auto mails = smtp.WaitFor(recipients, std::chrono::seconds{60});
  EXPECT_EQ(mails.size(), static_cast<size_t>(recipients));
  // Give the runner a few more passes: still exactly one mail each.
  std::this_thread::sleep_for(std::chrono::seconds{2});
  mails = smtp.Messages();
  std::set<std::string> to;
  for (const auto& m : mails) to.insert(MailHeader(m, "To"));
  EXPECT_EQ(mails.size(), static_cast<size_t>(recipients));
  EXPECT_EQ(to.size(), static_cast<size_t>(recipients));
  const json outbox = Outbox(server);
  for (const auto& job : outbox["items"]) EXPECT_EQ(job["status"], "sent") << job;

  // The link of a mail works once, through the real HTTP edge, without any login.
  const std::string link = SurveyToken(MailTextBody(mails[0]));
  auto read = server.Call("GET", "/api/v1/public/surveys/" + link);
  ASSERT_EQ(read.status, 200) << read.body;
  const json answer{{"answers", {{{"question", read.json["questions"][0]["id"]}, {"value", 5}}}}};
  EXPECT_EQ(server.Call("POST", "/api/v1/public/surveys/" + link, answer.dump()).status, 200);
  EXPECT_EQ(server.Call("POST", "/api/v1/public/surveys/" + link, answer.dump()).status, 410);
}

TEST_F(SurveyMailTest, MailsWaitWhileTheSmtpServerIsDownAndGoOutWhenItIsBack) {
  const uint16_t port = FreeLoopbackPort();
  ServerProcess server(db,
                       {"--smtp", "smtp://127.0.0.1:" + std::to_string(port), "--job-retry-seconds", "1"});
  const int64_t survey = Post(server, "/api/v1/surveys", {{"title", "Enquête"}})["id"];
  Post(server, "/api/v1/survey_questions",
       {{"survey", survey}, {"kind", "free_text"}, {"text_fr", "Un mot ?"}});
  const int64_t s =
      Post(server, "/api/v1/stakeholders",
           {{"name", "Léa"}, {"stakeholder_group", "finance"}, {"email", "lea@example.org"}})["id"];
  const int64_t campaign = Post(server, "/api/v1/survey_campaigns",
                                {{"title", "Ponctuelle"}, {"survey", survey}, {"stakeholders", {s}}})["id"];
  Post(server, "/api/v1/survey_campaigns/" + std::to_string(campaign) + "/actions/launch", json::object());
  // The first attempt fails and is kept with its error.
  json job;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{30};
  while (std::chrono::steady_clock::now() < deadline) {
    job = Outbox(server)["items"][0];
    if (job["attempts"].get<int64_t>() >= 1 && job["status"] == "pending") break;
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
  }
  EXPECT_GE(job["attempts"].get<int64_t>(), 1) << job;
  EXPECT_FALSE(job["last_error"].is_null()) << job;
  SmtpServer smtp(port);
  auto mails = smtp.WaitFor(1, std::chrono::seconds{60});
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(MailHeader(mails[0], "To"), "Léa <lea@example.org>");
  std::this_thread::sleep_for(std::chrono::seconds{2});
  EXPECT_EQ(smtp.Messages().size(), 1u);
  EXPECT_EQ(Outbox(server)["items"][0]["status"], "sent");
}

}  // namespace
}  // namespace boucle::testing
