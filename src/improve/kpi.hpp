#pragma once
// Built-in service-desk KPIs over all tickets, described as data ({id, measure, filters, value})
// and computed by the store's aggregates, never by loading tickets.
//
// Definitions (a "share" is a number in 0..1, null when its population is empty):
//   ticket_count                   number of tickets.
//   resolved_count                 tickets whose status is resolved or closed.
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
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "record/registry.hpp"
#include "store/aggregate.hpp"

namespace boucle {

struct KpiDefinition {
  std::string id;           // stable JSON key
  std::string type;         // record type, e.g. "tickets"
  AggregateQuery query;
  std::string description;  // one line, for people
};

const std::vector<KpiDefinition>& BuiltinKpis();

struct KpiValue {
  std::string id;
  std::optional<double> value;  // null: undefined (empty population)
};

Result<std::vector<KpiValue>> ComputeKpis(Aggregates& aggregates, const Registry& registry,
                                          const std::vector<KpiDefinition>& kpis = BuiltinKpis());

// {"ticket_count": 24918, "reopen_rate": 0.0123, ...}; counts as integers, undefined as null.
Json KpisToJson(const std::vector<KpiValue>& values);

}  // namespace boucle
