#include "app/demo_surveys.hpp"

#include <array>

#include "app/demo_random.hpp"
#include "app/demo_writer.hpp"
#include "jobs/outbox.hpp"
#include "record/json_access.hpp"
#include "record/service.hpp"

namespace boucle {
namespace {

using std::chrono::days;
using std::chrono::hours;

// Comments in the recipient's language; picked at random, never all of them.
constexpr std::array<const char*, 8> kCommentsFr{
    "Le portail est clair, mais les délais de réponse varient beaucoup.",
    "Merci pour la réactivité de l'équipe support lors de la panne de messagerie.",
    "Il faudrait pouvoir suivre l'avancement de mes demandes par courriel.",
    "Le VPN se déconnecte souvent en déplacement.",
    "Les nouveaux postes ont été livrés rapidement, bravo.",
    "Une FAQ sur l'impression couleur éviterait beaucoup d'appels.",
    "Difficile de savoir à qui s'adresser pour les accès aux applications métier.",
    "Très bon accueil téléphonique.",
};
constexpr std::array<const char*, 4> kCommentsEn{
    "The portal is clear but response times vary a lot.",
    "Please send updates on my requests by e-mail.",
    "The VPN often drops when travelling.",
    "Great phone support, thank you.",
};

class SurveyLoader {
 public:
  SurveyLoader(RecordService& records, Tx& tx, ManualClock& clock, const DemoOptions& options)
      : w_(records, tx, clock, options.now), now_(options.now), draw_(options.seed, 11) {}

  Status Run() {
    auto barometer = Barometer();
    if (!barometer) return Fail(barometer.error());
    return SatisfactionAfterTickets();
  }

 private:
  // Everything is written by the system, as its own rules would ("" is the system's login).
  Result<Json> Create(const std::string& type, const Json& body, TimePoint at) {
    return w_.Create("", type, body, at, Origin::kRule);
  }
  Result<Json> Update(const std::string& type, Json record, const Json& patch, TimePoint at) {
    if (auto st = w_.Update("", type, record, patch, at, Origin::kRule); !st) return Fail(st.error());
    return record;
  }
  Result<std::vector<Json>> All(const std::string& type, ListParams filters) {
    filters.emplace("limit", "500");
    filters.emplace("sort", "id");
    return w_.Where(type, filters);
  }
  Result<int64_t> Question(int64_t survey, int position, const char* kind, const char* fr, const char* en,
                           const char* options_fr, const char* options_en, bool required, TimePoint at) {
    Json body{{"survey", survey}, {"position", position}, {"kind", kind},
              {"text_fr", fr},    {"text_en", en},        {"required", required}};
    if (*options_fr) body["options_fr"] = options_fr, body["options_en"] = options_en;
    auto q = Create("survey_questions", body, at);
    if (!q) return Fail(q.error());
    return (*q)["id"].get<int64_t>();
  }

