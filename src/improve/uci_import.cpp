#include "improve/uci_import.hpp"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <unordered_map>

#include "improve/clock_swap.hpp"
#include "record/actor.hpp"

namespace boucle::uci {
namespace {

// Columns of the file, 0-based (see SOURCE.md §1.4).
enum Col : size_t {
  kNumber = 0,
  kState = 1,
  kReassignments = 3,
  kReopens = 4,
  kModCount = 5,
  kMadeSla = 6,
  kOpenedAt = 9,
  kUpdatedAt = 13,
  kCategory = 16,
  kSubcategory = 17,
  kImpact = 20,
  kUrgency = 21,
  kPriority = 22,
  kGroup = 23,
  kAssignedTo = 24,
  kResolvedAt = 34,
  kClosedAt = 35,
};

constexpr std::string_view kMissing = "?";

// One accepted row, reduced to what the ticket needs.
struct Event {
  int64_t line = 0;
  int64_t mod_count = 0;
  int64_t reassignments = 0;
  int64_t reopens = 0;
  const char* status = nullptr;
  const char* impact = nullptr;  // null: unknown, left as it is
  const char* urgency = nullptr;
  const char* priority = nullptr;
  std::optional<bool> made_sla;
  TimePoint opened_at;
  TimePoint updated_at;
  std::optional<TimePoint> resolved_at;
  std::optional<TimePoint> closed_at;
  std::string category;  // empty: missing
  std::string subcategory;
  std::string group;
  std::string assigned_to;
};

struct Incident {
  std::string number;
  std::vector<Event> events;
};

void Refuse(ImportSummary& s, int64_t line, const std::string& reason) {
  ++s.rows_refused;
  auto& r = s.refused[reason];
  ++r.count;
  if (r.example_lines.size() < 5) r.example_lines.push_back(line);
}

const char* MapState(std::string_view v) {
  if (v == "New") return "new";
  if (v == "Active") return "in_progress";
  if (v.starts_with("Awaiting ")) return "pending";
  if (v == "Resolved") return "resolved";
  if (v == "Closed") return "closed";
  return nullptr;
}

const char* MapLevel(std::string_view v) {
  if (v == "1 - High") return "high";
  if (v == "2 - Medium") return "medium";
  if (v == "3 - Low") return "low";
  return nullptr;
}

const char* MapPriority(std::string_view v) {
  if (v == "1 - Critical") return "critical";
  if (v == "2 - High") return "high";
  if (v == "3 - Moderate") return "medium";
  if (v == "4 - Low") return "low";
  return nullptr;
}

bool ParseCount(std::string_view v, int64_t& out) {
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size() && out >= 0 && !v.empty();
}

std::string Text(std::string_view v) { return v == kMissing ? std::string() : std::string(v); }

// Splits on ','; the file has no quoting (SOURCE.md §1.3).
size_t Split(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    out.push_back(
        line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out.size();
}

// Parses one data row into an event, or returns the reason it is refused.
std::optional<std::string> ParseRow(std::string_view line, std::vector<std::string_view>& f, Event& e) {
  if (Split(line, f) != kColumnCount) return "field_count";
  if (f[kNumber].empty() || f[kNumber] == kMissing) return "missing_number";
  e.status = MapState(f[kState]);
  if (!e.status) return "unknown_state";
  if (!ParseCount(f[kModCount], e.mod_count)) return "bad_number:sys_mod_count";
  if (!ParseCount(f[kReassignments], e.reassignments)) return "bad_number:reassignment_count";
  if (!ParseCount(f[kReopens], e.reopens)) return "bad_number:reopen_count";
  if (f[kMadeSla] == "true")
    e.made_sla = true;
  else if (f[kMadeSla] == "false")
    e.made_sla = false;
  else if (f[kMadeSla] != kMissing)
    return "bad_value:made_sla";
  auto opened = ParseEventTime(f[kOpenedAt]);
  if (!opened) return "bad_date:opened_at";
  e.opened_at = *opened;
  auto updated = ParseEventTime(f[kUpdatedAt]);
  if (!updated) return "bad_date:sys_updated_at";
  e.updated_at = *updated;
  for (auto [col, out, name] : {std::tuple{kResolvedAt, &e.resolved_at, "resolved_at"},
                                std::tuple{kClosedAt, &e.closed_at, "closed_at"}}) {
    if (f[col] == kMissing) continue;
    auto t = ParseEventTime(f[col]);
    if (!t) return std::string("bad_date:") + name;
    *out = *t;
  }
  for (auto [col, out, name] :
       {std::tuple{kImpact, &e.impact, "impact"}, std::tuple{kUrgency, &e.urgency, "urgency"}}) {
    if (f[col] == kMissing) continue;
    *out = MapLevel(f[col]);
    if (!*out) return std::string("bad_value:") + name;
  }
  if (f[kPriority] != kMissing) {
    e.priority = MapPriority(f[kPriority]);
    if (!e.priority) return "bad_value:priority";
  }
  e.category = Text(f[kCategory]);
  e.subcategory = Text(f[kSubcategory]);
  e.group = Text(f[kGroup]);
  e.assigned_to = Text(f[kAssignedTo]);
  return std::nullopt;
}

struct ReadResult {
  std::vector<Incident> incidents;  // in order of first appearance
  int64_t rows = 0;
};

// Reads the whole file first: the import then knows its total for the progress bar, and an I/O
// error stops it before any write.
Result<ReadResult> ReadLog(const std::string& path, ImportSummary& summary) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) return Fail(Error::Invalid("import.cannot_open", "path", {{"path", path}}));
  gzbuffer(gz, 1 << 20);
  ReadResult out;
  std::unordered_map<std::string, size_t> index;
  std::vector<std::string_view> fields;
  fields.reserve(kColumnCount + 4);
  std::string line;
  char buf[8192];
  int64_t line_no = 0;
  bool eof = false;
  Status status;
  while (!eof) {
    line.clear();
    bool complete = false;
    while (!complete) {
      if (!gzgets(gz, buf, sizeof buf)) {
        eof = true;
        break;
      }
      line.append(buf);
      complete = !line.empty() && line.back() == '\n';
    }
    if (line.empty()) break;
    ++line_no;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line_no == 1) {
      if (!line.starts_with("number,incident_state,")) {
        status = Fail(Error::Invalid("import.bad_header", "path",
                                     {{"path", path}, {"expected", "number,incident_state,..."}}));
        break;
      }
      continue;
    }
    if (line.empty()) continue;
    ++out.rows;
    Event e;
    e.line = line_no;
    if (auto reason = ParseRow(line, fields, e)) {
      Refuse(summary, line_no, *reason);
      continue;
    }
    std::string number(fields[kNumber]);
    auto [it, added] = index.try_emplace(number, out.incidents.size());
    if (added) out.incidents.push_back({std::move(number), {}});
    out.incidents[it->second].events.push_back(std::move(e));
  }
  int errnum = Z_OK;
  const char* message = gzerror(gz, &errnum);
  if (status && errnum != Z_OK && errnum != Z_STREAM_END)
    status =
        Fail(Error::Of(ErrorKind::kInternal, "import.read_failed", {{"path", path}, {"detail", message}}));
  if (status && line_no == 0) status = Fail(Error::Invalid("import.bad_header", "path", {{"path", path}}));
  gzclose(gz);
  if (!status) return Fail(status.error());
  for (auto& inc : out.incidents)
    std::stable_sort(inc.events.begin(), inc.events.end(),
                     [](const Event& a, const Event& b) { return a.mod_count < b.mod_count; });
  return out;
}

