#include "engage/engagement_reports.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "record/actor.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

constexpr std::array<const char*, 5> kLevels{"unaware", "resistant", "neutral", "supportive", "leading"};

struct QuadrantText {
  const char* id;
  Label label;
};
const std::array<QuadrantText, 4> kQuadrants{{
    {"manage_closely", {"Gérer de près", "Manage closely"}},
    {"keep_satisfied", {"Garder satisfait", "Keep satisfied"}},
    {"keep_informed", {"Tenir informé", "Keep informed"}},
    {"monitor", {"Surveiller", "Monitor"}},
}};

int64_t LevelIndex(const std::string& level) {
  for (size_t i = 0; i < kLevels.size(); ++i)
    if (level == kLevels[i]) return static_cast<int64_t>(i);
  return 2;  // neutral: the described default
}

// service=<id> filters on the stakeholder's services, as the relationship health report does.
ReportParams StakeholderFilters(const ReportParams& params) {
  ReportParams out;
  for (const auto& [k, v] : params) out.emplace(k == "service" ? "services" : k, v);
  return out;
}

}  // namespace

std::string Quadrant(int64_t influence, int64_t interest) {
  const bool power = influence >= 4, concern = interest >= 4;
  return power ? (concern ? "manage_closely" : "keep_satisfied") : (concern ? "keep_informed" : "monitor");
}

int64_t EngagementGap(const std::string& current, const std::string& desired) {
  return LevelIndex(desired) - LevelIndex(current);
}

Json ComputePowerInterest(const std::vector<Json>& stakeholders, const std::string& lang) {
  Json rows = Json::array();
  std::map<std::string, int64_t> per;
  for (const auto& s : stakeholders) {
    const std::string q = Quadrant(IntOr(s, "influence", 3), IntOr(s, "interest", 3));
    ++per[q];
    std::string label;
    for (const auto& k : kQuadrants)
      if (q == k.id) label = lang == "en" ? k.label.en : k.label.fr;
    rows.push_back({{"stakeholder", s["id"]},
                    {"name", s["name"]},
                    {"stakeholder_group", s["stakeholder_group"]},
                    {"influence", IntOr(s, "influence", 3)},
                    {"interest", IntOr(s, "interest", 3)},
                    {"quadrant", q},
                    {"quadrant_label", label}});
  }
  Json summary = Json::array();
  for (const auto& k : kQuadrants) summary.push_back(SummaryFigure(k.id, k.label, per[k.id]));
  return Json{{"rows", rows}, {"summary", summary}};
}

Json ComputeEngagementMatrix(const std::vector<Json>& stakeholders) {
  Json rows = Json::array();
  std::map<std::string, int64_t> current;
  int64_t to_raise = 0, to_lower = 0;
  for (const auto& s : stakeholders) {
    const std::string now = TextOr(s, "engagement_current", "neutral");
    const std::string wanted = TextOr(s, "engagement_desired", "supportive");
    const int64_t gap = EngagementGap(now, wanted);
    ++current[now];
    to_raise += gap > 0;
    to_lower += gap < 0;
    rows.push_back({{"stakeholder", s["id"]},
                    {"name", s["name"]},
                    {"stakeholder_group", s["stakeholder_group"]},
                    {"engagement_current", now},
                    {"engagement_desired", wanted},
                    {"gap", gap}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
    return a["gap"].get<int64_t>() > b["gap"].get<int64_t>();
  });
  const std::array<Label, 5> level_labels{{{"Non informés", "Unaware"},
                                           {"Réticents", "Resistant"},
                                           {"Neutres", "Neutral"},
                                           {"Favorables", "Supportive"},
                                           {"Moteurs", "Leading"}}};
  Json summary = Json::array();
  for (size_t i = 0; i < kLevels.size(); ++i)
    summary.push_back(
        SummaryFigure(std::string("current_") + kLevels[i], level_labels[i], current[kLevels[i]]));
  summary.push_back(SummaryFigure("to_raise", {"Engagement à renforcer", "Engagement to raise"}, to_raise));
  summary.push_back(SummaryFigure("to_lower", {"Au-delà du souhaité", "Beyond what is desired"}, to_lower));
  return Json{{"rows", rows}, {"summary", summary}};
}

void RegisterEngagementReports(Registry& registry) {
  const RoleSet staff = RoleSet::Staff();
  ReportSpec grid;
  grid.name = "power_interest";
  grid.label = {"Grille pouvoir / intérêt", "Power / interest grid"};
  grid.area = Area::kEngage;
  grid.roles = staff;
  grid.params = {"service", "stakeholder_group"};
  grid.record_params = {{"service", "services"}};
  grid.columns = {
      {"name", {"Partie prenante", "Stakeholder"}, "text"},
      {"stakeholder_group", {"Groupe", "Group"}, "enum:stakeholders.stakeholder_group"},
      {"influence", {"Influence (1-5)", "Influence (1-5)"}, "integer"},
      {"interest", {"Intérêt (1-5)", "Interest (1-5)"}, "integer"},
      {"quadrant_label", {"Conduite à tenir", "Approach"}, "text"},
  };
  grid.chart = ReportChart{.kind = "bubble",
                           .x = "interest",
                           .y = "influence",
                           .size = "",
                           .series = "quadrant_label",
                           .label = "name",
                           .quadrants = ReportChart::Quadrants{.x_split = 3.5,
                                                               .y_split = 3.5,
                                                               .high_high = kQuadrants[0].label,
                                                               .low_high = kQuadrants[1].label,
                                                               .high_low = kQuadrants[2].label,
                                                               .low_low = kQuadrants[3].label}};
  grid.run = [](ReportContext& ctx, const ReportParams& params) -> Result<Json> {
    auto people = ctx.All("stakeholders", StakeholderFilters(params));
    if (!people) return Fail(people.error());
    return ComputePowerInterest(*people, ctx.Who().lang);
  };
  registry.AddReport(std::move(grid));

  ReportSpec matrix;
  matrix.name = "engagement_matrix";
  matrix.label = {"Matrice d'engagement", "Engagement matrix"};
  matrix.area = Area::kEngage;
  matrix.roles = staff;
  matrix.params = {"service", "stakeholder_group"};
  matrix.record_params = {{"service", "services"}};
  matrix.columns = {
      {"name", {"Partie prenante", "Stakeholder"}, "text"},
      {"stakeholder_group", {"Groupe", "Group"}, "enum:stakeholders.stakeholder_group"},
      {"engagement_current",
       {"Engagement actuel", "Current engagement"},
       "enum:stakeholders.engagement_current"},
      {"engagement_desired",
       {"Engagement souhaité", "Desired engagement"},
       "enum:stakeholders.engagement_desired"},
      {"gap", {"Écart (niveaux)", "Gap (levels)"}, "integer"},
  };
  matrix.chart = ReportChart{.kind = "matrix",
                             .x = "engagement_current",
                             .y = "engagement_desired",
                             .size = "",
                             .series = "",
                             .label = "name",
                             .quadrants = std::nullopt};
  matrix.run = [](ReportContext& ctx, const ReportParams& params) -> Result<Json> {
    auto people = ctx.All("stakeholders", StakeholderFilters(params));
    if (!people) return Fail(people.error());
    return ComputeEngagementMatrix(*people);
  };
  registry.AddReport(std::move(matrix));
}

}  // namespace boucle
