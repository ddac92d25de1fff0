#include "improve/kpi_query.hpp"

#include <chrono>
#include <cstdio>
#include <set>

#include "text/percent.hpp"

namespace boucle {
namespace {

std::string Encode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~' || c == ',' || c == ':';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string ValueText(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

}  // namespace

Result<KpiValueSpec> ParseKpiValue(const std::string& text) {
  KpiValueSpec out;
  const auto dots = text.find("..");
  if (dots == std::string::npos) {
    if (!IsIdentifier(text)) return Fail(Error::Invalid("kpi.bad_value", "value", {{"value", text}}));
    out.number = text;
    return out;
  }
  out.from = text.substr(0, dots);
  out.to = text.substr(dots + 2);
  if (out.to == "now") out.to.clear();
  if (!IsIdentifier(out.from) || (!out.to.empty() && !IsIdentifier(out.to)))
    return Fail(Error::Invalid("kpi.bad_value", "value", {{"value", text}}));
  return out;
}

Result<ListParams> ParseFilterText(const std::string& text, const char* field) {
  ListParams out;
  if (text.size() > 2000) return Fail(Error::Invalid("field.too_long", field, {{"max", 2000}}));
  size_t start = 0;
  while (start < text.size()) {
    const size_t amp = std::min(text.find('&', start), text.size());
    const std::string_view part = std::string_view(text).substr(start, amp - start);
    start = amp + 1;
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos || !IsIdentifier(part.substr(0, eq)))
      return Fail(Error::Invalid("kpi.bad_filter", field, {{"part", std::string(part)}}));
    auto value = PercentDecode(part.substr(eq + 1));
    if (!value) return Fail(Error::Invalid("kpi.bad_filter", field, {{"part", std::string(part)}}));
    out.emplace(std::string(part.substr(0, eq)), std::move(*value));
  }
  return out;
}

std::string QueryString(const ListParams& params) {
  std::string out;
  for (const auto& [k, v] : params) out += (out.empty() ? "" : "&") + Encode(k) + "=" + Encode(v);
  return out;
}

bool GroupableField(const TypeSpec& type, std::string_view name) {
  const FieldSpec* f = type.Field(name);
  if (!f || !f->filterable) return false;
  switch (f->kind) {
    case FieldKind::kText:
    case FieldKind::kEnum:
    case FieldKind::kRef:
    case FieldKind::kInteger:
    case FieldKind::kBoolean:
      return true;
    default:
      return false;
  }
}

std::optional<AggregatePeriod> ParsePeriod(std::string_view name) {
  if (name == "week") return AggregatePeriod::kWeek;
  if (name == "month") return AggregatePeriod::kMonth;
  if (name == "none") return AggregatePeriod::kNone;
  return std::nullopt;
}

std::string_view PeriodName(AggregatePeriod period) {
  switch (period) {
    case AggregatePeriod::kWeek:
      return "week";
    case AggregatePeriod::kMonth:
      return "month";
    default:
      return "none";
  }
}

std::pair<std::string, std::string> PeriodBounds(AggregatePeriod period, const std::string& key) {
  using namespace std::chrono;
  int y = 0;
  unsigned m = 0, d = 1;
  if (period == AggregatePeriod::kNone || std::sscanf(key.c_str(), "%d-%u-%u", &y, &m, &d) < 2)
    return {"", ""};
  const year_month_day start{year{y}, month{m}, day{period == AggregatePeriod::kMonth ? 1u : d}};
  if (!start.ok()) return {"", ""};
  const sys_days from{start};
  const sys_days to = period == AggregatePeriod::kMonth ? sys_days{start + months{1}} : from + days{7};
  return {FormatTime(TimePoint{from}), FormatTime(TimePoint{to})};
}

Result<KpiPlan> PlanKpi(const KpiDefinition& def, const TypeFinder& types, const FilterParser& parse,
                        const KpiAsk& ask) {
  if (auto st = ValidateKpi(def, types); !st) return Fail(st.error());
  KpiPlan plan;
  plan.def = &def;
  const KpiSource* source = FindKpiSource(def.source);
  plan.type = types(source->type);
  auto population = ParseFilterText(def.filter, "filter");
  if (!population) return Fail(population.error());
  plan.population = std::move(*population);
  for (const auto& p : ask.filters) plan.population.insert(p);
  AggregateQuery& q = plan.query;
  q.measure = def.measure;
  q.as_of = ask.now;
  if (!def.value.empty()) {
    auto value = ParseKpiValue(def.value);
    if (!value) return Fail(value.error());
    // The list of a point must hold the records that have a value, exactly those measured.
    if (!value->number.empty()) {
      q.number = value->number;
      plan.population.emplace(value->number + "__null", "false");
    } else {
      q.value = DurationHours{value->from, value->to};
      plan.population.emplace(value->from + "__null", "false");
      if (!value->to.empty()) plan.population.emplace(value->to + "__null", "false");
    }
  }
  auto filters = parse(plan.type->name, plan.population);
  if (!filters) return Fail(filters.error());
  q.population = std::move(*filters);
  if (def.measure == AggregateMeasure::kShare) {
    auto numerator = ParseFilterText(def.numerator, "numerator");
    if (!numerator) return Fail(numerator.error());
    plan.numerator = std::move(*numerator);
    auto hits = parse(plan.type->name, plan.numerator);
    if (!hits) return Fail(Error::Invalid(hits.error().code, "numerator", hits.error().params));
    q.numerator = std::move(*hits);
  }
  if (!ask.group_by.empty() && !GroupableField(*plan.type, ask.group_by))
    return Fail(Error::Invalid("kpi.unknown_group_field", "group", {{"value", ask.group_by}}));
  q.group_by = ask.group_by;
  q.period = ask.period;
  q.period_field = def.period_field.empty() ? source->period_field : def.period_field;
  return plan;
}

Json PointQuery(const KpiPlan& plan, const Json& group, AggregatePeriod period, const std::string& period_key,
                bool hits) {
  ListParams params = plan.population;
  if (hits)
    for (const auto& p : plan.numerator) params.insert(p);
  if (!plan.query.group_by.empty()) {
    if (group.is_null())
      params.emplace(plan.query.group_by + "__null", "true");
    else
      params.emplace(plan.query.group_by, ValueText(group));
  }
  if (period != AggregatePeriod::kNone) {
    const auto [from, to] = PeriodBounds(period, period_key);
    params.emplace(plan.query.period_field + "__gte", from);
    params.emplace(plan.query.period_field + "__lt", to);
  }
  // The same condition twice (a filter and "has a value") is said once.
  std::set<std::pair<std::string, std::string>> seen;
  for (auto it = params.begin(); it != params.end();)
    it = seen.insert(*it).second ? std::next(it) : params.erase(it);
  Json pairs = Json::array();
  for (const auto& [k, v] : params) pairs.push_back({k, v});
  return {{"type", plan.type->name}, {"params", pairs}, {"search", QueryString(params)}};
}

}  // namespace boucle
