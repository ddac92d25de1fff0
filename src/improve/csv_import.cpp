#include "improve/csv_import.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "improve/clock_swap.hpp"
#include "record/actor.hpp"

namespace boucle::csv {
namespace {

Error MappingError(const std::string& field, const std::string& detail) {
  return Error::Invalid("import.mapping_invalid", field, {{"detail", detail}});
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

bool Special(std::string_view target) {
  return target == "created_at" || target == "priority" || target == "assignee_name" ||
         target == "requester_name";
}

constexpr const char* kPriorities[] = {"critical", "high", "medium", "low"};

// The impact and urgency that give a priority (support/ticket_rules.cpp's matrix).
std::pair<const char*, const char*> LevelsFor(std::string_view priority) {
  if (priority == "critical") return {"high", "high"};
  if (priority == "high") return {"high", "medium"};
  if (priority == "medium") return {"medium", "medium"};
  return {"low", "low"};
}

Result<std::vector<std::string>> Formats(Json j, const std::string& field) {
  std::vector<std::string> out;
  if (j.is_string()) j = Json::array({j});
  if (!j.is_array() || j.empty()) return Fail(MappingError(field, "a list of date formats"));
  for (const auto& f : j) {
    if (!f.is_string() || f.get<std::string>().empty())
      return Fail(MappingError(field, "a list of date formats"));
    out.push_back(f.get<std::string>());
  }
  return out;
}

Status CheckTarget(const TypeSpec& tickets, const ColumnMap& c) {
  if (c.target == "external_ref" || c.target == "source")
    return Fail(MappingError(c.path, "set by the import itself (see external_id)"));
  if (Special(c.target)) {
    if (c.target == "priority")
      for (const auto& [from, to] : c.values)
        if (std::find(std::begin(kPriorities), std::end(kPriorities), to) == std::end(kPriorities))
          return Fail(
              Error::Invalid("import.mapping_bad_value", c.path + ".values." + from, {{"value", to}}));
    return {};
  }
  const FieldSpec* f = tickets.Field(c.target);
  if (!f || f->kind == FieldKind::kRef || f->kind == FieldKind::kRefList)
    return Fail(Error::Invalid("import.mapping_unknown_field", c.path, {{"name", c.target}}));
  if (f->kind == FieldKind::kEnum)
    for (const auto& [from, to] : c.values)
      if (!f->FindOption(to))
        return Fail(Error::Invalid("import.mapping_bad_value", c.path + ".values." + from, {{"value", to}}));
  return {};
}

bool Digits(std::string_view s, size_t& pos, size_t min, size_t max, int& out) {
  const size_t start = pos;
  while (pos < s.size() && pos - start < max && s[pos] >= '0' && s[pos] <= '9') ++pos;
  if (pos - start < min) return false;
  std::from_chars(s.data() + start, s.data() + pos, out);
  return true;
}

std::string Slug(std::string_view name) {
  std::string out;
  bool dot = false;
  for (char c : name) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
      if (dot && !out.empty()) out += '.';
      dot = false;
      out += lower;
    } else {
      dot = true;
    }
  }
  return out.empty() ? "someone" : out.substr(0, 50);
}

void Refuse(ImportSummary& s, int64_t line, const std::string& reason) {
  ++s.refused;
  auto& r = s.reasons[reason];
  ++r.count;
  if (r.example_lines.size() < 5) r.example_lines.push_back(line);
}

class Importer {
 public:
  Importer(RecordService& records, Tx& tx, ManualClock& clock, const Mapping& mapping, ImportSummary& summary)
      : records_(records),
        tx_(tx),
        clock_(clock),
        mapping_(mapping),
        summary_(summary),
        start_(clock.Now()) {}

