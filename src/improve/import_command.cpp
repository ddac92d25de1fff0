#include "improve/import_command.hpp"

#include <unistd.h>

#include "improve/progress.hpp"
#include "improve/uci_import.hpp"

namespace boucle {

int RunImportCommand(RecordService& records, Store& store, const std::string& format, const std::string& path,
                     std::ostream& out, std::ostream& err) {
  if (format != "uci-incident-log") {
    err << "boucle: unknown import format '" << format << "' (known: uci-incident-log)\n";
    return 2;
  }
  std::optional<ProgressBar> bar;
  uci::ImportOptions options;
  const bool tty = isatty(STDERR_FILENO) != 0;
  options.on_progress = [&](int64_t done, int64_t total) {
    if (!bar) bar.emplace(err, tty, total, "rows");
    bar->Update(done);
    return true;
  };
  if (tty) err << "Reading " << path << " ...\n";
  auto summary = uci::ImportIncidentLog(records, store, path, options);
  if (bar) bar->Finish();
  if (!summary) {
    const Error& e = summary.error();
    err << "boucle: import failed, nothing was written: " << e.code;
    if (!e.params.empty()) err << " " << e.params.dump();
    err << "\n";
    return 1;
  }
  out << "Imported " << path << " (" << uci::kSource << ")\n" << uci::FormatSummary(*summary);
  return 0;
}

}  // namespace boucle
