// What Improve produces besides the improvements themselves: plans that group them over
// quarters, portfolio decisions per service, versioned procedures and policies, opportunities
// handed to the other activities, and the root-cause chains found at Act.
#include "improve/improve.hpp"
#include "improve/improve_reports.hpp"
#include "record/describe.hpp"
#include "record/handover.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

const RoleSet kEditors{Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kDeveloper};
const RoleSet kDeciders{Role::kAdmin, Role::kTeamLead, Role::kFinance};

// "2026-Q3" sorts as text in time order, which the roadmap relies on.
const Opt kQuarter{.required = true,
                   .filter = true,
                   .sort = true,
                   .list = true,
                   .max = 7,
                   .pattern = "[0-9]{4}-Q[1-4]",
                   .example = "2026-Q3"};

Status PlanRules(HookContext&, Json& next, const Json*) {
  const std::string from = TextOr(next, "start_quarter"), to = TextOr(next, "end_quarter");
  if (!from.empty() && !to.empty() && to < from)
    return Fail(Error::Invalid("plan.quarters_reversed", "end_quarter", {{"start", from}, {"end", to}}));
  return {};
}

TypeSpec ImprovementPlans() {
  return Describe("improvement_plans")
      .Labels({"Plans d'amélioration", "Improvement plans"}, {"Plan d'amélioration", "Improvement plan"})
      .In(Area::kImprove)
      .Title("title")
      .SortBy("start_quarter")
      .Read(RoleSet::Staff())
      .Create(kEditors)
      .Update(kEditors)
      .Delete({Role::kAdmin})
      .Text("title", {"Titre", "Title"},
            {.required = true, .sort = true, .search = true, .list = true, .min = 3})
      .Enum("level", {"Niveau", "Level"},
            {{"strategic", {"Stratégique", "Strategic"}}, {"operational", {"Opérationnel", "Operational"}}},
            {.required = true, .filter = true, .list = true, .def = "operational"})
      .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
      .Ref("owner", {"Responsable", "Owner"}, "users", {.filter = true, .list = true})
      .Text("start_quarter", {"Trimestre de début (AAAA-Qn)", "Start quarter (YYYY-Qn)"}, kQuarter)
      .Text("end_quarter", {"Trimestre de fin (AAAA-Qn)", "End quarter (YYYY-Qn)"}, kQuarter)
      .Markdown("objectives", {"Objectifs", "Objectives"}, {.search = true})
      .Enum("status", {"Statut", "Status"},
            {{"draft", {"Brouillon", "Draft"}},
             {"approved", {"Approuvé", "Approved"}},
             {"in_progress", {"En cours", "In progress"}},
             {"closed", {"Clos", "Closed"}}},
            {.required = true, .filter = true, .list = true, .def = "draft"})
      .Hook(PlanRules)
      .Build();
}

// Stop what does not work, grow what is useful: a decision is only as good as its evidence.
TypeSpec PortfolioDecisions() {
  return Describe("portfolio_decisions")
      .Labels({"Décisions de portefeuille", "Portfolio decisions"},
              {"Décision de portefeuille", "Portfolio decision"})
      .In(Area::kImprove)
      .Title("summary")
      .SortBy("-decided_at")
      .Read(RoleSet::Staff())
      .Create(kDeciders)
      .Update(kDeciders)
      .Delete({Role::kAdmin})
      .Ref("service", {"Service", "Service"}, "services", {.required = true, .filter = true, .list = true})
      .Enum("decision", {"Décision", "Decision"},
            {{"keep", {"Conserver", "Keep"}},
             {"grow", {"Développer", "Grow"}},
             {"improve", {"Améliorer", "Improve"}},
             {"retire", {"Retirer", "Retire"}}},
            {.required = true, .filter = true, .list = true})
      .Text("summary", {"Résumé", "Summary"},
            {.required = true, .search = true, .list = true, .min = 3, .max = 200})
      .Markdown("evidence", {"Éléments probants (indicateurs, retours)", "Evidence (indicators, feedback)"},
                {.required = true, .search = true})
      .DateTime("decided_at", {"Décidée le", "Decided on"},
                {.required = true, .filter = true, .sort = true, .list = true})
      .Ref("decided_by", {"Décidée par", "Decided by"}, "users", {.filter = true})
      .DateTime("review_at", {"À revoir le", "Review on"}, {.filter = true, .sort = true})
      .Build();
}

