// Answers: strict checking of what a recipient sends, the answer records, and turning a free-text
// answer into feedback or into an idea.
#include <algorithm>
#include <set>

#include "engage/surveys.hpp"
#include "record/decode.hpp"
#include "record/describe.hpp"
#include "record/handover.hpp"
#include "record/json_access.hpp"
#include "text/utf8.hpp"

namespace boucle {
namespace {

const RoleSet kRelationship{Role::kAdmin, Role::kAgent, Role::kTeamLead};
const RoleSet kAdmin{Role::kAdmin};
constexpr size_t kMaxFreeText = 4000;

Error At(const std::string& path, std::string code, Json params = Json::object()) {
  return Error::Invalid(std::move(code), path, std::move(params));
}

// One value checked against its question; `path` names it in errors ("answers.3.value").
std::optional<Error> CheckValue(const Json& question, const Json& value, const std::string& path,
                                Json& accepted) {
  const std::string kind = TextOr(question, "kind");
  auto integer_in = [&](int64_t lo, int64_t hi) -> std::optional<Error> {
    if (!value.is_number_integer()) return At(path, "field.type", {{"expected", "integer"}});
    const int64_t v = value.get<int64_t>();
    if (v < lo || v > hi) return At(path, "field.out_of_range", {{"min", lo}, {"max", hi}});
    accepted["value"] = v;
    return std::nullopt;
  };
  if (kind == "rating") return integer_in(1, 5);
  if (kind == "recommendation") return integer_in(0, 10);
  const int64_t options = static_cast<int64_t>(OptionLines(question.value("options_fr", Json())).size());
  if (kind == "single_choice") return integer_in(1, options);
  if (kind == "multiple_choice") {
    if (!value.is_array()) return At(path, "field.type", {{"expected", "array"}});
    if (value.empty()) return At(path, "field.required");
    std::set<int64_t> seen;
    for (size_t i = 0; i < value.size(); ++i) {
      const std::string item = path + "." + std::to_string(i);
      if (!value[i].is_number_integer()) return At(item, "field.type", {{"expected", "integer"}});
      const int64_t v = value[i].get<int64_t>();
      if (v < 1 || v > options) return At(item, "field.out_of_range", {{"min", 1}, {"max", options}});
      if (!seen.insert(v).second) return At(item, "survey.duplicate_choice");
    }
    std::string joined;
    for (int64_t v : seen) joined += (joined.empty() ? "" : ",") + std::to_string(v);
    accepted["choices"] = joined;
    return std::nullopt;
  }
  // Free text.
  if (!value.is_string()) return At(path, "field.type", {{"expected", "string"}});
  const std::string text = value.get<std::string>();
  if (Utf8Length(text) > kMaxFreeText) return At(path, "field.too_long", {{"max", kMaxFreeText}});
  for (unsigned char c : text)
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return At(path, "field.control_character");
  accepted["text"] = text;
  return std::nullopt;
}

bool Blank(const Json& value) {
  if (value.is_null()) return true;
  if (value.is_string()) return value.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos;
  return value.is_array() && value.empty();
}

// Where a free-text answer came from and what it is about: its text, invitation and campaign, and
// the service named in the input, else the campaign's.
struct AnswerSource {
  std::string text;
  Json invitation, campaign, service;
};

Result<AnswerSource> SourceOf(ActionContext& ctx, const Json& answer, const Json& input) {
  AnswerSource source{.text = TextOr(answer, "text")};
  if (source.text.empty()) return Fail(Error::Invalid("survey.feedback_needs_text", "text"));
  auto invitation = ctx.Lookup("survey_invitations", answer["invitation"].get<int64_t>());
  if (!invitation) return Fail(invitation.error());
  auto campaign = ctx.Lookup("survey_campaigns", (*invitation)["campaign"].get<int64_t>());
  if (!campaign) return Fail(campaign.error());
  source.invitation = std::move(*invitation);
  source.campaign = std::move(*campaign);
  source.service = input.contains("service") && !input["service"].is_null() ? input["service"]
                                                                            : source.campaign["service"];
  return source;
}

// What names the new record: the given text, else the answer's first line cut to 120 whole
// characters, else (too short) the campaign's title.
std::string Headline(const std::string& given, const AnswerSource& source) {
  if (!given.empty()) return given;
  const std::string line = Utf8Prefix(source.text.substr(0, source.text.find('\n')), 120);
  return Utf8Length(line) < 3 ? TextOr(source.campaign, "title") : line;
}

// An answer becomes feedback: a suggestion, an idea or a complaint, about the campaign's service
// (or the ticket's), kept linked to the answer it came from.
Result<Json> ToFeedback(ActionContext& ctx, const Json& answer, const Json& input) {
  if (!answer["feedback"].is_null())
    return Fail(Error{ErrorKind::kConflict, "survey.already_feedback", "feedback", Json::object(), {}});
  auto source = SourceOf(ctx, answer, input);
  if (!source) return Fail(source.error());
  const Json ticket = source->invitation["ticket"];
  if (source->service.is_null() && ticket.is_null())
    return Fail(Error::Invalid("feedback.subject_required", "service"));
  auto feedback = ctx.Create("feedback", {{"stakeholder", source->invitation["stakeholder"]},
                                          {"service", source->service},
                                          {"ticket", ticket},
                                          {"kind", input["kind"]},
                                          {"summary", Headline(TextOr(input, "summary"), *source)},
                                          {"text", source->text}});
  if (!feedback) return Fail(feedback.error());
  const int64_t feedback_id = (*feedback)["id"].get<int64_t>();
  if (auto st =
          ctx.Link("feedback", feedback_id, "originates_from", "survey_answers", answer["id"].get<int64_t>());
      !st)
    return Fail(st.error());
  if (auto st = ctx.Link("feedback", feedback_id, "originates_from", "survey_campaigns",
                         source->campaign["id"].get<int64_t>());
      !st)
    return Fail(st.error());
  auto updated = ctx.Update("survey_answers", answer["id"].get<int64_t>(), {{"feedback", feedback_id}});
  if (!updated) return Fail(updated.error());
  return Json{{"answer", *updated}, {"feedback", *feedback}};
}

// A free-text answer becomes an idea on the board of the campaign's service (or the one named),
// asked by the recipient, kept linked to the answer it came from.
Result<Json> ToIdea(ActionContext& ctx, const Json& answer, const Json& input) {
  if (!answer["idea"].is_null())
    return Fail(Error{ErrorKind::kConflict, "survey.already_idea", "idea", Json::object(), {}});
  auto source = SourceOf(ctx, answer, input);
  if (!source) return Fail(source.error());
  if (source->service.is_null() && source->invitation["ticket"].is_number_integer()) {
    auto ticket = ctx.Lookup("tickets", source->invitation["ticket"].get<int64_t>());
    if (!ticket) return Fail(ticket.error());
    source->service = (*ticket)["service"];
  }
  if (source->service.is_null()) return Fail(Error::Invalid("feedback.subject_required", "service"));
  auto idea = HandOver(ctx, "demands",
                       {{"kind", "idea"},
                        {"title", Headline(TextOr(input, "title"), *source)},
                        {"description", source->text},
                        {"service", source->service},
                        {"requester", source->invitation["stakeholder"]}},
                       "survey_answers", answer["id"].get<int64_t>());
  if (!idea) return Fail(idea.error());
  auto updated = ctx.Update("survey_answers", answer["id"].get<int64_t>(), {{"idea", (*idea)["id"]}});
  if (!updated) return Fail(updated.error());
  return Json{{"answer", *updated}, {"idea", *idea}};
}

}  // namespace

Result<std::vector<Json>> CheckAnswers(const std::vector<Json>& questions, const Json& body) {
  if (!body.is_object()) return Fail(Error::Invalid("body.not_object", "body"));
  for (const auto& [key, v] : body.items())
    if (key != "answers") return Fail(Error::Invalid("field.unknown", key));
  if (!body.contains("answers")) return Fail(Error::Invalid("field.required", "answers"));
  const Json& answers = body["answers"];
  if (!answers.is_array()) return Fail(Error::Invalid("field.type", "answers", {{"expected", "array"}}));
  if (answers.size() > questions.size() + 5)
    return Fail(Error::Invalid("field.too_long", "answers", {{"max", questions.size()}}));
  std::map<int64_t, const Json*> by_id;
  for (const auto& q : questions) by_id[q["id"].get<int64_t>()] = &q;
  std::vector<Error> errors;
  std::vector<Json> accepted;
  std::set<int64_t> answered;
  for (size_t i = 0; i < answers.size(); ++i) {
    const std::string path = "answers." + std::to_string(i);
    const Json& a = answers[i];
    if (!a.is_object()) {
      errors.push_back(At(path, "field.type", {{"expected", "object"}}));
      continue;
    }
    bool shaped = true;
    for (const auto& [key, v] : a.items())
      if (key != "question" && key != "value")
        errors.push_back(At(path + "." + key, "field.unknown")), shaped = false;
    if (!shaped) continue;
    if (!a.contains("question") || !a["question"].is_number_integer()) {
      errors.push_back(At(path + ".question", a.contains("question") ? "field.type" : "field.required",
                          {{"expected", "integer"}}));
      continue;
    }
    const int64_t qid = a["question"].get<int64_t>();
    const auto q = by_id.find(qid);
    if (q == by_id.end()) {
      errors.push_back(At(path + ".question", "survey.unknown_question"));
      continue;
    }
    if (!answered.insert(qid).second) {
      errors.push_back(At(path + ".question", "survey.duplicate_question"));
      continue;
    }
    const Json value = a.contains("value") ? a["value"] : Json();
    if (Blank(value)) {
      answered.erase(qid);  // counted as unanswered below
      continue;
    }
    Json ok{{"question", qid}, {"value", nullptr}, {"choices", nullptr}, {"text", nullptr}};
    if (auto e = CheckValue(*q->second, value, path + ".value", ok))
      errors.push_back(std::move(*e));
    else
      accepted.push_back(std::move(ok));
  }
  for (const auto& q : questions) {
    const int64_t qid = q["id"].get<int64_t>();
    if (!answered.contains(qid) && q.contains("required") && q["required"] == true)
      errors.push_back(At("questions." + std::to_string(qid), "survey.answer_required",
                          {{"position", IntOr(q, "position", 0)}}));
  }
  if (!errors.empty()) {
    Error first = errors.front();
    first.details = std::move(errors);
    return Fail(std::move(first));
  }
  return accepted;
}

TypeSpec SurveyAnswersType() {
  return Describe("survey_answers")
      .Labels({"Réponses d'enquête", "Survey answers"}, {"Réponse d'enquête", "Survey answer"})
      .In(Area::kEngage)
      .Title("text")
      .Read(RoleSet::Staff())
      .Create({Role::kAdmin})  // recipients answer through their link; staff do not make answers up
      .Update(kRelationship)   // what was answered stays as answered: only the feedback link moves
      .Delete({Role::kAdmin})
      .Ref("invitation", {"Invitation", "Invitation"}, "survey_invitations",
           {.required = true, .filter = true, .list = true, .write = kAdmin})
      .Ref("campaign", {"Campagne", "Campaign"}, "survey_campaigns",
           {.filter = true, .list = true, .write = kAdmin})
      .Ref("question", {"Question", "Question"}, "survey_questions",
           {.required = true, .filter = true, .list = true, .write = kAdmin})
      .Integer("value", {"Valeur", "Value"},
               {.filter = true, .sort = true, .list = true, .min = 0, .max = 20, .write = kAdmin})
      .Text("choices", {"Choix", "Choices"}, {.max = 200, .write = kAdmin})
      .Text("text", {"Texte", "Text"}, {.search = true, .list = true, .max = 4000, .write = kAdmin})
      .Enum("question_kind", {"Nature de la question", "Question kind"}, QuestionKinds(),
            {.filter = true, .list = true, .computed = true})
      .Ref("feedback", {"Retour créé", "Feedback made"}, "feedback", {.filter = true, .computed = true})
      .Ref("idea", {"Idée créée", "Idea made"}, "demands", {.filter = true, .computed = true})
      .Hook([](HookContext& ctx, Json& next, const Json* before) -> Status {
        if (before || !next["question"].is_number_integer()) return {};
        auto question = ctx.Lookup("survey_questions", next["question"].get<int64_t>());
        if (!question) return Fail(question.error());
        next["question_kind"] = (*question)["kind"];
        return {};
      })
      .Action("to_feedback", {"En faire un retour", "Turn into feedback"}, kRelationship,
              Describe("to_feedback")
                  .Enum("kind", {"Nature", "Kind"},
                        {{"suggestion", {"Suggestion", "Suggestion"}},
                         {"idea", {"Idée", "Idea"}},
                         {"complaint", {"Réclamation", "Complaint"}}},
                        {.required = true})
                  .Text("summary", {"Résumé", "Summary"}, {.min = 3, .max = 200})
                  .Ref("service", {"Service", "Service"}, "services"),
              ToFeedback)
      .Action("to_idea", {"En faire une idée", "Turn into an idea"}, kRelationship,
              Describe("to_idea")
                  .Text("title", {"Titre", "Title"}, {.min = 3, .max = 200})
                  .Ref("service", {"Service", "Service"}, "services"),
              ToIdea)
      .Build();
}

}  // namespace boucle
