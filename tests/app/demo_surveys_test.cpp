// The survey demonstration data: last quarter's barometer with invitations, reminders and answers;
// nothing mailed, nothing dated after now; and the satisfaction survey after tickets, ready to run.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "app/demo_fixture.hpp"
#include "app/registry.hpp"
#include "engage/surveys.hpp"

namespace boucle {
namespace {

using namespace std::chrono;
using testing::All;
using testing::TempDb;

const TimePoint kNow = TimePoint{sys_days{2026y / March / 4}} + hours{10};

TEST(DemoSurveysTest, ABarometerWithAnswersAndASatisfactionSurveyReadyToRun) {
  const Registry registry = BuildRegistry();
  TempDb db("surveys");
  auto loaded = testing::LoadInto(registry, db.path(), DemoOptions{.now = kNow, .ticket_days = 60});
  ASSERT_TRUE(loaded.store);
  Store& store = *loaded.store;
  const auto campaigns = All(store, registry, "survey_campaigns");
  ASSERT_EQ(campaigns.size(), 1u);  // the satisfaction settings make theirs at their first scan
  const Json& barometer = campaigns.front();
  EXPECT_EQ(barometer.at("status"), "closed");
  const auto invitations = All(store, registry, "survey_invitations");
  const auto answers = All(store, registry, "survey_answers");
  ASSERT_GE(invitations.size(), 10u);
  size_t answered = 0, reminded = 0;
  for (const auto& i : invitations) {
    answered += i.at("answered_at").is_null() ? 0 : 1;
    reminded += i.at("reminded_at").is_null() ? 0 : 1;
    EXPECT_LE(i.at("updated_at").get<std::string>(), FormatTime(kNow));
  }
  EXPECT_GT(answered, invitations.size() / 3);
  EXPECT_LT(answered, invitations.size());
  EXPECT_GT(reminded, 0u);
  EXPECT_GE(answers.size(), answered * 3) << "three required questions per answered invitation";
  for (const auto& job : All(store, registry, "outbox"))
    EXPECT_EQ(job.at("status"), "cancelled") << job.dump();
  // The results hold together: a rate, a mean rating, an NPS.
  std::vector<Json> questions = All(store, registry, "survey_questions");
  std::erase_if(questions, [&](const Json& q) { return q.at("survey") != barometer.at("survey"); });
  std::vector<Json> of_campaign;
  for (const auto& a : answers)
    if (a.at("campaign") == barometer.at("id")) of_campaign.push_back(a);
  const Json results = SurveyResults(questions, invitations, of_campaign, "fr");
  std::map<std::string, Json> summary;
  for (const auto& f : results.at("summary")) summary[f.at("name").get<std::string>()] = f.at("value");
  EXPECT_GT(summary["mean_rating"].get<double>(), 3.0);
  EXPECT_GT(summary["nps"].get<double>(), -100.0);
  EXPECT_EQ(All(store, registry, "satisfaction_settings").size(), 1u);
}

}  // namespace
}  // namespace boucle
