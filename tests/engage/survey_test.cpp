// Surveys end to end in process: a campaign launched, its mails sent by the runner to a real SMTP
// server, the personal link read and answered once, results and CSV, feedback, satisfaction.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "engage/survey_schedule.hpp"
#include "engage/surveys.hpp"
#include "jobs/outbox.hpp"
#include "jobs/runner.hpp"
#include "mail/mail_job.hpp"
#include "support/smtp_server.hpp"
#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class SurveyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = app.TokenFor("admin", Role::kAdmin);
    agent = app.TokenFor("agent", Role::kAgent);
    service = Post("/api/v1/services", {{"name", "VPN"}})["id"];
    lea = Post("/api/v1/stakeholders", {{"name", "Léa Martin"},
                                        {"stakeholder_group", "end_user"},
                                        {"email", "lea@example.org"},
                                        {"preferred_language", "fr"}})["id"];
    sam = Post("/api/v1/stakeholders", {{"name", "Sam Jones"},
                                        {"stakeholder_group", "end_user"},
                                        {"email", "sam@example.org"},
                                        {"preferred_language", "en"}})["id"];
    Post("/api/v1/stakeholders", {{"name", "Sans courriel"}, {"stakeholder_group", "end_user"}});
    Post("/api/v1/stakeholders",
         {{"name", "Autre groupe"}, {"stakeholder_group", "finance"}, {"email", "f@example.org"}});
    survey = Post("/api/v1/surveys", {{"title", "Baromètre du VPN"},
                                      {"intro_fr", "Dites-nous tout."},
                                      {"intro_en", "Tell us everything."},
                                      {"status", "active"}})["id"];
    q_rating = Question(1, "rating", "Note globale", "Overall rating");
    q_nps = Question(2, "recommendation", "Recommanderiez-vous le VPN ?", "Would you recommend the VPN?");
    q_single = Question(3, "single_choice", "Fréquence d'usage", "How often",
                        "Chaque jour\nChaque semaine\nRarement", "Daily\nWeekly\nRarely");
    q_multi = Question(4, "multiple_choice", "Usages", "Uses", "Télétravail\nDéplacements\nAstreinte",
                       "Remote work\nTravel\nOn call");
    q_text = Question(5, "free_text", "Une suggestion ?", "A suggestion?", "", "", false);
    campaign = Post("/api/v1/survey_campaigns", {{"title", "VPN mars"},
                                                 {"survey", survey},
                                                 {"target_groups", "end_user"},
                                                 {"service", service},
                                                 {"link_days", 10},
                                                 {"reminder_days", 3}})["id"];
    runner = std::make_unique<JobRunner>(*app.records);
  }

  json Post(const std::string& path, const json& body, int expect = 201) {
    auto r = app.As(admin, "POST", path, body);
    EXPECT_EQ(r.status, expect) << path << ": " << r.body;
    return r.json;
  }
  int64_t Question(int pos, const std::string& kind, const std::string& fr, const std::string& en,
                   const std::string& opt_fr = "", const std::string& opt_en = "", bool required = true) {
    json body{{"survey", survey}, {"position", pos}, {"kind", kind},
              {"text_fr", fr},    {"text_en", en},   {"required", required}};
    if (!opt_fr.empty()) body["options_fr"] = opt_fr, body["options_en"] = opt_en;
    return Post("/api/v1/survey_questions", body)["id"];
  }
  json Launch() {
    auto r = app.As(agent, "POST", "/api/v1/survey_campaigns/" + std::to_string(campaign) + "/actions/launch",
                    json::object());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  }
  void UseSmtp(const SmtpServer& server) {
    runner->Handle(
        kMailJob,
        MailJobHandler({server.url(), "boucle@example.org", "Boucle", "http://boucle.test", 10}, app.clock));
  }
  // The tokens mailed to each address, from the real server's mailbox.
  std::map<std::string, std::string> TokensByRecipient(const std::vector<std::string>& mails) {
    std::map<std::string, std::string> out;
    for (const auto& m : mails) {
      std::string to = MailHeader(m, "To");
      to = to.substr(to.find('<') + 1);
      to.pop_back();
      out[to] = SurveyToken(MailTextBody(m));
    }
    return out;
  }
  Reply Public(const std::string& method, const std::string& token, const json& body = nullptr) {
    return app.Call(method, "/api/v1/public/surveys/" + token, body.is_null() ? "" : body.dump());
  }
  json FullAnswer() {
    return {{"answers",
             {{{"question", q_rating}, {"value", 4}},
              {{"question", q_nps}, {"value", 9}},
              {{"question", q_single}, {"value", 2}},
              {{"question", q_multi}, {"value", {1, 3}}},
              {{"question", q_text}, {"value", "Un VPN qui se reconnecte seul, s'il vous plaît."}}}}};
  }
  // Launches the campaign, sends its mails to a real SMTP server and returns the token per address.
  std::map<std::string, std::string> LaunchAndDeliver() {
    Launch();
    smtp = std::make_unique<SmtpServer>();
    UseSmtp(*smtp);
    EXPECT_EQ(runner->RunDue()->sent, 2);
    return TokensByRecipient(smtp->WaitFor(2, std::chrono::seconds{20}));
  }
  std::vector<json> Outbox() {
    return app.records->List(Actor::System(), kOutboxType, {{"limit", "100"}})->items;
  }

  TestApp app;
  std::unique_ptr<JobRunner> runner;
  std::unique_ptr<SmtpServer> smtp;
  std::string admin, agent;
  int64_t service = 0, lea = 0, sam = 0, survey = 0, campaign = 0;
  int64_t q_rating = 0, q_nps = 0, q_single = 0, q_multi = 0, q_text = 0;
};

