// The outbox and its runner with real mail: retries while the SMTP server is down, sends once,
// never re-runs a job interrupted mid-send.
#include "jobs/runner.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "jobs/outbox.hpp"
#include "mail/mail_job.hpp"
#include "support/smtp_server.hpp"
#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class RunnerTest : public ::testing::Test {
 protected:
  // Enqueues a mail through a real action context, as domain code does.
  json Enqueue(const std::string& key, const std::string& to = "lea@example.org") {
    auto r = app.store->Write<json>([&](Tx& tx) -> Result<json> {
      Job job{kMailJob, key, MailPayload({to, "Léa"}, "Sujet é", "Lien : {{base_url}}/s/xyz"), "mail " + key,
              app.clock.Now()};
      return app.records->CreateIn(tx, Actor::System(), kOutboxType,
                                   {{"kind", job.kind},
                                    {"idempotency_key", job.idempotency_key},
                                    {"payload", job.payload.dump()},
                                    {"summary", job.summary},
                                    {"due_at", FormatTime(job.due_at)}});
    });
    EXPECT_TRUE(r) << (r ? "" : r.error().code);
    return r ? *r : json();
  }
  json Row(int64_t id) { return *app.records->Get(Actor::System(), kOutboxType, id); }

  TestApp app;
};

TEST_F(RunnerTest, RetriesWithBackoffWhileTheServerIsDownThenSendsOnce) {
  const uint16_t port = FreeLoopbackPort();
  JobRunner runner(*app.records, {.max_attempts = 5, .first_retry = std::chrono::seconds{30}});
  runner.Handle(kMailJob, MailJobHandler({"smtp://127.0.0.1:" + std::to_string(port), "boucle@example.org",
                                          "Boucle", "http://boucle.test", 5},
                                         app.clock));
  const int64_t id = Enqueue("k1")["id"];

  auto pass = runner.RunDue();
  ASSERT_TRUE(pass);
  EXPECT_EQ(pass->failed, 1);
  json job = Row(id);
  EXPECT_EQ(job["status"], "pending");
  EXPECT_EQ(job["attempts"], 1);
  EXPECT_NE(job["last_error"].get<std::string>().find("SMTP"), std::string::npos) << job["last_error"];
  EXPECT_EQ(job["due_at"], FormatTime(app.clock.Now() + std::chrono::seconds{30}));

  // Not due yet: nothing happens.
  EXPECT_EQ(runner.RunDue()->failed, 0);
  app.clock.Advance(std::chrono::seconds{31});
  EXPECT_EQ(runner.RunDue()->failed, 1);
  EXPECT_EQ(Row(id)["due_at"], FormatTime(app.clock.Now() + std::chrono::seconds{60})) << "the delay doubles";

  SmtpServer server(port);
  app.clock.Advance(std::chrono::seconds{61});
  EXPECT_EQ(runner.RunDue()->sent, 1);
  job = Row(id);
  EXPECT_EQ(job["status"], "sent");
  EXPECT_EQ(job["attempts"], 3);
  EXPECT_TRUE(job["last_error"].is_null());
  EXPECT_EQ(job["payload"].get<std::string>().find("/s/xyz"), std::string::npos)
      << "the link leaves the database";
  auto got = server.WaitFor(1, std::chrono::seconds{20});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(MailTextBody(got[0]).find("http://boucle.test/s/xyz"), std::string::npos) << MailTextBody(got[0]);

  // Later passes never send it again.
  app.clock.Advance(std::chrono::hours{3});
  EXPECT_EQ(runner.RunDue()->sent, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(server.Messages().size(), 1u);
}

TEST_F(RunnerTest, GivesUpAfterTheLastAttemptAndKeepsTheError) {
  JobRunner runner(*app.records, {.max_attempts = 2, .first_retry = std::chrono::seconds{1}});
  runner.Handle(kMailJob, MailJobHandler({"smtp://127.0.0.1:" + std::to_string(FreeLoopbackPort()),
                                          "b@example.org", "B", "", 5},
                                         app.clock));
  const int64_t id = Enqueue("k2")["id"];
  EXPECT_EQ(runner.RunDue()->failed, 1);
  app.clock.Advance(std::chrono::seconds{5});
  EXPECT_EQ(runner.RunDue()->given_up, 1);
  EXPECT_EQ(Row(id)["status"], "failed");
  EXPECT_FALSE(Row(id)["last_error"].is_null());
}

TEST_F(RunnerTest, AJobInterruptedWhileSendingIsNeverRunAgain) {
  const int64_t id = Enqueue("k3")["id"];
  // As if a crash happened after the claim: status "sending", lease over.
  json job = Row(id);
  ASSERT_TRUE(app.records->Update(Actor::System(), kOutboxType, id, {{"status", "sending"}},
                                  job["version"].get<int64_t>()));
  SmtpServer server;
  JobRunner runner(*app.records);
  runner.Handle(kMailJob, MailJobHandler({server.url(), "b@example.org", "B", "", 5}, app.clock));
  ASSERT_TRUE(runner.RunDue());
  EXPECT_EQ(Row(id)["status"], "failed");
  EXPECT_NE(Row(id)["last_error"].get<std::string>().find("interrupted"), std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(server.Messages().empty());
}

TEST_F(RunnerTest, JobsOfAKindWithoutHandlerWaitAndClientsCannotForgeThem) {
  const int64_t id = Enqueue("k4")["id"];
  JobRunner runner(*app.records);  // no SMTP configured: no mail handler
  ASSERT_TRUE(runner.RunDue());
  EXPECT_EQ(Row(id)["status"], "pending");
  EXPECT_EQ(Row(id)["attempts"], 0);
  const std::string admin = app.TokenFor("admin", Role::kAdmin);
  auto forged = app.As(admin, "POST", "/api/v1/outbox", {{"kind", "mail"}, {"payload", "{}"}});
  EXPECT_EQ(forged.status, 400);
  EXPECT_EQ(forged.json["error"]["code"], "field.read_only");
  const std::string agent = app.TokenFor("agent", Role::kAgent);
  EXPECT_EQ(app.As(agent, "GET", "/api/v1/outbox").status, 403);
}

}  // namespace
}  // namespace boucle::testing
