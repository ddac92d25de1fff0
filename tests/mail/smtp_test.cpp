// The SMTP client against a real server (aiosmtpd on loopback).
#include "mail/smtp.hpp"

#include <gtest/gtest.h>

#include "mail/message.hpp"
#include "support/smtp_server.hpp"

namespace boucle::testing {
namespace {

const TimePoint kNow{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours{9}};

TEST(MailCompose, EncodesUtf8HeadersAsEncodedWordsThatNeverSplitACharacter) {
  const std::string subject =
      "Enquête de satisfaction — votre avis compte énormément pour l'équipe informatique";
  const std::string encoded = EncodeHeaderText(subject);
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
  size_t start = 0;
  while (start < encoded.size()) {
    const size_t end = std::min(encoded.find("\r\n ", start), encoded.size());
    EXPECT_LE(end - start, 75u) << "an encoded word is at most 75 characters";
    start = end + 3;
  }
  EXPECT_EQ(EncodeHeaderText("Plain ASCII subject"), "Plain ASCII subject");
}

TEST(MailCompose, RefusesHeaderInjectionAndBadAddresses) {
  MailMessage m{
      {"boucle@example.org", "Boucle"}, {"lea@example.org", "Léa"}, "Bonjour\r\nBcc: x@evil", "t", "", ""};
  auto r = ComposeMail(m, "date");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "mail.header_newline");
  m.subject = "ok";
  m.to.address = "lea@example.org>\r\nRCPT TO:<x@evil";
  ASSERT_FALSE(ComposeMail(m, "date"));
  EXPECT_EQ(ComposeMail(m, "date").error().field, "to");
  for (const char* bad : {"", "no-at", "a@b@c", "@example.org", "a b@example.org", "é@example.org"})
    EXPECT_FALSE(CheckAddress(bad, "to")) << bad;
  EXPECT_TRUE(CheckAddress("lea.martin+tag@example.org", "to"));
}

TEST(Smtp, SendsAUtf8MessageWithTextAndHtmlToARealServer) {
  SmtpServer server;
  SmtpOptions options{server.url(), "boucle@example.org", "Boucle ITSM", "", 10};
  MailMessage m;
  m.to = {"lea@example.org", "Léa Martin"};
  m.subject = "Votre avis sur le VPN — ça compte";
  m.text = "Bonjour Léa,\nRépondez ici : http://127.0.0.1/s/abc\n";
  m.html = "<p>Bonjour Léa</p>";
  m.message_id = "test-1@boucle";
  ASSERT_TRUE(SendMail(options, m, kNow));
  auto got = server.WaitFor(1, std::chrono::seconds(20));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(MailHeader(got[0], "Subject"), m.subject);
  EXPECT_EQ(MailHeader(got[0], "To"), "Léa Martin <lea@example.org>");
  EXPECT_NE(MailHeader(got[0], "From").find("boucle@example.org"), std::string::npos);
  EXPECT_EQ(MailHeader(got[0], "Message-ID"), "<test-1@boucle>");
  EXPECT_NE(got[0].find("multipart/alternative"), std::string::npos);
  EXPECT_EQ(MailTextBody(got[0]), m.text);
}

TEST(Smtp, ReportsAnUnreachableServerAsAnError) {
  SmtpOptions options{"smtp://127.0.0.1:" + std::to_string(FreeLoopbackPort()), "boucle@example.org",
                      "Boucle", "", 5};
  MailMessage m{{}, {"lea@example.org", ""}, "s", "t", "", ""};
  auto st = SendMail(options, m, kNow);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, "mail.send_failed");
  EXPECT_TRUE(st.error().params.contains("detail"));
}

}  // namespace
}  // namespace boucle::testing
