// Demand intake: any stakeholder says what they need; the desk routes it to where it is handled
// (Deliver & Support, Obtain/Build or Improve) and the link keeps the way back.
#include "engage/demand_merge.hpp"
#include "engage/engage.hpp"
#include "engage/self_service.hpp"
#include "engage/demand_mail.hpp"
#include "record/describe.hpp"
#include "record/handover.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

struct Destination {
  const char* area;   // support, build, improve
  const char* type;   // the record type created there
};

// Requirements and needs go to Deliver & Support, changes and projects to Obtain/Build,
// feedback, dissatisfaction and ideas to Improve.
Destination DestinationFor(const std::string& kind) {
  if (kind == "change_request") return {"build", "changes"};
  if (kind == "new_project") return {"build", "projects"};
  if (kind == "feedback" || kind == "complaint" || kind == "idea") return {"improve", "improvements"};
  return {"support", "tickets"};
}

// The requester learns where their demand went and where to follow it, once per demand.
Status TellRequesterRouted(ActionContext& ctx, const Json& demand, const std::string& area) {
  const Label where = area == "build"     ? Label{"Obtenir / construire", "Obtain / Build"}
                      : area == "improve" ? Label{"Améliorer", "Improve"}
                                          : Label{"Fournir et soutenir", "Deliver & Support"};
  const std::string title = TextOr(demand, "title");
  const int64_t id = demand["id"].get<int64_t>();
  return TellRequester(
      ctx, demand["requester"],
      {.key = "demand-routed:" + std::to_string(id),
       .subject = {"Votre demande « " + title + " » a été orientée", "Your demand \"" + title + "\" has been routed"},
       .text = {"Bonjour,\n\nVotre demande « " + title + " » est désormais prise en charge par " + where.fr +
                    ".\nSuivez-la ici : {link}\n",
                "Hello,\n\nYour demand \"" + title + "\" is now handled by " + where.en + ".\nFollow it here: {link}\n"},
       .follow_demand = id});
}

Result<Json> Route(ActionContext& ctx, const Json& demand, const Json& input) {
  if (TextOr(demand, "status") == "routed" || !demand["routed_id"].is_null())
    return Fail(Error{ErrorKind::kConflict, "demand.already_routed", "status", Json::object(), {}});
  const Destination to = DestinationFor(TextOr(demand, "kind"));
  const std::string type = to.type;
  Json body{{"title", demand["title"]}, {"description", demand["description"]}, {"service", demand["service"]}};
  if (type == "tickets") {
    body["kind"] = "request";
    body["requester"] = demand["requester"];
  } else if (type == "changes" || type == "projects") {
    body["requester"] = demand["requester"];
  }
  if (input.contains("note") && input["note"].is_string() && !input["note"].get<std::string>().empty())
    body["description"] = TextOr(demand, "description") + "\n\n" + input["note"].get<std::string>();
  auto created = HandOver(ctx, type, body, "demands", demand["id"].get<int64_t>());
  if (!created) return Fail(created.error());
  const int64_t created_id = (*created)["id"].get<int64_t>();
  auto updated = ctx.Update("demands", demand["id"].get<int64_t>(),
                            {{"status", "routed"}, {"destination", to.area}, {"routed_type", type}, {"routed_id", created_id}});
  if (!updated) return Fail(updated.error());
  if (auto st = TellRequesterRouted(ctx, *updated, to.area); !st) return Fail(st.error());
  return Json{{"demand", *updated}, {"created", {{"type", type}, {"id", created_id}, {"record", *created}}}};
}

}  // namespace

void RegisterDemandType(Registry& registry) {
  const RoleSet desk{Role::kAdmin, Role::kAgent, Role::kTeamLead};
  registry.Add(Describe("demands")
                   .Labels({"Demandes", "Demands"}, {"Demande", "Demand"})
                   .In(Area::kEngage)
                   .Title("title")
                   .Read(RoleSet::All())
                   .Create(RoleSet::All())
                   .Update(desk)
                   .Delete({Role::kAdmin})
                   .OwnedThrough("requester", "stakeholders", "user_account")
                   .PublicForm()
                   .Enum("kind", {"Nature", "Kind"},
                         {{"need", {"Besoin", "Need"}},
                          {"requirement", {"Exigence", "Requirement"}},
                          {"change_request", {"Demande de changement", "Change request"}},
                          {"new_project", {"Nouveau projet", "New project"}},
                          {"feedback", {"Retour", "Feedback"}},
                          {"complaint", {"Réclamation", "Complaint"}},
                          {"idea", {"Idée d'amélioration", "Improvement idea"}}},
                         {.required = true, .filter = true, .list = true})
                   .Text("title", {"Titre", "Title"}, {.required = true, .sort = true, .search = true, .list = true, .min = 3})
                   .Markdown("description", {"Description", "Description"}, {.search = true})
                   .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
                   .Ref("requester", {"Demandeur", "Requester"}, "stakeholders", {.filter = true, .list = true})
                   .Enum("status", {"Statut", "Status"},
                         {{"submitted", {"Soumise", "Submitted"}},
                          {"triaged", {"Qualifiée", "Triaged"}},
                          {"routed", {"Orientée", "Routed"}},
                          {"done", {"Réalisée", "Done"}},
                          {"rejected", {"Refusée", "Rejected"}},
                          {"merged", {"Fusionnée (doublon)", "Merged (duplicate)"}}},
                         {.required = true, .filter = true, .sort = true, .list = true, .def = "submitted", .write = desk})
                   .Enum("destination", {"Destination", "Destination"},
                         {{"support", {"Fournir et soutenir", "Deliver & Support"}},
                          {"build", {"Obtenir / construire", "Obtain / Build"}},
                          {"improve", {"Améliorer", "Improve"}}},
                         {.filter = true, .list = true, .computed = true})
                   .Text("routed_type", {"Orientée vers (type)", "Routed to (type)"}, {.computed = true, .max = 64})
                   .Integer("routed_id", {"Orientée vers (n°)", "Routed to (no.)"}, {.computed = true})
                   .Ref("duplicate_of", {"Doublon de", "Duplicate of"}, "demands", {.filter = true, .computed = true})
                   .Markdown("rejection_reason", {"Motif du refus", "Reason for rejection"},
                             {.max = 4000, .write = desk})
                   .RefList("requesters", {"Aussi demandée par", "Also requested by"}, "stakeholders",
                            {.filter = true, .computed = true})
                   .Hook([](HookContext& ctx, Json& next, const Json* before) {
                     return SpeakForSelf(ctx, next, before, "requester");
                   })
                   .AfterWrite(TellRequestersOfStep)
                   .Action("route", {"Orienter", "Route"}, desk,
                           Describe("route").Markdown("note", {"Note pour l'équipe", "Note for the team"}, {.max = 4000}),
                           Route)
                   .Action("merge", {"Fusionner dans…", "Merge into…"}, desk,
                           Describe("merge").Ref("into", {"Demande conservée", "Demand kept"}, "demands",
                                                 {.required = true}),
                           MergeDemand)
                   .Build());
  RegisterDuplicateReport(registry);
}

}  // namespace boucle
