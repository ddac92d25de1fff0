// Problems (ITIL problem management): the unknown cause of one or more incidents, investigated
// until it is a known error with a workaround, then removed. Findings of recurring incidents
// propose them; the incidents are linked to the problem as "caused by".
#include "record/describe.hpp"
#include "support/support.hpp"

namespace boucle {

void RegisterProblemType(Registry& registry) {
  const RoleSet desk{Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kDeveloper};
  registry.Add(Describe("problems")
                   .Labels({"Problèmes", "Problems"}, {"Problème", "Problem"})
                   .In(Area::kSupport)
                   .Title("title")
                   .Read(RoleSet::Staff())
                   .Create(desk)
                   .Update(desk)
                   .Delete({Role::kAdmin})
                   .Text("title", {"Titre", "Title"},
                         {.required = true, .sort = true, .search = true, .list = true, .min = 3, .max = 300})
                   .Markdown("description", {"Description", "Description"}, {.search = true})
                   .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
                   .Text("category", {"Catégorie", "Category"},
                         {.filter = true, .sort = true, .list = true, .max = 80})
                   .Ref("owner", {"Responsable", "Owner"}, "users", {.filter = true, .list = true})
                   .Enum("status", {"Statut", "Status"},
                         {{"open", {"Ouvert", "Open"}},
                          {"known_error", {"Erreur connue", "Known error"}},
                          {"resolved", {"Résolu", "Resolved"}},
                          {"closed", {"Clos", "Closed"}}},
                         {.required = true, .filter = true, .sort = true, .list = true, .def = "open"})
                   .Markdown("root_cause", {"Cause racine", "Root cause"}, {.search = true})
                   .Markdown("workaround", {"Contournement", "Workaround"}, {.search = true})
                   .Build());
}

}  // namespace boucle
