#pragma once
// Finding blocking points (Improve): the `findings` record type, the `pareto` report and the job
// that runs every analysis of analysis.hpp over the tickets and writes what it found.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "improve/findings/analysis.hpp"
#include "record/service.hpp"

namespace boucle {

void RegisterFindingType(Registry& registry);
void RegisterParetoReport(Registry& registry);

struct AnalysisTiming {
  std::string
      name;  // pareto, ping_pong, sla_breach_drivers, recurring_incidents, backlog_ageing, trend_change
  double ms = 0;
  size_t found = 0;
};

struct AnalysisRun {
  int64_t tickets = 0;
  double load_ms = 0;   // reading tickets and their assignment history
  double write_ms = 0;  // writing the findings
  std::vector<AnalysisTiming> analyses;
  int64_t created = 0, updated = 0, unchanged = 0, kept_dismissed = 0, gone = 0;
};

// Reads every ticket (as the system actor) with the history of its groups and assignees.
Result<std::vector<findings::TicketRow>> LoadTicketRows(RecordService& records);

// Runs every analysis over `rows`, timed; `on_step(done, total)` after each.
std::vector<findings::Draft> RunAllAnalyses(const std::vector<findings::TicketRow>& rows,
                                            const findings::Settings& settings, AnalysisRun& run,
                                            const std::function<void(int, int)>& on_step = {});

// Writes drafts as findings through RecordService: a finding with the same fingerprint is updated
// (only if something changed) unless it was dismissed, which stays as it is; open findings the
// analyses no longer see become "gone".
Status WriteFindings(RecordService& records, const std::vector<findings::Draft>& drafts, AnalysisRun& run);

// All of it, at the service's clock: the scheduled job and `boucle analyse`.
Result<AnalysisRun> RunFindingAnalyses(RecordService& records,
                                       const std::function<void(int, int)>& on_step = {});

}  // namespace boucle
