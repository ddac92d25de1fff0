#pragma once
// Involvement before decisions: the stakeholders a change or a project impacts (those concerned by
// its service, and those holding a RACI role on it) are consulted before it is approved. A
// consultation is answered, or waived with a reason; approval waits until none is missing.
#include <string>
#include <vector>

#include "record/registry.hpp"

namespace boucle {

// The subject types: "changes" consulted through the consultation's `change` field, "projects"
// through `project`.
struct ConsultedType {
  std::string type, field;
  std::vector<std::string> decided;  // statuses at or past approval
};
const ConsultedType& ConsultedChanges();
const ConsultedType& ConsultedProjects();

// Impacted stakeholders of a change or project, by id, each once: {id, name, raci}.
Result<std::vector<Json>> ImpactedStakeholders(HookContext& ctx, const Json& subject);

// Refuses a move into a decided status while an impacted stakeholder is neither answered nor
// waived (409 naming `status` and listing who is missing). The system actor (imports and
// demonstration data replaying history) is not held to it.
BeforeWriteHook RequireConsultations(const ConsultedType& subject);
// The "request_consultations" action: creates a requested consultation for every impacted
// stakeholder who has none yet; answers {"created": [...], "impacted": n}.
ActionHandler RequestConsultations(const ConsultedType& subject);

// The consultations type and the "involvement" report.
void RegisterInvolvement(Registry& registry);

}  // namespace boucle
