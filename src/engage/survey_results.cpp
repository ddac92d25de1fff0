// Results of a campaign: response rate, per-question distribution, mean rating and NPS, as a
// described report; and the answers as CSV.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "engage/surveys.hpp"
#include "record/json_access.hpp"
#include "record/report.hpp"

namespace boucle {
namespace {

int64_t Id(const Json& r) { return r["id"].get<int64_t>(); }

double Round1(double v) { return std::round(v * 10.0) / 10.0; }

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string QuestionText(const Json& q, const std::string& lang) {
  const std::string en = TextOr(q, "text_en");
  return lang == "en" && !en.empty() ? en : TextOr(q, "text_fr");
}

}  // namespace

Json SurveyResults(const std::vector<Json>& questions, const std::vector<Json>& invitations,
                   const std::vector<Json>& answers, const std::string& lang) {
  std::map<int64_t, std::vector<const Json*>> by_question;
  for (const auto& a : answers)
    if (a["question"].is_number_integer()) by_question[a["question"].get<int64_t>()].push_back(&a);
  int64_t answered = 0;
  for (const auto& i : invitations) answered += i["answered_at"].is_null() ? 0 : 1;
  const int64_t invited = static_cast<int64_t>(invitations.size());
  Json rows = Json::array();
  Json overall_mean, overall_nps;
  for (const auto& q : questions) {
    const std::string kind = TextOr(q, "kind");
    const auto& list = by_question[Id(q)];
    Json row{{"question", Id(q)},
             {"position", q["position"]},
             {"text", QuestionText(q, lang)},
             {"kind", kind},
             {"answers", static_cast<int64_t>(list.size())},
             {"mean", nullptr},
             {"nps", nullptr}};
    // Counts per possible value, zeros included, so that charts have every bar.
    Json labels = Json::array(), counts = Json::array();
    if (kind == "rating" || kind == "recommendation") {
      const int lo = kind == "rating" ? 1 : 0, hi = kind == "rating" ? 5 : 10;
      std::vector<int64_t> n(static_cast<size_t>(hi - lo + 1), 0);
      double sum = 0;
      int64_t promoters = 0, detractors = 0;
      for (const Json* a : list) {
        const int64_t v = IntOr(*a, "value", -1);
        if (v < lo || v > hi) continue;
        ++n[static_cast<size_t>(v - lo)];
        sum += static_cast<double>(v);
        promoters += v >= 9 ? 1 : 0;
        detractors += v <= 6 ? 1 : 0;
      }
      for (int v = lo; v <= hi; ++v)
        labels.push_back(std::to_string(v)), counts.push_back(n[static_cast<size_t>(v - lo)]);
      if (!list.empty()) {
        const double total = static_cast<double>(list.size());
        row["mean"] = Round1(sum / total);
        if (kind == "recommendation") {
          // Net Promoter Score: % of 9-10 minus % of 0-6, from -100 to 100.
          row["nps"] = Round1(100.0 * static_cast<double>(promoters - detractors) / total);
          if (overall_nps.is_null()) overall_nps = row["nps"];
        } else if (overall_mean.is_null()) {
          overall_mean = row["mean"];
        }
      }
    } else if (kind == "single_choice" || kind == "multiple_choice") {
      std::vector<std::string> options =
          OptionLines(q[lang == "en" && !OptionLines(q["options_en"]).empty() ? "options_en" : "options_fr"]);
      std::vector<int64_t> n(options.size(), 0);
      for (const Json* a : list) {
        if (kind == "single_choice") {
          const int64_t v = IntOr(*a, "value", 0);
          if (v >= 1 && v <= static_cast<int64_t>(n.size())) ++n[static_cast<size_t>(v - 1)];
          continue;
        }
        for (const auto& part : TargetGroups(TextOr(*a, "choices"))) {
          const int64_t v = std::atoll(part.c_str());
          if (v >= 1 && v <= static_cast<int64_t>(n.size())) ++n[static_cast<size_t>(v - 1)];
        }
      }
      for (size_t i = 0; i < options.size(); ++i) labels.push_back(options[i]), counts.push_back(n[i]);
    }
    std::string shown;
    for (size_t i = 0; i < labels.size(); ++i)
      shown += (shown.empty() ? "" : " · ") + labels[i].get<std::string>() + " : " +
               std::to_string(counts[i].get<int64_t>());
    row["distribution"] = shown;
    row["labels"] = labels;
    row["counts"] = counts;
    rows.push_back(std::move(row));
  }
  const Json rate =
      invited ? Json(Round1(100.0 * static_cast<double>(answered) / static_cast<double>(invited))) : Json();
  return Json{{"rows", rows},
              {"summary",
               {SummaryFigure("invited", {"Invitations", "Invitations"}, invited),
                SummaryFigure("answered", {"Réponses", "Answers"}, answered),
                SummaryFigure("response_rate", {"Taux de réponse (%)", "Response rate (%)"}, rate),
                SummaryFigure("mean_rating", {"Note moyenne (1-5)", "Mean rating (1-5)"}, overall_mean),
                SummaryFigure("nps", {"NPS (promoteurs − détracteurs)", "NPS (promoters − detractors)"},
                              overall_nps)}}};
}

std::string AnswersCsv(const std::vector<Json>& questions, const std::vector<Json>& invitations,
                       const std::vector<Json>& answers) {
  std::map<int64_t, const Json*> question, invitation;
  for (const auto& q : questions) question[Id(q)] = &q;
  for (const auto& i : invitations) invitation[Id(i)] = &i;
  std::string out =
      "invitation,stakeholder,language,answered_at,question_position,question,kind,value,choices,text\r\n";
  for (const auto& a : answers) {
    const auto q = question.find(IntOr(a, "question"));
    const auto i = invitation.find(IntOr(a, "invitation"));
    const Json empty = Json::object();
    const Json& qj = q == question.end() ? empty : *q->second;
    const Json& ij = i == invitation.end() ? empty : *i->second;
    out += std::to_string(IntOr(a, "invitation")) + "," + std::to_string(IntOr(ij, "stakeholder")) + "," +
           TextOr(ij, "language") + "," + TextOr(ij, "answered_at") + "," +
           std::to_string(IntOr(qj, "position")) + "," + CsvField(TextOr(qj, "text_fr")) + "," +
           TextOr(qj, "kind") + "," +
           (a["value"].is_number_integer() ? std::to_string(a["value"].get<int64_t>()) : "") + "," +
           CsvField(TextOr(a, "choices")) + "," + CsvField(TextOr(a, "text")) + "\r\n";
  }
  return out;
}

Result<Json> ExportAnswers(ActionContext& ctx, const Json& campaign, const Json&) {
  const std::string id = std::to_string(Id(campaign));
  auto questions =
      ctx.All("survey_questions", {{"survey", std::to_string(campaign["survey"].get<int64_t>())}});
  if (!questions) return Fail(questions.error());
  auto invitations = ctx.All("survey_invitations", {{"campaign", id}});
  if (!invitations) return Fail(invitations.error());
  auto answers = ctx.All("survey_answers", {{"campaign", id}});
  if (!answers) return Fail(answers.error());
  return Json{{"filename", "campaign-" + id + "-answers.csv"},
              {"content_type", "text/csv; charset=utf-8"},
              {"rows", answers->size()},
              {"csv", AnswersCsv(*questions, *invitations, *answers)}};
}

void RegisterSurveyReports(Registry& registry) {
  ReportSpec report;
  report.name = "survey_results";
  report.label = {"Résultats d'enquête", "Survey results"};
  report.area = Area::kEngage;
  report.roles = RoleSet::Staff();
  report.params = {"campaign"};
  report.record_params = {{"campaign", "survey_campaigns"}};
  report.columns = {
      {"position", {"N°", "No."}, "integer"},
      {"text", {"Question", "Question"}, "text"},
      {"kind", {"Nature", "Kind"}, "enum:survey_questions.kind"},
      {"answers", {"Réponses", "Answers"}, "integer"},
      {"mean", {"Moyenne", "Mean"}, "decimal"},
      {"nps", {"NPS", "NPS"}, "decimal"},
      {"distribution", {"Répartition", "Distribution"}, "text"},
  };
  report.run = [](ReportContext& ctx, const ReportParams& params) -> Result<Json> {
    const auto campaign_param = params.find("campaign");
    if (campaign_param == params.end())  // no campaign chosen: nothing to show yet
      return SurveyResults({}, {}, {}, ctx.Who().lang);
    const ReportParams of_campaign{{"campaign", campaign_param->second}};
    auto campaigns = ctx.All("survey_campaigns", {{"id", campaign_param->second}});
    if (!campaigns) return Fail(campaigns.error());
    if (campaigns->empty())
      return Fail(Error::Of(ErrorKind::kNotFound, "record.not_found", {{"type", "survey_campaigns"}}));
    auto questions = ctx.All(
        "survey_questions",
        {{"survey", std::to_string(campaigns->front()["survey"].get<int64_t>())}, {"sort", "position"}});
    if (!questions) return Fail(questions.error());
    auto invitations = ctx.All("survey_invitations", of_campaign);
    if (!invitations) return Fail(invitations.error());
    auto answers = ctx.All("survey_answers", of_campaign);
    if (!answers) return Fail(answers.error());
    std::stable_sort(questions->begin(), questions->end(), [](const Json& a, const Json& b) {
      return IntOr(a, "position") < IntOr(b, "position");
    });
    return SurveyResults(*questions, *invitations, *answers, ctx.Who().lang);
  };
  registry.AddReport(std::move(report));
}

}  // namespace boucle