TEST_F(SurveyTest, LaunchMailsEachRecipientOnceInTheirLanguageAndTheLinkWorksOnce) {
  json launched = Launch();
  EXPECT_EQ(launched["invited"], 2) << launched;
  EXPECT_EQ(launched["unreachable"], 1) << "no e-mail address";
  EXPECT_EQ(launched["campaign"]["status"], "launched");
  // Launching again is harmless: nobody is invited twice, no second mail is queued.
  json again = Launch();
  EXPECT_EQ(again["invited"], 0);
  EXPECT_EQ(again["already_invited"], 2);
  EXPECT_EQ(Outbox().size(), 2u);
  for (const auto& job : Outbox())
    EXPECT_EQ(job["payload"].get<std::string>().find("token_hash"), std::string::npos);

  SmtpServer server;
  UseSmtp(server);
  EXPECT_EQ(runner->RunDue()->sent, 2);
  auto mails = server.WaitFor(2, std::chrono::seconds{20});
  ASSERT_EQ(mails.size(), 2u);
  auto tokens = TokensByRecipient(mails);
  ASSERT_EQ(tokens.size(), 2u);
  ASSERT_EQ(tokens["lea@example.org"].size(), 43u);
  for (const auto& m : mails) {
    const bool english = MailHeader(m, "To").find("sam@") != std::string::npos;
    EXPECT_NE(MailHeader(m, "Subject").find(english ? "your opinion matters" : "votre avis compte"),
              std::string::npos);
    EXPECT_NE(MailTextBody(m).find(english ? "Tell us everything." : "Dites-nous tout."), std::string::npos);
    EXPECT_NE(MailTextBody(m).find("http://boucle.test/s/"), std::string::npos);
  }
  // Only the hash is stored.
  auto invitations = app.records->List(Actor::System(), "survey_invitations", {});
  for (const auto& inv : invitations->items) {
    EXPECT_NE(inv["token_hash"], tokens["lea@example.org"]);
    EXPECT_EQ(inv["token_hash"].get<std::string>().size(), 64u);
  }

  // The recipient reads the survey in their language, without any login.
  auto read = Public("GET", tokens["sam@example.org"]);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json["language"], "en");
  EXPECT_EQ(read.json["questions"].size(), 5u);
  EXPECT_EQ(read.json["questions"][0]["text"], "Overall rating");
  EXPECT_EQ(read.json["questions"][2]["options"], json({"Daily", "Weekly", "Rarely"}));
  EXPECT_EQ(Public("GET", tokens["lea@example.org"]).json["questions"][0]["text"], "Note globale");

  auto answered = Public("POST", tokens["lea@example.org"], FullAnswer());
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json["answers"], 5);
  // Used twice: 410, for reading and for answering; nothing more is stored.
  auto twice = Public("POST", tokens["lea@example.org"], FullAnswer());
  EXPECT_EQ(twice.status, 410);
  EXPECT_EQ(twice.json["error"]["code"], "survey.link_used");
  EXPECT_EQ(Public("GET", tokens["lea@example.org"]).status, 410);
  EXPECT_EQ(app.records->List(Actor::System(), "survey_answers", {})->total, 5);

  // A token that was never issued: 404; a malformed one too.
  EXPECT_EQ(Public("GET", std::string(43, 'A')).status, 404);
  EXPECT_EQ(Public("GET", "short").status, 404);
}

