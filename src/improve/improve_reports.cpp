#include "improve/improve_reports.hpp"

#include <algorithm>
#include <map>

#include "record/json_access.hpp"
#include "record/report.hpp"

namespace boucle {
namespace {

const RoleSet kStaffReaders{Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kFinance, Role::kDeveloper};

// "2026-Q3" for a time in July 2026; empty when the text is not a time.
std::string QuarterOf(const std::string& iso_time) {
  const auto t = ParseTime(iso_time);
  return t ? FormatQuarter(*t) : "";
}

Result<std::map<int64_t, std::string>> Names(ReportContext& ctx, const std::string& type, const char* field) {
  auto all = ctx.All(type);
  if (!all) return Fail(all.error());
  std::map<int64_t, std::string> names;
  for (const auto& r : *all) names[IntOr(r, "id")] = TextOr(r, field);
  return names;
}

// Improvements by their due quarter (or their plan's start), demands still open by the quarter
// they were raised: what is coming, and what was asked and is still waiting.
Result<Json> Roadmap(ReportContext& ctx, const ReportParams& params) {
  ReportParams by_service;
  std::string from, to;
  for (const auto& [k, v] : params) {
    if (k == "service") by_service.emplace(k, v);
    if (k == "from") from = v;
    if (k == "to") to = v;
  }
  auto services = Names(ctx, "services", "name");
  if (!services) return Fail(services.error());
  auto plans = ctx.All("improvement_plans");
  if (!plans) return Fail(plans.error());
  std::map<int64_t, std::string> plan_start;
  for (const auto& p : *plans) plan_start[IntOr(p, "id")] = TextOr(p, "start_quarter");

  Json rows = Json::array();
  const bool fr = ctx.Who().lang != "en";
  auto add = [&](const std::string& quarter, const char* type, const Json& r, const std::string& state) {
    if (quarter.empty() || (!from.empty() && quarter < from) || (!to.empty() && quarter > to)) return;
    const int64_t service = IntOr(r, "service", 0);
    rows.push_back({{"quarter", quarter},
                    {"type", type},
                    {"kind", std::string(type) == "demands" ? (fr ? "Demande" : "Demand")
                                                            : (fr ? "Amélioration" : "Improvement")},
                    {"id", r["id"]},
                    {"title", r["title"]},
                    {"state", state},
                    {"service", service ? Json((*services)[service]) : Json()}});
  };
  auto improvements = ctx.All("improvements", by_service);
  if (!improvements) return Fail(improvements.error());
  for (const auto& r : *improvements) {
    std::string q = QuarterOf(TextOr(r, "due_at"));
    if (q.empty() && r.contains("plan") && r["plan"].is_number_integer())
      q = plan_start[r["plan"].get<int64_t>()];
    add(q, "improvements", r, TextOr(r, "phase"));
  }
  auto demands = ctx.All("demands", by_service);
  if (!demands) return Fail(demands.error());
  for (const auto& r : *demands) {
    const std::string status = TextOr(r, "status");
    if (status == "done" || status == "rejected") continue;
    add(QuarterOf(TextOr(r, "created_at")), "demands", r, status);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
    return a["quarter"].get<std::string>() < b["quarter"].get<std::string>();
  });
  std::map<std::string, int64_t> per_quarter;
  for (const auto& r : rows) ++per_quarter[r["quarter"].get<std::string>()];
  return Json{
      {"rows", rows},
      {"summary",
       {SummaryFigure("items", {"Éléments", "Items"}, static_cast<int64_t>(rows.size())),
        SummaryFigure("quarters", {"Trimestres", "Quarters"}, static_cast<int64_t>(per_quarter.size()))}}};
}

// The cause diagram of one improvement (or of all): every 5-whys chain laid out along the four
// ITIL dimensions, each cause with the path of "why" that led to it.
Result<Json> CauseDiagram(ReportContext& ctx, const ReportParams& params) {
  ReportParams which;
  if (auto it = params.find("improvement"); it != params.end()) which.emplace("improvement", it->second);
  auto causes = ctx.All("causes", which);
  if (!causes) return Fail(causes.error());
  std::map<int64_t, const Json*> by_id;
  for (const auto& c : *causes) by_id[IntOr(c, "id")] = &c;
  Json rows = Json::array();
  std::map<std::string, int64_t> per_dimension;
  int64_t roots = 0;
  for (const auto& c : *causes) {
    std::vector<std::string> chain{TextOr(c, "statement")};
    // Depth is at most five, and a parent always exists before its child, so this ends.
    for (const Json* p = &c;
         p->contains("parent") && (*p)["parent"].is_number_integer() && chain.size() < 6;) {
      auto up = by_id.find((*p)["parent"].get<int64_t>());
      if (up == by_id.end()) break;
      p = up->second;
      chain.insert(chain.begin(), TextOr(*p, "statement"));
    }
    std::string path;
    for (const auto& s : chain) path += (path.empty() ? "" : " → ") + s;
    const bool root = c.contains("root_cause") && c["root_cause"].is_boolean() && c["root_cause"].get<bool>();
    roots += root ? 1 : 0;
    ++per_dimension[TextOr(c, "dimension")];
    rows.push_back({{"dimension", c["dimension"]},
                    {"depth", c["depth"]},
                    {"statement", c["statement"]},
                    {"chain", path},
                    {"root_cause", root ? "✔" : ""}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
    return a["dimension"].get<std::string>() < b["dimension"].get<std::string>();
  });
  Json summary =
      Json::array({SummaryFigure("causes", {"Causes", "Causes"}, static_cast<int64_t>(rows.size())),
                   SummaryFigure("root_causes", {"Causes racines", "Root causes"}, roots)});
  return Json{{"rows", rows}, {"summary", summary}};
}

}  // namespace

void RegisterImproveReports(Registry& registry) {
  ReportSpec roadmap;
  roadmap.name = "roadmap";
  roadmap.label = {"Feuille de route par trimestre", "Roadmap by quarter"};
  roadmap.area = Area::kImprove;
  roadmap.roles = kStaffReaders;
  roadmap.params = {"service", "from", "to"};
  roadmap.columns = {{"quarter", {"Trimestre", "Quarter"}, "text"},
                     {"kind", {"Nature", "Kind"}, "text"},
                     {"title", {"Titre", "Title"}, "text"},
                     {"state", {"État", "State"}, "text"},
                     {"service", {"Service", "Service"}, "text"}};
  roadmap.run = Roadmap;
  registry.AddReport(std::move(roadmap));

  ReportSpec causes;
  causes.name = "cause_diagram";
  causes.label = {"Diagramme des causes", "Cause diagram"};
  causes.area = Area::kImprove;
  causes.roles = kStaffReaders;
  causes.params = {"improvement"};
  causes.columns = {{"dimension", {"Dimension ITIL", "ITIL dimension"}, "enum:causes.dimension"},
                    {"depth", {"Niveau", "Level"}, "integer"},
                    {"statement", {"Cause", "Cause"}, "text"},
                    {"chain", {"Chaîne des pourquoi", "Chain of whys"}, "text"},
                    {"root_cause", {"Racine", "Root"}, "text"}};
  causes.run = CauseDiagram;
  registry.AddReport(std::move(causes));
}

}  // namespace boucle
