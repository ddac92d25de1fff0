#pragma once
// `boucle import --db FILE --format uci-incident-log PATH`: the CLI side of imports. main.cpp opens
// and migrates the store, then hands over here.
#include <ostream>
#include <string>

#include "record/service.hpp"

namespace boucle {

// Imports `path` in the given format. A progress bar goes to `err` when standard error is a
// terminal; the summary goes to `out`. Returns the process exit code: 0 on success (even with
// refused rows), 1 when the import failed and nothing was written, 2 for an unknown format.
int RunImportCommand(RecordService& records, Store& store, const std::string& format, const std::string& path,
                     std::ostream& out, std::ostream& err);

}  // namespace boucle
