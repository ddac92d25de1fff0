#pragma once
// Generic CSV import of tickets: `boucle import --format csv --mapping MAPPING.json PATH`.
// The mapping (JSON, documented in docs/import-glpi.md with GLPI's ticket export as the example)
// says which source column feeds which ticket field, how enum values translate, how dates read,
// and which column is the source's own id (kept as external_ref: importing again skips it).
//
// A row that cannot become a ticket is refused with its reason, its line and its column, and the
// others are imported; a file or mapping that cannot be read, a column the mapping names but the
// file lacks, or a store error fails the whole import and leaves the database as it was (one
// write transaction).
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "record/service.hpp"

namespace boucle::csv {

// One column feeding one ticket field.
struct ColumnMap {
  std::string target;  // a ticket field, or: created_at, priority (sets impact and urgency),
                       // assignee_name (a user, created inactive once), requester_name (a stakeholder)
  std::string column;  // the header's name
  std::map<std::string, std::string> values;  // source value -> ticket value (enums)
  std::vector<std::string> date_formats;      // date-times: strptime-like, %d %m %Y %y %H %M %S
  bool required = false;                      // an empty cell refuses the row
  std::string path;                           // where it is in the mapping, for errors: columns.status
};

struct Mapping {
  char delimiter = ',';
  std::string id_column;  // the source's id: external_ref = id_prefix + value
  std::string id_prefix;
  std::string source = "csv";  // the tickets' `source` field
  std::vector<std::string> date_formats{"%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"};
  int utc_offset_minutes = 0;  // the source's local time minus UTC (Paris in winter: 60)
  std::vector<ColumnMap> columns;
  Json defaults = Json::object();  // fixed ticket values, e.g. {"kind": "incident"}
};

// Reads and checks a mapping against the tickets' description; errors name the mapping field
// ("columns.status.values.Nouveau", "delimiter", ...).
Result<Mapping> ParseMapping(const Json& json, const TypeSpec& tickets);
Result<Mapping> LoadMapping(const std::string& path, const TypeSpec& tickets);

// "24-11-2026 14:05" with "%d-%m-%Y %H:%M", as UTC once `utc_offset_minutes` is taken off.
std::optional<TimePoint> ParseDate(std::string_view text, const std::string& format, int utc_offset_minutes);

// Splits CSV text into rows (RFC 4180 quotes, the delimiter, CRLF or LF); each row keeps the line
// where it starts. Fails on an unterminated quote, naming its line.
struct Row {
  int64_t line = 0;
  std::vector<std::string> cells;
};
Result<std::vector<Row>> ParseCsv(std::string_view text, char delimiter);

struct Refusals {
  int64_t count = 0;
  std::vector<int64_t> example_lines;  // the first five
};

struct ImportSummary {
  int64_t rows_read = 0;
  int64_t imported = 0;
  int64_t skipped = 0;  // their external id was already there
  int64_t refused = 0;
  int64_t users_created = 0;
  int64_t stakeholders_created = 0;
  std::map<std::string, Refusals> reasons;  // "unknown_value [Statut]", "bad_date [Date d'ouverture]"...
  double seconds = 0;
};

struct ImportOptions {
  std::function<bool(int64_t done, int64_t total)> on_progress;  // false cancels (rolled back)
};

Result<ImportSummary> ImportCsv(RecordService& records, Store& store, const Mapping& mapping,
                                const std::string& path, const ImportOptions& options = {});

std::string FormatSummary(const ImportSummary& summary);

}  // namespace boucle::csv
