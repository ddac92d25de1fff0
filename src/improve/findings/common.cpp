// What the analyses share: dimensions of a ticket, lost time, and how figures are written.
#include <algorithm>
#include <cstdio>

#include "improve/findings/analysis.hpp"

namespace boucle::findings {

std::string_view DimensionName(Dimension d) {
  switch (d) {
    case Dimension::kCategory:
      return "category";
    case Dimension::kService:
      return "service";
    case Dimension::kGroup:
      return "group";
    case Dimension::kAssignee:
      return "assignee";
    case Dimension::kPriority:
      return "priority";
  }
  return "category";
}

std::optional<Dimension> ParseDimension(std::string_view name) {
  for (Dimension d : kDimensions)
    if (DimensionName(d) == name) return d;
  return std::nullopt;
}

std::string_view FilterField(Dimension d) {
  switch (d) {
    case Dimension::kCategory:
      return "category";
    case Dimension::kService:
      return "service";
    case Dimension::kGroup:
      return "assignment_group";
    case Dimension::kAssignee:
      return "assignee";
    case Dimension::kPriority:
      return "priority";
  }
  return "category";
}

std::pair<std::string, std::string> ValueOf(const TicketRow& t, Dimension d) {
  switch (d) {
    case Dimension::kCategory:
      return {t.category, t.category};
    case Dimension::kService:
      return {t.service_key, t.service_label.empty() ? t.service_key : t.service_label};
    case Dimension::kGroup:
      return {t.group, t.group};
    case Dimension::kAssignee:
      return {t.assignee_key, t.assignee_label.empty() ? t.assignee_key : t.assignee_label};
    case Dimension::kPriority:
      return {t.priority, t.priority};
  }
  return {};
}

bool IsOpen(const TicketRow& t) { return t.status != "resolved" && t.status != "closed"; }

double LostHours(const TicketRow& t, TimePoint now) {
  const TimePoint end = t.resolved ? *t.resolved : (IsOpen(t) ? now : t.created);
  return std::max(0.0, std::chrono::duration<double>(end - t.created).count() / 3600.0);
}

std::string Percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f %%", share * 100.0);
  return buf;
}

std::string Hours(double hours) {
  char buf[32];
  std::snprintf(buf, sizeof buf, hours >= 100 ? "%.0f" : "%.1f", hours);
  return buf;
}

std::vector<int64_t> Evidence(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end(), std::greater<>());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.size() > kMaxEvidence) ids.resize(kMaxEvidence);
  return ids;
}

std::string Iso(TimePoint t) { return FormatTime(t); }

std::string_view PluralFr(Dimension d) {
  constexpr std::string_view k[] = {"catégories", "services", "groupes", "assignés", "priorités"};
  return k[static_cast<int>(d)];
}
std::string_view PluralEn(Dimension d) {
  constexpr std::string_view k[] = {"categories", "services", "groups", "assignees", "priorities"};
  return k[static_cast<int>(d)];
}
std::string_view SingularFr(Dimension d) {
  constexpr std::string_view k[] = {"la catégorie", "le service", "le groupe", "l'assigné", "la priorité"};
  return k[static_cast<int>(d)];
}
std::string_view SingularEn(Dimension d) {
  constexpr std::string_view k[] = {"the category", "the service", "the group", "the assignee",
                                    "the priority"};
  return k[static_cast<int>(d)];
}

}  // namespace boucle::findings
