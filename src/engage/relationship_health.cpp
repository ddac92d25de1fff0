#include "engage/relationship_health.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "record/json_access.hpp"

namespace boucle {
namespace {

int64_t Id(const Json& record) { return record["id"].get<int64_t>(); }

std::optional<TimePoint> TimeOf(const Json& record, const char* field) {
  return ParseTime(TextOr(record, field));
}

}  // namespace

Json ComputeRelationshipHealth(const HealthInputs& in, TimePoint now) {
  // The most frequent active plan wins: a person in a weekly group with a monthly plan of their
  // own is still due weekly.
  std::map<int64_t, int64_t> frequency_of_person;
  std::map<std::string, int64_t> frequency_of_group;
  for (const auto& p : in.plans) {
    if (p.contains("active") && p["active"].is_boolean() && !p["active"].get<bool>()) continue;
    const int64_t days = IntOr(p, "frequency_days", 0);
    if (days <= 0) continue;
    if (p["stakeholder"].is_number_integer()) {
      auto& f = frequency_of_person[p["stakeholder"].get<int64_t>()];
      f = f ? std::min(f, days) : days;
    } else if (p["stakeholder_group"].is_string()) {
      auto& f = frequency_of_group[p["stakeholder_group"].get<std::string>()];
      f = f ? std::min(f, days) : days;
    }
  }
  // The latest interaction kept on each stakeholder, when it is not ahead of now; the interactions
  // given complete it (those of open follow-ups, and everyone's whose latest one lies ahead).
  std::map<int64_t, TimePoint> last_contact;
  for (const auto& s : in.stakeholders)
    if (const auto at = TimeOf(s, "latest_interaction_at"); at && *at <= now) last_contact[Id(s)] = *at;
  std::map<int64_t, std::vector<int64_t>> attendees_of;  // interaction -> stakeholders
  for (const auto& i : in.interactions) {
    if (!i["attendees"].is_array()) continue;
    const auto at = TimeOf(i, "occurred_at");
    for (const auto& a : i["attendees"]) {
      if (!a.is_number_integer()) continue;
      const int64_t s = a.get<int64_t>();
      attendees_of[Id(i)].push_back(s);
      if (!at || *at > now) continue;
      auto it = last_contact.find(s);
      if (it == last_contact.end() || it->second < *at) last_contact[s] = *at;
    }
  }
  std::map<int64_t, int64_t> open_actions, overdue_actions;
  for (const auto& f : in.follow_ups) {
    if (TextOr(f, "status") != "open" || !f["interaction"].is_number_integer()) continue;
    const auto due = TimeOf(f, "due_at");
    for (int64_t s : attendees_of[f["interaction"].get<int64_t>()]) {
      ++open_actions[s];
      if (due && *due < now) ++overdue_actions[s];
    }
  }

  Json rows = Json::array();
  int64_t overdue = 0, never = 0;
  for (const auto& s : in.stakeholders) {
    const int64_t id = Id(s);
    int64_t days = frequency_of_person.count(id) ? frequency_of_person[id] : 0;
    if (const auto g = TextOr(s, "stakeholder_group"); frequency_of_group.count(g))
      days = days ? std::min(days, frequency_of_group[g]) : frequency_of_group[g];
    if (!days) continue;
    Json row{{"stakeholder", id},
             {"name", s["name"]},
             {"stakeholder_group", s["stakeholder_group"]},
             {"frequency_days", days},
             {"open_follow_ups", open_actions[id]},
             {"overdue_follow_ups", overdue_actions[id]}};
    const auto last = last_contact.find(id);
    // Never heard: due since the record was created.
    const TimePoint due = last != last_contact.end() ? last->second + std::chrono::days{days}
                                                     : TimeOf(s, "created_at").value_or(now);
    row["last_contact"] = last != last_contact.end() ? Json(FormatTime(last->second)) : Json();
    row["next_due"] = FormatTime(due);
    const auto late = std::chrono::floor<std::chrono::days>(now - due).count();
    row["days_overdue"] = std::max<int64_t>(0, late);
    row["status"] = last == last_contact.end() ? "never" : late > 0 ? "overdue" : "ok";
    overdue += late > 0 ? 1 : 0;
    never += last == last_contact.end() ? 1 : 0;
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
    return a["days_overdue"].get<int64_t>() > b["days_overdue"].get<int64_t>();
  });
  return Json{{"rows", rows},
              {"summary",
               {SummaryFigure("with_plan", {"Parties prenantes suivies", "Stakeholders followed"},
                              static_cast<int64_t>(rows.size())),
                SummaryFigure("overdue", {"En retard de contact", "Overdue for contact"}, overdue),
                SummaryFigure("never_heard", {"Jamais entendues", "Never heard"}, never)}}};
}

