#include "improve/kpi_type.hpp"

#include "record/describe.hpp"

namespace boucle {
namespace {

std::string Str(const Json& record, const char* name) {
  return record.contains(name) && record[name].is_string() ? record[name].get<std::string>() : std::string();
}

std::optional<double> Num(const Json& record, const char* name) {
  if (!record.contains(name) || !record[name].is_number()) return std::nullopt;
  return record[name].get<double>();
}

bool ValidKey(const std::string& key) {
  if (key.size() < 2 || key.size() > 60 || !(key[0] >= 'a' && key[0] <= 'z')) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// "Tickets réseau" -> "tickets_r_seau": a key for a definition written without one.
std::string KeyFrom(const std::string& name) {
  std::string out;
  for (char c : name) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))
      out += lower;
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || !(out[0] >= 'a' && out[0] <= 'z')) out = "kpi_" + out;
  return out.substr(0, 60);
}

Status CheckDefinition(HookContext& ctx, Json& next, const Json*) {
  if (Str(next, "key").empty()) next["key"] = KeyFrom(Str(next, "name"));
  const std::string key = Str(next, "key");
  if (!ValidKey(key)) return Fail(Error::Invalid("kpi.bad_key", "key"));
  for (const auto& b : BuiltinKpis())
    if (b.id == key) return Fail(Error::Invalid("kpi.builtin_key", "key"));
  auto def = KpiFromRecord(next);
  if (!def) return Fail(def.error());
  return ValidateKpi(*def, [&ctx](std::string_view name) { return ctx.FindType(name); });
}

}  // namespace

Result<KpiDefinition> KpiFromRecord(const Json& record) {
  KpiDefinition d;
  d.id = Str(record, "key");
  d.label = {Str(record, "name"),
             Str(record, "name_en").empty() ? Str(record, "name") : Str(record, "name_en")};
  d.description = Str(record, "description");
  d.source = Str(record, "source");
  auto measure = ParseMeasure(Str(record, "measure"));
  if (!measure)
    return Fail(Error::Invalid("kpi.unknown_measure", "measure", {{"value", Str(record, "measure")}}));
  d.measure = *measure;
  d.filter = Str(record, "filter");
  d.numerator = Str(record, "numerator");
  d.value = Str(record, "value");
  d.period_field = Str(record, "period_field");
  d.group_by = Str(record, "group_by");
  d.unit = Str(record, "unit").empty() ? "number" : Str(record, "unit");
  d.target = Num(record, "target");
  d.warning = Num(record, "warning");
  d.direction = Str(record, "direction") == "lower" ? KpiDirection::kLower : KpiDirection::kHigher;
  d.builtin = false;
  return d;
}

void RegisterKpiDefinitionType(Registry& registry) {
  const RoleSet editors{Role::kAdmin, Role::kTeamLead};
  registry.Add(Describe("kpi_definitions")
                   .Labels({"Définitions d'indicateurs", "KPI definitions"},
                           {"Définition d'indicateur", "KPI definition"})
                   .In(Area::kImprove)
                   .Title("name")
                   .SortBy("key")
                   .Read(RoleSet::Staff())
                   .Create(editors)
                   .Update(editors)
                   .Delete(editors)
                   .Text("key", {"Clé (tirée du nom si vide)", "Key (from the name when empty)"},
                         {.filter = true, .sort = true, .list = true, .max = 60, .unique = true})
                   .Text("name", {"Nom", "Name"},
                         {.required = true, .sort = true, .search = true, .list = true, .min = 2, .max = 120})
                   .Text("name_en", {"Nom (anglais)", "Name (English)"}, {.max = 120})
                   .Markdown("description", {"Description", "Description"}, {.search = true})
                   .Text("source", {"Source", "Source"},
                         {.required = true, .filter = true, .list = true, .def = "tickets", .max = 40})
                   .Enum("measure", {"Mesure", "Measure"},
                         {{"count", {"Nombre", "Count"}},
                          {"share", {"Part", "Share"}},
                          {"mean", {"Moyenne", "Mean"}},
                          {"median", {"Médiane", "Median"}},
                          {"p90", {"90e centile", "90th percentile"}},
                          {"nps", {"NPS (notes 0-10)", "NPS (0-10 scores)"}}},
                         {.required = true, .filter = true, .list = true, .def = "count"})
                   .Text("filter", {"Filtre (syntaxe des listes)", "Filter (list syntax)"}, {.max = 1000})
                   .Text("numerator", {"Numérateur d'une part", "Numerator of a share"}, {.max = 1000})
                   .Text("value", {"Valeur mesurée", "Measured value"}, {.max = 130})
                   .Text("period_field", {"Date des périodes", "Date of periods"}, {.max = 64})
                   .Text("group_by", {"Regroupement par défaut", "Default grouping"}, {.max = 64})
                   .Enum("unit", {"Unité", "Unit"},
                         {{"count", {"Nombre", "Count"}},
                          {"share", {"Part (0-1)", "Share (0-1)"}},
                          {"hours", {"Heures", "Hours"}},
                          {"score", {"Note", "Score"}},
                          {"number", {"Nombre décimal", "Number"}}},
                         {.required = true, .def = "number"})
                   .Decimal("target", {"Cible", "Target"}, {.min = -1e12, .max = 1e12})
                   .Decimal("warning", {"Seuil d'alerte", "Warning threshold"}, {.min = -1e12, .max = 1e12})
                   .Enum("direction", {"Sens", "Direction"},
                         {{"higher", {"Plus haut, mieux c'est", "Higher is better"}},
                          {"lower", {"Plus bas, mieux c'est", "Lower is better"}}},
                         {.required = true, .list = true, .def = "higher"})
                   .Boolean("active", {"Active", "Active"}, {.filter = true, .list = true, .def = true})
                   .Hook(CheckDefinition)
                   .Build());
}

}  // namespace boucle
