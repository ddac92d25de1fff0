// The Pareto report: tickets or hours lost by category, service, group or assignee, biggest
// first, with each value's share and the cumulative share, drawn as bars with a cumulative line.
// Each row carries the ticket list query behind it, so that a click on a bar opens those tickets.
#include <cmath>
#include <unordered_map>

#include "improve/findings/findings.hpp"
#include "improve/kpi_query.hpp"
#include "record/json_access.hpp"
#include "record/report.hpp"

namespace boucle {
namespace {

std::string Param(const ReportParams& params, const char* name, std::string fallback) {
  auto it = params.find(name);
  return it == params.end() || it->second.empty() ? fallback : it->second;
}

Result<std::unordered_map<std::string, std::string>> Titles(ReportContext& ctx, const std::string& type) {
  auto all = ctx.All(type);
  if (!all) return Fail(all.error());
  std::unordered_map<std::string, std::string> out;
  const TypeSpec* spec = ctx.TypeNamed(type);
  for (const auto& r : *all)
    out[std::to_string(IntOr(r, "id"))] = spec ? TextOr(r, spec->title_field.c_str()) : "";
  return out;
}

Result<Json> RunPareto(ReportContext& ctx, const ReportParams& params) {
  const auto dimension = findings::ParseDimension(Param(params, "dimension", "category"));
  if (!dimension)
    return Fail(
        Error::Invalid("pareto.bad_dimension", "dimension", {{"value", Param(params, "dimension", "")}}));
  const std::string measure = Param(params, "measure", "tickets");
  if (measure != "tickets" && measure != "hours")
    return Fail(Error::Invalid("pareto.bad_measure", "measure", {{"value", measure}}));
  ReportParams filters;
  const std::string since = Param(params, "since", "");
  if (!since.empty()) {
    if (!ParseTime(since)) return Fail(Error::Invalid("pareto.bad_since", "since", {{"value", since}}));
    filters.emplace("created_at__gte", since);
  }
  const std::string kind = Param(params, "kind", "");
  if (!kind.empty()) filters.emplace("kind", kind);
  auto tickets = ctx.All("tickets", filters);
  if (!tickets) return Fail(tickets.error());
  std::unordered_map<std::string, std::string> users, services;
  if (*dimension == findings::Dimension::kAssignee) {
    auto u = Titles(ctx, "users");
    if (!u) return Fail(u.error());
    users = std::move(*u);
  }
  if (*dimension == findings::Dimension::kService) {
    auto s = Titles(ctx, "services");
    if (!s) return Fail(s.error());
    services = std::move(*s);
  }
  std::vector<findings::TicketRow> rows;
  rows.reserve(tickets->size());
  for (const auto& r : *tickets) {
    findings::TicketRow t;
    t.id = IntOr(r, "id");
    t.status = TextOr(r, "status");
    t.category = TextOr(r, "category");
    t.group = TextOr(r, "assignment_group");
    t.priority = TextOr(r, "priority");
    if (r.contains("service") && r["service"].is_number_integer()) {
      t.service_key = std::to_string(r["service"].get<int64_t>());
      t.service_label = services[t.service_key];
    }
    if (r.contains("assignee") && r["assignee"].is_number_integer()) {
      t.assignee_key = std::to_string(r["assignee"].get<int64_t>());
      t.assignee_label = users[t.assignee_key];
    }
    if (auto c = ParseTime(TextOr(r, "created_at"))) t.created = *c;
    if (auto v = ParseTime(TextOr(r, "resolved_at"))) t.resolved = *v;
    rows.push_back(std::move(t));
  }
  const bool by_hours = measure == "hours";
  const auto bars = findings::Pareto(rows, *dimension, by_hours, ctx.Now());
  Json out = Json::array();
  size_t vital = 0;
  for (const auto& b : bars) {
    if (vital == 0 || out.back()["cumulative"].get<double>() < 0.8) ++vital;
    ListParams query = filters;
    query.emplace(std::string(findings::FilterField(*dimension)), b.key);
    out.push_back({{"value", b.label},
                   {"measure", by_hours ? b.hours : static_cast<double>(b.tickets)},
                   {"tickets", b.tickets},
                   {"hours", std::round(b.hours * 10) / 10},
                   {"share", std::round(b.share * 1000) / 1000},
                   {"cumulative", std::round(b.cumulative * 1000) / 1000},
                   {"query", {{"type", "tickets"}, {"search", QueryString(query)}}}});
  }
  return Json{{"rows", out},
              {"summary",
               {SummaryFigure("values", {"Valeurs", "Values"}, static_cast<int64_t>(bars.size())),
                SummaryFigure("vital_few", {"Valeurs faisant 80 %", "Values making 80 %"},
                              static_cast<int64_t>(vital)),
                SummaryFigure("tickets", {"Tickets", "Tickets"}, static_cast<int64_t>(rows.size()))}}};
}

}  // namespace

void RegisterParetoReport(Registry& registry) {
  ReportSpec pareto;
  pareto.name = "pareto";
  pareto.label = {"Pareto des tickets (volume, temps perdu)", "Pareto of tickets (volume, lost time)"};
  pareto.area = Area::kImprove;
  pareto.roles = {Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kDeveloper};
  pareto.params = {"dimension", "measure", "since", "kind"};
  pareto.columns = {{"value", {"Valeur", "Value"}, "text"},
                    {"measure", {"Mesure (tickets ou heures)", "Measure (tickets or hours)"}, "decimal"},
                    {"tickets", {"Tickets", "Tickets"}, "integer"},
                    {"hours", {"Heures perdues", "Hours lost"}, "decimal"},
                    {"share", {"Part", "Share"}, "decimal"},
                    {"cumulative", {"Part cumulée", "Cumulative share"}, "decimal"}};
  pareto.chart = ReportChart{.kind = "pareto", .x = "value", .y = "measure", .size = "cumulative"};
  pareto.run = RunPareto;
  registry.AddReport(std::move(pareto));
}

}  // namespace boucle