// Each change of the text is a new revision; the record's history keeps every earlier text.
Status ProcedureRules(HookContext& ctx, Json& next, const Json* before) {
  if (!before) {
    next["revision"] = 1;
  } else if (next["body"] != (*before)["body"] || next["title"] != (*before)["title"]) {
    next["revision"] = IntOr(*before, "revision", 1) + 1;
  } else {
    next["revision"] = (*before)["revision"];
  }
  const bool publishing =
      TextOr(next, "status") == "published" &&
      (!before || TextOr(*before, "status") != "published" || next["revision"] != (*before)["revision"]);
  if (publishing) next["published_at"] = FormatTime(ctx.Now());
  return {};
}

TypeSpec Procedures() {
  return Describe("procedures")
      .Labels({"Procédures et politiques", "Procedures and policies"}, {"Procédure", "Procedure"})
      .In(Area::kImprove)
      .Title("title")
      .SortBy("title")
      .Read(RoleSet::All())
      .Create(kEditors)
      .Update(kEditors)
      .Delete({Role::kAdmin})
      .Text("title", {"Titre", "Title"},
            {.required = true, .sort = true, .search = true, .list = true, .min = 3})
      .Enum("kind", {"Nature", "Kind"},
            {{"procedure", {"Procédure", "Procedure"}},
             {"policy", {"Politique", "Policy"}},
             {"knowledge", {"Article de connaissance", "Knowledge article"}}},
            {.required = true, .filter = true, .list = true, .def = "procedure"})
      .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
      .Markdown("body", {"Texte", "Text"}, {.required = true, .search = true})
      .Integer("revision", {"Révision", "Revision"}, {.sort = true, .list = true, .computed = true})
      .Enum("status", {"Statut", "Status"},
            {{"draft", {"Brouillon", "Draft"}},
             {"published", {"Publiée", "Published"}},
             {"retired", {"Retirée", "Retired"}}},
            {.required = true, .filter = true, .list = true, .def = "draft"})
      .DateTime("published_at", {"Publiée le", "Published on"}, {.sort = true, .computed = true})
      .Ref("changed_by_improvement", {"Modifiée par l'amélioration", "Changed by improvement"},
           "improvements", {.filter = true})
      .Hook(ProcedureRules)
      .Build();
}

// Where an opportunity found in Improve is handed: what to build goes to Obtain/Build, a training
// need to the service desk as a request, a process idea back into the improvement register.
const char* DestinationOf(const std::string& kind) {
  if (kind == "feature") return "projects";
  if (kind == "change") return "changes";
  if (kind == "training") return "tickets";
  return "improvements";
}

Result<Json> HandOverOpportunity(ActionContext& ctx, const Json& opportunity, const Json& input) {
  if (!opportunity["handed_id"].is_null())
    return Fail(Error{ErrorKind::kConflict, "opportunity.already_handed", "status", Json::object(), {}});
  const std::string type = DestinationOf(TextOr(opportunity, "kind"));
  std::string text = TextOr(opportunity, "description");
  if (const std::string note = TextOr(input, "note"); !note.empty()) text += "\n\n" + note;
  Json body{{"title", opportunity["title"]}, {"description", text}, {"service", opportunity["service"]}};
  if (type == "tickets") body["kind"] = "request";
  const int64_t id = opportunity["id"].get<int64_t>();
  auto created = HandOver(ctx, type, body, "opportunities", id);
  if (!created) return Fail(created.error());
  const int64_t created_id = (*created)["id"].get<int64_t>();
  auto updated = ctx.Update("opportunities", id,
                            {{"status", "handed_over"}, {"handed_type", type}, {"handed_id", created_id}});
  if (!updated) return Fail(updated.error());
  return Json{{"opportunity", *updated},
              {"created", {{"type", type}, {"id", created_id}, {"record", *created}}}};
}

