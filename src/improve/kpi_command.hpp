#pragma once
// `boucle kpi --db FILE [--json]`: prints every built-in KPI (see improve/kpi.hpp for definitions).
#include <ostream>
#include <string>

#include "record/service.hpp"

namespace boucle {

// Reads the database at `db_path` (already migrated) through a read-only connection of its own;
// `records` parses the definitions' filters. With `json`, one JSON object on one line; otherwise
// one "id  value" line per KPI and the compute time. Returns the exit code (0 or 1).
int RunKpiCommand(RecordService& records, const std::string& db_path, bool json, std::ostream& out,
                  std::ostream& err);

}  // namespace boucle
