#include "improve/kpi_service.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "improve/kpi_check.hpp"
#include "improve/kpi_type.hpp"

namespace boucle {
namespace {

// Aggregates through the record service: the caller's roles and row scope apply.
class ServiceAggregates final : public Aggregates {
 public:
  ServiceAggregates(RecordService& records, const Actor& who) : records_(records), who_(who) {}
  Result<std::vector<std::optional<double>>> ComputeAll(const TypeSpec& type,
                                                        const std::vector<AggregateQuery>& queries) override {
    return records_.Aggregate(who_, type.name, queries);
  }
  Result<std::vector<AggregateRow>> Groups(const TypeSpec& type, const AggregateQuery& query) override {
    return records_.AggregateGroups(who_, type.name, query);
  }

 private:
  RecordService& records_;
  const Actor& who_;
};

constexpr size_t kMaxSeries = 10;  // lines of a chart: the largest groups

Status StaffOnly(const Actor& who) {
  if (!RoleSet::Staff().Has(who.role)) return Fail(Error::Of(ErrorKind::kForbidden, "role.forbidden"));
  return {};
}

Json Value(std::optional<double> v) { return v ? Json(*v) : Json(); }

Json LabelJson(const Label& l) { return {{"fr", l.fr}, {"en", l.en}}; }

}  // namespace

Result<std::vector<KpiDefinition>> KpiService::Definitions(const Actor& who) {
  std::vector<KpiDefinition> defs = BuiltinKpis();
  auto page = records_.List(who, "kpi_definitions", {{"active", "true"}, {"limit", "500"}, {"sort", "key"}});
  if (!page) return Fail(page.error());
  for (const auto& record : page->items) {
    auto def = KpiFromRecord(record);
    if (def) defs.push_back(std::move(*def));
  }
  return defs;
}

Result<Json> KpiService::Overview(const Actor& who) {
  if (auto st = StaffOnly(who); !st) return Fail(st.error());
  auto defs = Definitions(who);
  if (!defs) return Fail(defs.error());
  ServiceAggregates data(records_, who);
  Json items = Json::array();
  const TypeFinder types = FinderFor(records_.registry());
  const FilterParser parse = ParserFor(records_, who);
  const TimePoint now = records_.clock().Now();
  // Each KPI alone first when a custom one is broken (its source gone): it shows as invalid, the
  // others still count. The built-ins come in one batch per table.
  std::vector<KpiDefinition> valid;
  std::vector<std::pair<const KpiDefinition*, std::string>> invalid;
  for (const auto& d : *defs) {
    if (d.builtin) {
      valid.push_back(d);
      continue;
    }
    auto plan = PlanKpi(d, types, parse, {.now = now});
    if (plan || plan.error().kind != ErrorKind::kInvalid)
      valid.push_back(d);
    else
      invalid.emplace_back(&d, plan.error().code);
  }
  auto results = ComputeKpis(data, types, parse, valid, now);
  if (!results) return Fail(results.error());
  for (const auto& r : *results) {
    Json item = KpiDefinitionJson(*r.def);
    item["value"] = Value(r.value);
    item["status"] = r.status;
    items.push_back(std::move(item));
  }
  for (const auto& [def, code] : invalid) {
    Json item = KpiDefinitionJson(*def);
    item["value"] = nullptr;
    item["status"] = "invalid";
    item["error"] = code;
    items.push_back(std::move(item));
  }
  return Json{{"kpis", items}};
}

Result<Json> KpiService::GroupLabels(const Actor& who, const TypeSpec& type, const std::string& field,
                                     const std::vector<Json>& values) {
  Json labels = Json::object();
  const FieldSpec* f = type.Field(field);
  auto key = [](const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  for (const auto& v : values) {
    if (v.is_null()) {
      labels["null"] = {{"fr", "(aucun)"}, {"en", "(none)"}};
    } else if (f && f->kind == FieldKind::kEnum && f->FindOption(key(v))) {
      labels[key(v)] = LabelJson(f->FindOption(key(v))->label);
    } else if (v.is_boolean()) {
      labels[key(v)] = v.get<bool>() ? Json{{"fr", "Oui"}, {"en", "Yes"}} : Json{{"fr", "Non"}, {"en", "No"}};
    } else {
      labels[key(v)] = {{"fr", key(v)}, {"en", key(v)}};
    }
  }
  if (!f || f->kind != FieldKind::kRef) return labels;
  // Titles of referenced records, 100 ids per list (the list's own bound).
  const TypeSpec* target = records_.registry().Find(f->ref_type);
  std::vector<int64_t> ids;
  for (const auto& v : values)
    if (v.is_number_integer()) ids.push_back(v.get<int64_t>());
  for (size_t start = 0; start < ids.size(); start += 100) {
    std::string in;
    for (size_t i = start; i < std::min(ids.size(), start + 100); ++i)
      in += (in.empty() ? "" : ",") + std::to_string(ids[i]);
    auto page = records_.List(who, f->ref_type, {{"id__in", in}, {"limit", "100"}});
    if (!page) {
      if (page.error().kind == ErrorKind::kForbidden) break;  // ids stay as they are
      return Fail(page.error());
    }
    for (const auto& r : page->items) {
      const std::string title = RecordService::TitleOf(*target, r);
      labels[std::to_string(r["id"].get<int64_t>())] = {{"fr", title}, {"en", title}};
    }
  }
  return labels;
}

Result<Json> KpiService::Detail(const Actor& who, const std::string& id, const ListParams& params) {
  if (auto st = StaffOnly(who); !st) return Fail(st.error());
  auto def = Definition(who, id);
  if (!def) return Fail(def.error());
  KpiAsk ask;
  ask.now = records_.clock().Now();
  ask.period = AggregatePeriod::kMonth;
  ask.group_by = def->group_by;
  for (const auto& [key, value] : params) {
    if (key == "group") {
      ask.group_by = value == "none" ? "" : value;
    } else if (key == "period") {
      auto p = ParsePeriod(value);
      if (!p)
        return Fail(Error::Invalid("query.invalid_value", "period", {{"expected", "week, month, none"}}));
      ask.period = *p;
    } else {
      ask.filters.emplace(key, value);
    }
  }
  ServiceAggregates data(records_, who);
  const TypeFinder types = FinderFor(records_.registry());
  auto series = ComputeKpiSeries(data, types, ParserFor(records_, who), *def, ask);
  if (!series) return Fail(series.error());
  const KpiPlan& plan = series->plan;
  const bool share = def->measure == AggregateMeasure::kShare;
  auto point_json = [&](const KpiPoint& p, AggregatePeriod period) {
    Json j{{"group", p.group},
           {"n", p.n},
           {"value", Value(p.value)},
           {"status", KpiStatus(*def, p.value)},
           {"query", PointQuery(plan, p.group, period, p.period)}};
    if (period != AggregatePeriod::kNone) {
      const auto [from, to] = PeriodBounds(period, p.period);
      j["period"] = p.period;
      j["start"] = from;
      j["end"] = to;
    }
    if (share) j["hits_query"] = PointQuery(plan, p.group, period, p.period, true);
    return j;
  };
  // Labels of every group seen.
  std::vector<Json> values;
  std::set<std::string> seen;
  for (const auto* list : {&series->points, &series->groups})
    for (const auto& p : *list)
      if (seen.insert(p.group.dump()).second) values.push_back(p.group);
  Json labels = Json::object();
  if (!ask.group_by.empty()) {
    auto l = GroupLabels(who, *plan.type, ask.group_by, values);
    if (!l) return Fail(l.error());
    labels = std::move(*l);
  }
  KpiPlan whole = plan;  // the records behind the value over everything asked
  whole.query.group_by.clear();
  auto label_of = [&](const Json& g) -> Json {
    const std::string k = g.is_null() ? "null" : g.is_string() ? g.get<std::string>() : g.dump();
    return labels.contains(k) ? labels[k] : Json();
  };
  // Groups, largest first; the chart draws the first kMaxSeries.
  std::vector<KpiPoint> groups = series->groups;
  std::stable_sort(groups.begin(), groups.end(),
                   [](const KpiPoint& a, const KpiPoint& b) { return a.n > b.n; });
  Json groups_json = Json::array();
  for (const auto& g : groups) {
    Json j = point_json(g, AggregatePeriod::kNone);
    j["label"] = label_of(g.group);
    groups_json.push_back(std::move(j));
  }
  std::vector<Json> drawn;
  if (ask.group_by.empty()) drawn.push_back(Json());
  for (size_t i = 0; i < groups.size() && drawn.size() < kMaxSeries; ++i) drawn.push_back(groups[i].group);
  Json series_json = Json::array();
  for (const auto& g : drawn) {
    Json points = Json::array();
    for (const auto& p : series->points)
      if (p.group == g) points.push_back(point_json(p, ask.period));
    series_json.push_back({{"group", g}, {"label", label_of(g)}, {"points", points}});
  }
  return Json{{"kpi", KpiDefinitionJson(*def)},
              {"value", Value(series->value)},
              {"status", KpiStatus(*def, series->value)},
              {"group", ask.group_by.empty() ? Json() : Json(ask.group_by)},
              {"period", PeriodName(ask.period)},
              {"query", PointQuery(whole, Json(), AggregatePeriod::kNone, "")},
              {"series", series_json},
              {"groups", groups_json}};
}

Result<KpiDefinition> KpiService::Definition(const Actor& who, const std::string& id) {
  auto defs = Definitions(who);
  if (!defs) return Fail(defs.error());
  for (auto& d : *defs)
    if (d.id == id) return std::move(d);
  return Fail(Error::Of(ErrorKind::kNotFound, "kpi.unknown", {{"id", id}}));
}

Result<Json> KpiService::Check(const Actor& who, const std::string& id, const ListParams& params) {
  if (auto st = StaffOnly(who); !st) return Fail(st.error());
  auto def = Definition(who, id);
  if (!def) return Fail(def.error());
  std::optional<TimePoint> change_at;
  int64_t window_days = 90;
  ListParams filters;
  for (const auto& [key, value] : params) {
    if (key == "change_at") {
      change_at = ParseTime(value);
      if (!change_at)
        return Fail(
            Error::Invalid("query.invalid_value", "change_at", {{"expected", "2026-03-01T00:00:00Z"}}));
    } else if (key == "window_days") {
      char* end = nullptr;
      const long long days = std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || days < 7 || days > 730)
        return Fail(Error::Invalid("query.invalid_value", "window_days", {{"expected", "7..730"}}));
      window_days = days;
    } else if (key == "group" || key == "period") {
      return Fail(Error::Invalid("query.unknown_parameter", key));
    } else {
      filters.emplace(key, value);
    }
  }
  if (!change_at) return Fail(Error::Invalid("field.required", "change_at"));
  ServiceAggregates data(records_, who);
  return CheckKpi(data, FinderFor(records_.registry()), ParserFor(records_, who), *def,
                  {.change_at = *change_at,
                   .window_days = window_days,
                   .filters = filters,
                   .now = records_.clock().Now()});
}

}  // namespace boucle