TypeSpec Opportunities() {
  return Describe("opportunities")
      .Labels({"Opportunités", "Opportunities"}, {"Opportunité", "Opportunity"})
      .In(Area::kImprove)
      .Title("title")
      .Read(RoleSet::Staff())
      .Create(kEditors)
      .Update(kEditors)
      .Delete({Role::kAdmin})
      .Text("title", {"Titre", "Title"},
            {.required = true, .sort = true, .search = true, .list = true, .min = 3})
      .Markdown("description", {"Description", "Description"}, {.search = true})
      .Enum("kind", {"Nature", "Kind"},
            {{"feature", {"Fonctionnalité à construire", "Feature to build"}},
             {"change", {"Changement", "Change"}},
             {"training", {"Besoin de formation", "Training need"}},
             {"process", {"Processus ou pratique", "Process or practice"}}},
            {.required = true, .filter = true, .list = true})
      .Ref("service", {"Service", "Service"}, "services", {.filter = true, .list = true})
      .Ref("improvement", {"Amélioration d'origine", "From improvement"}, "improvements", {.filter = true})
      .Enum("status", {"Statut", "Status"},
            {{"identified", {"Identifiée", "Identified"}},
             {"handed_over", {"Transmise", "Handed over"}},
             {"declined", {"Écartée", "Declined"}}},
            {.required = true, .filter = true, .list = true, .def = "identified"})
      .Text("handed_type", {"Transmise à (type)", "Handed to (type)"}, {.computed = true, .max = 64})
      .Integer("handed_id", {"Transmise à (n°)", "Handed to (no.)"}, {.computed = true})
      .Action(
          "hand_over", {"Transmettre", "Hand over"}, kEditors,
          Describe("hand_over").Markdown("note", {"Note pour l'équipe", "Note for the team"}, {.max = 4000}),
          HandOverOpportunity)
      .Build();
}

// A 5-whys chain: each cause answers "why?" about its parent, at most five levels deep, inside one
// improvement, and is placed on one of the four ITIL dimensions for the cause diagram.
Status CauseRules(HookContext& ctx, Json& next, const Json*) {
  if (next["parent"].is_null()) {
    next["depth"] = 1;
    return {};
  }
  auto parent = ctx.Lookup("causes", next["parent"].get<int64_t>());
  if (!parent) return Fail(parent.error());
  if ((*parent)["improvement"] != next["improvement"])
    return Fail(Error::Invalid("cause.other_improvement", "parent"));
  const int64_t depth = IntOr(*parent, "depth", 1) + 1;
  if (depth > 5) return Fail(Error::Invalid("cause.too_deep", "parent", {{"max", 5}}));
  next["depth"] = depth;
  return {};
}

TypeSpec Causes() {
  return Describe("causes")
      .Labels({"Causes (5 pourquoi)", "Causes (5 whys)"}, {"Cause", "Cause"})
      .In(Area::kImprove)
      .Title("statement")
      .SortBy("id")
      .Read(RoleSet::Staff())
      .Create(kEditors)
      .Update(kEditors)
      .Delete(kEditors)
      .Ref("improvement", {"Amélioration", "Improvement"}, "improvements",
           {.required = true, .filter = true, .list = true})
      .Ref("parent", {"Pourquoi de (cause parente)", "Why of (parent cause)"}, "causes", {.filter = true})
      .Text("statement", {"Pourquoi ?", "Why?"},
            {.required = true, .search = true, .list = true, .min = 3, .max = 500})
      .Enum("dimension", {"Dimension ITIL", "ITIL dimension"},
            {{"organisations_people", {"Organisations et personnes", "Organisations and people"}},
             {"information_technology", {"Information et technologie", "Information and technology"}},
             {"partners_suppliers", {"Partenaires et fournisseurs", "Partners and suppliers"}},
             {"value_streams_processes", {"Chaînes de valeur et processus", "Value streams and processes"}}},
            {.required = true, .filter = true, .list = true})
      .Integer("depth", {"Niveau", "Level"}, {.list = true, .computed = true})
      .Boolean("root_cause", {"Cause racine", "Root cause"}, {.filter = true, .list = true, .def = false})
      .Hook(CauseRules)
      .Build();
}

}  // namespace

void RegisterImproveOutputs(Registry& registry) {
  registry.Add(ImprovementPlans());
  registry.Add(PortfolioDecisions());
  registry.Add(Procedures());
  registry.Add(Opportunities());
  registry.Add(Causes());
  RegisterImproveReports(registry);
}

}  // namespace boucle