TEST_F(SurveyTest, ExpiredLinksAnswer410) {
  auto tokens = LaunchAndDeliver();
  app.clock.Advance(std::chrono::days{11});
  auto r = Public("GET", tokens["lea@example.org"]);
  EXPECT_EQ(r.status, 410);
  EXPECT_EQ(r.json["error"]["code"], "survey.link_expired");
  EXPECT_EQ(Public("POST", tokens["lea@example.org"], FullAnswer()).status, 410);
}

TEST_F(SurveyTest, BadAnswersAre4xxNamingTheEntryAndNeverConsumeTheLink) {
  const std::string token = LaunchAndDeliver()["lea@example.org"];
  struct Case {
    json body;
    std::string field;
  };
  json out_of_range = FullAnswer();
  out_of_range["answers"][3]["value"] = {1, 7};
  json bad_rating = FullAnswer();
  bad_rating["answers"][0]["value"] = 6;
  json text_for_number = FullAnswer();
  text_for_number["answers"][1]["value"] = "dix";
  json foreign = FullAnswer();
  foreign["answers"][2]["question"] = 999999;
  json missing = FullAnswer();
  missing["answers"].erase(0);
  json twice = FullAnswer();
  twice["answers"][4]["question"] = q_rating;
  for (const auto& [body, field] : std::vector<Case>{
           {out_of_range, "answers.3.value.1"},
           {bad_rating, "answers.0.value"},
           {text_for_number, "answers.1.value"},
           {foreign, "answers.2.question"},
           {missing, "questions." + std::to_string(q_rating)},
           {twice, "answers.4.question"},
           {{{"answers", "tout"}}, "answers"},
           {{{"answers", json::array()}, {"extra", 1}}, "extra"},
           {json::array(), "body"},
       }) {
    auto r = Public("POST", token, body);
    EXPECT_EQ(r.status, 400) << body << " " << r.body;
    EXPECT_EQ(r.json["error"]["field"], field) << body << " " << r.body;
  }
  EXPECT_EQ(app.Call("POST", "/api/v1/public/surveys/" + token, "{not json").status, 400);
  // Still usable after all these refusals.
  EXPECT_EQ(Public("POST", token, FullAnswer()).status, 200);
}

