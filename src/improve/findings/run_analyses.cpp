// The analyses as one job: read the tickets once, run each analysis, and write what they found.
#include <chrono>
#include <map>
#include <unordered_map>

#include "improve/findings/findings.hpp"
#include "record/json_access.hpp"
#include "text/utf8.hpp"

namespace boucle {
namespace {

using findings::Draft;
using findings::TicketRow;

constexpr int64_t kMaxTickets = 5'000'000;
constexpr int64_t kMaxHistory = 20'000'000;

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

std::string Key(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  return "";
}

// Successive values of one field per record, from its history: the value before the first change,
// then each new value. Records never changed are not in the map.
Result<std::unordered_map<int64_t, std::vector<std::string>>> Paths(RecordService& records,
                                                                    const std::string& field) {
  auto entries = records.FieldHistory(Actor::System(), "tickets", field, kMaxHistory);
  if (!entries) return Fail(entries.error());
  std::unordered_map<int64_t, std::vector<std::string>> out;
  for (const auto& e : *entries) {
    auto& path = out[e.record_id];
    if (path.empty()) path.push_back(Key(e.old_value));
    path.push_back(Key(e.new_value));
  }
  return out;
}

Result<std::unordered_map<std::string, std::string>> Names(RecordService& records, const std::string& type) {
  auto all = records.ListAllWithTitles(Actor::System(), type, {{"sort", "id"}}, kMaxTickets);
  if (!all) return Fail(all.error());
  std::unordered_map<std::string, std::string> out;
  const TypeSpec* spec = records.registry().Find(type);
  for (const auto& r : all->first.items)
    out[std::to_string(r["id"].get<int64_t>())] = RecordService::TitleOf(*spec, r);
  return out;
}

std::optional<TimePoint> TimeOf(const Json& r, const char* field) {
  return r.contains(field) && r[field].is_string() ? ParseTime(r[field].get<std::string>()) : std::nullopt;
}

}  // namespace

Result<std::vector<TicketRow>> LoadTicketRows(RecordService& records) {
  auto all = records.ListAllWithTitles(Actor::System(), "tickets", {{"sort", "id"}}, kMaxTickets);
  if (!all) return Fail(all.error());
  auto users = Names(records, "users");
  if (!users) return Fail(users.error());
  auto services = Names(records, "services");
  if (!services) return Fail(services.error());
  auto groups = Paths(records, "assignment_group");
  if (!groups) return Fail(groups.error());
  auto assignees = Paths(records, "assignee");
  if (!assignees) return Fail(assignees.error());
  auto label = [](const std::unordered_map<std::string, std::string>& names, const std::string& key) {
    auto it = names.find(key);
    return it == names.end() ? key : it->second;
  };
  std::vector<TicketRow> rows;
  rows.reserve(all->first.items.size());
  for (const auto& r : all->first.items) {
    TicketRow t;
    t.id = r["id"].get<int64_t>();
    t.kind = TextOr(r, "kind", "incident");
    t.status = TextOr(r, "status", "new");
    t.category = TextOr(r, "category");
    t.service_key = Key(r["service"]);
    t.service_label = label(*services, t.service_key);
    t.group = TextOr(r, "assignment_group");
    t.assignee_key = Key(r["assignee"]);
    t.assignee_label = label(*users, t.assignee_key);
    t.priority = TextOr(r, "priority");
    t.text = TextOr(r, "title") + "\n" + TextOr(r, "description");
    t.created = TimeOf(r, "created_at").value_or(TimePoint{});
    t.resolved = TimeOf(r, "resolved_at");
    if (r.contains("sla_breached") && r["sla_breached"].is_boolean())
      t.breached = r["sla_breached"].get<bool>();
    t.reassignments = IntOr(r, "reassignment_count", 0);
    if (auto it = groups->find(t.id); it != groups->end())
      t.group_path = std::move(it->second);
    else
      t.group_path = {t.group};
    if (auto it = assignees->find(t.id); it != assignees->end()) {
      for (const auto& key : it->second) t.assignee_path.push_back(key.empty() ? "" : label(*users, key));
    } else {
      t.assignee_path = {t.assignee_key.empty() ? "" : t.assignee_label};
    }
    rows.push_back(std::move(t));
  }
  return rows;
}

std::vector<Draft> RunAllAnalyses(const std::vector<TicketRow>& rows, const findings::Settings& settings,
                                  AnalysisRun& run, const std::function<void(int, int)>& on_step) {
  using Analysis = std::vector<Draft> (*)(const std::vector<TicketRow>&, const findings::Settings&);
  const std::pair<const char*, Analysis> analyses[] = {
      {"pareto", findings::ParetoFindings},
      {"ping_pong", findings::PingPongFindings},
      {"sla_breach_drivers", findings::BreachDriverFindings},
      {"recurring_incidents", findings::RecurringFindings},
      {"backlog_ageing", findings::BacklogFindings},
      {"trend_change", findings::TrendFindings},
  };
  std::optional<TimePoint> first, last;
  for (const auto& t : rows) {
    if (!first || t.created < *first) first = t.created;
    if (!last || t.created > *last) last = t.created;
  }
  std::vector<Draft> out;
  int step = 0;
  for (const auto& [name, analyse] : analyses) {
    const auto start = std::chrono::steady_clock::now();
    auto found = analyse(rows, settings);
    run.analyses.push_back({name, Since(start), found.size()});
    for (auto& f : found) {
      if (f.period_start.empty() && first) f.period_start = findings::Iso(*first);
      if (f.period_end.empty() && last) f.period_end = findings::Iso(*last);
      out.push_back(std::move(f));
    }
    if (on_step) on_step(++step, static_cast<int>(std::size(analyses)));
  }
  return out;
}

namespace {

Json FieldsOf(const Draft& f) {
  return {{"kind", f.kind},
          {"dimension", f.dimension},
          {"subject", Utf8Prefix(f.subject, 300)},
          {"subject_key", f.subject_key.empty() ? Json() : Json(Utf8Prefix(f.subject_key, 300))},
          {"summary_fr", f.summary_fr},
          {"summary_en", f.summary_en},
          {"score", f.score},
          {"ticket_count", f.ticket_count},
          {"tickets", f.tickets},
          {"figures", f.figures.dump()},
          {"kpi", f.kpi.empty() ? Json() : Json(f.kpi)},
          {"changed_at", f.at.empty() ? Json() : Json(f.at)},
          {"period_start", f.period_start.empty() ? Json() : Json(f.period_start)},
          {"period_end", f.period_end.empty() ? Json() : Json(f.period_end)},
          {"fingerprint", Utf8Prefix(f.Fingerprint(), 400)}};
}

// Whether writing `fields` would change `record`: scores compared to a relative 1e-9 so that a
// decimal read back from the store is not a change.
bool Differs(const Json& record, const Json& fields) {
  for (const auto& [k, v] : fields.items()) {
    const Json& old = record.contains(k) ? record[k] : Json();
    if (v.is_number() && old.is_number()) {
      const double a = v.get<double>(), b = old.get<double>();
      if (std::abs(a - b) > 1e-9 * std::max(1.0, std::abs(a))) return true;
    } else if (v != old) {
      return true;
    }
  }
  return false;
}

}  // namespace

Status WriteFindings(RecordService& records, const std::vector<Draft>& drafts, AnalysisRun& run) {
  const auto start = std::chrono::steady_clock::now();
  const Actor system = Actor::System();
  auto existing = records.ListAllWithTitles(system, "findings", {{"sort", "id"}}, kMaxTickets);
  if (!existing) return Fail(existing.error());
  std::map<std::string, Json> by_print;
  for (auto& r : existing->first.items) {
    std::string print = TextOr(r, "fingerprint");  // read before the move: json's operator= takes its value
    by_print[print] = std::move(r);
  }
  std::map<std::string, bool> seen;
  for (const auto& d : drafts) {
    Json fields = FieldsOf(d);
    const std::string print = fields["fingerprint"].get<std::string>();
    if (seen.contains(print)) continue;  // two drafts of one fingerprint: the first (analyses rank them) wins
    seen[print] = true;
    auto it = by_print.find(print);
    if (it == by_print.end()) {
      fields["status"] = "new";
      auto created = records.Create(system, "findings", fields);
      if (!created) return Fail(created.error());
      ++run.created;
      continue;
    }
    const Json& current = it->second;
    const std::string status = TextOr(current, "status");
    if (status == "dismissed") {  // people decided: never brought back
      ++run.kept_dismissed;
      continue;
    }
    if (status == "gone") fields["status"] = "new";
    if (!Differs(current, fields)) {
      ++run.unchanged;
      continue;
    }
    fields["version"] = current["version"];
    auto updated = records.Update(system, "findings", current["id"].get<int64_t>(), fields);
    if (!updated) return Fail(updated.error());
    ++run.updated;
  }
  for (const auto& [print, current] : by_print) {
    if (seen.contains(print) || TextOr(current, "status") != "new") continue;
    auto updated = records.Update(system, "findings", current["id"].get<int64_t>(),
                                  {{"status", "gone"}, {"version", current["version"]}});
    if (!updated) return Fail(updated.error());
    ++run.gone;
  }
  run.write_ms = Since(start);
  return {};
}

Result<AnalysisRun> RunFindingAnalyses(RecordService& records, const std::function<void(int, int)>& on_step) {
  AnalysisRun run;
  const auto start = std::chrono::steady_clock::now();
  auto rows = LoadTicketRows(records);
  if (!rows) return Fail(rows.error());
  run.tickets = static_cast<int64_t>(rows->size());
  run.load_ms = Since(start);
  findings::Settings settings;
  settings.now = records.clock().Now();
  const auto drafts = RunAllAnalyses(*rows, settings, run, on_step);
  if (auto st = WriteFindings(records, drafts, run); !st) return Fail(st.error());
  return run;
}

}  // namespace boucle
