#include "improve/findings/findings.hpp"
#include "improve/improve.hpp"
#include "improve/improve_reports.hpp"
#include "improve/improvement_actions.hpp"
#include "improve/improvement_measures.hpp"
#include "improve/kpi_type.hpp"
#include "improve/pdca.hpp"
#include "record/describe.hpp"

namespace boucle {

void RegisterImproveTypes(Registry& registry) {
  const RoleSet editors{Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kDeveloper};
  Describe improvements("improvements");
  improvements.Labels({"Améliorations", "Improvements"}, {"Amélioration", "Improvement"})
      .In(Area::kImprove)
      .Title("title")
      .Read(RoleSet::All())
      .Create(editors)
      .Update(editors)
      .Delete({Role::kAdmin})
      .Text("title", {"Titre", "Title"},
            {.required = true, .sort = true, .search = true, .list = true, .min = 3})
      .Markdown("description", {"Description", "Description"}, {.search = true})
      .Ref("owner", {"Responsable", "Owner"}, "users", {.filter = true, .list = true})
      .Enum("phase", {"Phase PDCA", "PDCA phase"},
            {{"plan", {"Planifier", "Plan"}},
             {"do", {"Faire", "Do"}},
             {"check", {"Vérifier", "Check"}},
             {"act", {"Agir", "Act"}},
             {"done", {"Terminée", "Done"}}},
            {.required = true, .filter = true, .sort = true, .list = true, .def = "plan"})
      .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
      .Enum("kpi", {"Indicateur visé", "Target KPI"}, ImprovementKpiOptions(), {.filter = true, .list = true})
      .Decimal("baseline", {"Valeur de départ", "Baseline"}, {.min = -1e12, .max = 1e12})
      .Decimal("target", {"Cible", "Target"}, {.min = -1e12, .max = 1e12})
      .Enum("priority", {"Priorité", "Priority"},
            {{"high", {"Haute", "High"}}, {"medium", {"Moyenne", "Medium"}}, {"low", {"Basse", "Low"}}},
            {.filter = true, .sort = true, .def = "medium"})
      .DateTime("due_at", {"Échéance", "Due"}, {.filter = true, .sort = true, .list = true})
      .Ref("plan", {"Plan d'amélioration", "Improvement plan"}, "improvement_plans", {.filter = true})
      .Integer("value", {"Valeur attendue (1-5)", "Expected value (1-5)"},
               {.filter = true, .min = 1, .max = 5})
      .Integer("effort", {"Effort (1-5)", "Effort (1-5)"}, {.filter = true, .min = 1, .max = 5})
      .Integer("urgency", {"Urgence (1-5)", "Urgency (1-5)"}, {.filter = true, .min = 1, .max = 5})
      .Decimal("priority_score", {"Score de priorité", "Priority score"},
               {.sort = true, .list = true, .computed = true})
      .Hook(pdca::Apply)
      .Hook(RequireActionsDone)
      .Hook(pdca::Prioritise);
  DescribeImprovementMeasures(improvements, editors);
  registry.Add(improvements.Build());
  RegisterImprovementActionType(registry);
  RegisterImproveOutputs(registry);
  RegisterKpiDefinitionType(registry);
  RegisterFindingType(registry);
  RegisterParetoReport(registry);
}

}  // namespace boucle
