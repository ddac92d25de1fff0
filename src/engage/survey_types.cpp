// Surveys, questions, campaigns, invitations and answers, each described once.
#include <set>

#include "engage/survey_invite.hpp"
#include "engage/surveys.hpp"
#include "record/describe.hpp"
#include "record/json_access.hpp"

namespace boucle {

const std::vector<EnumOption>& QuestionKinds() {
  static const std::vector<EnumOption> kinds{
      {"rating", {"Note de 1 à 5", "Rating 1-5"}},
      {"recommendation", {"Recommandation de 0 à 10", "Recommendation 0-10"}},
      {"single_choice", {"Choix unique", "Single choice"}},
      {"multiple_choice", {"Choix multiple", "Multiple choice"}},
      {"free_text", {"Texte libre", "Free text"}}};
  return kinds;
}
namespace {

const RoleSet kRelationship{Role::kAdmin, Role::kAgent, Role::kTeamLead};

// The groups of engage_types.cpp's stakeholders, which campaigns may target.
const std::set<std::string> kGroupIds{"sponsor",     "team_lead", "support", "finance",
                                      "development", "end_user",  "supplier"};

bool IsChoice(const std::string& kind) { return kind == "single_choice" || kind == "multiple_choice"; }

// Choice questions need two options or more, the same number in both languages; others none.
Status QuestionRules(HookContext&, Json& next, const Json*) {
  const std::string kind = TextOr(next, "kind");
  const auto fr = OptionLines(next["options_fr"]);
  const auto en = OptionLines(next["options_en"]);
  if (IsChoice(kind)) {
    if (fr.size() < 2) return Fail(Error::Invalid("survey.options_required", "options_fr"));
    if (fr.size() > 20) return Fail(Error::Invalid("field.too_long", "options_fr", {{"max", 20}}));
    if (!en.empty() && en.size() != fr.size())
      return Fail(Error::Invalid("survey.options_mismatch", "options_en", {{"count", fr.size()}}));
  } else if (!fr.empty() || !en.empty()) {
    return Fail(Error::Invalid("survey.options_not_allowed", fr.empty() ? "options_en" : "options_fr"));
  }
  return {};
}

TypeSpec Surveys() {
  return Describe("surveys")
      .Labels({"Enquêtes", "Surveys"}, {"Enquête", "Survey"})
      .In(Area::kEngage)
      .Title("title")
      .Read(RoleSet::Staff())
      .Create(kRelationship)
      .Update(kRelationship)
      .Delete({Role::kAdmin})
      .Text("title", {"Titre", "Title"},
            {.required = true, .sort = true, .search = true, .list = true, .min = 3, .max = 200})
      .Enum("purpose", {"Objet", "Purpose"},
            {{"consultation", {"Consultation", "Consultation"}},
             {"satisfaction", {"Satisfaction après ticket", "Satisfaction after a ticket"}}},
            {.required = true, .filter = true, .list = true, .def = "consultation"})
      .Enum("status", {"Statut", "Status"},
            {{"draft", {"Brouillon", "Draft"}},
             {"active", {"Active", "Active"}},
             {"archived", {"Archivée", "Archived"}}},
            {.required = true, .filter = true, .list = true, .def = "draft"})
      .Markdown("intro_fr", {"Introduction (français)", "Introduction (French)"},
                {.search = true, .max = 4000})
      .Markdown("intro_en", {"Introduction (anglais)", "Introduction (English)"},
                {.search = true, .max = 4000})
      .Build();
}

TypeSpec Questions() {
  return Describe("survey_questions")
      .Labels({"Questions d'enquête", "Survey questions"}, {"Question d'enquête", "Survey question"})
      .In(Area::kEngage)
      .Title("text_fr")
      .SortBy("position")
      .Read(RoleSet::Staff())
      .Create(kRelationship)
      .Update(kRelationship)
      .Delete(kRelationship)
      .Ref("survey", {"Enquête", "Survey"}, "surveys", {.required = true, .filter = true, .list = true})
      .Integer("position", {"Ordre", "Order"},
               {.required = true, .filter = true, .sort = true, .list = true, .def = 1, .min = 1, .max = 200})
      .Enum("kind", {"Nature", "Kind"}, QuestionKinds(), {.required = true, .filter = true, .list = true})
      .Text("text_fr", {"Question (français)", "Question (French)"},
            {.required = true, .search = true, .list = true, .min = 3, .max = 500})
      .Text("text_en", {"Question (anglais)", "Question (English)"}, {.search = true, .max = 500})
      .Text("options_fr", {"Options (français, une par ligne)", "Options (French, one per line)"},
            {.max = 4000})
      .Text("options_en", {"Options (anglais, une par ligne)", "Options (English, one per line)"},
            {.max = 4000})
      .Boolean("required", {"Réponse obligatoire", "Answer required"},
               {.filter = true, .list = true, .def = true})
      .Hook(QuestionRules)
      .Build();
}

Status CampaignRules(HookContext& ctx, Json& next, const Json*) {
  for (const auto& g : TargetGroups(TextOr(next, "target_groups")))
    if (!kGroupIds.contains(g))
      return Fail(
          Error::Invalid("field.invalid_choice", "target_groups",
                         {{"allowed", std::vector<std::string>(kGroupIds.begin(), kGroupIds.end())}}));
  const bool has_target = !TargetGroups(TextOr(next, "target_groups")).empty() ||
                          next["service"].is_number_integer() ||
                          (next["stakeholders"].is_array() && !next["stakeholders"].empty());
  if (!has_target && next["survey"].is_number_integer()) {
    auto survey = ctx.Lookup("surveys", next["survey"].get<int64_t>());
    if (!survey) return Fail(survey.error());
    // A satisfaction campaign gathers the invitations sent after tickets; others need recipients.
    if (TextOr(*survey, "purpose") != "satisfaction")
      return Fail(Error::Invalid("survey.target_required", "target_groups"));
  }
  return {};
}

TypeSpec Campaigns() {
  return Describe("survey_campaigns")
      .Labels({"Campagnes d'enquête", "Survey campaigns"}, {"Campagne d'enquête", "Survey campaign"})
      .In(Area::kEngage)
      .Title("title")
      .Read(RoleSet::Staff())
      .Create(kRelationship)
      .Update(kRelationship)
      .Delete({Role::kAdmin})
      .Text("title", {"Titre", "Title"},
            {.required = true, .sort = true, .search = true, .list = true, .min = 3, .max = 200})
      .Ref("survey", {"Enquête", "Survey"}, "surveys", {.required = true, .filter = true, .list = true})
      .Text("target_groups", {"Groupes visés (séparés par des virgules)", "Target groups (comma-separated)"},
            {.max = 300})
      .Ref("service", {"Parties prenantes du service", "Stakeholders of the service"}, "services",
           {.filter = true, .list = true})
      .RefList("stakeholders", {"Parties prenantes choisies", "Chosen stakeholders"}, "stakeholders",
               {.filter = true})
      .DateTime("send_at", {"Envoi le", "Send at"}, {.filter = true, .sort = true, .list = true})
      .Integer("reminder_days", {"Relance après (jours)", "Reminder after (days)"},
               {.required = true, .def = 7, .min = 1, .max = 90})
      .Integer("link_days", {"Validité du lien (jours)", "Link valid for (days)"},
               {.required = true, .def = 30, .min = 1, .max = 365})
      .Enum("status", {"Statut", "Status"},
            {{"draft", {"Brouillon", "Draft"}},
             {"launched", {"Lancée", "Launched"}},
             {"closed", {"Close", "Closed"}}},
            {.required = true, .filter = true, .list = true, .def = "draft"})
      .DateTime("launched_at", {"Lancée le", "Launched at"}, {.filter = true, .sort = true, .computed = true})
      .Integer("invited_count", {"Invitations", "Invitations"}, {.list = true, .computed = true, .def = 0})
      .Hook(CampaignRules)
      .Action("launch", {"Lancer (envoyer les invitations)", "Launch (send the invitations)"}, kRelationship,
              Describe("launch"), LaunchCampaign)
      .Action("remind", {"Relancer les non-répondants", "Remind those who have not answered"}, kRelationship,
              Describe("remind").Boolean(
                  "due_only", {"Seulement ceux dont la relance est due", "Only those due for a reminder"}),
              RemindCampaign)
      .Action("export_answers", {"Exporter les réponses (CSV)", "Export the answers (CSV)"}, RoleSet::Staff(),
              Describe("export_answers"), ExportAnswers)
      .Build();
}

TypeSpec Invitations() {
  return Describe("survey_invitations")
      .Labels({"Invitations à répondre", "Survey invitations"},
              {"Invitation à répondre", "Survey invitation"})
      .In(Area::kEngage)
      .Title("invitation_key")
      .Read(RoleSet::Staff())
      .Create(kRelationship)
      .Update(kRelationship)
      .Delete({Role::kAdmin})
      .Ref("campaign", {"Campagne", "Campaign"}, "survey_campaigns",
           {.required = true, .filter = true, .list = true})
      .Ref("stakeholder", {"Partie prenante", "Stakeholder"}, "stakeholders",
           {.required = true, .filter = true, .list = true})
      .Ref("ticket", {"Ticket", "Ticket"}, "tickets", {.filter = true, .list = true})
      .Text("invitation_key", {"Clé", "Key"}, {.filter = true, .computed = true, .max = 200, .unique = true})
      .Enum("language", {"Langue", "Language"},
            {{"fr", {"Français", "French"}}, {"en", {"Anglais", "English"}}},
            {.filter = true, .list = true, .computed = true, .def = "fr"})
      .Text("token_hash", {"Empreinte du lien", "Link hash"},
            {.filter = true, .computed = true, .max = 64, .unique = true})
      .DateTime("sent_at", {"Envoyée le", "Sent at"},
                {.filter = true, .sort = true, .list = true, .computed = true})
      .DateTime("expires_at", {"Expire le", "Expires at"}, {.filter = true, .sort = true, .computed = true})
      .DateTime("reminded_at", {"Relancée le", "Reminded at"},
                {.filter = true, .sort = true, .computed = true})
      .DateTime("answered_at", {"Répondue le", "Answered at"},
                {.filter = true, .sort = true, .list = true, .computed = true})
      .Enum("status", {"État", "State"},
            {{"invited", {"Invitée", "Invited"}},
             {"reminded", {"Relancée", "Reminded"}},
             {"answered", {"Répondue", "Answered"}}},
            {.filter = true, .list = true, .computed = true, .def = "invited"})
      // The state follows the timestamps, so that no writer can make them disagree.
      .Hook([](HookContext&, Json& next, const Json*) -> Status {
        next["status"] = !next["answered_at"].is_null()   ? "answered"
                         : !next["reminded_at"].is_null() ? "reminded"
                                                          : "invited";
        return {};
      })
      .Build();
}

}  // namespace

std::vector<std::string> TargetGroups(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text + ",") {
    if (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ';') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

std::vector<std::string> OptionLines(const Json& text) {
  std::vector<std::string> out;
  if (!text.is_string()) return out;
  const std::string s = text.get<std::string>() + "\n";
  size_t start = 0;
  for (size_t nl = s.find('\n'); nl != std::string::npos; start = nl + 1, nl = s.find('\n', start)) {
    std::string line = s.substr(start, nl - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    while (!line.empty() && line.front() == ' ') line.erase(0, 1);
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

void RegisterSurveyTypes(Registry& registry) {
  registry.Add(Surveys());
  registry.Add(Questions());
  registry.Add(Campaigns());
  registry.Add(Invitations());
  registry.Add(SurveyAnswersType());
  registry.Add(SatisfactionSettingsType());
  RegisterSurveyPublicForm(registry);
  RegisterSurveyReports(registry);
}

}  // namespace boucle