Json Opt(const std::string& s) { return s.empty() ? Json() : Json(s); }

// The ticket's fields as one event states them (kind, external_ref and source come on create).
Json TicketValues(const std::string& number, const Event& e, const Json& assignee) {
  Json v = Json::object();
  v["title"] = number + " — " + (e.category.empty() ? std::string("no category") : e.category) + " / " +
               (e.subcategory.empty() ? std::string("no subcategory") : e.subcategory);
  v["category"] = Opt(e.category);
  v["subcategory"] = Opt(e.subcategory);
  v["assignment_group"] = Opt(e.group);
  if (e.impact) v["impact"] = e.impact;
  if (e.urgency) v["urgency"] = e.urgency;
  if (e.priority) v["priority"] = e.priority;
  v["status"] = e.status;
  v["reassignment_count"] = e.reassignments;
  v["reopen_count"] = e.reopens;
  v["sla_breached"] = e.made_sla ? Json(!*e.made_sla) : Json();
  const std::string_view st = e.status;
  v["resolved_at"] =
      (st == "resolved" || st == "closed") && e.resolved_at ? Json(FormatTime(*e.resolved_at)) : Json();
  v["closed_at"] = st == "closed" && e.closed_at ? Json(FormatTime(*e.closed_at)) : Json();
  v["assignee"] = assignee;
  return v;
}

