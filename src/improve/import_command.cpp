#include "improve/import_command.hpp"

#include <unistd.h>

#include "i18n/messages.hpp"
#include "improve/csv_import.hpp"
#include "improve/progress.hpp"
#include "improve/uci_import.hpp"

namespace boucle {
namespace {

int Failed(const Error& e, std::ostream& err) {
  err << "boucle: import failed, nothing was written: " << MessageFor(e, "en");
  if (!e.field.empty()) err << " [" << e.field << "]";
  err << " (" << e.code << ")\n";
  return 1;
}

}  // namespace

int RunImportCommand(RecordService& records, Store& store, const std::string& format, const std::string& path,
                     const std::string& mapping, std::ostream& out, std::ostream& err) {
  if (format != "uci-incident-log" && format != "csv") {
    err << "boucle: unknown import format '" << format << "' (known: uci-incident-log, csv)\n";
    return 2;
  }
  std::optional<ProgressBar> bar;
  const bool tty = isatty(STDERR_FILENO) != 0;
  auto progress = [&](int64_t done, int64_t total) {
    if (!bar) bar.emplace(err, tty, total, "rows");
    bar->Update(done);
    return true;
  };
  if (format == "csv") {
    if (mapping.empty()) {
      err << "boucle: --format csv needs --mapping MAPPING.json (see docs/import-glpi.md)\n";
      return 2;
    }
    auto m = csv::LoadMapping(mapping, *records.registry().Find("tickets"));
    if (!m) return Failed(m.error(), err);
    auto summary = csv::ImportCsv(records, store, *m, path, {progress});
    if (bar) bar->Finish();
    if (!summary) return Failed(summary.error(), err);
    out << "Imported " << path << " (csv, mapping " << mapping << ")\n" << csv::FormatSummary(*summary);
    return 0;
  }
  uci::ImportOptions options;
  options.on_progress = progress;
  if (tty) err << "Reading " << path << " ...\n";
  auto summary = uci::ImportIncidentLog(records, store, path, options);
  if (bar) bar->Finish();
  if (!summary) return Failed(summary.error(), err);
  out << "Imported " << path << " (" << uci::kSource << ")\n" << uci::FormatSummary(*summary);
  return 0;
}

}  // namespace boucle
