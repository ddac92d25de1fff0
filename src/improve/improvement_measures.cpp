#include "improve/improvement_measures.hpp"

#include "improve/kpi_check.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

constexpr int64_t kDefaultWindowDays = 90;

Result<const KpiDefinition*> KpiOf(const Json& improvement) {
  const std::string id = TextOr(improvement, "kpi");
  if (id.empty()) return Fail(Error::Invalid("improvement.kpi_required", "kpi"));
  std::string allowed;
  for (const auto& d : BuiltinKpis()) {
    if (d.id == id) return &d;
    allowed += (allowed.empty() ? "" : ", ") + d.id;
  }
  return Fail(
      Error::Invalid("field.invalid_choice", "kpi", {{"allowed", allowed}}));  // kept from an older release
}

// The improvement's service narrows the KPI when its source knows services.
ListParams ScopeOf(ActionContext& ctx, const KpiDefinition& def, const Json& improvement) {
  ListParams filters;
  const TypeSpec* source = ctx.FindType(def.source);
  if (source && source->Field("service") && improvement["service"].is_number_integer())
    filters.emplace("service", std::to_string(improvement["service"].get<int64_t>()));
  return filters;
}

TypeFinder Finder(ActionContext& ctx) {
  return [&ctx](std::string_view name) { return ctx.FindType(name); };
}

FilterParser Parser(ActionContext& ctx) {
  return [&ctx](const std::string& type, const ListParams& params) { return ctx.ParseFilters(type, params); };
}

int64_t WindowOf(const Json& input) {
  return input["window_days"].is_number_integer() ? input["window_days"].get<int64_t>() : kDefaultWindowDays;
}

Json OrNull(const Json& j, const char* key) { return j.contains(key) ? j[key] : Json(); }

Result<Json> MeasureBaseline(ActionContext& ctx, const Json& improvement, const Json& input) {
  auto def = KpiOf(improvement);
  if (!def) return Fail(def.error());
  const TimePoint now = ctx.Now();
  const int64_t days = WindowOf(input);
  auto value = MeasureKpi(ctx.Measures(), Finder(ctx), Parser(ctx), **def, ScopeOf(ctx, **def, improvement),
                          now - std::chrono::days{days}, now, now);
  if (!value) return Fail(value.error());
  if (!*value) return Fail(Error::Invalid("improvement.no_data", "window_days", {{"days", days}}));
  auto updated = ctx.Update("improvements", improvement["id"].get<int64_t>(), {{"baseline", **value}});
  if (!updated) return updated;
  return Json{{"baseline", **value}, {"window_days", days}, {"improvement", *updated}};
}

Result<Json> MeasureEffect(ActionContext& ctx, const Json& improvement, const Json& input) {
  auto def = KpiOf(improvement);
  if (!def) return Fail(def.error());
  const auto change_at = ParseTime(TextOr(input, "change_at"));
  if (!change_at) return Fail(Error::Invalid("field.required", "change_at"));
  KpiCheckAsk ask{.change_at = *change_at,
                  .window_days = WindowOf(input),
                  .filters = ScopeOf(ctx, **def, improvement),
                  .now = ctx.Now(),
                  .target = improvement["target"].is_number()
                                ? std::optional(improvement["target"].get<double>())
                                : std::nullopt};
  if (improvement["baseline"].is_number() && improvement["target"].is_number() &&
      improvement["baseline"].get<double>() != improvement["target"].get<double>())
    ask.direction = improvement["target"].get<double>() < improvement["baseline"].get<double>()
                        ? KpiDirection::kLower
                        : KpiDirection::kHigher;
  auto check = CheckKpi(ctx.Measures(), Finder(ctx), Parser(ctx), **def, ask);
  if (!check) return Fail(check.error());
  const Json& test = (*check)["test"];
  auto updated = ctx.Update("improvements", improvement["id"].get<int64_t>(),
                            {{"effect_verdict", (*check)["verdict"]},
                             {"effect_before", (*check)["baseline"]["value"]},
                             {"effect_after", (*check)["after"]["value"]},
                             {"effect_p_value", test.is_object() ? test["p_value"] : Json()},
                             {"effect_target_met", OrNull(*check, "target_met")},
                             {"effect_change_at", (*check)["change_at"]},
                             {"effect_window_days", ask.window_days},
                             {"effect_measured_at", FormatTime(ctx.Now())}});
  if (!updated) return updated;
  (*check)["improvement"] = *updated;
  return *check;
}

Describe WindowInput(std::string name) {
  Describe input(std::move(name));
  input.Integer("window_days", {"Fenêtre (jours)", "Window (days)"},
                {.def = kDefaultWindowDays, .min = 7, .max = 730, .example = kDefaultWindowDays});
  return input;
}

}  // namespace

std::vector<EnumOption> ImprovementKpiOptions() {
  std::vector<EnumOption> options;
  for (const auto& d : BuiltinKpis()) options.push_back({d.id, d.label});
  return options;
}

void DescribeImprovementMeasures(Describe& improvements, RoleSet editors) {
  const Opt measured{.filter = true, .computed = true};
  improvements
      .Enum("effect_verdict", {"Effet mesuré", "Measured effect"},
            {{"improved", {"Amélioration significative", "Significant improvement"}},
             {"worsened", {"Dégradation significative", "Significant worsening"}},
             {"no_significant_change", {"Pas de changement significatif", "No significant change"}},
             {"not_enough_data", {"Données insuffisantes", "Not enough data"}}},
            {.filter = true, .list = true, .computed = true})
      .Decimal("effect_before", {"Avant le changement", "Before the change"}, {.computed = true})
      .Decimal("effect_after", {"Après le changement", "After the change"}, {.computed = true})
      .Decimal("effect_p_value", {"Valeur p", "p-value"}, {.computed = true})
      .Boolean("effect_target_met", {"Cible atteinte", "Target met"}, measured)
      .DateTime("effect_change_at", {"Date du changement mesuré", "Date of the measured change"},
                {.computed = true})
      .Integer("effect_window_days", {"Fenêtre de mesure (jours)", "Measurement window (days)"},
               {.computed = true})
      .DateTime("effect_measured_at", {"Effet mesuré le", "Effect measured on"},
                {.sort = true, .computed = true})
      .Action("measure_baseline", {"Mesurer la valeur de départ", "Measure the baseline"}, editors,
              WindowInput("measure_baseline"), MeasureBaseline)
      .Action("measure_effect", {"Mesurer l'effet", "Measure the effect"}, editors,
              WindowInput("measure_effect")
                  .DateTime("change_at", {"Date du changement", "Date of the change"},
                            {.required = true, .example = "2026-01-05T00:00:00Z"}),
              MeasureEffect);
}

}  // namespace boucle
