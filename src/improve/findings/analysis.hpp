#pragma once
// Finding blocking points: analyses over the tickets of a desk that say where work gets stuck
// (Pareto of volume and lost time, reassignment ping-pong, what drives SLA breaches, recurring
// incidents, ageing backlog, a KPI whose trend changed). Each is a pure function from ticket rows
// to draft findings, so that tests check it on hand-built tickets with hand-checked answers; the
// job in run_analyses.hpp loads the rows and writes the drafts as `findings` records.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "record/type_spec.hpp"

namespace boucle::findings {

// What the analyses read of one ticket. Dimension values are kept as a filter key (what the
// ticket list filters on: a service id, a category) and a label (the service's name).
struct TicketRow {
  int64_t id = 0;
  std::string kind = "incident";
  std::string status = "new";
  std::string category;
  std::string service_key, service_label;
  std::string group;
  std::string assignee_key, assignee_label;
  std::string priority;
  std::string text;  // title and description, for recurring incidents
  TimePoint created{};
  std::optional<TimePoint> resolved;
  std::optional<bool> breached;  // null: no SLA verdict
  int64_t reassignments = 0;
  // Successive assignment groups and assignees, the first one first (consecutive repeats allowed).
  std::vector<std::string> group_path;
  std::vector<std::string> assignee_path;
};

enum class Dimension { kCategory, kService, kGroup, kAssignee, kPriority };
inline constexpr Dimension kDimensions[] = {Dimension::kCategory, Dimension::kService, Dimension::kGroup,
                                            Dimension::kAssignee, Dimension::kPriority};
std::string_view DimensionName(Dimension d);  // category, service, group, assignee, priority
std::optional<Dimension> ParseDimension(std::string_view name);
// The ticket's value along a dimension: {filter key, label}; an empty key when it has none.
std::pair<std::string, std::string> ValueOf(const TicketRow& t, Dimension d);
// The ticket list filter of a dimension's key ("assignment_group", "service"...).
std::string_view FilterField(Dimension d);

bool IsOpen(const TicketRow& t);
// Hours lost on a ticket: from creation to resolution, or to `now` while it is open.
double LostHours(const TicketRow& t, TimePoint now);

// A finding before it is written: `fingerprint` (kind, dimension, subject) names it across runs,
// so that a re-run updates the open finding instead of adding a second one.
struct Draft {
  std::string kind;         // pareto_volume, pareto_lost_time, ping_pong, sla_breach_driver,
                            // recurring_incidents, backlog_ageing, trend_change
  std::string dimension;    // a Dimension's name, or "kpi" for a trend change
  std::string subject;      // the value (a category, "Desk ↔ Network", a KPI id)
  std::string subject_key;  // its filter key when it has one
  std::string summary_fr, summary_en;
  double score = 0;  // ranks findings of one kind: bigger is worse
  int64_t ticket_count = 0;
  std::vector<int64_t> tickets;  // evidence, at most kMaxEvidence, newest first
  Json figures = Json::object();
  std::string period_start, period_end;  // ISO 8601 UTC
  std::string at;                        // trend change: the first week of the new level
  std::string kpi;                       // the built-in KPI the finding bears on, when there is one
  std::string Fingerprint() const { return kind + "|" + dimension + "|" + subject; }
};

inline constexpr size_t kMaxEvidence = 50;

struct Settings {
  TimePoint now{};
  double vital_share = 0.8;         // Pareto: the values that make up this share of the total
  int64_t min_tickets = 5;          // fewer tickets than this say nothing about a value
  int64_t min_ping_pong = 3;        // tickets bounced between the same pair before it is a finding
  double alpha = 0.05;              // significance of breach drivers and trend changes
  int recurring_days = 90;          // recurring incidents: the window before the newest ticket
  double similarity = 0.5;          // Jaccard similarity of words for two look-alike incidents
  int64_t min_recurring = 3;        // incidents in a cluster before it is a problem candidate
  size_t max_cluster_input = 1500;  // newest incidents compared per service or category (pairs grow as n²)
  int old_days = 30;                // backlog: a ticket open longer than this is old
  double old_share = 0.5;           // ... and a group whose open tickets are mostly old is flagged
};

std::vector<Draft> ParetoFindings(const std::vector<TicketRow>& tickets, const Settings& s);
std::vector<Draft> PingPongFindings(const std::vector<TicketRow>& tickets, const Settings& s);
std::vector<Draft> BreachDriverFindings(const std::vector<TicketRow>& tickets, const Settings& s);
std::vector<Draft> RecurringFindings(const std::vector<TicketRow>& tickets, const Settings& s);
std::vector<Draft> BacklogFindings(const std::vector<TicketRow>& tickets, const Settings& s);
std::vector<Draft> TrendFindings(const std::vector<TicketRow>& tickets, const Settings& s);

// One bar of a Pareto chart: a dimension's value, its tickets and lost hours.
struct ParetoBar {
  std::string key, label;
  int64_t tickets = 0;
  double hours = 0;
  double share = 0, cumulative = 0;  // of the measure the bars are sorted by
};
// Bars sorted by `by_hours ? hours : tickets`, biggest first, with shares and cumulative shares.
std::vector<ParetoBar> Pareto(const std::vector<TicketRow>& tickets, Dimension d, bool by_hours,
                              TimePoint now);

// Helpers shared by the analyses.
std::string Percent(double share);                        // "42 %"
std::string Hours(double hours);                          // "12.5"
std::vector<int64_t> Evidence(std::vector<int64_t> ids);  // newest (highest id) first, capped
std::string Iso(TimePoint t);
// "catégories" / "categories", "la catégorie" / "the category": for summary sentences.
std::string_view PluralFr(Dimension d);
std::string_view PluralEn(Dimension d);
std::string_view SingularFr(Dimension d);
std::string_view SingularEn(Dimension d);

}  // namespace boucle::findings
