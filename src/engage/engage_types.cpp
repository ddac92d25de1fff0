#include "engage/engage.hpp"
#include "engage/ideas.hpp"
#include "engage/latest_interaction.hpp"
#include "engage/involvement.hpp"
#include "engage/engagement_reports.hpp"
#include "engage/you_said_we_did.hpp"
#include "engage/relationship_health.hpp"
#include "engage/self_service.hpp"
#include "record/actor.hpp"
#include "record/describe.hpp"

namespace boucle {
namespace {

const RoleSet kRelationship{Role::kAdmin, Role::kAgent, Role::kTeamLead};

const std::initializer_list<EnumOption> kGroups{
    {"sponsor", {"Direction / sponsor (DSI)", "Sponsor (CIO)"}},
    {"team_lead", {"Responsables d'équipe", "Team leads"}},
    {"support", {"Agents de support", "Support agents"}},
    {"finance", {"Finance et achats", "Finance"}},
    {"development", {"Équipe de développement", "Development team"}},
    {"end_user", {"Utilisateurs finaux", "End users"}},
    {"supplier", {"Fournisseurs", "Suppliers"}}};

const std::initializer_list<EnumOption> kEngagementLevels{
    {"unaware", {"Non informé", "Unaware"}},
    {"resistant", {"Réticent", "Resistant"}},
    {"neutral", {"Neutre", "Neutral"}},
    {"supportive", {"Favorable", "Supportive"}},
    {"leading", {"Moteur", "Leading"}}};

const std::initializer_list<EnumOption> kChannels{
    {"email", {"Courriel", "Email"}},
    {"meeting", {"Réunion", "Meeting"}},
    {"phone", {"Téléphone", "Phone"}},
    {"chat", {"Messagerie instantanée", "Chat"}},
    {"portal", {"Portail", "Portal"}}};


TypeSpec Stakeholders() {
  return Describe("stakeholders")
      .Labels({"Parties prenantes", "Stakeholders"}, {"Partie prenante", "Stakeholder"})
      .In(Area::kEngage)
      .Title("name")
      .SortBy("name")
      .Read(RoleSet::All())
      .Create(kRelationship)
      .Update(kRelationship)
      .Delete({Role::kAdmin})
      .OwnedThrough("user_account", "", "")
      .Text("name", {"Nom", "Name"}, {.required = true, .sort = true, .search = true, .list = true, .max = 120})
      .Enum("kind", {"Nature", "Kind"},
            {{"person", {"Personne", "Person"}}, {"group", {"Groupe", "Group"}}, {"organisation", {"Organisation", "Organisation"}}},
            {.required = true, .filter = true, .def = "person"})
      .Enum("stakeholder_group", {"Groupe de parties prenantes", "Stakeholder group"}, kGroups,
            {.required = true, .filter = true, .sort = true, .list = true})
      .Text("job_title", {"Fonction", "Job title"}, {.search = true, .list = true, .max = 120})
      .Text("organisation", {"Organisation", "Organisation"}, {.filter = true, .sort = true, .search = true, .max = 120})
      .Text("email", {"Courriel", "Email"}, {.search = true, .max = 254})
      .RefList("services", {"Services concernés", "Services concerned"}, "services", {.filter = true})
      .Integer("influence", {"Influence (1-5)", "Influence (1-5)"},
               {.required = true, .filter = true, .sort = true, .list = true, .def = 3, .min = 1, .max = 5})
      .Integer("interest", {"Intérêt (1-5)", "Interest (1-5)"},
               {.required = true, .filter = true, .sort = true, .list = true, .def = 3, .min = 1, .max = 5})
      .Enum("preferred_language", {"Langue préférée", "Preferred language"},
            {{"fr", {"Français", "French"}}, {"en", {"Anglais", "English"}}}, {.filter = true, .def = "fr"})
      .Enum("preferred_channel", {"Canal préféré", "Preferred channel"}, kChannels, {.filter = true, .def = "email"})
      .Enum("engagement_current", {"Engagement actuel", "Current engagement"}, kEngagementLevels,
            {.filter = true, .sort = true, .def = "neutral"})
      .Enum("engagement_desired", {"Engagement souhaité", "Desired engagement"}, kEngagementLevels,
            {.filter = true, .sort = true, .def = "supportive"})
      .Ref("user_account", {"Compte utilisateur", "User account"}, "users", {.filter = true, .unique = true})
      // Kept by the interactions' after-write hook (it may lie ahead: a planned meeting).
      .DateTime("latest_interaction_at", {"Dernière interaction", "Latest interaction"},
                {.filter = true, .sort = true, .computed = true})
      .Build();
}

// End users speak for themselves only; feedback is about a service, a ticket, or both.
Status FeedbackRules(HookContext& ctx, Json& next, const Json* before) {
  if (auto st = SpeakForSelf(ctx, next, before, "stakeholder"); !st) return st;
  if (next["stakeholder"].is_null()) return Fail(Error::Invalid("field.required", "stakeholder"));
  if (next["service"].is_null() && !next["ticket"].is_null()) {
    auto ticket = ctx.Lookup("tickets", next["ticket"].get<int64_t>());
    if (!ticket) return Fail(ticket.error());
    next["service"] = (*ticket)["service"];
  }
  if (next["service"].is_null() && next["ticket"].is_null())
    return Fail(Error::Invalid("feedback.subject_required", "service"));
  return {};
}

TypeSpec Feedback() {
  return Describe("feedback")
      .Labels({"Retours", "Feedback"}, {"Retour", "Feedback"})
      .In(Area::kEngage)
      .Title("summary")
      .Read(RoleSet::All())
      .Create(RoleSet::All())
      .Update(kRelationship)
      .Delete({Role::kAdmin})
      .OwnedThrough("stakeholder", "stakeholders", "user_account")
      .PublicForm()
      .Ref("stakeholder", {"Partie prenante", "Stakeholder"}, "stakeholders", {.filter = true, .list = true})
      .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
      .Ref("ticket", {"Ticket", "Ticket"}, "tickets", {.filter = true})
      .Enum("kind", {"Nature", "Kind"},
            {{"praise", {"Compliment", "Praise"}},
             {"complaint", {"Réclamation", "Complaint"}},
             {"suggestion", {"Suggestion", "Suggestion"}},
             {"idea", {"Idée", "Idea"}}},
            {.required = true, .filter = true, .list = true})
      .Integer("rating", {"Note (1-5)", "Rating (1-5)"}, {.filter = true, .sort = true, .list = true, .min = 1, .max = 5})
      .Text("summary", {"Résumé", "Summary"}, {.required = true, .sort = true, .search = true, .list = true, .min = 3})
      .Markdown("text", {"Texte", "Text"}, {.search = true})
      .Enum("status", {"Statut", "Status"},
            {{"new", {"Nouveau", "New"}},
             {"acknowledged", {"Pris en compte", "Acknowledged"}},
             {"in_improvement", {"En amélioration", "In improvement"}},
             {"closed", {"Clos", "Closed"}}},
            {.required = true, .filter = true, .list = true, .def = "new", .write = kRelationship})
      .Hook(FeedbackRules)
      .Build();
}

TypeSpec ServiceRoles() {
  return Describe("service_roles")
      .Labels({"Rôles RACI", "RACI roles"}, {"Rôle RACI", "RACI role"})
      .In(Area::kEngage)
      .Title("raci")
      .Read(RoleSet::Staff())
      .Create(kRelationship)
      .Update(kRelationship)
      .Delete(kRelationship)
      .Ref("stakeholder", {"Partie prenante", "Stakeholder"}, "stakeholders", {.required = true, .filter = true, .list = true})
      .Ref("service", {"Service", "Service"}, "services", {.required = true, .filter = true, .list = true})
      .Enum("raci", {"Rôle", "Role"},
            {{"responsible", {"Réalise (R)", "Responsible (R)"}},
             {"accountable", {"Approuve (A)", "Accountable (A)"}},
             {"consulted", {"Consulté (C)", "Consulted (C)"}},
             {"informed", {"Informé (I)", "Informed (I)"}}},
            {.required = true, .filter = true, .list = true})
      .Text("note", {"Note", "Note"}, {.max = 500})
      .Build();
}

TypeSpec EngagementPlans() {
  return Describe("engagement_plans")
      .Labels({"Plans d'engagement", "Engagement plans"}, {"Plan d'engagement", "Engagement plan"})
      .In(Area::kEngage)
      .Title("title")
      .Read(RoleSet::Staff())
      .Create(kRelationship)
      .Update(kRelationship)
      .Delete(kRelationship)
      .Text("title", {"Titre", "Title"}, {.required = true, .sort = true, .search = true, .list = true, .min = 3})
      .Ref("stakeholder", {"Partie prenante", "Stakeholder"}, "stakeholders", {.filter = true, .list = true})
      .Enum("stakeholder_group", {"Groupe de parties prenantes", "Stakeholder group"}, kGroups, {.filter = true, .list = true})
      .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
      .Integer("frequency_days", {"Fréquence (jours)", "Frequency (days)"},
               {.required = true, .filter = true, .sort = true, .list = true, .min = 1, .max = 365})
      .Enum("channel", {"Canal", "Channel"}, kChannels, {.required = true, .filter = true, .list = true, .def = "meeting"})
      .Ref("owner", {"Responsable", "Owner"}, "users", {.filter = true, .list = true})
      .Boolean("active", {"Actif", "Active"}, {.filter = true, .def = true})
      .Markdown("notes", {"Notes", "Notes"}, {.search = true})
      .Hook([](HookContext&, Json& next, const Json*) -> Status {
        if (next["stakeholder"].is_null() && next["stakeholder_group"].is_null())
          return Fail(Error::Invalid("engagement.audience_required", "stakeholder"));
        return {};
      })
      .Build();
}

TypeSpec Interactions() {
  return Describe("interactions")
      .Labels({"Interactions", "Interactions"}, {"Interaction", "Interaction"})
      .In(Area::kEngage)
      .Title("summary")
      .SortBy("-occurred_at")
      .Read(RoleSet::Staff())
      .Create(kRelationship)
      .Update(kRelationship)
      .Delete({Role::kAdmin})
      .Enum("kind", {"Nature", "Kind"},
            {{"meeting", {"Réunion", "Meeting"}},
             {"workshop", {"Atelier", "Workshop"}},
             {"call", {"Appel", "Call"}},
             {"email", {"Courriel", "Email"}},
             {"survey_answer", {"Réponse à une enquête", "Survey answer"}},
             {"demo", {"Démonstration", "Demo"}}},
            {.required = true, .filter = true, .list = true})
      .DateTime("occurred_at", {"Date", "Date"}, {.required = true, .filter = true, .sort = true, .list = true})
      .Text("summary", {"Objet", "Subject"}, {.required = true, .sort = true, .search = true, .list = true, .min = 3})
      .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
      .RefList("attendees", {"Participants", "Attendees"}, "stakeholders", {.filter = true})
      .Markdown("notes", {"Compte rendu", "Notes"}, {.search = true})
      .Markdown("decisions", {"Décisions", "Decisions"}, {.search = true})
      .AfterWrite(KeepLatestInteraction)
      .Build();
}

TypeSpec FollowUps() {
  return Describe("follow_ups")
      .Labels({"Actions de suivi", "Follow-up actions"}, {"Action de suivi", "Follow-up action"})
      .In(Area::kEngage)
      .Title("title")
      .SortBy("due_at")
      .Read(RoleSet::Staff())
      .Create(kRelationship)
      .Update(RoleSet::Staff())
      .Delete(kRelationship)
      .Text("title", {"Action", "Action"}, {.required = true, .sort = true, .search = true, .list = true, .min = 3})
      .Ref("interaction", {"Interaction", "Interaction"}, "interactions", {.filter = true, .list = true})
      .Ref("owner", {"Responsable", "Owner"}, "users", {.filter = true, .list = true})
      .DateTime("due_at", {"Échéance", "Due"}, {.filter = true, .sort = true, .list = true})
      .Enum("status", {"Statut", "Status"},
            {{"open", {"À faire", "Open"}}, {"done", {"Faite", "Done"}}, {"cancelled", {"Annulée", "Cancelled"}}},
            {.required = true, .filter = true, .list = true, .def = "open"})
      .Build();
}

}  // namespace

void RegisterEngageTypes(Registry& registry) {
  registry.Add(Stakeholders());
  registry.Add(Feedback());
  registry.Add(ServiceRoles());
  registry.Add(EngagementPlans());
  registry.Add(Interactions());
  registry.Add(FollowUps());
  RegisterDemandType(registry);
  RegisterEngageReports(registry);
  RegisterInvolvement(registry);
  RegisterIdeas(registry);
  RegisterEngagementReports(registry);
  RegisterYouSaidWeDid(registry);
}

}  // namespace boucle
