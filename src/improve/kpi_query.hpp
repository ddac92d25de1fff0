#pragma once
// From a KPI definition to what the store computes (an AggregateQuery) and to the list query that
// finds the very records behind a value, so that a click on a chart point opens them.
#include <string>
#include <string_view>
#include <utility>

#include "improve/kpi.hpp"
#include "record/service.hpp"

namespace boucle {

// The value of a measure: a numeric field, or hours from `from` to `to` (`to` empty: until now).
struct KpiValueSpec {
  std::string number;
  std::string from;
  std::string to;
};
// "rating", "created_at..resolved_at", "created_at..now"; errors name the field "value".
Result<KpiValueSpec> ParseKpiValue(const std::string& text);

// "status__in=resolved,closed&priority=high" (values may be %-encoded) -> list parameters;
// errors name `field`.
Result<ListParams> ParseFilterText(const std::string& text, const char* field);
// "a=1&b=x%20y": the parameters as a URL query string.
std::string QueryString(const ListParams& params);

// A field a KPI may be grouped by: filterable and of a kind with few distinct values.
bool GroupableField(const TypeSpec& type, std::string_view name);

std::optional<AggregatePeriod> ParsePeriod(std::string_view name);  // week, month, none
std::string_view PeriodName(AggregatePeriod period);
// [start, end) of a period key ("2026-03" or the Monday "2026-03-02") as ISO 8601 UTC times.
std::pair<std::string, std::string> PeriodBounds(AggregatePeriod period, const std::string& key);

// Turns list parameters of a type into store filters, with the checks of a list.
using FilterParser =
    std::function<Result<std::vector<Filter>>(const std::string& type, const ListParams& params)>;

struct KpiPlan {
  const KpiDefinition* def = nullptr;
  const TypeSpec* type = nullptr;
  ListParams population;  // the definition's filter, the caller's filters, and "has a value"
  ListParams numerator;
  AggregateQuery query;
};

struct KpiAsk {
  ListParams filters;  // the caller's, in list syntax, ANDed with the definition's
  std::string group_by;
  AggregatePeriod period = AggregatePeriod::kNone;
  TimePoint now{};
};

// Fails with the field named when the definition cannot be computed here (source unavailable, bad
// filter, bad group).
Result<KpiPlan> PlanKpi(const KpiDefinition& def, const TypeFinder& types, const FilterParser& parse,
                        const KpiAsk& ask);

// {"type": "tickets", "params": [[key, value], ...], "search": "key=value&..."}: the list of the
// records behind one (group, period) of the plan; `hits` adds the numerator of a share.
Json PointQuery(const KpiPlan& plan, const Json& group, AggregatePeriod period, const std::string& period_key,
                bool hits = false);

}  // namespace boucle