  Status Run(const std::vector<Row>& rows, const ImportOptions& options) {
    tickets_ = records_.registry().Find("tickets");
    users_ = records_.registry().Find("users");
    stakeholders_ = records_.registry().Find("stakeholders");
    if (!tickets_ || !users_ || !stakeholders_)
      return Fail(Error::Of(ErrorKind::kInternal, "import.types_missing"));
    // Columns by name, from the header.
    const Row& header = rows.front();
    std::unordered_map<std::string, size_t> index;
    for (size_t i = 0; i < header.cells.size(); ++i) index.emplace(Trim(header.cells[i]), i);
    auto find = [&](const std::string& name, const std::string& field) -> Result<size_t> {
      auto it = index.find(name);
      if (it == index.end()) return Fail(Error::Invalid("import.missing_column", field, {{"column", name}}));
      return it->second;
    };
    auto id_col = find(mapping_.id_column, "external_id");
    if (!id_col) return Fail(id_col.error());
    std::vector<size_t> cols;
    for (const auto& c : mapping_.columns) {
      auto col = find(c.column, c.path);
      if (!col) return Fail(col.error());
      cols.push_back(*col);
    }
    const auto total = static_cast<int64_t>(rows.size() - 1);
    for (size_t r = 1; r < rows.size(); ++r) {
      const Row& row = rows[r];
      ++summary_.rows_read;
      if (auto st = ImportRow(row, header.cells.size(), *id_col, cols); !st) return st;
      if (options.on_progress && !options.on_progress(static_cast<int64_t>(r), total))
        return Fail(Error::Of(ErrorKind::kInternal, "import.cancelled"));
    }
    return {};
  }

 private:
  Result<std::optional<Json>> FindBy(const TypeSpec& type, const std::string& field, const Json& value) {
    ListQuery q;
    q.filters.push_back({field, FilterOp::kEq, value});
    q.limit = 1;
    auto page = tx_.List(type, q);
    if (!page) return Fail(page.error());
    if (page->items.empty()) return std::optional<Json>();
    return std::optional<Json>(page->items.front());
  }

  // The user or stakeholder standing for a person named in the source, created on first use.
  Result<Json> Person(const std::string& name, bool user) {
    auto& cache = user ? users_by_name_ : stakeholders_by_name_;
    if (auto it = cache.find(name); it != cache.end()) return Json(it->second);
    const std::string login = "import." + Slug(name);
    auto found = user ? FindBy(*users_, "login", login) : FindBy(*stakeholders_, "name", name);
    if (!found) return Fail(found.error());
    Json record;
    if (*found) {
      record = **found;
    } else {
      auto created =
          user ? records_.CreateIn(
                     tx_, Actor::System(), "users",
                     {{"login", login}, {"display_name", name}, {"role", "agent"}, {"active", false}})
               : records_.CreateIn(tx_, Actor::System(), "stakeholders",
                                   {{"name", name}, {"kind", "person"}, {"stakeholder_group", "end_user"}});
      if (!created) return Fail(created.error());
      record = std::move(*created);
      ++(user ? summary_.users_created : summary_.stakeholders_created);
    }
    cache[name] = record["id"].get<int64_t>();
    return record["id"];
  }

  // The ticket value of one cell, or the reason the row is refused.
  Result<Json> Convert(const ColumnMap& c, const std::string& raw, std::string& reason) {
    std::string v = raw;
    if (!c.values.empty()) {
      auto it = c.values.find(raw);
      if (it == c.values.end()) {
        reason = "unknown_value";
        return Json();
      }
      v = it->second;
    }
    if (c.target == "created_at" || c.target == "priority" || c.target == "assignee_name" ||
        c.target == "requester_name")
      return Json(v);
    const FieldSpec* f = tickets_->Field(c.target);
    switch (f->kind) {
      case FieldKind::kEnum:
        if (!f->FindOption(v)) reason = "unknown_value";
        return Json(v);
      case FieldKind::kInteger: {
        int64_t n = 0;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || p != v.data() + v.size()) reason = "bad_number";
        return Json(n);
      }
      case FieldKind::kDecimal: {
        char* end = nullptr;
        const double d = std::strtod(v.c_str(), &end);
        if (end != v.c_str() + v.size()) reason = "bad_number";
        return Json(d);
      }
      case FieldKind::kBoolean:
        if (v == "1" || v == "true" || v == "oui" || v == "yes") return Json(true);
        if (v == "0" || v == "false" || v == "non" || v == "no") return Json(false);
        reason = "bad_boolean";
        return Json();
      case FieldKind::kDateTime: {
        auto t = ReadDate(c, v);
        if (!t) reason = "bad_date";
        return t ? Json(FormatTime(*t)) : Json();
      }
      default:
        return Json(v);
    }
  }

