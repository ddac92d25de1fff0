#include "engage/engage.hpp"
#include "record/actor.hpp"
#include "record/describe.hpp"

namespace boucle {
namespace {

const RoleSet kRelationship{Role::kAdmin, Role::kAgent, Role::kTeamLead};

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
      .Enum("stakeholder_group", {"Groupe de parties prenantes", "Stakeholder group"},
            {{"sponsor", {"Direction / sponsor (DSI)", "Sponsor (CIO)"}},
             {"team_lead", {"Responsables d'équipe", "Team leads"}},
             {"support", {"Agents de support", "Support agents"}},
             {"finance", {"Finance et achats", "Finance"}},
             {"development", {"Équipe de développement", "Development team"}},
             {"end_user", {"Utilisateurs finaux", "End users"}},
             {"supplier", {"Fournisseurs", "Suppliers"}}},
            {.required = true, .filter = true, .sort = true, .list = true})
      .Text("job_title", {"Fonction", "Job title"}, {.search = true, .list = true, .max = 120})
      .Text("email", {"Courriel", "Email"}, {.search = true, .max = 254})
      .RefList("services", {"Services concernés", "Services concerned"}, "services", {.filter = true})
      .Integer("influence", {"Influence (1-5)", "Influence (1-5)"},
               {.required = true, .filter = true, .sort = true, .list = true, .def = 3, .min = 1, .max = 5})
      .Integer("interest", {"Intérêt (1-5)", "Interest (1-5)"},
               {.required = true, .filter = true, .sort = true, .list = true, .def = 3, .min = 1, .max = 5})
      .Enum("preferred_language", {"Langue préférée", "Preferred language"},
            {{"fr", {"Français", "French"}}, {"en", {"Anglais", "English"}}}, {.filter = true, .def = "fr"})
      .Enum("preferred_channel", {"Canal préféré", "Preferred channel"},
            {{"email", {"Courriel", "Email"}},
             {"meeting", {"Réunion", "Meeting"}},
             {"phone", {"Téléphone", "Phone"}},
             {"chat", {"Messagerie instantanée", "Chat"}},
             {"portal", {"Portail", "Portal"}}},
            {.filter = true, .def = "email"})
      .Ref("user_account", {"Compte utilisateur", "User account"}, "users", {.filter = true, .unique = true})
      .Build();
}

// End users speak for themselves only; feedback is about a service, a ticket, or both.
Status FeedbackRules(HookContext& ctx, Json& next, const Json* before) {
  if (ctx.Who().role == Role::kEndUser && !before) {
    auto self = ctx.FindOne("stakeholders", "user_account", ctx.Who().user_id);
    if (!self) return Fail(self.error());
    if (self->is_null()) return Fail(Error::Invalid("feedback.stakeholder_unknown", "stakeholder"));
    next["stakeholder"] = (*self)["id"];
  }
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

}  // namespace

void RegisterEngageTypes(Registry& registry) {
  registry.Add(Stakeholders());
  registry.Add(Feedback());
}

}  // namespace boucle
