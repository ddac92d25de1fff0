#include "build/build.hpp"
#include "engage/involvement.hpp"
#include "record/describe.hpp"

namespace boucle {
namespace {

const RoleSet kBuilders{Role::kAdmin, Role::kTeamLead, Role::kDeveloper, Role::kAgent};

TypeSpec Changes() {
  return Describe("changes")
      .Labels({"Changements", "Changes"}, {"Changement", "Change"})
      .In(Area::kBuild)
      .Title("title")
      .Read(RoleSet::Staff())
      .Create(kBuilders)
      .Update(kBuilders)
      .Delete({Role::kAdmin})
      .Text("title", {"Titre", "Title"}, {.required = true, .sort = true, .search = true, .list = true, .min = 3})
      .Markdown("description", {"Description", "Description"}, {.search = true})
      .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
      .Ref("requester", {"Demandeur", "Requester"}, "stakeholders", {.filter = true})
      .Ref("owner", {"Responsable", "Owner"}, "users", {.filter = true, .list = true})
      .Enum("status", {"Statut", "Status"},
            {{"draft", {"Brouillon", "Draft"}},
             {"assessment", {"En évaluation", "Assessment"}},
             {"approved", {"Approuvé", "Approved"}},
             {"scheduled", {"Planifié", "Scheduled"}},
             {"implemented", {"Mis en œuvre", "Implemented"}},
             {"closed", {"Clos", "Closed"}},
             {"rejected", {"Refusé", "Rejected"}}},
            {.required = true, .filter = true, .sort = true, .list = true, .def = "draft"})
      .Enum("risk", {"Risque", "Risk"},
            {{"low", {"Faible", "Low"}}, {"medium", {"Moyen", "Medium"}}, {"high", {"Élevé", "High"}}},
            {.filter = true, .list = true, .def = "medium"})
      .DateTime("planned_start", {"Début prévu", "Planned start"}, {.filter = true, .sort = true, .list = true})
      .DateTime("planned_end", {"Fin prévue", "Planned end"}, {.filter = true, .sort = true})
      .Hook(RequireConsultations(ConsultedChanges()))
      .Action("request_consultations", {"Demander les consultations", "Request consultations"}, kBuilders,
              Describe("request_consultations"), RequestConsultations(ConsultedChanges()))
      .Build();
}

TypeSpec Projects() {
  return Describe("projects")
      .Labels({"Projets", "Projects"}, {"Projet", "Project"})
      .In(Area::kBuild)
      .Title("title")
      .Read(RoleSet::Staff())
      .Create(kBuilders)
      .Update({Role::kAdmin, Role::kTeamLead, Role::kDeveloper, Role::kAgent, Role::kFinance})
      .Delete({Role::kAdmin})
      .Text("title", {"Titre", "Title"}, {.required = true, .sort = true, .search = true, .list = true, .min = 3})
      .Markdown("description", {"Description", "Description"}, {.search = true})
      .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
      .Ref("requester", {"Demandeur", "Requester"}, "stakeholders", {.filter = true})
      .Ref("sponsor", {"Sponsor", "Sponsor"}, "users", {.filter = true, .list = true})
      .Enum("status", {"Statut", "Status"},
            {{"proposed", {"Proposé", "Proposed"}},
             {"approved", {"Approuvé", "Approved"}},
             {"in_progress", {"En cours", "In progress"}},
             {"delivered", {"Livré", "Delivered"}},
             {"cancelled", {"Abandonné", "Cancelled"}}},
            {.required = true, .filter = true, .sort = true, .list = true, .def = "proposed"})
      .Decimal("budget", {"Budget (€)", "Budget (€)"}, {.sort = true, .min = 0, .max = 1e12, .write = {Role::kAdmin, Role::kFinance, Role::kTeamLead}})
      .DateTime("start_at", {"Début", "Start"}, {.filter = true, .sort = true, .list = true})
      .DateTime("end_at", {"Fin", "End"}, {.filter = true, .sort = true})
      .Hook(RequireConsultations(ConsultedProjects()))
      .Action("request_consultations", {"Demander les consultations", "Request consultations"}, kBuilders,
              Describe("request_consultations"), RequestConsultations(ConsultedProjects()))
      .Build();
}

}  // namespace

void RegisterBuildTypes(Registry& registry) {
  registry.Add(Changes());
  registry.Add(Projects());
}

}  // namespace boucle
