#pragma once
// KPIs described as data. A definition is a measure (count, share, mean, median, p90, nps) over a
// source (tickets, feedback, survey answers...), a filter in list query syntax, a value for the
// measures of a value, the date-time that buckets it into weeks or months, and a target with a
// warning threshold and a direction. Built-in definitions are below; people add their own as
// `kpi_definitions` records (improve/kpi_type.cpp) without code. The store computes them as SQL
// aggregates (store/aggregate.hpp); nothing here loads records.
//
// Built-in definitions (a "share" is a number in 0..1, null when its population is empty):
//   ticket_count                   number of tickets (periods: created_at).
//   resolved_count                 tickets whose status is resolved or closed (periods: resolved_at).
//   backlog_count                  open tickets: new, assigned, in progress or pending.
//   backlog_age_mean_hours         mean hours from creation to now of the open tickets.
//   backlog_age_p90_hours          nearest-rank 90th percentile of the same ages.
//   reopen_rate                    among resolved or closed tickets, the share with reopen_count > 0.
//   reassignment_rate              among all tickets, the share with reassignment_count > 0.
//   sla_compliance                 among tickets with a non-null sla_breached, the share with
//                                  sla_breached = false (the SLA target was met).
//   first_contact_resolution_rate  among resolved or closed tickets, the share with
//                                  reassignment_count = 0 and reopen_count = 0.
//   resolve_time_mean_hours        mean of (resolved_at - created_at) in hours, over tickets with a
//                                  non-null resolved_at (whatever their status).
//   resolve_time_median_hours      nearest-rank median of the same values: the value at rank
//                                  ceil(0.5 n) of the n values sorted ascending.
//   resolve_time_p90_hours         nearest-rank 90th percentile: rank ceil(0.9 n).
//   satisfaction_mean              mean rating (1-5) of the feedback that has one.
//   csat                           among rated feedback, the share rated 4 or 5.
//   nps                            net promoter score of the 0-10 `score` of survey answers:
//                                  100 * (share of 9-10 - share of 0-6); unavailable until a
//                                  survey_answers type exists.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "record/registry.hpp"
#include "store/aggregate.hpp"

namespace boucle {

// Where a KPI's records come from. A new source is one more line in KpiSources().
struct KpiSource {
  std::string name;  // as definitions name it
  std::string type;  // the record type read
  Label label;
  std::string period_field;  // the date-time that places a record in a week or a month by default
};

const std::vector<KpiSource>& KpiSources();
const KpiSource* FindKpiSource(std::string_view name);

enum class KpiDirection { kHigher, kLower };  // which way is better

struct KpiDefinition {
  std::string id;  // stable key (JSON, URLs)
  Label label;
  std::string description;
  std::string source = "tickets";
  AggregateMeasure measure = AggregateMeasure::kCount;
  std::string filter;     // the population, in list query syntax: "status__in=resolved,closed&priority=high"
  std::string numerator;  // share only: the hits among the population, same syntax
  // mean / median / p90 / nps: a numeric field ("rating"), or hours between two date-times
  // ("created_at..resolved_at"), or an age up to now ("created_at..now").
  std::string value;
  std::string period_field;    // empty: the source's
  std::string group_by;        // the default grouping of its chart; empty: none
  std::string unit = "count";  // count, share, hours, score, number: how to show it
  std::optional<double> target;
  std::optional<double> warning;  // beyond the target, before critical
  KpiDirection direction = KpiDirection::kHigher;
  bool builtin = true;
};

const std::vector<KpiDefinition>& BuiltinKpis();

std::string_view MeasureName(AggregateMeasure m);
std::optional<AggregateMeasure> ParseMeasure(std::string_view name);

// Finds a type by name (the registry, or a hook's context).
using TypeFinder = std::function<const TypeSpec*(std::string_view)>;

// Checks a definition; the error names the bad field of the definition ("measure", "group_by",
// "filter", "value", ...). The filters' own values are checked again when computed.
Status ValidateKpi(const KpiDefinition& def, const TypeFinder& types);

// "ok", "warning" or "critical" against the target and the warning threshold; "none" without a
// target; "unknown" without a value.
std::string KpiStatus(const KpiDefinition& def, std::optional<double> value);

Json KpiDefinitionJson(const KpiDefinition& def);

}  // namespace boucle
