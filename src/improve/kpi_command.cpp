#include "improve/kpi_command.hpp"

#include <chrono>
#include <cstdio>

#include "improve/kpi_engine.hpp"

namespace boucle {

int RunKpiCommand(RecordService& records, const std::string& db_path, bool json, std::ostream& out,
                  std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  auto aggregates = OpenSqliteAggregates(db_path);
  if (!aggregates) {
    err << "boucle: cannot read " << db_path << ": " << aggregates.error().params.dump() << "\n";
    return 1;
  }
  auto values = ComputeKpis(**aggregates, FinderFor(records.registry()), ParserFor(records, Actor::System()),
                            BuiltinKpis(), records.clock().Now());
  if (!values) {
    err << "boucle: KPI computation failed: " << values.error().code << " " << values.error().params.dump()
        << "\n";
    return 1;
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const Json j = KpisToJson(*values);
  if (json) {
    out << j.dump() << "\n";
    return 0;
  }
  for (const auto& v : *values) {
    if (!v.available) continue;
    std::string name = v.def->id;
    name.resize(std::max<size_t>(name.size() + 2, 32), ' ');
    out << name << (j[v.def->id].is_null() ? "n/a" : j[v.def->id].dump()) << "\n";
  }
  char line[64];
  std::snprintf(line, sizeof line, "computed in %.1f ms\n", ms);
  out << line;
  return 0;
}

}  // namespace boucle
