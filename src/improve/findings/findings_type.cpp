// The `findings` register: what the scheduled analyses found (analysis.hpp), ranked, with the
// tickets behind each one, and what people decided about it. A finding becomes an improvement, or
// a problem for recurring incidents, in one action that keeps the link back to its evidence; a
// dismissed finding stays dismissed (the analyses never bring it back).
#include "improve/findings/findings.hpp"
#include "record/describe.hpp"
#include "record/handover.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

const RoleSet kDeciders{Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kDeveloper};

// The KPIs an improvement may aim at (improve_types.cpp) that a finding can bear on.
bool ImprovementKpi(const std::string& kpi) {
  return kpi == "resolve_time_mean_hours" || kpi == "sla_compliance" || kpi == "ticket_volume" ||
         kpi == "reassignment_rate" || kpi == "reopen_rate" || kpi == "first_contact_resolution_rate";
}

const char* KpiOfKind(const std::string& kind) {
  if (kind == "ping_pong") return "reassignment_rate";
  if (kind == "sla_breach_driver") return "sla_compliance";
  if (kind == "pareto_lost_time" || kind == "backlog_ageing") return "resolve_time_mean_hours";
  if (kind == "pareto_volume" || kind == "recurring_incidents") return "ticket_volume";
  return "";
}

// At most `max` bytes, cut on a UTF-8 character boundary.
std::string Clip(std::string text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

std::string EvidenceText(const Json& finding) {
  std::string text =
      "**Constat** : " + TextOr(finding, "summary_fr") + "\n\n**Finding**: " + TextOr(finding, "summary_en");
  std::string ids;
  if (finding["tickets"].is_array())
    for (const auto& id : finding["tickets"])
      ids += (ids.empty() ? "" : ", ") + std::to_string(id.get<int64_t>());
  if (!ids.empty()) text += "\n\nTickets : " + ids;
  return text;
}

Status Open(const Json& finding) {
  if (TextOr(finding, "status") == "dismissed")
    return Fail(Error{ErrorKind::kConflict, "finding.dismissed", "status", Json::object(), {}});
  if (!finding["improvement"].is_null() || !finding["problem"].is_null())
    return Fail(Error{ErrorKind::kConflict, "finding.already_handed", "status", Json::object(), {}});
  return {};
}

Result<Json> ToImprovement(ActionContext& ctx, const Json& finding, const Json& input) {
  if (auto st = Open(finding); !st) return Fail(st.error());
  const std::string kind = TextOr(finding, "kind");
  std::string title = TextOr(input, "title");
  if (title.empty()) {
    const std::string subject = TextOr(finding, "subject");
    title = subject.empty() ? "Constat n°" + std::to_string(IntOr(finding, "id"))
                            : Clip(subject + " — " + TextOr(finding, "summary_fr"), 200);
  }
  Json body{{"title", title}, {"description", EvidenceText(finding)}, {"phase", "plan"}};
  if (input.contains("owner") && !input["owner"].is_null()) body["owner"] = input["owner"];
  if (TextOr(finding, "dimension") == "service") {
    try {
      body["service"] = std::stoll(TextOr(finding, "subject_key"));
    } catch (const std::exception&) {  // a finding on tickets without a known service id
    }
  }
  std::string kpi = TextOr(finding, "kpi");
  if (kpi.empty()) kpi = KpiOfKind(kind);
  if (ImprovementKpi(kpi)) {
    body["kpi"] = kpi;
    // Where we are now, from the finding's own figures when they measure that KPI.
    const Json figures = Json::parse(TextOr(finding, "figures", "{}"), nullptr, false);
    if (kind == "sla_breach_driver" && figures.contains("breach_rate"))
      body["baseline"] = 1.0 - figures["breach_rate"].get<double>();
    else if (kind == "trend_change" && figures.contains("after_mean"))
      body["baseline"] = figures["after_mean"];
  }
  const int64_t id = finding["id"].get<int64_t>();
  auto created = HandOver(ctx, "improvements", body, "findings", id);
  if (!created) return Fail(created.error());
  const int64_t created_id = (*created)["id"].get<int64_t>();
  auto updated = ctx.Update("findings", id, {{"status", "accepted"}, {"improvement", created_id}});
  if (!updated) return Fail(updated.error());
  return Json{{"finding", *updated},
              {"created", {{"type", "improvements"}, {"id", created_id}, {"record", *created}}}};
}

Result<Json> ToProblem(ActionContext& ctx, const Json& finding, const Json& input) {
  if (TextOr(finding, "kind") != "recurring_incidents")
    return Fail(Error::Invalid("finding.not_recurring", "kind", {{"kind", TextOr(finding, "kind")}}));
  if (auto st = Open(finding); !st) return Fail(st.error());
  std::string title = TextOr(input, "title");
  if (title.empty()) title = Clip("Incidents récurrents : " + TextOr(finding, "subject"), 300);
  Json body{{"title", title}, {"description", EvidenceText(finding)}, {"status", "open"}};
  if (input.contains("owner") && !input["owner"].is_null()) body["owner"] = input["owner"];
  const std::string dimension = TextOr(finding, "dimension"), key = TextOr(finding, "subject_key");
  if (dimension == "category") body["category"] = Clip(key, 80);
  if (dimension == "service") {
    try {
      body["service"] = std::stoll(key);
    } catch (const std::exception&) {
    }
  }
  const int64_t id = finding["id"].get<int64_t>();
  auto created = HandOver(ctx, "problems", body, "findings", id);
  if (!created) return Fail(created.error());
  const int64_t problem = (*created)["id"].get<int64_t>();
  // The incidents are the problem's symptoms: each is linked to it, so the trace shows them.
  if (finding["tickets"].is_array())
    for (const auto& ticket : finding["tickets"])
      if (auto st = ctx.Link("tickets", ticket.get<int64_t>(), "caused_by", "problems", problem); !st)
        return Fail(st.error());
  auto updated = ctx.Update("findings", id, {{"status", "accepted"}, {"problem", problem}});
  if (!updated) return Fail(updated.error());
  return Json{{"finding", *updated},
              {"created", {{"type", "problems"}, {"id", problem}, {"record", *created}}}};
}

Result<Json> Dismiss(ActionContext& ctx, const Json& finding, const Json& input) {
  if (TextOr(finding, "status") == "dismissed")
    return Fail(Error{ErrorKind::kConflict, "finding.dismissed", "status", Json::object(), {}});
  auto updated = ctx.Update("findings", finding["id"].get<int64_t>(),
                            {{"status", "dismissed"}, {"dismiss_reason", TextOr(input, "reason")}});
  if (!updated) return Fail(updated.error());
  return Json{{"finding", *updated}};
}

Describe HandOverInput(const char* name) {
  return std::move(Describe(name)
                       .Text("title", {"Titre (sinon tiré du constat)", "Title (otherwise from the finding)"},
                             {.min = 3, .max = 200})
                       .Ref("owner", {"Responsable", "Owner"}, "users", {}));
}

}  // namespace