TEST_F(SurveyTest, ResultsReportCountsRatesMeanAndNpsAndExportsCsv) {
  auto tokens = LaunchAndDeliver();
  ASSERT_EQ(Public("POST", tokens["lea@example.org"], FullAnswer()).status, 200);
  json low = FullAnswer();
  low["answers"][0]["value"] = 2;
  low["answers"][1]["value"] = 3;
  low["answers"].erase(4);
  ASSERT_EQ(Public("POST", tokens["sam@example.org"], low).status, 200);

  auto report = app.As(agent, "GET", "/api/v1/reports/survey_results?campaign=" + std::to_string(campaign));
  ASSERT_EQ(report.status, 200) << report.body;
  std::map<std::string, json> summary;
  for (const auto& f : report.json["summary"]) summary[f["name"].get<std::string>()] = f["value"];
  EXPECT_EQ(summary["invited"], 2);
  EXPECT_EQ(summary["answered"], 2);
  EXPECT_EQ(summary["response_rate"], 100.0);
  EXPECT_EQ(summary["mean_rating"], 3.0);
  EXPECT_EQ(summary["nps"], 0.0) << "one promoter (9), one detractor (3)";
  const json& rating = report.json["rows"][0];
  EXPECT_EQ(rating["counts"], json({0, 1, 0, 1, 0}));
  const json& multi = report.json["rows"][3];
  EXPECT_EQ(multi["counts"], json({2, 0, 2}));
  EXPECT_EQ(report.json["rows"][4]["answers"], 1);

  auto csv = app.As(agent, "POST",
                    "/api/v1/survey_campaigns/" + std::to_string(campaign) + "/actions/export_answers",
                    json::object());
  ASSERT_EQ(csv.status, 200) << csv.body;
  const std::string text = csv.json["csv"];
  EXPECT_EQ(text.rfind("invitation,stakeholder,language,answered_at,question_position,question,kind,value,"
                       "choices,text\r\n",
                       0),
            0u);
  EXPECT_NE(text.find("\"Un VPN qui se reconnecte seul, s'il vous plaît.\""), std::string::npos) << text;
  EXPECT_NE(text.find(",multiple_choice,,\"1,3\","), std::string::npos) << text;
  EXPECT_EQ(csv.json["rows"], 9);
}

