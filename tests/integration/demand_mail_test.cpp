// The real binary with a real SMTP server: the requester of a demand gets one mail per step the
// desk takes, in their language, with the reason when the demand is rejected.
#include <gtest/gtest.h>

#include <thread>

#include "support/server_process.hpp"
#include "support/smtp_server.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

TEST(DemandMail, EachStepReachesTheRequesterOnceThroughSmtp) {
  const auto dir = TempDir("boucle-demand-mail");
  const auto db = dir / "b.db";
  std::string out;
  ASSERT_EQ(
      RunBoucle({"user", "add", "--db", db.string(), "--login", "ops", "--role", "admin", "--password-stdin"},
                &out, "correct horse battery\n"),
      0)
      << out;
  ASSERT_EQ(RunBoucle({"user", "token", "--db", db.string(), "--login", "ops"}, &out), 0) << out;
  while (!out.empty() && isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  const std::string auth = "Bearer " + out.substr(out.find_last_of(" \n") + 1);
  {
    SmtpServer smtp;
    ServerProcess server(db, {"--smtp", smtp.url(), "--public-url", "http://boucle.test"});
    auto call = [&](const std::string& method, const std::string& path, const json& body) {
      auto r = server.Call(method, path, body.is_null() ? "" : body.dump(), {{"authorization", auth}});
      EXPECT_LT(r.status, 300) << method << " " << path << ": " << r.body;
      return r.json;
    };
    const json who = call("POST", "/api/v1/stakeholders",
                          {{"name", "Léa Martin"},
                           {"stakeholder_group", "end_user"},
                           {"email", "lea@example.org"},
                           {"preferred_language", "en"}})["id"];
    const json demand = call("POST", "/api/v1/demands",
                             {{"kind", "need"}, {"title", "Un écran de plus"}, {"requester", who}});
    const std::string path = "/api/v1/demands/" + demand["id"].dump();
    call("PATCH", path, {{"status", "triaged"}, {"version", demand["version"]}});
    auto mails = smtp.WaitFor(1, std::chrono::seconds{60});
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(MailHeader(mails[0], "To"), "Léa Martin <lea@example.org>");
    EXPECT_EQ(MailHeader(mails[0], "Subject"), "Your demand \"Un écran de plus\" has been triaged");
    EXPECT_NE(MailTextBody(mails[0]).find("http://boucle.test/#/demands/" + demand["id"].dump()),
              std::string::npos)
        << MailTextBody(mails[0]);
    call("PATCH", path,
         {{"status", "rejected"},
          {"rejection_reason", "Budget épuisé."},
          {"version", demand["version"].get<int64_t>() + 1}});
    mails = smtp.WaitFor(2, std::chrono::seconds{60});
    ASSERT_EQ(mails.size(), 2u);
    EXPECT_EQ(MailHeader(mails[1], "Subject"), "Your demand \"Un écran de plus\" was not accepted");
    EXPECT_NE(MailTextBody(mails[1]).find("Reason: Budget épuisé."), std::string::npos)
        << MailTextBody(mails[1]);
    // Give the runner a few more passes: still one mail per step.
    std::this_thread::sleep_for(std::chrono::seconds{2});
    EXPECT_EQ(smtp.Messages().size(), 2u);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace boucle::testing
