#pragma once
// Reports: read-only views computed by the domain from records (relationship health, KPIs...).
// Each is described once, like a record type: name, labels, area, roles, and the function that
// computes it. They answer {"rows": [...], "summary": [{name, label, value}]} and their columns
// are in the description, so that any client can show them as a table.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "record/actor.hpp"
#include "record/type_spec.hpp"

namespace boucle {

// One figure of a report's summary, as every report answers it: {name, label: {fr, en}, value}.
inline Json SummaryFigure(const std::string& name, const Label& label, Json value) {
  return Json{{"name", name}, {"label", {{"fr", label.fr}, {"en", label.en}}}, {"value", std::move(value)}};
}

using ReportParams = std::multimap<std::string, std::string>;

class ReportContext {
 public:
  virtual ~ReportContext() = default;
  virtual TimePoint Now() const = 0;
  virtual const Actor& Who() const = 0;
  // The description of a registered type (for labels), or null.
  virtual const TypeSpec* TypeNamed(std::string_view name) const = 0;
  // Every record of `type` the caller may see that matches `filters` (list query syntax).
  virtual Result<std::vector<Json>> All(const std::string& type, const ReportParams& filters = {}) = 0;
  // Every record of `type` matching `filters`, whatever the caller's role and row scope. Only for
  // reports that show everyone the public part of records (an idea's title and votes, what was done
  // about a theme) and never a private one (who asked, a ticket's title).
  virtual Result<std::vector<Json>> AllForPublicView(const std::string& type,
                                                     const ReportParams& filters = {}) = 0;
  // Records of `type` whose searchable text matches `text` (full-text search, at most `limit`), with
  // the caller's role and row scope.
  virtual Result<std::vector<Json>> Search(const std::string& type, const std::string& text,
                                           int64_t limit) = 0;
};

using ReportHandler = std::function<Result<Json>(ReportContext&, const ReportParams& params)>;

struct ReportColumn {
  std::string name;
  Label label;
  std::string kind = "text";  // text, integer, decimal, datetime, ref:<type>
};

// How a client may draw a report's rows, by column names (empty: not used). Kinds:
//  scatter / bubble: one point per row at (x, y); bubble radius from `size`, or from the number of
//    rows at the same point when `size` is empty; `series` colours, `label` names the point;
//  bar / stacked_bar: `x` categories, `y` values (summed), one bar (or stack part) per `series`;
//  matrix: a heat-map-like grid of row counts per (x, y) pair, both enum columns in option order;
//  pareto: bars of `y` per `x` in row order (biggest first) with the line of `size`, a cumulative
//    share from 0 to 1, on a second axis; a row's `query` ({type, search}) opens the records behind it.
// Quadrants, when given, split a scatter or bubble chart at (x_split, y_split) and name each part.
struct ReportChart {
  std::string kind;
  std::string x, y, size, series, label;
  struct Quadrants {
    double x_split = 0, y_split = 0;
    Label high_high, low_high, high_low, low_low;  // named by x then y: low_high is low x, high y
  };
  std::optional<Quadrants> quadrants;
};

struct ReportSpec {
  std::string name;
  Label label;
  Area area = Area::kPlatform;
  RoleSet roles;
  std::vector<std::string> params;  // the query parameters it accepts
  // Parameters that take the id of a record, by name, with that record's type: the page of such a
  // record links to the report filtered on it (a survey campaign to its results).
  std::map<std::string, std::string> record_params;
  std::vector<ReportColumn> columns;
  ReportHandler run;
  std::optional<ReportChart> chart;
  // Long reports (a row per stakeholder) answer one page when asked: `limit` (1-500) and `offset`
  // select the rows sent, `total` counts them all; the summary still covers every row. Without
  // `limit` (a CSV export), every row.
  bool paged = false;
};

}  // namespace boucle
