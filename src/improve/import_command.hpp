#pragma once
// `boucle import --db FILE --format uci-incident-log|csv [--mapping MAPPING.json] PATH`: the CLI side
// of imports. main.cpp opens and migrates the store, then hands over here.
#include <ostream>
#include <string>

#include "record/service.hpp"

namespace boucle {

// Imports `path` in the given format (csv needs `mapping`, see improve/csv_import.hpp). A progress
// bar goes to `err` when standard error is a terminal; the summary goes to `out`. Returns the
// process exit code: 0 on success (even with refused rows), 1 when the import failed and nothing
// was written, 2 for an unknown format or a missing mapping.
int RunImportCommand(RecordService& records, Store& store, const std::string& format, const std::string& path,
                     const std::string& mapping, std::ostream& out, std::ostream& err);

}  // namespace boucle