std::string ReasonOf(const Error& e) {
  return "rejected:" + e.code + (e.field.empty() ? "" : "[" + e.field + "]");
}

class Importer {
 public:
  Importer(RecordService& records, Tx& tx, ManualClock& clock, ImportSummary& summary)
      : records_(records), tx_(tx), clock_(clock), summary_(summary) {}

  Status Run(const std::vector<Incident>& incidents, int64_t total_rows, const ImportOptions& options) {
    const TypeSpec* tickets = records_.registry().Find("tickets");
    users_ = records_.registry().Find("users");
    if (!tickets || !users_) return Fail(Error::Of(ErrorKind::kInternal, "import.types_missing"));
    int64_t done = 0;
    for (const auto& inc : incidents) {
      if (auto st = ImportOne(*tickets, inc); !st) return st;
      done += static_cast<int64_t>(inc.events.size());
      if (options.on_progress && !options.on_progress(done, total_rows))
        return Fail(Error::Of(ErrorKind::kInternal, "import.cancelled"));
    }
    if (options.on_progress) options.on_progress(total_rows, total_rows);  // refused rows count as handled
    return {};
  }

 private:
  Result<bool> Exists(const TypeSpec& type, const std::string& field, const Json& value,
                      Json* found = nullptr) {
    ListQuery q;
    q.filters.push_back({field, FilterOp::kEq, value});
    q.limit = 1;
    auto page = tx_.List(type, q);
    if (!page) return Fail(page.error());
    if (page->items.empty()) return false;
    if (found) *found = page->items.front();
    return true;
  }

  // The user standing for a person of the source, created on first use.
  Result<Json> Person(const std::string& name) {
    if (name.empty()) return Json();
    if (auto it = people_.find(name); it != people_.end()) return Json(it->second);
    const std::string login = LoginFor(name);
    Json found;
    auto exists = Exists(*users_, "login", login, &found);
    if (!exists) return Fail(exists.error());
    if (!*exists) {
      auto created =
          records_.CreateIn(tx_, Actor::System(), "users",
                            {{"login", login}, {"display_name", name}, {"role", "agent"}, {"active", false}});
      if (!created) return Fail(created.error());
      found = *created;
      ++summary_.users_created;
    }
    const int64_t id = found["id"].get<int64_t>();
    people_[name] = id;
    return Json(id);
  }

  void AdvanceTo(TimePoint t) {
    if (t > clock_.Now()) clock_.Set(t);
  }

  Status ImportOne(const TypeSpec& tickets, const Incident& inc) {
    auto exists = Exists(tickets, "external_ref", inc.number);
    if (!exists) return Fail(exists.error());
    if (*exists) {
      ++summary_.incidents_skipped;
      return {};
    }
    Json current;  // the ticket as last written; null until created
    Json values;   // the source's values as last applied
    for (const auto& e : inc.events) {
      auto assignee = Person(e.assigned_to);
      if (!assignee) return Fail(assignee.error());
      Json next = TicketValues(inc.number, e, *assignee);
      if (current.is_null()) {
        clock_.Set(e.opened_at);
        Json body = next;
        body["kind"] = "incident";
        body["external_ref"] = inc.number;
        body["source"] = kSource;
        auto created = records_.CreateIn(tx_, Actor::System(), "tickets", body);
        if (!created) {
          if (created.error().kind == ErrorKind::kInternal) return Fail(created.error());
          Refuse(summary_, e.line, ReasonOf(created.error()));
          continue;  // the next event may still create it
        }
        current = std::move(*created);
        values = std::move(next);
        continue;
      }
      AdvanceTo(e.updated_at);
      Json patch = Json::object();
      for (const auto& [k, v] : next.items())
        if (!values.contains(k) || values[k] != v) patch[k] = v;
      if (patch.empty()) continue;
      patch["version"] = current["version"];
      auto updated = records_.UpdateIn(tx_, Actor::System(), "tickets", current["id"].get<int64_t>(), patch,
                                       std::nullopt);
      if (!updated) {
        if (updated.error().kind == ErrorKind::kInternal) return Fail(updated.error());
        Refuse(summary_, e.line, ReasonOf(updated.error()));
        continue;
      }
      current = std::move(*updated);
      for (const auto& [k, v] : next.items()) values[k] = v;
      ++summary_.updates_applied;
    }
    if (current.is_null())
      ++summary_.incidents_failed;
    else
      ++summary_.incidents_imported;
    return {};
  }

