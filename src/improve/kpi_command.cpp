#include "improve/kpi_command.hpp"

#include <chrono>
#include <cstdio>

#include "improve/kpi.hpp"

namespace boucle {

int RunKpiCommand(const Registry& registry, const std::string& db_path, bool json, std::ostream& out,
                  std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  auto aggregates = OpenSqliteAggregates(db_path);
  if (!aggregates) {
    err << "boucle: cannot read " << db_path << ": " << aggregates.error().params.dump() << "\n";
    return 1;
  }
  auto values = ComputeKpis(**aggregates, registry);
  if (!values) {
    err << "boucle: KPI computation failed: " << values.error().code << " " << values.error().params.dump() << "\n";
    return 1;
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (json) {
    out << KpisToJson(*values).dump() << "\n";
    return 0;
  }
  const Json j = KpisToJson(*values);
  for (const auto& v : *values) {
    std::string name = v.id;
    name.resize(std::max<size_t>(name.size() + 2, 32), ' ');
    out << name << (j[v.id].is_null() ? "n/a" : j[v.id].dump()) << "\n";
  }
  char line[64];
  std::snprintf(line, sizeof line, "computed in %.1f ms\n", ms);
  out << line;
  return 0;
}

}  // namespace boucle
