// What the analyses share: dimensions of a ticket, lost time, and how figures are written.
#include <algorithm>
#include <cstdio>

#include "improve/findings/analysis.hpp"

namespace boucle::findings {

namespace {

// Per dimension, in the order of the enum: its name and the ticket field its filter key is for.
struct DimensionInfo {
  std::string_view name, filter, plural_fr, plural_en, singular_fr, singular_en;
};
constexpr DimensionInfo kInfo[] = {
    {"category", "category", "catégories", "categories", "la catégorie", "the category"},
    {"service", "service", "services", "services", "le service", "the service"},
    {"group", "assignment_group", "groupes", "groups", "le groupe", "the group"},
    {"assignee", "assignee", "assignés", "assignees", "l'assigné", "the assignee"},
    {"priority", "priority", "priorités", "priorities", "la priorité", "the priority"},
};
const DimensionInfo& Info(Dimension d) { return kInfo[static_cast<size_t>(d)]; }

}  // namespace

std::string_view DimensionName(Dimension d) { return Info(d).name; }
std::string_view FilterField(Dimension d) { return Info(d).filter; }
std::string_view PluralFr(Dimension d) { return Info(d).plural_fr; }
std::string_view PluralEn(Dimension d) { return Info(d).plural_en; }
std::string_view SingularFr(Dimension d) { return Info(d).singular_fr; }
std::string_view SingularEn(Dimension d) { return Info(d).singular_en; }

std::optional<Dimension> ParseDimension(std::string_view name) {
  for (Dimension d : kDimensions)
    if (DimensionName(d) == name) return d;
  return std::nullopt;
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

}  // namespace boucle::findings