void RegisterFindingType(Registry& registry) {
  const Opt computed{.computed = true};
  registry.Add(
      Describe("findings")
          .Labels({"Constats (points de blocage)", "Findings (blocking points)"}, {"Constat", "Finding"})
          .In(Area::kImprove)
          .Title("subject")
          .SortBy("-score")
          // Agents, leads and administrators: the figures name groups and people, not for end users.
          .Read({Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kDeveloper})
          // Written by the analyses (the system actor); every analysed field is computed, so even an
          // administrator's own POST makes an inert row.
          .Create({Role::kAdmin})
          .Update(kDeciders)
          .Delete({Role::kAdmin})
          .Enum("kind", {"Analyse", "Analysis"},
                {{"pareto_volume", {"Pareto du volume", "Pareto of volume"}},
                 {"pareto_lost_time", {"Pareto du temps perdu", "Pareto of lost time"}},
                 {"ping_pong", {"Ping-pong de réaffectations", "Reassignment ping-pong"}},
                 {"sla_breach_driver", {"Cause de dépassements SLA", "SLA breach driver"}},
                 {"recurring_incidents", {"Incidents récurrents", "Recurring incidents"}},
                 {"backlog_ageing", {"Vieillissement du stock", "Backlog ageing"}},
                 {"trend_change", {"Changement de tendance", "Trend change"}}},
                {.filter = true, .sort = true, .list = true, .computed = true})
          .Enum("dimension", {"Dimension", "Dimension"},
                {{"category", {"Catégorie", "Category"}},
                 {"service", {"Service", "Service"}},
                 {"group", {"Groupe", "Group"}},
                 {"assignee", {"Assigné", "Assignee"}},
                 {"priority", {"Priorité", "Priority"}},
                 {"kpi", {"Indicateur", "Indicator"}}},
                {.filter = true, .list = true, .computed = true})
          .Text("subject", {"Sujet", "Subject"},
                {.filter = true, .sort = true, .search = true, .list = true, .computed = true, .max = 300})
          .Text("subject_key", {"Clé du sujet (filtre des tickets)", "Subject key (ticket filter)"},
                {.filter = true, .computed = true, .max = 300})
          .Markdown("summary_fr", {"Constat (français)", "Finding (French)"},
                    {.search = true, .computed = true})
          .Markdown("summary_en", {"Constat (anglais)", "Finding (English)"},
                    {.search = true, .computed = true})
          .Decimal("score", {"Poids", "Weight"},
                   {.filter = true, .sort = true, .list = true, .computed = true})
          .Integer("ticket_count", {"Tickets concernés", "Tickets concerned"},
                   {.filter = true, .sort = true, .list = true, .computed = true})
          .RefList("tickets", {"Tickets (preuves)", "Tickets (evidence)"}, "tickets", computed)
          .Text("figures", {"Chiffres (JSON)", "Figures (JSON)"}, {.computed = true, .max = 20000})
          .Text("kpi", {"Indicateur concerné", "KPI concerned"},
                {.filter = true, .computed = true, .max = 64})
          .DateTime("changed_at", {"Date du changement", "Date of the change"},
                    {.filter = true, .sort = true, .computed = true})
          .DateTime("period_start", {"Période analysée : début", "Period analysed: start"}, computed)
          .DateTime("period_end", {"Période analysée : fin", "Period analysed: end"}, computed)
          .Enum("status", {"Statut", "Status"},
                {{"new", {"Nouveau", "New"}},
                 {"accepted", {"Retenu", "Accepted"}},
                 {"dismissed", {"Écarté", "Dismissed"}},
                 {"gone", {"Plus observé", "No longer observed"}}},
                {.filter = true, .sort = true, .list = true, .computed = true, .def = "new"})
          .Markdown("dismiss_reason", {"Raison de l'écart", "Reason for dismissal"}, computed)
          .Text("fingerprint", {"Empreinte", "Fingerprint"},
                {.filter = true, .computed = true, .max = 400, .unique = true})
          .Ref("improvement", {"Amélioration", "Improvement"}, "improvements",
               {.filter = true, .computed = true})
          .Ref("problem", {"Problème", "Problem"}, "problems", {.filter = true, .computed = true})
          .Markdown("note", {"Note", "Note"}, {.max = 4000})
          .Action("to_improvement", {"En faire une amélioration", "Make it an improvement"}, kDeciders,
                  HandOverInput("to_improvement"), ToImprovement)
          .Action("to_problem", {"Ouvrir un problème", "Open a problem"}, kDeciders,
                  HandOverInput("to_problem"), ToProblem)
          .Action("dismiss", {"Écarter", "Dismiss"}, kDeciders,
                  Describe("dismiss").Markdown("reason", {"Raison", "Reason"},
                                               {.required = true, .min = 3, .max = 2000}),
                  Dismiss)
          .Build());
}

}  // namespace boucle
