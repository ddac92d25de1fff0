#pragma once
// Import of the UCI "Incident management process enriched event log" (ServiceNow audit log,
// Amaral, Fantinato & Peres 2018, CC BY 4.0, doi:10.24432/C57S4H) into tickets with their history.
//
// Each CSV row is one update of an incident. Rows are grouped by `number` and ordered by
// `sys_mod_count`; the ticket is created at `opened_at` with the first event's values, then each
// later event is applied at its `sys_updated_at` through RecordService::UpdateIn, writing only the
// fields that changed, so that the history says who (the system actor), when, old and new.
// Everything runs in one write transaction: an error or a cancellation leaves the database as it was.
//
// Mapping (source -> ticket):
//   number -> external_ref; source = "uci-incident-log"; kind = incident;
//   title = "<number> — <category> / <subcategory>" (the data has no free text);
//   category, subcategory, assignment_group as given ("?" -> null);
//   impact / urgency "1 - High" / "2 - Medium" / "3 - Low" -> high / medium / low;
//   priority "1 - Critical" / "2 - High" / "3 - Moderate" / "4 - Low" -> critical / high / medium / low;
//   incident_state New -> new, Active -> in_progress, Awaiting * -> pending, Resolved -> resolved,
//     Closed -> closed (anything else, e.g. "-100", refuses the row);
//   reassignment_count, reopen_count: the source's cumulative counters;
//   sla_breached = !made_sla: the source's made_sla is read as "true = SLA target met";
//   resolved_at: the source's resolved_at, only while the event's state is resolved or closed;
//   closed_at: the source's closed_at, only while the event's state is closed;
//   assigned_to "Resolver 10" -> a users record (login "uci.resolver.10", display name
//     "Resolver 10", role agent, active false: imported people cannot log in), created once.
// Times "d/m/yyyy hh:mm" carry no zone; they are taken as UTC.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "record/service.hpp"

namespace boucle::uci {

inline constexpr const char* kSource = "uci-incident-log";
inline constexpr size_t kColumnCount = 36;

// "29/2/2016 01:16" (day and month with or without leading zero), as UTC.
std::optional<TimePoint> ParseEventTime(std::string_view text);

// "Resolver 10" -> "uci.resolver.10".
std::string LoginFor(std::string_view person);

struct Refusals {
  int64_t count = 0;
  std::vector<int64_t> example_lines;  // the first five line numbers (the header is line 1)
};

struct ImportSummary {
  int64_t rows_read = 0;  // data rows, header excluded
  int64_t rows_refused = 0;
  int64_t incidents_imported = 0;
  int64_t incidents_skipped = 0;  // their external_ref was already there
  int64_t incidents_failed = 0;   // no row of theirs could create the ticket
  int64_t updates_applied = 0;    // events that changed at least one field
  int64_t users_created = 0;
  std::map<std::string, Refusals> refused;  // by reason, e.g. "unknown_state", "bad_date:opened_at"
  double seconds = 0;
};

struct ImportOptions {
  // Called after each incident with the data rows handled so far and the total; returning false
  // cancels the import (the transaction is rolled back).
  std::function<bool(int64_t done, int64_t total)> on_progress;
};

// Reads `path` (plain or gzip CSV) and imports it. Fails, leaving the database unchanged, when the
// file cannot be read, its header is not the expected one, or the store fails.
Result<ImportSummary> ImportIncidentLog(RecordService& records, Store& store, const std::string& path,
                                        const ImportOptions& options = {});

// A few lines for people: rows, incidents, refusals by reason with example lines, speed.
std::string FormatSummary(const ImportSummary& summary);

}  // namespace boucle::uci