  std::optional<TimePoint> ReadDate(const ColumnMap& c, const std::string& v) const {
    for (const auto& format : c.date_formats.empty() ? mapping_.date_formats : c.date_formats)
      if (auto t = ParseDate(v, format, mapping_.utc_offset_minutes)) return t;
    return std::nullopt;
  }

  Status ImportRow(const Row& row, size_t width, size_t id_col, const std::vector<size_t>& cols) {
    if (row.cells.size() != width) {
      Refuse(summary_, row.line, "field_count");
      return {};
    }
    const std::string id = Trim(row.cells[id_col]);
    if (id.empty()) {
      Refuse(summary_, row.line, "missing_id [" + mapping_.id_column + "]");
      return {};
    }
    const std::string ref = mapping_.id_prefix + id;
    auto exists = FindBy(*tickets_, "external_ref", ref);
    if (!exists) return Fail(exists.error());
    if (*exists) {
      ++summary_.skipped;
      return {};
    }
    Json body = mapping_.defaults;
    std::optional<TimePoint> created_at;
    std::vector<std::pair<bool, std::string>> people;  // (is a user, name)
    for (size_t i = 0; i < mapping_.columns.size(); ++i) {
      const ColumnMap& c = mapping_.columns[i];
      const std::string raw = Trim(row.cells[cols[i]]);
      if (raw.empty()) {
        if (c.required) {
          Refuse(summary_, row.line, "empty [" + c.column + "]");
          return {};
        }
        continue;
      }
      std::string reason;
      auto value = Convert(c, raw, reason);
      if (!value) return Fail(value.error());
      if (!reason.empty()) {
        Refuse(summary_, row.line, reason + " [" + c.column + "]");
        return {};
      }
      if (c.target == "created_at") {
        created_at = ReadDate(c, value->get<std::string>());
        if (!created_at) {
          Refuse(summary_, row.line, "bad_date [" + c.column + "]");
          return {};
        }
      } else if (c.target == "priority") {
        const auto [impact, urgency] = LevelsFor(value->get<std::string>());
        body["impact"] = impact;
        body["urgency"] = urgency;
      } else if (c.target == "assignee_name" || c.target == "requester_name") {
        people.emplace_back(c.target == "assignee_name", value->get<std::string>());
      } else {
        body[c.target] = *value;
      }
    }
    // People last: a row refused for another cell creates nobody.
    for (const auto& [user, name] : people) {
      auto person = Person(name, user);
      if (!person) return Fail(person.error());
      body[user ? "assignee" : "requester"] = *person;
    }
    body["external_ref"] = ref;
    body["source"] = mapping_.source;
    clock_.Set(created_at.value_or(start_));
    auto created = records_.CreateIn(tx_, Actor::System(), "tickets", body);
    if (!created) {
      if (created.error().kind == ErrorKind::kInternal) return Fail(created.error());
      const Error& e = created.error();
      Refuse(summary_, row.line, "rejected:" + e.code + (e.field.empty() ? "" : " [" + e.field + "]"));
      return {};
    }
    ++summary_.imported;
    return {};
  }

  RecordService& records_;
  Tx& tx_;
  ManualClock& clock_;
  const Mapping& mapping_;
  ImportSummary& summary_;
  TimePoint start_;
  const TypeSpec* tickets_ = nullptr;
  const TypeSpec* users_ = nullptr;
  const TypeSpec* stakeholders_ = nullptr;
  std::unordered_map<std::string, int64_t> users_by_name_, stakeholders_by_name_;
};

}  // namespace