  // Last quarter's barometer: launched, reminded once, a majority answered, then closed.
  Result<Json> Barometer() {
    const TimePoint drafted = now_ - days{80};
    auto survey =
        Create("surveys",
               {{"title", "Baromètre de satisfaction de la DSI"},
                {"purpose", "consultation"},
                {"status", "active"},
                {"intro_fr", "Cinq questions sur les services informatiques, moins de trois minutes."},
                {"intro_en", "Five questions about IT services, under three minutes."}},
               drafted);
    if (!survey) return survey;
    const int64_t sid = (*survey)["id"].get<int64_t>();
    std::array<int64_t, 5> q{};
    const struct {
      const char *kind, *fr, *en, *ofr, *oen;
      bool required;
    } questions[] = {
        {"rating", "Dans l'ensemble, êtes-vous satisfait des services informatiques ?",
         "Overall, are you satisfied with IT services?", "", "", true},
        {"recommendation", "Recommanderiez-vous le support informatique à un collègue ?",
         "Would you recommend IT support to a colleague?", "", "", true},
        {"single_choice", "Comment nous joignez-vous le plus souvent ?", "How do you usually reach us?",
         "Portail\nTéléphone\nCourriel\nSur place", "Portal\nPhone\nE-mail\nIn person", true},
        {"multiple_choice", "Quels services utilisez-vous chaque semaine ?",
         "Which services do you use every week?", "Messagerie\nVPN\nImpression\nApplications métier",
         "E-mail\nVPN\nPrinting\nBusiness applications", false},
        {"free_text", "Que devrions-nous améliorer en priorité ?", "What should we improve first?", "", "",
         false},
    };
    for (size_t i = 0; i < 5; ++i) {
      const auto& d = questions[i];
      auto id = Question(sid, static_cast<int>(i + 1), d.kind, d.fr, d.en, d.ofr, d.oen, d.required, drafted);
      if (!id) return Fail(id.error());
      q[i] = *id;
    }
    const TimePoint sent = now_ - days{70};
    auto campaign = Create("survey_campaigns",
                           {{"title", "Baromètre DSI — trimestre écoulé"},
                            {"survey", sid},
                            {"target_groups", "end_user, team_lead, sponsor"},
                            {"send_at", FormatTime(sent)},
                            {"reminder_days", 7},
                            {"link_days", 21}},
                           drafted + days{2});
    if (!campaign) return campaign;
    const int64_t cid = (*campaign)["id"].get<int64_t>();
    auto launched = w_.Action("", "survey_campaigns", cid, "launch", Json::object(), sent);
    if (!launched) return Fail(launched.error());
    // Demonstration data never mails anyone.
    auto queued = All(kOutboxType, {{"status", "pending"}});
    if (!queued) return Fail(queued.error());
    for (const auto& job : *queued)
      if (auto r = Update(kOutboxType, job,
                          {{"status", "cancelled"}, {"last_error", "demonstration data: not sent"}}, sent);
          !r)
        return Fail(r.error());

    auto invitations = All("survey_invitations", {{"campaign", std::to_string(cid)}});
    if (!invitations) return Fail(invitations.error());
    for (auto inv : *invitations) {
      const bool english = TextOr(inv, "language") == "en";
      const bool answers = draw_.Chance(0.62);
      const bool reminded = !answers || draw_.Chance(0.3);
      TimePoint answered_at = sent + hours{static_cast<int>(draw_.Exponential(30)) + 1};
      if (reminded) {
        auto r =
            Update("survey_invitations", inv, {{"reminded_at", FormatTime(sent + days{7})}}, sent + days{7});
        if (!r) return Fail(r.error());
        inv = *r;
        answered_at = sent + days{7} + hours{static_cast<int>(draw_.Exponential(20)) + 1};
      }
      if (!answers) continue;
      answered_at = std::min(answered_at, sent + days{20});
      const int rating = 1 + static_cast<int>(draw_.Weighted(std::array{4, 8, 21, 41, 26}));
      const int recommend = static_cast<int>(draw_.Weighted(std::array{2, 1, 2, 3, 4, 6, 8, 14, 22, 20, 18}));
      std::vector<std::pair<int64_t, Json>> values{
          {q[0], {{"value", rating}}},
          {q[1], {{"value", recommend}}},
          {q[2], {{"value", 1 + static_cast<int>(draw_.Weighted(std::array{45, 30, 18, 7}))}}}};
      std::string uses;
      for (int option = 1; option <= 4; ++option)
        if (draw_.Chance(option == 1 ? 0.9 : 0.4)) uses += (uses.empty() ? "" : ",") + std::to_string(option);
      if (!uses.empty()) values.push_back({q[3], {{"choices", uses}}});
      if (draw_.Chance(0.35)) {
        const char* text =
            english
                ? kCommentsEn[static_cast<size_t>(draw_.Int(0, static_cast<int>(kCommentsEn.size()) - 1))]
                : kCommentsFr[static_cast<size_t>(draw_.Int(0, static_cast<int>(kCommentsFr.size()) - 1))];
        values.push_back({q[4], {{"text", text}}});
      }
      for (auto& [question, value] : values) {
        value["invitation"] = inv["id"];
        value["campaign"] = cid;
        value["question"] = question;
        if (auto a = Create("survey_answers", value, answered_at); !a) return Fail(a.error());
      }
      if (auto r = Update("survey_invitations", inv, {{"answered_at", FormatTime(answered_at)}}, answered_at);
          !r)
        return Fail(r.error());
    }
    auto closing = All("survey_campaigns", {{"id", std::to_string(cid)}});
    if (!closing || closing->empty())
      return Fail(closing ? Error::Of(ErrorKind::kInternal, "internal") : closing.error());
    return Update("survey_campaigns", closing->front(), {{"status", "closed"}}, sent + days{30});
  }

  // The survey after tickets: 30 % of resolved tickets, a day after resolution, from now on.
  Status SatisfactionAfterTickets() {
    const TimePoint at = now_ - days{1};
    auto survey = Create("surveys",
                         {{"title", "Votre avis sur la résolution de votre demande"},
                          {"purpose", "satisfaction"},
                          {"status", "active"},
                          {"intro_fr", "Deux questions, trente secondes."},
                          {"intro_en", "Two questions, thirty seconds."}},
                         at);
    if (!survey) return Fail(survey.error());
    const int64_t sid = (*survey)["id"].get<int64_t>();
    if (auto id = Question(sid, 1, "rating", "Êtes-vous satisfait de la résolution ?",
                           "Are you satisfied with the resolution?", "", "", true, at);
        !id)
      return Fail(id.error());
    if (auto id = Question(sid, 2, "free_text", "Un commentaire ?", "Any comment?", "", "", false, at); !id)
      return Fail(id.error());
    auto settings = Create("satisfaction_settings",
                           {{"title", "Satisfaction après ticket"},
                            {"survey", sid},
                            {"delay_hours", 24},
                            {"share_percent", 30},
                            {"link_days", 14}},
                           now_);
    if (!settings) return Fail(settings.error());
    return {};
  }

  DemoWriter w_;
  const TimePoint now_;
  Rng draw_;
};

}  // namespace

Status LoadDemoSurveys(RecordService& records, Tx& tx, ManualClock& clock, const DemoOptions& options) {
  return SurveyLoader(records, tx, clock, options).Run();
}

}  // namespace boucle
