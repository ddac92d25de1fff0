#pragma once
// CSV export of lists and reports, for spreadsheets: RFC 4180 quoting, CRLF line ends, a UTF-8
// byte order mark (without it Excel reads French accents as Windows-1252), enum values as labels
// in the reader's language, references as titles, and no cell a spreadsheet would run as a formula.
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"
#include "record/registry.hpp"

namespace boucle::http {

// One cell: text that starts like a formula (= + - @, tab or CR) gets a leading apostrophe,
// then the cell is quoted when it holds a comma, a quote or a line break.
std::string CsvText(std::string_view text);
// Numbers are written as they are: they come from typed fields and cannot be formulas.
std::string CsvNumber(const Json& number);

class CsvWriter {
 public:
  CsvWriter();  // starts with the byte order mark
  void Row(const std::vector<std::string>& cells);
  const std::string& Text() const { return out_; }

 private:
  std::string out_;
};

// A list of records as CSV: id, every described field, created and updated times. `titles` is the
// {"<type>": {"<id>": "title"}} map of the JSON list; `lang` is fr or en.
std::string RecordsCsv(const TypeSpec& type, const std::vector<Json>& items, const Json& titles,
                       std::string_view lang);

// A report's rows as CSV, in the order of its described columns.
std::string ReportCsv(const Registry& registry, const ReportSpec& report, const Json& result,
                      std::string_view lang);

// Takes the output parameters out of a list or report query: format=json|csv (true for csv) and
// lang=fr|en, which overrides `lang` (from Accept-Language or the profile) for the CSV labels.
Result<bool> TakeCsvFormat(std::multimap<std::string, std::string>& query, std::string& lang);

// A CSV download named `<name>.csv`.
Response CsvResponse(std::string body, const std::string& name);

// At most this many rows in one export: more is a job for the API's pages, not one request.
inline constexpr int64_t kMaxCsvRows = 50'000;

}  // namespace boucle::http