std::optional<TimePoint> ParseDate(std::string_view s, const std::string& format, int utc_offset_minutes) {
  int y = 1970, mo = 1, d = 1, h = 0, mi = 0, sec = 0;
  size_t pos = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '%' && i + 1 < format.size()) {
      const char t = format[++i];
      bool ok = false;
      switch (t) {
        case 'd':
          ok = Digits(s, pos, 1, 2, d);
          break;
        case 'm':
          ok = Digits(s, pos, 1, 2, mo);
          break;
        case 'Y':
          ok = Digits(s, pos, 4, 4, y);
          break;
        case 'y':
          ok = Digits(s, pos, 2, 2, y), y += 2000;
          break;
        case 'H':
          ok = Digits(s, pos, 1, 2, h);
          break;
        case 'M':
          ok = Digits(s, pos, 2, 2, mi);
          break;
        case 'S':
          ok = Digits(s, pos, 2, 2, sec);
          break;
        default:
          ok = pos < s.size() && s[pos] == t, ++pos;
      }
      if (!ok) return std::nullopt;
      continue;
    }
    if (pos >= s.size() || s[pos] != format[i]) return std::nullopt;
    ++pos;
  }
  if (pos != s.size()) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  return TimePoint{std::chrono::sys_days{ymd}} + std::chrono::hours{h} +
         std::chrono::minutes{mi - utc_offset_minutes} + std::chrono::seconds{sec};
}

Result<std::vector<Row>> ParseCsv(std::string_view text, char delimiter) {
  std::vector<Row> rows;
  Row row;
  std::string cell;
  int64_t line = 1;
  row.line = 1;
  bool quoted = false, any = false;
  int64_t quote_line = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && cell.empty()) {
      quoted = true;
      quote_line = line;
      any = true;
    } else if (c == delimiter) {
      row.cells.push_back(std::move(cell));
      cell.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !cell.empty()) {
        row.cells.push_back(std::move(cell));
        rows.push_back(std::move(row));
      }
      cell.clear();
      row = Row{};
      row.line = ++line;
      any = false;
    } else {
      cell += c;
      any = true;
    }
  }
  if (quoted) return Fail(Error::Invalid("import.unterminated_quote", "path", {{"line", quote_line}}));
  if (any || !cell.empty()) {
    row.cells.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<Mapping> ParseMapping(const Json& j, const TypeSpec& tickets) {
  if (!j.is_object()) return Fail(MappingError("mapping", "a JSON object"));
  Mapping m;
  static const char* kKeys[] = {"delimiter", "external_id",  "external_id_prefix",
                                "source",    "date_formats", "utc_offset_minutes",
                                "columns",   "defaults",     "description"};
  for (const auto& [key, value] : j.items())
    if (std::find_if(std::begin(kKeys), std::end(kKeys), [&](const char* k) { return key == k; }) ==
        std::end(kKeys))
      return Fail(MappingError(key, "unknown key"));
  if (j.contains("delimiter")) {
    const Json& d = j["delimiter"];
    if (!d.is_string() || d.get<std::string>().size() != 1)
      return Fail(MappingError("delimiter", "one character"));
    m.delimiter = d.get<std::string>()[0];
  }
  if (!j.contains("external_id") || !j["external_id"].is_string() ||
      j["external_id"].get<std::string>().empty())
    return Fail(MappingError("external_id", "the column of the source's own id"));
  m.id_column = j["external_id"];
  if (j.contains("external_id_prefix")) {
    if (!j["external_id_prefix"].is_string()) return Fail(MappingError("external_id_prefix", "text"));
    m.id_prefix = j["external_id_prefix"];
  }
  if (j.contains("source")) {
    if (!j["source"].is_string()) return Fail(MappingError("source", "text"));
    m.source = j["source"];
  }
  if (j.contains("date_formats")) {
    auto f = Formats(j["date_formats"], "date_formats");
    if (!f) return Fail(f.error());
    m.date_formats = std::move(*f);
  }
  if (j.contains("utc_offset_minutes")) {
    if (!j["utc_offset_minutes"].is_number_integer() ||
        std::abs(j["utc_offset_minutes"].get<int>()) > 14 * 60)
      return Fail(MappingError("utc_offset_minutes", "minutes between -840 and 840"));
    m.utc_offset_minutes = j["utc_offset_minutes"];
  }
  if (!j.contains("columns") || !j["columns"].is_object() || j["columns"].empty())
    return Fail(MappingError("columns", "an object: ticket field -> column"));
  for (const auto& [target, spec] : j["columns"].items()) {
    ColumnMap c;
    c.target = target;
    c.path = "columns." + target;
    if (spec.is_string()) {
      c.column = spec;
    } else if (spec.is_object()) {
      if (!spec.contains("column") || !spec["column"].is_string())
        return Fail(MappingError(c.path + ".column", "the column's name"));
      c.column = spec["column"];
      for (const auto& [key, value] : spec.items()) {
        if (key == "column") continue;
        if (key == "values") {
          if (!value.is_object())
            return Fail(MappingError(c.path + ".values", "an object: source value -> value"));
          for (const auto& [from, to] : value.items()) {
            if (!to.is_string()) return Fail(MappingError(c.path + ".values." + from, "text"));
            c.values[from] = to;
          }
        } else if (key == "date_formats") {
          auto f = Formats(value, c.path + ".date_formats");
          if (!f) return Fail(f.error());
          c.date_formats = std::move(*f);
        } else if (key == "required") {
          if (!value.is_boolean()) return Fail(MappingError(c.path + ".required", "true or false"));
          c.required = value;
        } else {
          return Fail(MappingError(c.path + "." + key, "unknown key"));
        }
      }
    } else {
      return Fail(MappingError(c.path, "a column name or an object"));
    }
    if (auto st = CheckTarget(tickets, c); !st) return Fail(st.error());
    m.columns.push_back(std::move(c));
  }
  if (j.contains("defaults")) {
    if (!j["defaults"].is_object()) return Fail(MappingError("defaults", "an object: ticket field -> value"));
    for (const auto& [key, value] : j["defaults"].items())
      if (!tickets.Field(key) || key == "external_ref" || key == "source")
        return Fail(Error::Invalid("import.mapping_unknown_field", "defaults." + key, {{"name", key}}));
    m.defaults = j["defaults"];
  }
  return m;
}

Result<Mapping> LoadMapping(const std::string& path, const TypeSpec& tickets) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Error::Invalid("import.cannot_open", "mapping", {{"path", path}}));
  std::stringstream text;
  text << in.rdbuf();
  Json j = Json::parse(text.str(), nullptr, false);
  if (j.is_discarded()) return Fail(MappingError("mapping", "not valid JSON: " + path));
  return ParseMapping(j, tickets);
}

