#include "improve/kpi_engine.hpp"

#include <cmath>
#include <map>

namespace boucle {

Result<std::vector<KpiResult>> ComputeKpis(Aggregates& data, const TypeFinder& types,
                                           const FilterParser& parse, const std::vector<KpiDefinition>& defs,
                                           TimePoint now) {
  std::vector<KpiResult> out(defs.size());
  // One batch per record type, so that the store scans each table as few times as it can.
  std::map<const TypeSpec*, std::vector<size_t>> by_type;
  std::vector<KpiPlan> plans(defs.size());
  for (size_t i = 0; i < defs.size(); ++i) {
    out[i].def = &defs[i];
    const KpiSource* source = FindKpiSource(defs[i].source);
    if (!source || !types(source->type)) {
      out[i].available = false;
      out[i].status = "unavailable";
      continue;
    }
    auto plan = PlanKpi(defs[i], types, parse, {.now = now});
    if (!plan) return Fail(plan.error());
    plans[i] = std::move(*plan);
    by_type[plans[i].type].push_back(i);
  }
  for (const auto& [type, indexes] : by_type) {
    std::vector<AggregateQuery> queries;
    for (size_t i : indexes) queries.push_back(plans[i].query);
    auto values = data.ComputeAll(*type, queries);
    if (!values) return Fail(values.error());
    for (size_t j = 0; j < indexes.size(); ++j) {
      KpiResult& r = out[indexes[j]];
      r.value = (*values)[j];
      r.status = KpiStatus(*r.def, r.value);
    }
  }
  return out;
}

Json KpisToJson(const std::vector<KpiResult>& values) {
  Json out = Json::object();
  for (const auto& v : values) {
    if (!v.available) continue;
    const std::string& id = v.def->id;
    if (!v.value) {
      out[id] = nullptr;
    } else if (std::isfinite(*v.value) && *v.value == std::floor(*v.value) &&
               v.def->measure == AggregateMeasure::kCount) {
      out[id] = static_cast<int64_t>(*v.value);
    } else {
      out[id] = *v.value;
    }
  }
  return out;
}

Result<KpiSeries> ComputeKpiSeries(Aggregates& data, const TypeFinder& types, const FilterParser& parse,
                                   const KpiDefinition& def, const KpiAsk& ask) {
  auto plan = PlanKpi(def, types, parse, ask);
  if (!plan) return Fail(plan.error());
  KpiSeries out;
  out.plan = std::move(*plan);
  AggregateQuery whole = out.plan.query;
  whole.group_by.clear();
  whole.period = AggregatePeriod::kNone;
  auto value = data.Compute(*out.plan.type, whole);
  if (!value) return Fail(value.error());
  out.value = *value;
  auto points = data.Groups(*out.plan.type, out.plan.query);
  if (!points) return Fail(points.error());
  for (auto& r : *points) out.points.push_back({std::move(r.group), std::move(r.period), r.n, r.value});
  if (!out.plan.query.group_by.empty()) {
    AggregateQuery by_group = out.plan.query;
    by_group.period = AggregatePeriod::kNone;
    auto groups = data.Groups(*out.plan.type, by_group);
    if (!groups) return Fail(groups.error());
    for (auto& r : *groups) out.groups.push_back({std::move(r.group), "", r.n, r.value});
  }
  return out;
}

FilterParser ParserFor(RecordService& records, const Actor& who) {
  return [&records, who](const std::string& type, const ListParams& params) {
    return records.ParseFilters(who, type, params);
  };
}

TypeFinder FinderFor(const Registry& registry) {
  return [&registry](std::string_view name) { return registry.Find(name); };
}

}  // namespace boucle