TEST_F(SurveyTest, AFreeTextAnswerBecomesFeedbackLinkedToItsAnswerAndCampaign) {
  auto tokens = LaunchAndDeliver();
  ASSERT_EQ(Public("POST", tokens["lea@example.org"], FullAnswer()).status, 200);
  auto answers = app.records->List(Actor::System(), "survey_answers", {{"question", std::to_string(q_text)}});
  ASSERT_EQ(answers->total, 1);
  const std::string path = "/api/v1/survey_answers/" + std::to_string(answers->items[0]["id"].get<int64_t>());
  auto bad = app.As(agent, "POST", path + "/actions/to_feedback", {{"kind", "praise"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json["error"]["field"], "kind");
  auto made = app.As(agent, "POST", path + "/actions/to_feedback", {{"kind", "idea"}});
  ASSERT_EQ(made.status, 200) << made.body;
  EXPECT_EQ(made.json["feedback"]["kind"], "idea");
  EXPECT_EQ(made.json["feedback"]["service"], service);
  EXPECT_EQ(made.json["feedback"]["stakeholder"], lea);
  EXPECT_EQ(app.As(agent, "POST", path + "/actions/to_feedback", {{"kind", "idea"}}).status, 409);
  auto trace =
      app.As(agent, "GET",
             "/api/v1/feedback/" + std::to_string(made.json["feedback"]["id"].get<int64_t>()) + "/trace");
  std::set<std::string> kinds;
  for (const auto& e : trace.json["edges"])
    kinds.insert(e["to_type"].get<std::string>() + ":" + e["kind"].get<std::string>());
  EXPECT_TRUE(kinds.contains("survey_answers:originates_from"));
  EXPECT_TRUE(kinds.contains("survey_campaigns:originates_from"));
  // A rating is not free text.
  auto rating =
      app.records->List(Actor::System(), "survey_answers", {{"question", std::to_string(q_rating)}});
  auto refused = app.As(agent, "POST",
                        "/api/v1/survey_answers/" + std::to_string(rating->items[0]["id"].get<int64_t>()) +
                            "/actions/to_feedback",
                        {{"kind", "idea"}});
  EXPECT_EQ(refused.status, 400);
}

TEST_F(SurveyTest, AFreeTextAnswerBecomesAnIdeaOfTheRecipientOnTheServiceBoard) {
  auto tokens = LaunchAndDeliver();
  ASSERT_EQ(Public("POST", tokens["lea@example.org"], FullAnswer()).status, 200);
  auto answers = app.records->List(Actor::System(), "survey_answers", {{"question", std::to_string(q_text)}});
  ASSERT_EQ(answers->total, 1);
  const int64_t answer = answers->items[0]["id"].get<int64_t>();
  const std::string path = "/api/v1/survey_answers/" + std::to_string(answer) + "/actions/to_idea";
  EXPECT_EQ(app.As(agent, "POST", path, {{"title", "x"}}).json["error"]["field"], "title");
  auto made = app.As(agent, "POST", path, json::object());
  ASSERT_EQ(made.status, 200) << made.body;
  const json idea = made.json["idea"];
  EXPECT_EQ(idea["kind"], "idea");
  EXPECT_EQ(idea["service"], service);
  EXPECT_EQ(idea["requester"], lea);
  EXPECT_EQ(idea["title"], "Un VPN qui se reconnecte seul, s'il vous plaît.");
  EXPECT_EQ(made.json["answer"]["idea"], idea["id"]);
  EXPECT_EQ(app.As(agent, "POST", path, json::object()).status, 409) << "one idea per answer";
  auto trace = app.As(agent, "GET", "/api/v1/demands/" + idea["id"].dump() + "/trace");
  bool from_answer = false;
  for (const auto& e : trace.json["edges"])
    from_answer |= e["kind"] == "originates_from" && e["to_type"] == "survey_answers" && e["to_id"] == answer;
  EXPECT_TRUE(from_answer) << trace.body;
  auto board = app.As(agent, "GET", "/api/v1/reports/ideas_board?service=" + std::to_string(service));
  ASSERT_EQ(board.json["rows"].size(), 1u) << board.body;
  EXPECT_EQ(board.json["rows"][0]["idea"], idea["id"]);
  // A rating is not free text.
  auto rating = app.records->List(Actor::System(), "survey_answers", {{"question", std::to_string(q_rating)}});
  EXPECT_EQ(app.As(agent, "POST",
                   "/api/v1/survey_answers/" + std::to_string(rating->items[0]["id"].get<int64_t>()) +
                       "/actions/to_idea",
                   json::object())
                .status,
            400);
}

TEST_F(SurveyTest, RemindersCarryANewLinkAndTheOldOneStopsWorking) {
  auto first = LaunchAndDeliver();
  ASSERT_EQ(Public("POST", first["sam@example.org"], FullAnswer()).status, 200);
  // Not due yet: the schedule reminds nobody.
  ASSERT_TRUE(RunSurveySchedule(*app.records));
  EXPECT_EQ(Outbox().size(), 2u);
  app.clock.Advance(std::chrono::days{4});
  ASSERT_TRUE(RunSurveySchedule(*app.records));
  ASSERT_TRUE(RunSurveySchedule(*app.records));
  EXPECT_EQ(Outbox().size(), 3u) << "one reminder, for the one who has not answered, once";
  EXPECT_EQ(runner->RunDue()->sent, 1);
  auto mails = smtp->WaitFor(3, std::chrono::seconds{20});
  ASSERT_EQ(mails.size(), 3u);
  const std::string reminder = mails.back();
  EXPECT_NE(MailHeader(reminder, "Subject").find("Rappel"), std::string::npos);
  const std::string fresh = SurveyToken(MailTextBody(reminder));
  EXPECT_EQ(Public("GET", first["lea@example.org"]).status, 404) << "the first link was replaced";
  EXPECT_EQ(Public("GET", fresh).status, 200);
}

TEST_F(SurveyTest, CheckAnswersOnPlainValues) {
  std::vector<json> questions{{{"id", 1}, {"kind", "rating"}, {"required", true}, {"position", 1}},
                              {{"id", 2}, {"kind", "free_text"}, {"required", false}, {"position", 2}}};
  auto ok = CheckAnswers(questions, {{"answers", {{{"question", 1}, {"value", 5}}}}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->size(), 1u);
  auto blank_required = CheckAnswers(questions, {{"answers", {{{"question", 1}, {"value", nullptr}}}}});
  ASSERT_FALSE(blank_required);
  EXPECT_EQ(blank_required.error().code, "survey.answer_required");
  auto control = CheckAnswers(
      questions,
      {{"answers", {{{"question", 1}, {"value", 3}}, {{"question", 2}, {"value", std::string("a\x01")}}}}});
  ASSERT_FALSE(control);
  EXPECT_EQ(control.error().field, "answers.1.value");
}

TEST_F(SurveyTest, SamplingByTicketIdIsDeterministicAndNearTheShare) {
  int in = 0;
  for (int64_t id = 1; id <= 10000; ++id) in += InSatisfactionSample(id, 30) ? 1 : 0;
  EXPECT_NEAR(in, 3000, 200);
  EXPECT_EQ(InSatisfactionSample(42, 30), InSatisfactionSample(42, 30));
  EXPECT_TRUE(InSatisfactionSample(7, 100));
  EXPECT_FALSE(InSatisfactionSample(7, 0));
}

TEST_F(SurveyTest, AResolvedTicketBringsASatisfactionSurveyWhoseAnswerIsFeedback) {
  const int64_t sat =
      Post("/api/v1/surveys",
           {{"title", "Satisfaction ticket"}, {"purpose", "satisfaction"}, {"status", "active"}})["id"];
  const int64_t q = Post("/api/v1/survey_questions", {{"survey", sat},
                                                      {"position", 1},
                                                      {"kind", "rating"},
                                                      {"text_fr", "Votre note"},
                                                      {"text_en", "Your rating"}})["id"];
  const int64_t q2 = Post("/api/v1/survey_questions", {{"survey", sat},
                                                       {"position", 2},
                                                       {"kind", "free_text"},
                                                       {"text_fr", "Un mot ?"},
                                                       {"required", false}})["id"];
  const int64_t settings =
      Post("/api/v1/satisfaction_settings",
           {{"title", "Après ticket"}, {"survey", sat}, {"delay_hours", 2}, {"share_percent", 100}})["id"];
  // A ticket resolved now (first-contact resolution).
  app.clock.Advance(std::chrono::minutes{1});
  auto ticket = Post("/api/v1/tickets", {{"title", "VPN coupé"},
                                         {"service", service},
                                         {"requester", lea},
                                         {"kind", "incident"},
                                         {"status", "resolved"},
                                         {"resolution", "Redémarré"}});
  ASSERT_FALSE(ticket["resolved_at"].is_null());

  // Before the delay: nobody is invited.
  ASSERT_TRUE(RunSurveySchedule(*app.records));
  EXPECT_TRUE(Outbox().empty());
  app.clock.Advance(std::chrono::hours{3});
  ASSERT_TRUE(RunSurveySchedule(*app.records));
  ASSERT_TRUE(RunSurveySchedule(*app.records));
  ASSERT_EQ(Outbox().size(), 1u) << "one invitation per ticket, whatever the number of scans";
  auto again =
      app.As(admin, "POST", "/api/v1/satisfaction_settings/" + std::to_string(settings) + "/actions/scan",
             json::object());
  EXPECT_EQ(again.json["invited"], 0) << again.body;

  SmtpServer server;
  UseSmtp(server);
  EXPECT_EQ(runner->RunDue()->sent, 1);
  auto mails = server.WaitFor(1, std::chrono::seconds{20});
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(MailTextBody(mails[0]).find("VPN coupé"), std::string::npos);
  const std::string token = SurveyToken(MailTextBody(mails[0]));
  auto read = Public("GET", token);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json["about"]["title"], "VPN coupé");
  ASSERT_EQ(
      Public("POST", token,
             {{"answers", {{{"question", q}, {"value", 2}}, {{"question", q2}, {"value", "Trop long"}}}}})
          .status,
      200);
  auto feedback = app.records->List(Actor::System(), "feedback",
                                    {{"ticket", std::to_string(ticket["id"].get<int64_t>())}});
  ASSERT_EQ(feedback->total, 1);
  EXPECT_EQ(feedback->items[0]["rating"], 2);
  EXPECT_EQ(feedback->items[0]["kind"], "complaint");
  EXPECT_EQ(feedback->items[0]["service"], service);
  EXPECT_EQ(feedback->items[0]["stakeholder"], lea);
}

TEST_F(SurveyTest, ASampledShareOfTicketsIsSurveyed) {
  const int64_t sat =
      Post("/api/v1/surveys", {{"title", "Satisfaction ticket"}, {"purpose", "satisfaction"}})["id"];
  Post("/api/v1/survey_questions",
       {{"survey", sat}, {"position", 1}, {"kind", "rating"}, {"text_fr", "Votre note"}});
  Post("/api/v1/satisfaction_settings",
       {{"title", "Un sur deux"}, {"survey", sat}, {"delay_hours", 0}, {"share_percent", 50}});
  std::vector<int64_t> ids;
  app.clock.Advance(std::chrono::minutes{1});
  for (int i = 0; i < 20; ++i)
    ids.push_back(Post("/api/v1/tickets", {{"title", "Ticket " + std::to_string(i)},
                                           {"service", service},
                                           {"requester", lea},
                                           {"kind", "request"},
                                           {"status", "resolved"},
                                           {"resolution", "Fait"}})["id"]);
  app.clock.Advance(std::chrono::minutes{1});
  ASSERT_TRUE(RunSurveySchedule(*app.records));
  size_t expected = 0;
  for (int64_t id : ids) expected += InSatisfactionSample(id, 50) ? 1 : 0;
  EXPECT_EQ(Outbox().size(), expected);
  EXPECT_GT(expected, 2u);
  EXPECT_LT(expected, 18u);
}

}  // namespace
}  // namespace boucle::testing