  RecordService& records_;
  Tx& tx_;
  ManualClock& clock_;
  ImportSummary& summary_;
  const TypeSpec* users_ = nullptr;
  std::unordered_map<std::string, int64_t> people_;
};

}  // namespace

std::optional<TimePoint> ParseEventTime(std::string_view s) {
  int parts[5] = {0, 0, 0, 0, 0};  // day, month, year, hour, minute
  const char seps[5] = {'/', '/', ' ', ':', '\0'};
  size_t pos = 0;
  for (int i = 0; i < 5; ++i) {
    const size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 4) ++pos;
    const size_t len = pos - start;
    if (len == 0 || (i != 2 && len > 2) || (i == 2 && len != 4)) return std::nullopt;
    std::from_chars(s.data() + start, s.data() + pos, parts[i]);
    if (seps[i] == '\0') {
      if (pos != s.size()) return std::nullopt;
    } else {
      if (pos >= s.size() || s[pos] != seps[i]) return std::nullopt;
      ++pos;
    }
  }
  const std::chrono::year_month_day ymd{std::chrono::year{parts[2]},
                                        std::chrono::month{static_cast<unsigned>(parts[1])},
                                        std::chrono::day{static_cast<unsigned>(parts[0])}};
  if (!ymd.ok() || parts[3] > 23 || parts[4] > 59) return std::nullopt;
  return TimePoint{std::chrono::sys_days{ymd}} + std::chrono::hours{parts[3]} +
         std::chrono::minutes{parts[4]};
}

std::string LoginFor(std::string_view person) {
  std::string out = "uci.";
  bool dot = false;
  for (char c : person) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      dot = out.back() != '.';
      continue;
    }
    if (dot) out += '.';
    dot = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

Result<ImportSummary> ImportIncidentLog(RecordService& records, Store& store, const std::string& path,
                                        const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  ImportSummary summary;
  auto log = ReadLog(path, summary);
  if (!log) return Fail(log.error());
  summary.rows_read = log->rows;

  ManualClock clock{TimePoint{}};
  ClockSwap swap(records, clock);
  ImportSummary counted;  // refusals found while writing are kept only if the transaction commits
  auto st = store.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    counted = summary;
    Importer importer(records, tx, clock, counted);
    return importer.Run(log->incidents, log->rows, options);
  });
  if (!st) return Fail(st.error());
  counted.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return counted;
}

std::string FormatSummary(const ImportSummary& s) {
  char speed[96];
  std::snprintf(speed, sizeof speed, "%.1f s, %.0f rows/s", s.seconds,
                s.seconds > 0 ? static_cast<double>(s.rows_read) / s.seconds : 0.0);
  std::string out;
  out += "rows read:          " + std::to_string(s.rows_read) + "\n";
  out += "incidents imported: " + std::to_string(s.incidents_imported) + "\n";
  out += "incidents skipped:  " + std::to_string(s.incidents_skipped) + " (already imported)\n";
  if (s.incidents_failed > 0) out += "incidents failed:   " + std::to_string(s.incidents_failed) + "\n";
  out += "updates applied:    " + std::to_string(s.updates_applied) + "\n";
  out += "users created:      " + std::to_string(s.users_created) + "\n";
  out += "rows refused:       " + std::to_string(s.rows_refused) + "\n";
  for (const auto& [reason, r] : s.refused) {
    out += "  " + reason + ": " + std::to_string(r.count) + " (lines";
    for (size_t i = 0; i < r.example_lines.size(); ++i)
      out += (i ? ", " : " ") + std::to_string(r.example_lines[i]);
    out += r.count > static_cast<int64_t>(r.example_lines.size()) ? ", ...)\n" : ")\n";
  }
  out += "time:               " + std::string(speed) + "\n";
  return out;
}

}  // namespace boucle::uci
