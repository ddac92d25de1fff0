#include "http/csv.hpp"

#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

TEST(CsvText, QuotesAsRfc4180AndDefusesFormulas) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"Léa Martin", "Léa Martin"},
      {"Dupont, Fils", "\"Dupont, Fils\""},
      {"dit \"oui\"", "\"dit \"\"oui\"\"\""},
      {"deux\nlignes", "\"deux\nlignes\""},
      {"=SUM(A1:A9)", "'=SUM(A1:A9)"},
      {"+33 6 12", "'+33 6 12"},
      {"-2+3", "'-2+3"},
      {"@cmd", "'@cmd"},
      {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {"\tcaché", "'\tcaché"},
      {"", ""},
      {"a=b", "a=b"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(http::CsvText(in), out) << in;
  EXPECT_EQ(http::CsvNumber(json(-3)), "-3") << "numbers of typed fields stay numbers";
}

class CsvExport : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = app.TokenFor("admin", Role::kAdmin);
    user = app.TokenFor("lea", Role::kEndUser);
    vpn = app.As(admin, "POST", "/api/v1/services", {{"name", "VPN"}}).json["id"];
    mail = app.As(admin, "POST", "/api/v1/services", {{"name", "Messagerie"}}).json["id"];
    auto s = app.As(admin, "POST", "/api/v1/stakeholders",
                    {{"name", "=HYPERLINK(\"x\")"},
                     {"stakeholder_group", "sponsor"},
                     {"organisation", "Dupont, Fils"},
                     {"services", {vpn, mail}},
                     {"influence", 5},
                     {"interest", 2}});
    ASSERT_EQ(s.status, 201) << s.body;
    auto l = app.As(
        admin, "POST", "/api/v1/stakeholders",
        {{"name", "Léa Petit"}, {"stakeholder_group", "end_user"}, {"user_account", app.UserId("lea")}});
    ASSERT_EQ(l.status, 201) << l.body;
    lea = l.json["id"];
  }
  TestApp app;
  std::string admin, user;
  json vpn, mail, lea;
};

std::vector<std::string> Lines(const std::string& body) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t p = body.find("\r\n"); p != std::string::npos; start = p + 2, p = body.find("\r\n", start))
    out.push_back(body.substr(start, p - start));
  return out;
}

TEST_F(CsvExport, ListWithFiltersLabelsTitlesAndBom) {
  auto r = app.As(admin, "GET", "/api/v1/stakeholders?format=csv&stakeholder_group=sponsor", nullptr,
                  {{"accept-language", "en"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type").rfind("text/csv; charset=utf-8", 0), 0u);
  EXPECT_NE(r.Header("Content-Disposition").find("stakeholders.csv"), std::string::npos);
  ASSERT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF") << "a byte order mark, so that Excel reads UTF-8";
  const auto lines = Lines(r.body.substr(3));
  ASSERT_EQ(lines.size(), 2u) << "the header and the one sponsor: the filter applies";
  EXPECT_EQ(lines[0].rfind("id,Name,Kind,Stakeholder group,Job title,Organisation,Email,Services concerned,"
                           "Influence (1-5),Interest (1-5),Preferred language,Preferred channel,",
                           0),
            0u)
      << lines[0];
  EXPECT_EQ(lines[1].rfind(
                "1,\"'=HYPERLINK(\"\"x\"\")\",Person,Sponsor (CIO),,\"Dupont, Fils\",,VPN; Messagerie,5,2,"
                "French,Email,Neutral,Supportive,,,2026-03-02T09:00:00Z",  // no account, no interaction yet
                0),
            0u)
      << lines[1];

  auto fr = app.As(admin, "GET", "/api/v1/stakeholders?format=csv&lang=fr&sort=name", nullptr,
                   {{"accept-language", "en"}});
  ASSERT_EQ(fr.status, 200);
  const auto fr_lines = Lines(fr.body.substr(3));
  ASSERT_EQ(fr_lines.size(), 3u) << "every page, every record";
  EXPECT_EQ(fr_lines[0].rfind("id,Nom,Nature,Groupe de parties prenantes,", 0), 0u)
      << "lang wins over the header";
  EXPECT_EQ(fr_lines[1].rfind("1,\"'=HYPERLINK", 0), 0u) << "sorted by name: '=' comes before 'L'";
  EXPECT_NE(fr_lines[2].find("Léa Petit,Personne,Utilisateurs finaux"), std::string::npos) << fr_lines[2];
}

TEST_F(CsvExport, EndUsersExportOnlyTheirOwnRows) {
  auto mine = app.As(user, "POST", "/api/v1/feedback",
                     {{"kind", "praise"}, {"summary", "Merci pour le VPN"}, {"service", vpn}});
  ASSERT_EQ(mine.status, 201) << mine.body;
  auto other =
      app.As(admin, "POST", "/api/v1/feedback",
             {{"kind", "complaint"}, {"summary", "Trop lent"}, {"service", vpn}, {"stakeholder", 1}});
  ASSERT_EQ(other.status, 201) << other.body;
  auto r = app.As(user, "GET", "/api/v1/feedback?format=csv");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto lines = Lines(r.body.substr(3));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("Merci pour le VPN"), std::string::npos);
  EXPECT_EQ(r.body.find("Trop lent"), std::string::npos);
}

TEST_F(CsvExport, BadFormatOrLanguageIsNamed) {
  auto r = app.As(admin, "GET", "/api/v1/stakeholders?format=xml");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "format");
  auto l = app.As(admin, "GET", "/api/v1/stakeholders?format=csv&lang=de");
  EXPECT_EQ(l.status, 400);
  EXPECT_EQ(l.json["error"]["field"], "lang");
  EXPECT_EQ(app.As(admin, "GET", "/api/v1/stakeholders?format=json").status, 200);
}

TEST_F(CsvExport, ReportsExportTheirColumns) {
  auto r = app.As(admin, "GET", "/api/v1/reports/power_interest?format=csv&lang=en");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto lines = Lines(r.body.substr(3));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "Stakeholder,Group,Influence (1-5),Interest (1-5),Approach");
  EXPECT_NE(r.body.find("\"'=HYPERLINK(\"\"x\"\")\",Sponsor (CIO),5,2,"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace boucle::testing
