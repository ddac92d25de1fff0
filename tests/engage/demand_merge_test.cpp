#include "engage/demand_merge.hpp"

#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

TEST(DemandSimilarity, SharedWordsOverAllWords) {
  const json a{{"title", "Imprimante du 3e étage en panne"}, {"description", nullptr}};
  const json b{{"title", "Panne de l'imprimante, 3e étage"}, {"description", "Bourrage papier"}};
  // a: imprimante, étage, panne; b: panne, imprimante, étage, bourrage, papier -> 3 shared of 5.
  EXPECT_DOUBLE_EQ(Similarity(DemandWords(a), DemandWords(b)), 3.0 / 5.0);
  EXPECT_DOUBLE_EQ(Similarity({}, {}), 0.0);
}

class Merge : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = app.TokenFor("admin", Role::kAdmin);
    agent = app.TokenFor("agent", Role::kAgent);
    lea = app.TokenFor("lea", Role::kEndUser);
    max = app.TokenFor("max", Role::kEndUser);
    for (const char* login : {"lea", "max"}) {
      auto r =
          app.As(admin, "POST", "/api/v1/stakeholders",
                 {{"name", login}, {"stakeholder_group", "end_user"}, {"user_account", app.UserId(login)}});
      ASSERT_EQ(r.status, 201) << r.body;
      people.push_back(r.json["id"]);
    }
    kept = Submit(lea, "Imprimante du 3e étage en panne");
    dup = Submit(max, "Panne de l'imprimante du 3e étage");
    other = Submit(max, "Accès VPN depuis la maison");
  }
  json Submit(const std::string& token, const std::string& title) {
    auto r = app.As(token, "POST", "/api/v1/demands", {{"kind", "need"}, {"title", title}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json["id"];
  }
  TestApp app;
  std::string admin, agent, lea, max;
  std::vector<json> people;
  json kept, dup, other;
};

TEST_F(Merge, SuggestsLookAlikesFromFullTextSearch) {
  auto r = app.As(agent, "GET", "/api/v1/reports/demand_duplicates?demand=" + kept.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json["rows"].size(), 1u) << r.body;
  EXPECT_EQ(r.json["rows"][0]["candidate"], dup);
  EXPECT_DOUBLE_EQ(r.json["rows"][0]["score"].get<double>(), 1.0) << "imprimante, étage, panne on both sides";
  auto all = app.As(agent, "GET", "/api/v1/reports/demand_duplicates");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json["rows"].size(), 2u) << "each of the pair, from the newest waiting demands";
  EXPECT_EQ(app.As(lea, "GET", "/api/v1/reports/demand_duplicates").status, 403);
}

TEST_F(Merge, ClosesTheDuplicateIntoTheKeptDemandKeepingItsRequester) {
  const std::string path = "/api/v1/demands/" + dup.dump() + "/actions/merge";
  auto self = app.As(agent, "POST", path, {{"into", dup}});
  EXPECT_EQ(self.status, 400);
  EXPECT_EQ(self.json["error"]["code"], "demand.merge_self");
  EXPECT_EQ(app.As(max, "POST", path, {{"into", kept}}).status, 403) << "the desk merges";

  auto merged = app.As(agent, "POST", path, {{"into", kept}});
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(merged.json["kept"]["requesters"], json::array({people[1]}));
  EXPECT_EQ(merged.json["merged"]["status"], "merged");
  EXPECT_EQ(merged.json["merged"]["duplicate_of"], kept);

  auto links = app.As(agent, "GET", "/api/v1/links?from_type=demands&from_id=" + dup.dump());
  ASSERT_EQ(links.json["total"], 1);
  EXPECT_EQ(links.json["items"][0]["kind"], "duplicates");
  EXPECT_EQ(links.json["items"][0]["to_id"], kept);

  auto seen = app.As(max, "GET", "/api/v1/demands/" + dup.dump());
  ASSERT_EQ(seen.status, 200) << "the requester still sees their demand";
  EXPECT_EQ(seen.json["duplicate_of"], kept);

  auto again = app.As(agent, "POST", path, {{"into", kept}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json["error"]["code"], "demand.already_merged");
  // Merging a third one keeps both earlier requesters, each once.
  auto third = app.As(agent, "POST", "/api/v1/demands/" + other.dump() + "/actions/merge", {{"into", kept}});
  ASSERT_EQ(third.status, 200) << third.body;
  EXPECT_EQ(third.json["kept"]["requesters"], json::array({people[1]}));
}

TEST_F(Merge, TheDuplicatesRequesterIsMailedWhereTheirRequestNowLives) {
  auto sh = app.As(admin, "PATCH", "/api/v1/stakeholders/" + people[1].dump(),
                   {{"email", "max@example.org"}, {"version", 1}});
  ASSERT_EQ(sh.status, 200) << sh.body;
  ASSERT_EQ(app.As(agent, "POST", "/api/v1/demands/" + dup.dump() + "/actions/merge", {{"into", kept}}).status, 200);
  auto mails = app.As(admin, "GET", "/api/v1/outbox?idempotency_key=demand-merged:" + dup.dump());
  ASSERT_EQ(mails.json["total"], 1) << mails.body;
  const std::string payload = mails.json["items"][0]["payload"];
  EXPECT_NE(payload.find("regroupée avec « Imprimante du 3e étage en panne »"), std::string::npos) << payload;
  EXPECT_NE(payload.find("/#/demands/" + kept.dump()), std::string::npos) << "the link follows the kept demand";
}

TEST_F(Merge, EndUsersFormsAreRateLimited) {
  // Three demands already sent in SetUp by the two users; 20 in a burst per user and type.
  int accepted = 0;
  Reply last;
  for (int i = 0; i < 25; ++i) {
    last =
        app.As(lea, "POST", "/api/v1/demands", {{"kind", "need"}, {"title", "Demande " + std::to_string(i)}});
    if (last.status != 201) break;
    ++accepted;
  }
  EXPECT_EQ(accepted, 19) << "one was sent in SetUp";
  EXPECT_EQ(last.status, 429);
  EXPECT_EQ(last.json["error"]["code"], "form.rate_limited");
  EXPECT_EQ(last.Header("Retry-After"), "30");
  EXPECT_EQ(app.As(lea, "POST", "/api/v1/feedback",
                   {{"kind", "praise"}, {"summary", "Merci"}, {"service", nullptr}})
                .status,
            400)
      << "another form has its own allowance (this one is refused for its content)";
  EXPECT_EQ(app.As(agent, "POST", "/api/v1/demands", {{"kind", "need"}, {"title", "Pour le desk"}}).status,
            201)
      << "staff are not limited";
  app.clock.Advance(std::chrono::seconds{30});
  EXPECT_EQ(app.As(lea, "POST", "/api/v1/demands", {{"kind", "need"}, {"title", "Encore une"}}).status, 201);
}

}  // namespace
}  // namespace boucle::testing