namespace boucle::testing {
namespace {

TEST(SurveyPublicEdge, LinksAreRateLimitedPerClientAddressAndNeverAnswer500) {
  TestApp app;
  const std::string target = "/api/v1/public/surveys/" + std::string(43, 'x');
  for (const std::string body :
       {"", "{", "[]", "{\"answers\": null}", "{\"answers\": [1, \"a\", {}]}", "\"x\""}) {
    auto r = app.Call(body.empty() ? "GET" : "POST", target, body);
    EXPECT_GE(r.status, 400) << body;
    EXPECT_LT(r.status, 500) << body << ": " << r.body;
  }
  int limited = 0;
  for (int i = 0; i < 80; ++i) limited += app.Call("GET", target).status == 429 ? 1 : 0;
  EXPECT_GE(limited, 20);
  auto r = app.Call("GET", target);
  EXPECT_EQ(r.status, 429);
  EXPECT_FALSE(r.Header("Retry-After").empty());
  // A session or token in the same browser is ignored: no CSRF demanded, no identity used.
  EXPECT_EQ(
      app.Call("GET", "/api/v1/public/nothing/" + std::string(43, 'x'), "", {{"cookie", "boucle_session=zz"}})
          .status,
      429);
}

}  // namespace
}  // namespace boucle::testing
