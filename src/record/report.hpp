#pragma once
// Reports: read-only views computed by the domain from records (relationship health, KPIs...).
// Each is described once, like a record type: name, labels, area, roles, and the function that
// computes it. They answer {"rows": [...], "summary": [{name, label, value}]} and their columns
// are in the description, so that any client can show them as a table.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "record/actor.hpp"
#include "record/type_spec.hpp"

namespace boucle {

using ReportParams = std::multimap<std::string, std::string>;

class ReportContext {
 public:
  virtual ~ReportContext() = default;
  virtual TimePoint Now() const = 0;
  virtual const Actor& Who() const = 0;
  // Every record of `type` the caller may see that matches `filters` (list query syntax).
  virtual Result<std::vector<Json>> All(const std::string& type, const ReportParams& filters = {}) = 0;
};

using ReportHandler = std::function<Result<Json>(ReportContext&, const ReportParams& params)>;

struct ReportColumn {
  std::string name;
  Label label;
  std::string kind = "text";  // text, integer, decimal, datetime, ref:<type>
};

struct ReportSpec {
  std::string name;
  Label label;
  Area area = Area::kPlatform;
  RoleSet roles;
  std::vector<std::string> params;  // the query parameters it accepts
  std::vector<ReportColumn> columns;
  ReportHandler run;
};

}  // namespace boucle