Result<ImportSummary> ImportCsv(RecordService& records, Store& store, const Mapping& mapping,
                                const std::string& path, const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Error::Invalid("import.cannot_open", "path", {{"path", path}}));
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // a UTF-8 byte order mark, as spreadsheets write
  auto rows = ParseCsv(text, mapping.delimiter);
  if (!rows) return Fail(rows.error());
  if (rows->empty())
    return Fail(
        Error::Invalid("import.bad_header", "path", {{"path", path}, {"expected", mapping.id_column}}));
  ImportSummary summary;
  ManualClock clock(records.clock().Now());
  ClockSwap swap(records, clock);
  auto st = store.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    summary = ImportSummary{};
    Importer importer(records, tx, clock, mapping, summary);
    return importer.Run(*rows, options);
  });
  if (!st) return Fail(st.error());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

std::string FormatSummary(const ImportSummary& s) {
  char speed[96];
  std::snprintf(speed, sizeof speed, "%.2f s, %.0f rows/s", s.seconds,
                s.seconds > 0 ? static_cast<double>(s.rows_read) / s.seconds : 0.0);
  std::string out;
  out += "rows read:            " + std::to_string(s.rows_read) + "\n";
  out += "tickets imported:     " + std::to_string(s.imported) + "\n";
  out += "tickets skipped:      " + std::to_string(s.skipped) + " (already imported)\n";
  out += "users created:        " + std::to_string(s.users_created) + "\n";
  out += "stakeholders created: " + std::to_string(s.stakeholders_created) + "\n";
  out += "rows refused:         " + std::to_string(s.refused) + "\n";
  for (const auto& [reason, r] : s.reasons) {
    out += "  " + reason + ": " + std::to_string(r.count) + " (lines";
    for (size_t i = 0; i < r.example_lines.size(); ++i)
      out += (i ? ", " : " ") + std::to_string(r.example_lines[i]);
    out += r.count > static_cast<int64_t>(r.example_lines.size()) ? ", ...)\n" : ")\n";
  }
  out += "time:                 " + std::string(speed) + "\n";
  return out;
}

}  // namespace boucle::csv
