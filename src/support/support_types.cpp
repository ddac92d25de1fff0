#include "record/describe.hpp"
#include "support/support.hpp"
#include "support/ticket_news.hpp"
#include "support/ticket_rules.hpp"

namespace boucle {
namespace {

const RoleSet kDesk{Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kDeveloper};
const std::initializer_list<EnumOption> kLevels{
    {"high", {"Haute", "High"}}, {"medium", {"Moyenne", "Medium"}}, {"low", {"Basse", "Low"}}};

TypeSpec Services() {
  return Describe("services")
      .Labels({"Services", "Services"}, {"Service", "Service"})
      .In(Area::kSupport)
      .Title("name")
      .SortBy("name")
      .Read(RoleSet::All())
      .Create({Role::kAdmin, Role::kTeamLead})
      .Update({Role::kAdmin, Role::kTeamLead})
      .Delete({Role::kAdmin})
      .Text("name", {"Nom", "Name"},
            {.required = true, .filter = true, .sort = true, .search = true, .list = true, .max = 120, .unique = true})
      .Markdown("description", {"Description", "Description"}, {.search = true})
      .Ref("owner", {"Responsable", "Owner"}, "users", {.filter = true, .list = true})
      .Enum("lifecycle", {"Cycle de vie", "Lifecycle"},
            {{"pipeline", {"En préparation", "Pipeline"}},
             {"live", {"En service", "Live"}},
             {"retired", {"Retiré", "Retired"}}},
            {.required = true, .filter = true, .list = true, .def = "live"})
      .Text("category", {"Catégorie", "Category"}, {.filter = true, .sort = true, .list = true, .max = 80})
      .Build();
}

TypeSpec Tickets() {
  return Describe("tickets")
      .Labels({"Tickets", "Tickets"}, {"Ticket", "Ticket"})
      .In(Area::kSupport)
      .Title("title")
      .Read(RoleSet::All())
      .Create(RoleSet::All())
      .Update(kDesk)
      .Delete({Role::kAdmin})
      .OwnedThrough("requester", "stakeholders", "user_account")
      .Enum("kind", {"Type", "Type"},
            {{"incident", {"Incident", "Incident"}}, {"request", {"Demande", "Request"}}},
            {.required = true, .filter = true, .list = true, .def = "incident"})
      .Text("title", {"Titre", "Title"}, {.required = true, .sort = true, .search = true, .list = true, .min = 3})
      .Markdown("description", {"Description", "Description"}, {.search = true})
      .Ref("requester", {"Demandeur", "Requester"}, "stakeholders", {.filter = true})
      .Ref("assignee", {"Assigné à", "Assignee"}, "users", {.filter = true, .list = true, .write = kDesk})
      .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
      .Text("category", {"Catégorie", "Category"}, {.filter = true, .sort = true, .max = 80})
      .Text("subcategory", {"Sous-catégorie", "Subcategory"}, {.filter = true, .sort = true, .max = 80})
      .Text("assignment_group", {"Groupe d'affectation", "Assignment group"}, {.filter = true, .sort = true, .max = 80})
      .Enum("impact", {"Impact", "Impact"}, kLevels, {.required = true, .filter = true, .def = "medium"})
      .Enum("urgency", {"Urgence", "Urgency"}, kLevels, {.required = true, .filter = true, .def = "medium"})
      .Enum("priority", {"Priorité", "Priority"},
            {{"critical", {"Critique", "Critical"}},
             {"high", {"Haute", "High"}},
             {"medium", {"Moyenne", "Medium"}},
             {"low", {"Basse", "Low"}}},
            {.filter = true, .sort = true, .list = true, .computed = true})
      .Enum("status", {"Statut", "Status"},
            {{"new", {"Nouveau", "New"}},
             {"assigned", {"Assigné", "Assigned"}},
             {"in_progress", {"En cours", "In progress"}},
             {"pending", {"En attente", "Pending"}},
             {"resolved", {"Résolu", "Resolved"}},
             {"closed", {"Clos", "Closed"}}},
            {.required = true, .filter = true, .sort = true, .list = true, .def = "new", .write = kDesk})
      .Markdown("resolution", {"Résolution", "Resolution"}, {.search = true, .write = kDesk})
      .DateTime("sla_due", {"Échéance SLA", "SLA due"}, {.filter = true, .sort = true, .list = true, .computed = true})
      .Boolean("sla_breached", {"SLA dépassé", "SLA breached"}, {.filter = true, .computed = true})
      .DateTime("resolved_at", {"Résolu le", "Resolved at"}, {.filter = true, .sort = true, .computed = true})
      .DateTime("closed_at", {"Clos le", "Closed at"}, {.filter = true, .sort = true, .computed = true})
      .Integer("reopen_count", {"Réouvertures", "Reopens"}, {.filter = true, .computed = true, .def = 0})
      .Integer("reassignment_count", {"Réaffectations", "Reassignments"}, {.filter = true, .computed = true, .def = 0})
      .Text("external_ref", {"Référence externe", "External reference"},
            {.filter = true, .sort = true, .search = true, .max = 64, .write = {Role::kAdmin}, .unique = true})
      .Text("source", {"Source", "Source"}, {.filter = true, .max = 40, .write = {Role::kAdmin}})
      .Hook(ticket::Apply)
      .AfterWrite(TellRequesterResolved)
      // Covers every column the built-in KPIs read (improve/kpi.cpp): they scan this index, a
      // tenth of the table's size, instead of the rows with their titles and descriptions.
      .Index({"status", "resolved_at", "created_at", "sla_breached", "reopen_count", "reassignment_count"})
      .Build();
}

}  // namespace

void RegisterSupportTypes(Registry& registry) {
  registry.Add(Services());
  registry.Add(Tickets());
  RegisterProblemType(registry);
}

}  // namespace boucle
