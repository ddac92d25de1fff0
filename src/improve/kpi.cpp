#include "improve/kpi.hpp"

#include <cmath>
#include <map>

namespace boucle {
namespace {

using M = AggregateMeasure;

Filter Done() { return {"status", FilterOp::kIn, Json::array({"resolved", "closed"})}; }

}  // namespace

const std::vector<KpiDefinition>& BuiltinKpis() {
  static const std::vector<KpiDefinition> kKpis = [] {
    const DurationHours resolve{"created_at", "resolved_at"};
    const Filter resolved_at{"resolved_at", FilterOp::kNotNull, Json()};
    return std::vector<KpiDefinition>{
        {"ticket_count", "tickets", {M::kCount, {}, {}, {}}, "Number of tickets"},
        {"resolved_count", "tickets", {M::kCount, {Done()}, {}, {}}, "Tickets resolved or closed"},
        {"reopen_rate", "tickets",
         {M::kShare, {Done()}, {{"reopen_count", FilterOp::kGt, 0}}, {}},
         "Share of resolved or closed tickets reopened at least once"},
        {"reassignment_rate", "tickets",
         {M::kShare, {}, {{"reassignment_count", FilterOp::kGt, 0}}, {}},
         "Share of tickets reassigned at least once"},
        {"sla_compliance", "tickets",
         {M::kShare, {{"sla_breached", FilterOp::kNotNull, Json()}}, {{"sla_breached", FilterOp::kEq, false}}, {}},
         "Share of tickets with an SLA verdict whose target was met"},
        {"first_contact_resolution_rate", "tickets",
         {M::kShare, {Done()}, {{"reassignment_count", FilterOp::kEq, 0}, {"reopen_count", FilterOp::kEq, 0}}, {}},
         "Share of resolved or closed tickets never reassigned nor reopened"},
        {"resolve_time_mean_hours", "tickets", {M::kMean, {resolved_at}, {}, resolve},
         "Mean hours from creation to resolution"},
        {"resolve_time_median_hours", "tickets", {M::kMedian, {resolved_at}, {}, resolve},
         "Median (nearest rank) hours from creation to resolution"},
        {"resolve_time_p90_hours", "tickets", {M::kP90, {resolved_at}, {}, resolve},
         "90th percentile (nearest rank) hours from creation to resolution"},
    };
  }();
  return kKpis;
}

Result<std::vector<KpiValue>> ComputeKpis(Aggregates& aggregates, const Registry& registry,
                                          const std::vector<KpiDefinition>& kpis) {
  std::vector<KpiValue> out(kpis.size());
  // One batch per record type, so that the store scans each table as few times as it can.
  std::map<std::string, std::vector<size_t>> by_type;
  for (size_t i = 0; i < kpis.size(); ++i) {
    out[i].id = kpis[i].id;
    by_type[kpis[i].type].push_back(i);
  }
  for (const auto& [type_name, indexes] : by_type) {
    const TypeSpec* type = registry.Find(type_name);
    if (!type) return Fail(Error::Of(ErrorKind::kNotFound, "type.unknown", {{"type", type_name}}));
    std::vector<AggregateQuery> queries;
    for (size_t i : indexes) queries.push_back(kpis[i].query);
    auto values = aggregates.ComputeAll(*type, queries);
    if (!values) return Fail(values.error());
    for (size_t j = 0; j < indexes.size(); ++j) out[indexes[j]].value = (*values)[j];
  }
  return out;
}

Json KpisToJson(const std::vector<KpiValue>& values) {
  Json out = Json::object();
  for (const auto& v : values) {
    if (!v.value) {
      out[v.id] = nullptr;
    } else if (std::isfinite(*v.value) && *v.value == std::floor(*v.value) && v.id.ends_with("_count")) {
      out[v.id] = static_cast<int64_t>(*v.value);
    } else {
      out[v.id] = *v.value;
    }
  }
  return out;
}

}  // namespace boucle
