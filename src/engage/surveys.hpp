#pragma once
// Consultations and satisfaction surveys: surveys and their questions, campaigns sent by e-mail to
// stakeholders with a personal one-time link, the answers, their results, and the automatic
// satisfaction survey after a ticket is resolved.
#include <string>
#include <vector>

#include "record/registry.hpp"

namespace boucle {

void RegisterSurveyTypes(Registry& registry);

// The kinds of question; an answer carries its question's kind so that indicators (NPS over the
// 0-10 recommendation answers, mean rating over the 1-5 ones) filter answers without a join.
const std::vector<EnumOption>& QuestionKinds();

// The link of an invitation is /s/<token>; only SHA-256(token) is stored.
inline constexpr const char* kSurveyForm = "surveys";

// --- Pure rules, tested on plain values ---

// One option per non-blank line of an options field.
std::vector<std::string> OptionLines(const Json& text);

// The stakeholder groups a campaign targets: ids separated by commas, spaces or new lines.
std::vector<std::string> TargetGroups(const std::string& text);

// Checks a public answer {"answers": [{"question": id, "value": ...}, ...]} against the survey's
// questions. Returns the accepted answers as {question, value, choices, text} objects, or an error
// naming the offending entry ("answers.3", "answers.3.value") with every error in its details.
Result<std::vector<Json>> CheckAnswers(const std::vector<Json>& questions, const Json& body);

// Whether the ticket with this id is in the sampled share (0-100) of tickets: a hash of the id,
// so the decision is the same at every scan and on every machine.
bool InSatisfactionSample(int64_t ticket_id, int64_t share_percent);

// Per-question results: counts per value, mean (ratings), NPS (recommendations).
Json SurveyResults(const std::vector<Json>& questions, const std::vector<Json>& invitations,
                   const std::vector<Json>& answers, const std::string& lang);

// The answers of one campaign as CSV (RFC 4180, UTF-8), one line per answer.
std::string AnswersCsv(const std::vector<Json>& questions, const std::vector<Json>& invitations,
                       const std::vector<Json>& answers);

// The campaign action that answers {"filename", "csv"}.
Result<Json> ExportAnswers(ActionContext& ctx, const Json& campaign, const Json& input);

// --- Parts registered by RegisterSurveyTypes ---
void RegisterSurveyPublicForm(Registry& registry);
void RegisterSurveyReports(Registry& registry);
TypeSpec SurveyAnswersType();
TypeSpec SatisfactionSettingsType();
// Turns a satisfaction answer into feedback on the ticket and its service (in the answer's transaction).
Status RecordSatisfaction(ActionContext& ctx, const Json& invitation, const std::vector<Json>& questions,
                          const std::vector<Json>& answers);

}  // namespace boucle
