#include "engage/ideas.hpp"

#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class Ideas : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = app.TokenFor("admin", Role::kAdmin);
    lea = app.TokenFor("lea", Role::kEndUser);
    max = app.TokenFor("max", Role::kEndUser);
    vpn = app.As(admin, "POST", "/api/v1/services", {{"name", "VPN"}}).json["id"];
    lea_sh = Person("Léa", "lea", 1);
    max_sh = Person("Max", "max", 5);
  }
  json Person(const std::string& name, const std::string& login, int influence) {
    auto r = app.As(admin, "POST", "/api/v1/stakeholders",
                    {{"name", name},
                     {"stakeholder_group", "end_user"},
                     {"user_account", app.UserId(login)},
                     {"influence", influence}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json["id"];
  }
  json Idea(const std::string& token, const std::string& title, const std::string& kind = "idea") {
    auto r = app.As(token, "POST", "/api/v1/demands", {{"kind", kind}, {"title", title}, {"service", vpn}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json["id"];
  }
  Reply Vote(const std::string& token, const json& idea, const json& stakeholder = nullptr) {
    json body{{"idea", idea}};
    if (!stakeholder.is_null()) body["stakeholder"] = stakeholder;
    return app.As(token, "POST", "/api/v1/votes", body);
  }

  TestApp app;
  std::string admin, lea, max;
  json vpn, lea_sh, max_sh;
};

TEST_F(Ideas, OneVotePerStakeholderAndIdea) {
  const json idea = Idea(lea, "Se connecter au VPN sans double saisie");
  auto first = Vote(max, idea, lea_sh);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json["stakeholder"], max_sh) << "an end user votes as themselves";
  auto again = Vote(max, idea);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json["error"]["code"], "vote.duplicate");
  EXPECT_EQ(again.json["error"]["field"], "idea");
  auto by_staff = Vote(admin, idea, max_sh);
  EXPECT_EQ(by_staff.status, 409) << "the same voter through another door";

  const json need = Idea(lea, "Un écran de plus", "need");
  auto not_idea = Vote(max, need);
  EXPECT_EQ(not_idea.status, 400);
  EXPECT_EQ(not_idea.json["error"]["code"], "idea.not_an_idea");

  // Withdrawing one's vote, then voting again.
  ASSERT_EQ(app.As(max, "DELETE", "/api/v1/votes/" + first.json["id"].dump()).status, 204);
  EXPECT_EQ(Vote(max, idea).status, 201);
}

TEST_F(Ideas, BoardRanksByVotesAndByInfluenceShowingOnlyThePublicPart) {
  const json shared = Idea(lea, "Authentification unique pour le VPN");
  const json loud = Idea(max, "Un second lien VPN");
  ASSERT_EQ(Vote(lea, shared).status, 201);  // influence 1
  auto third = app.TokenFor("zoe", Role::kEndUser);
  Person("Zoé", "zoe", 2);
  ASSERT_EQ(Vote(third, shared).status, 201);  // influence 2
  ASSERT_EQ(Vote(max, loud).status, 201);      // influence 5
  auto comment = app.As(lea, "POST", "/api/v1/comments",
                        {{"idea", loud}, {"body", "Oui **vraiment** <script>alert(1)</script>"}});
  ASSERT_EQ(comment.status, 201) << comment.body;
  EXPECT_EQ(comment.json["author"], lea_sh);
  auto shown = app.As(lea, "GET", "/api/v1/comments/" + comment.json["id"].dump());
  ASSERT_EQ(shown.status, 200);
  const std::string html = shown.json["_html"]["body"];
  EXPECT_NE(html.find("<strong>vraiment</strong>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;

  EXPECT_EQ(app.As(lea, "GET", "/api/v1/demands/" + loud.dump()).status, 404)
      << "someone else's demand stays private";
  auto board = app.As(lea, "GET", "/api/v1/reports/ideas_board?service=" + vpn.dump());
  ASSERT_EQ(board.status, 200) << board.body;
  ASSERT_EQ(board.json["rows"].size(), 2u) << "but every idea is on the board";
  const json top = board.json["rows"][0], next = board.json["rows"][1];
  EXPECT_EQ(top["idea"], shared);
  EXPECT_EQ(top["votes"], 2);
  EXPECT_EQ(top["weighted_votes"], 3);
  EXPECT_EQ(top["rank"], 1);
  EXPECT_EQ(top["rank_weighted"], 2);
  EXPECT_EQ(top["voted"], true);
  EXPECT_EQ(next["idea"], loud);
  EXPECT_EQ(next["votes"], 1);
  EXPECT_EQ(next["weighted_votes"], 5);
  EXPECT_EQ(next["rank_weighted"], 1);
  EXPECT_EQ(next["comments"], 1);
  EXPECT_EQ(next["voted"], false);
  EXPECT_EQ(next["service"], "VPN");
  for (const auto& row : board.json["rows"]) EXPECT_FALSE(row.contains("requester"));
  EXPECT_EQ(board.body.find("Max"), std::string::npos) << "no name of who asked or voted";
  EXPECT_EQ(board.json["summary"][1]["value"], 3);
}

TEST(IdeasBoard, ComputedFromPlainValues) {
  const std::vector<json> ideas{
      {{"id", 1}, {"kind", "idea"}, {"title", "A"}, {"status", "submitted"}, {"service", nullptr}},
      {{"id", 2}, {"kind", "idea"}, {"title", "B"}, {"status", "merged"}, {"service", nullptr}},
      {{"id", 3}, {"kind", "idea"}, {"title", "C"}, {"status", "routed"}, {"service", 7}}};
  const std::vector<json> votes{{{"idea", 3}, {"stakeholder", 10}},
                                {{"idea", 1}, {"stakeholder", 11}},
                                {{"idea", 3}, {"stakeholder", 11}}};
  const std::vector<json> voters{{{"id", 10}, {"influence", 4}}, {{"id", 11}, {"influence", 2}}};
  const std::vector<json> comments{{{"idea", 1}}, {{"idea", 1}}};
  const json out = ComputeIdeasBoard(ideas, votes, voters, comments, {{{"id", 7}, {"name", "Mail"}}}, 11);
  ASSERT_EQ(out["rows"].size(), 2u) << "a merged idea leaves the board";
  EXPECT_EQ(out["rows"][0]["title"], "C");
  EXPECT_EQ(out["rows"][0]["weighted_votes"], 6);
  EXPECT_EQ(out["rows"][0]["service"], "Mail");
  EXPECT_EQ(out["rows"][1]["comments"], 2);
  EXPECT_EQ(out["rows"][1]["voted"], true);
}


TEST_F(Ideas, MergingAnIdeaMovesItsVotesWithoutCountingAVoterTwiceAndKeepsItsComments) {
  const json kept = Idea(lea, "Connexion VPN automatique au démarrage");
  const json dup = Idea(max, "VPN connecté automatiquement au démarrage");
  auto zoe = app.TokenFor("zoe", Role::kEndUser);
  Person("Zoé", "zoe", 2);
  ASSERT_EQ(Vote(lea, kept).status, 201);
  ASSERT_EQ(Vote(lea, dup).status, 201);  // Léa voted for both
  ASSERT_EQ(Vote(max, dup).status, 201);
  ASSERT_EQ(Vote(zoe, dup).status, 201);
  auto said = app.As(zoe, "POST", "/api/v1/comments", {{"idea", dup}, {"body", "Indispensable en déplacement"}});
  ASSERT_EQ(said.status, 201) << said.body;
  auto agent = app.TokenFor("agent", Role::kAgent);
  auto merged = app.As(agent, "POST", "/api/v1/demands/" + dup.dump() + "/actions/merge", {{"into", kept}});
  ASSERT_EQ(merged.status, 200) << merged.body;

  auto board = app.As(lea, "GET", "/api/v1/reports/ideas_board?service=" + vpn.dump());
  ASSERT_EQ(board.json["rows"].size(), 1u) << "the merged idea leaves the board";
  EXPECT_EQ(board.json["rows"][0]["idea"], kept);
  EXPECT_EQ(board.json["rows"][0]["votes"], 3) << "Léa, Max and Zoé, Léa once";
  EXPECT_EQ(board.json["rows"][0]["weighted_votes"], 1 + 5 + 2);
  EXPECT_EQ(board.json["rows"][0]["comments"], 1);
  auto moved = app.As(admin, "GET", "/api/v1/comments/" + said.json["id"].dump());
  EXPECT_EQ(moved.json["idea"], kept);
  EXPECT_EQ(moved.json["body"], "Indispensable en déplacement");
  EXPECT_EQ(app.As(admin, "GET", "/api/v1/votes?idea=" + kept.dump()).json["total"], 3);
  // Max's vote moved with the idea: a second one is refused.
  EXPECT_EQ(Vote(max, kept).status, 409);
}

TEST_F(Ideas, EndUsersReadOthersCommentsOnIdeasButNotWhoWroteThemNorOthersDemands) {
  const json idea = Idea(max, "Un portail VPN en anglais");
  const json need = Idea(max, "Mon accès VPN ne marche plus", "need");
  ASSERT_EQ(app.As(max, "POST", "/api/v1/comments", {{"idea", idea}, {"body", "Pour nos collègues de Londres"}}).status,
            201);
  ASSERT_EQ(app.As(lea, "POST", "/api/v1/comments", {{"idea", idea}, {"body", "Oui, et en espagnol"}}).status, 201);
  auto seen = app.As(lea, "GET", "/api/v1/reports/idea_comments?idea=" + idea.dump());
  ASSERT_EQ(seen.status, 200) << seen.body;
  ASSERT_EQ(seen.json["rows"].size(), 2u) << "Léa reads Max's comment too";
  EXPECT_EQ(seen.json["rows"][0]["body"], "Pour nos collègues de Londres");
  EXPECT_EQ(seen.json["rows"][0]["mine"], false);
  EXPECT_EQ(seen.json["rows"][1]["mine"], true);
  EXPECT_EQ(seen.json["rows"][0]["idea_title"], "Un portail VPN en anglais");
  EXPECT_EQ(seen.body.find("Max"), std::string::npos) << "what was said, not who said it";
  auto by_service = app.As(lea, "GET", "/api/v1/reports/idea_comments?service=" + vpn.dump());
  EXPECT_EQ(by_service.json["total"], 2);
  // A need is a private demand: neither it nor anything about it shows.
  EXPECT_EQ(app.As(lea, "GET", "/api/v1/reports/idea_comments?idea=" + need.dump()).json["rows"].size(), 0u);
  EXPECT_EQ(app.As(lea, "GET", "/api/v1/demands/" + need.dump()).status, 404);
  EXPECT_EQ(app.As(lea, "GET", "/api/v1/reports/idea_comments?idea=abc").status, 400);
}

}  // namespace
}  // namespace boucle::testing
