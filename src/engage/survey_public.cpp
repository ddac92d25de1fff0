// The public side of an invitation: what its link shows and the one answer it accepts.
#include <algorithm>
#include <cctype>

#include "auth/token.hpp"
#include "engage/surveys.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

bool LooksLikeToken(const std::string& key) {
  if (key.size() != 43) return false;  // RandomToken(32)
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

Error LinkUnknown() { return Error::Of(ErrorKind::kNotFound, "survey.link_unknown"); }

// The invitation behind a link that can still be answered, or why not.
Result<Json> UsableInvitation(ActionContext& ctx, const std::string& key) {
  if (!LooksLikeToken(key)) return Fail(LinkUnknown());
  auto invitation = ctx.FindOne("survey_invitations", "token_hash", HashToken(key));
  if (!invitation) return invitation;
  if (invitation->is_null()) return Fail(LinkUnknown());
  if (!(*invitation)["answered_at"].is_null()) return Fail(Error::Of(ErrorKind::kGone, "survey.link_used"));
  const auto expires = ParseTime(TextOr(*invitation, "expires_at"));
  if (!expires || *expires <= ctx.Now()) return Fail(Error::Of(ErrorKind::kGone, "survey.link_expired"));
  auto campaign = ctx.Lookup("survey_campaigns", (*invitation)["campaign"].get<int64_t>());
  if (!campaign) return Fail(campaign.error());
  if (TextOr(*campaign, "status") == "closed") return Fail(Error::Of(ErrorKind::kGone, "survey.closed"));
  return invitation;
}

Result<std::vector<Json>> QuestionsOf(ActionContext& ctx, const Json& campaign) {
  return ctx.All("survey_questions",
                 {{"survey", std::to_string(campaign["survey"].get<int64_t>())}, {"sort", "position"}});
}

std::string InLanguage(const Json& record, const std::string& field, const std::string& lang) {
  const std::string en = TextOr(record, (field + "_en").c_str());
  return lang == "en" && !en.empty() ? en : TextOr(record, (field + "_fr").c_str());
}

Result<Json> ReadForm(ActionContext& ctx, const std::string& key) {
  auto invitation = UsableInvitation(ctx, key);
  if (!invitation) return invitation;
  auto campaign = ctx.Lookup("survey_campaigns", (*invitation)["campaign"].get<int64_t>());
  if (!campaign) return campaign;
  auto survey = ctx.Lookup("surveys", (*campaign)["survey"].get<int64_t>());
  if (!survey) return survey;
  auto questions = QuestionsOf(ctx, *campaign);
  if (!questions) return Fail(questions.error());
  const std::string lang = TextOr(*invitation, "language", "fr");
  Json items = Json::array();
  for (const auto& q : *questions) {
    std::vector<std::string> options = OptionLines(q[lang == "en" ? "options_en" : "options_fr"]);
    if (options.empty()) options = OptionLines(q["options_fr"]);
    items.push_back({{"id", q["id"]},
                     {"position", q["position"]},
                     {"kind", q["kind"]},
                     {"text", InLanguage(q, "text", lang)},
                     {"options", options},
                     {"required", q.contains("required") && q["required"] == true}});
  }
  Json about;
  if ((*invitation)["ticket"].is_number_integer()) {
    auto ticket = ctx.Lookup("tickets", (*invitation)["ticket"].get<int64_t>());
    if (!ticket) return ticket;
    about = {{"ticket", (*ticket)["id"]}, {"title", (*ticket)["title"]}};
  }
  return Json{{"language", lang},
              {"title", (*survey)["title"]},
              {"intro", InLanguage(*survey, "intro", lang)},
              {"about", about},
              {"expires_at", (*invitation)["expires_at"]},
              {"questions", items}};
}

Result<Json> SubmitForm(ActionContext& ctx, const std::string& key, const Json& body) {
  auto invitation = UsableInvitation(ctx, key);
  if (!invitation) return invitation;
  auto campaign = ctx.Lookup("survey_campaigns", (*invitation)["campaign"].get<int64_t>());
  if (!campaign) return campaign;
  auto questions = QuestionsOf(ctx, *campaign);
  if (!questions) return Fail(questions.error());
  auto accepted = CheckAnswers(*questions, body);
  if (!accepted) return Fail(accepted.error());
  const Json invitation_id = (*invitation)["id"];
  std::vector<Json> stored;
  for (const auto& a : *accepted) {
    auto created = ctx.Create("survey_answers", {{"invitation", invitation_id},
                                                 {"campaign", (*campaign)["id"]},
                                                 {"question", a["question"]},
                                                 {"value", a["value"]},
                                                 {"choices", a["choices"]},
                                                 {"text", a["text"]}});
    if (!created) return Fail(created.error());
    stored.push_back(std::move(*created));
  }
  auto answered = ctx.Update("survey_invitations", invitation_id.get<int64_t>(),
                             {{"answered_at", FormatTime(ctx.Now())}});
  if (!answered) return Fail(answered.error());
  if ((*answered)["ticket"].is_number_integer())
    if (auto st = RecordSatisfaction(ctx, *answered, *questions, stored); !st) return Fail(st.error());
  return Json{{"status", "answered"}, {"answers", stored.size()}, {"language", (*answered)["language"]}};
}

}  // namespace

void RegisterSurveyPublicForm(Registry& registry) {
  registry.AddPublicForm({kSurveyForm, {"Réponse à une enquête", "Survey answer"}, ReadForm, SubmitForm});
}

}  // namespace boucle