void RegisterEngageReports(Registry& registry) {
  ReportSpec report;
  report.name = "relationship_health";
  report.label = {"Santé de la relation", "Relationship health"};
  report.area = Area::kEngage;
  report.roles = {Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kFinance, Role::kDeveloper};
  report.params = {"service", "stakeholder_group"};
  report.paged = true;
  report.record_params = {{"service", "services"}};
  report.columns = {
      {"name", {"Partie prenante", "Stakeholder"}, "text"},
      {"stakeholder_group", {"Groupe", "Group"}, "enum:stakeholders.stakeholder_group"},
      {"last_contact", {"Dernier contact", "Last contact"}, "datetime"},
      {"frequency_days", {"Fréquence (jours)", "Frequency (days)"}, "integer"},
      {"next_due", {"Prochain contact dû", "Next contact due"}, "datetime"},
      {"days_overdue", {"Jours de retard", "Days overdue"}, "integer"},
      {"open_follow_ups", {"Actions ouvertes", "Open actions"}, "integer"},
      {"overdue_follow_ups", {"Actions en retard", "Overdue actions"}, "integer"},
  };
  report.run = [](ReportContext& ctx, const ReportParams& params) -> Result<Json> {
    ReportParams who;
    for (const auto& [k, v] : params) who.emplace(k == "service" ? "services" : k, v);
    HealthInputs in;
    for (auto [type, filters, out] :
         {std::tuple{"stakeholders", who, &in.stakeholders},
          std::tuple{"engagement_plans", ReportParams{}, &in.plans},
          std::tuple{"follow_ups", ReportParams{{"status", "open"}}, &in.follow_ups}}) {
      auto all = ctx.All(type, filters);
      if (!all) return Fail(all.error());
      *out = std::move(*all);
    }
    // Only the interactions the stakeholders' kept summary does not answer for: those of open
    // follow-ups, and every past one of whoever has an interaction planned ahead of now.
    std::set<int64_t> wanted;
    for (const auto& f : in.follow_ups)
      if (f["interaction"].is_number_integer()) wanted.insert(f["interaction"].get<int64_t>());
    std::vector<ReportParams> reads;
    for (auto it = wanted.begin(); it != wanted.end();) {
      std::string ids;
      for (int n = 0; n < 100 && it != wanted.end(); ++n, ++it)
        ids += (ids.empty() ? "" : ",") + std::to_string(*it);
      reads.push_back({{"id__in", ids}});
    }
    for (const auto& s : in.stakeholders)
      if (const auto at = ParseTime(TextOr(s, "latest_interaction_at")); at && *at > ctx.Now())
        reads.push_back({{"attendees", std::to_string(Id(s))}, {"occurred_at__lte", FormatTime(ctx.Now())}});
    std::set<int64_t> seen;
    for (const auto& filters : reads) {
      auto some = ctx.All("interactions", filters);
      if (!some) return Fail(some.error());
      for (auto& i : *some)
        if (seen.insert(Id(i)).second) in.interactions.push_back(std::move(i));
    }
    return ComputeRelationshipHealth(in, ctx.Now());
  };
  registry.AddReport(std::move(report));
}

}  // namespace boucle
