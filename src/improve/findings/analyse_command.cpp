#include "improve/findings/analyse_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <optional>

#include "i18n/messages.hpp"
#include "improve/findings/findings.hpp"
#include "improve/progress.hpp"

namespace boucle {

int RunAnalyseCommand(RecordService& records, bool json, std::ostream& out, std::ostream& err) {
  std::optional<ProgressBar> bar;
  const bool tty = isatty(STDERR_FILENO) != 0;
  if (tty && !json) err << "Reading tickets and their history ...\n";
  auto run = RunFindingAnalyses(records, [&](int done, int total) {
    if (!bar) bar.emplace(err, tty && !json, total, "analyses");
    bar->Update(done);
  });
  if (bar) bar->Finish();
  if (!run) {
    err << "boucle: analysis failed: " << MessageFor(run.error(), "en") << " (" << run.error().code << ")\n";
    return 1;
  }
  if (json) {
    Json analyses = Json::object();
    for (const auto& a : run->analyses) analyses[a.name] = {{"ms", a.ms}, {"found", a.found}};
    out << Json{{"tickets", run->tickets},
                {"load_ms", run->load_ms},
                {"write_ms", run->write_ms},
                {"analyses", analyses},
                {"created", run->created},
                {"updated", run->updated},
                {"unchanged", run->unchanged},
                {"kept_dismissed", run->kept_dismissed},
                {"gone", run->gone}}
               .dump()
        << "\n";
    return 0;
  }
  char line[160];
  std::snprintf(line, sizeof line, "%s tickets read in %.1f ms\n", GroupThousands(run->tickets).c_str(),
                run->load_ms);
  out << line;
  for (const auto& a : run->analyses) {
    std::snprintf(line, sizeof line, "  %-22s %8.1f ms  %zu found\n", a.name.c_str(), a.ms, a.found);
    out << line;
  }
  std::snprintf(line, sizeof line,
                "findings: %lld new, %lld updated, %lld unchanged, %lld dismissed kept, %lld no longer seen "
                "(written in %.1f ms)\n",
                static_cast<long long>(run->created), static_cast<long long>(run->updated),
                static_cast<long long>(run->unchanged), static_cast<long long>(run->kept_dismissed),
                static_cast<long long>(run->gone), run->write_ms);
  out << line;
  return 0;
}

}  // namespace boucle
