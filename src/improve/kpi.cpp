#include "improve/kpi.hpp"

#include "improve/kpi_query.hpp"

namespace boucle {
namespace {

using M = AggregateMeasure;

constexpr const char* kOpen = "status__in=new,assigned,in_progress,pending";
constexpr const char* kDone = "status__in=resolved,closed";

KpiDefinition Def(std::string id, Label label, std::string description, M measure, std::string filter,
                  std::string unit, std::optional<double> target = {}, std::optional<double> warning = {},
                  KpiDirection direction = KpiDirection::kHigher) {
  KpiDefinition d;
  d.id = std::move(id);
  d.label = std::move(label);
  d.description = std::move(description);
  d.measure = measure;
  d.filter = std::move(filter);
  d.unit = std::move(unit);
  d.target = target;
  d.warning = warning;
  d.direction = direction;
  return d;
}

bool IsMeta(std::string_view name) {
  return name == "id" || name == "created_at" || name == "updated_at" || name == "created_by" ||
         name == "version";
}

bool IsDateTime(const TypeSpec& type, std::string_view name) {
  if (name == "created_at" || name == "updated_at") return true;
  const FieldSpec* f = type.Field(name);
  return f && f->kind == FieldKind::kDateTime;
}

Status CheckFilterText(const TypeSpec& type, const std::string& text, const char* field) {
  auto params = ParseFilterText(text, field);
  if (!params) return Fail(params.error());
  for (const auto& [key, raw] : *params) {
    const auto sep = key.find("__");
    const std::string name = key.substr(0, sep);
    const std::string op = sep == std::string::npos ? "" : key.substr(sep + 2);
    const FieldSpec* f = type.Field(name);
    if (!(f && f->filterable && f->kind != FieldKind::kRefList) && !IsMeta(name))
      return Fail(Error::Invalid("kpi.unknown_filter_field", field, {{"name", name}, {"type", type.name}}));
    if (op != "" && op != "ne" && op != "lt" && op != "lte" && op != "gt" && op != "gte" && op != "in" &&
        op != "null")
      return Fail(Error::Invalid("kpi.unknown_filter_operator", field, {{"name", key}}));
    if (f && f->kind == FieldKind::kEnum && (op == "" || op == "ne" || op == "in")) {
      size_t start = 0;
      while (start <= raw.size()) {
        const size_t comma = op == "in" ? std::min(raw.find(',', start), raw.size()) : raw.size();
        const std::string v = raw.substr(start, comma - start);
        if (!f->FindOption(v))
          return Fail(Error::Invalid("kpi.bad_filter_value", field, {{"name", key}, {"value", v}}));
        start = comma + 1;
      }
    }
  }
  return {};
}

}  // namespace

const std::vector<KpiSource>& KpiSources() {
  // Survey answers carry their question's kind (NPS reads the 0-10 recommendation answers).
  static const std::vector<KpiSource> kSources{
      {"tickets", "tickets", {"Tickets", "Tickets"}, "created_at"},
      {"feedback", "feedback", {"Retours", "Feedback"}, "created_at"},
      {"survey_answers", "survey_answers", {"Réponses aux enquêtes", "Survey answers"}, "created_at"},
      {"survey_invitations",
       "survey_invitations",
       {"Invitations aux enquêtes", "Survey invitations"},
       "sent_at"},
  };
  return kSources;
}

const KpiSource* FindKpiSource(std::string_view name) {
  for (const auto& s : KpiSources())
    if (s.name == name) return &s;
  return nullptr;
}

const std::vector<KpiDefinition>& BuiltinKpis() {
  static const std::vector<KpiDefinition> kKpis = [] {
    const auto lower = KpiDirection::kLower;
    std::vector<KpiDefinition> k;
    k.push_back(Def("ticket_count", {"Volume de tickets", "Ticket volume"}, "Number of tickets", M::kCount,
                    "", "count"));
    k.push_back(Def("resolved_count", {"Tickets résolus", "Resolved tickets"}, "Tickets resolved or closed",
                    M::kCount, kDone, "count"));
    k.back().period_field = "resolved_at";
    k.push_back(Def("backlog_count", {"Backlog (tickets ouverts)", "Backlog (open tickets)"},
                    "Tickets new, assigned, in progress or pending", M::kCount, kOpen, "count"));
    k.back().direction = lower;
    k.push_back(Def("backlog_age_mean_hours", {"Âge moyen du backlog (h)", "Mean backlog age (h)"},
                    "Mean hours from creation to now of the open tickets", M::kMean, kOpen, "hours", 72, 168,
                    lower));
    k.back().value = "created_at..now";
    k.push_back(Def("backlog_age_p90_hours",
                    {"Âge du backlog, 90e centile (h)", "Backlog age, 90th percentile (h)"},
                    "90th percentile (nearest rank) of the open tickets' ages in hours", M::kP90, kOpen,
                    "hours", 168, 336, lower));
    k.back().value = "created_at..now";
    k.push_back(Def("reopen_rate", {"Taux de réouverture", "Reopen rate"},
                    "Share of resolved or closed tickets reopened at least once", M::kShare, kDone, "share",
                    0.05, 0.1, lower));
    k.back().numerator = "reopen_count__gt=0";
    k.back().period_field = "resolved_at";
    k.push_back(Def("reassignment_rate", {"Taux de réaffectation", "Reassignment rate"},
                    "Share of tickets reassigned at least once", M::kShare, "", "share", 0.2, 0.3, lower));
    k.back().numerator = "reassignment_count__gt=0";
    k.push_back(Def("sla_compliance", {"Respect des SLA", "SLA compliance"},
                    "Share of tickets with an SLA verdict whose target was met", M::kShare,
                    "sla_breached__null=false", "share", 0.95, 0.9));
    k.back().numerator = "sla_breached=false";
    k.push_back(Def("first_contact_resolution_rate",
                    {"Résolution au premier contact", "First-contact resolution"},
                    "Share of resolved or closed tickets never reassigned nor reopened", M::kShare, kDone,
                    "share", 0.7, 0.6));
    k.back().numerator = "reassignment_count=0&reopen_count=0";
    k.back().period_field = "resolved_at";
    for (auto [id, label, description, measure, target, warning] :
         {std::tuple{"resolve_time_mean_hours",
                     Label{"Temps moyen de résolution (h)", "Mean time to resolve (h)"},
                     "Mean hours from creation to resolution", M::kMean, 24.0, 48.0},
          std::tuple{"resolve_time_median_hours",
                     Label{"Temps médian de résolution (h)", "Median time to resolve (h)"},
                     "Median (nearest rank) hours from creation to resolution", M::kMedian, 8.0, 24.0},
          std::tuple{"resolve_time_p90_hours",
                     Label{"Temps de résolution, 90e centile (h)", "Time to resolve, 90th percentile (h)"},
                     "90th percentile (nearest rank) hours from creation to resolution", M::kP90, 72.0,
                     120.0}}) {
      k.push_back(
          Def(id, label, description, measure, "resolved_at__null=false", "hours", target, warning, lower));
      k.back().value = "created_at..resolved_at";
      k.back().period_field = "resolved_at";
    }
    k.push_back(Def("satisfaction_mean", {"Satisfaction moyenne (1-5)", "Mean satisfaction (1-5)"},
                    "Mean rating of the feedback that has one", M::kMean, "rating__null=false", "score", 4.0,
                    3.5));
    k.back().source = "feedback";
    k.back().value = "rating";
    k.push_back(Def("csat", {"CSAT (notes 4 et 5)", "CSAT (ratings 4 and 5)"},
                    "Share of rated feedback rated 4 or 5", M::kShare, "rating__null=false", "share", 0.8,
                    0.7));
    k.back().source = "feedback";
    k.back().numerator = "rating__gte=4";
    k.push_back(Def("nps", {"Net Promoter Score", "Net Promoter Score"},
                    "Promoters (9-10) minus detractors (0-6), in % of the 0-10 scores of survey answers",
                    M::kNps, "question_kind=recommendation&value__null=false", "score", 30.0, 0.0));
    k.back().source = "survey_answers";
    k.back().value = "value";
    k.push_back(Def("survey_response_rate", {"Taux de réponse aux enquêtes", "Survey response rate"},
                    "Share of survey invitations sent that were answered", M::kShare, "sent_at__null=false",
                    "share", 0.4, 0.25));
    k.back().source = "survey_invitations";
    k.back().numerator = "answered_at__null=false";
    return k;
  }();
  return kKpis;
}

std::string_view MeasureName(AggregateMeasure m) {
  switch (m) {
    case M::kCount:
      return "count";
    case M::kShare:
      return "share";
    case M::kMean:
      return "mean";
    case M::kMedian:
      return "median";
    case M::kP90:
      return "p90";
    case M::kNps:
      return "nps";
  }
  return "count";
}

std::optional<AggregateMeasure> ParseMeasure(std::string_view name) {
  for (M m : {M::kCount, M::kShare, M::kMean, M::kMedian, M::kP90, M::kNps})
    if (MeasureName(m) == name) return m;
  return std::nullopt;
}

Status ValidateKpi(const KpiDefinition& def, const TypeFinder& types) {
  const KpiSource* source = FindKpiSource(def.source);
  if (!source) return Fail(Error::Invalid("kpi.unknown_source", "source", {{"value", def.source}}));
  const TypeSpec* type = types(source->type);
  if (!type) return Fail(Error::Invalid("kpi.source_unavailable", "source", {{"value", def.source}}));
  if (auto st = CheckFilterText(*type, def.filter, "filter"); !st) return st;
  const bool share = def.measure == AggregateMeasure::kShare;
  const bool counted = share || def.measure == AggregateMeasure::kCount;
  if (share && def.numerator.empty()) return Fail(Error::Invalid("kpi.numerator_required", "numerator"));
  if (!share && !def.numerator.empty()) return Fail(Error::Invalid("kpi.numerator_unused", "numerator"));
  if (auto st = CheckFilterText(*type, def.numerator, "numerator"); !st) return st;
  if (counted && !def.value.empty()) return Fail(Error::Invalid("kpi.value_unused", "value"));
  if (!counted) {
    auto value = ParseKpiValue(def.value);
    if (!value) return Fail(value.error());
    if (!value->number.empty()) {
      const FieldSpec* f = type->Field(value->number);
      if (!f || (f->kind != FieldKind::kInteger && f->kind != FieldKind::kDecimal))
        return Fail(Error::Invalid("kpi.bad_value", "value", {{"value", def.value}}));
    } else if (!IsDateTime(*type, value->from) || (!value->to.empty() && !IsDateTime(*type, value->to))) {
      return Fail(Error::Invalid("kpi.bad_value", "value", {{"value", def.value}}));
    }
  }
  if (!def.period_field.empty() && !IsDateTime(*type, def.period_field))
    return Fail(Error::Invalid("kpi.unknown_period_field", "period_field", {{"value", def.period_field}}));
  if (!def.group_by.empty() && !GroupableField(*type, def.group_by))
    return Fail(Error::Invalid("kpi.unknown_group_field", "group_by", {{"value", def.group_by}}));
  if (def.warning && !def.target) return Fail(Error::Invalid("kpi.warning_without_target", "warning"));
  if (def.warning && def.target &&
      (def.direction == KpiDirection::kHigher ? *def.warning > *def.target : *def.warning < *def.target))
    return Fail(Error::Invalid("kpi.warning_beyond_target", "warning"));
  return {};
}

std::string KpiStatus(const KpiDefinition& def, std::optional<double> value) {
  if (!value) return "unknown";
  if (!def.target) return "none";
  const bool higher = def.direction == KpiDirection::kHigher;
  auto meets = [&](double bound) { return higher ? *value >= bound : *value <= bound; };
  if (meets(*def.target)) return "ok";
  if (def.warning && meets(*def.warning)) return "warning";
  return "critical";
}

Json KpiDefinitionJson(const KpiDefinition& def) {
  const KpiSource* source = FindKpiSource(def.source);
  return {{"id", def.id},
          {"label", {{"fr", def.label.fr}, {"en", def.label.en}}},
          {"description", def.description},
          {"source", def.source},
          {"type", source ? Json(source->type) : Json()},
          {"measure", MeasureName(def.measure)},
          {"filter", def.filter},
          {"numerator", def.numerator},
          {"value", def.value},
          {"period_field", def.period_field.empty() && source ? source->period_field : def.period_field},
          {"group_by", def.group_by},
          {"unit", def.unit},
          {"target", def.target ? Json(*def.target) : Json()},
          {"warning", def.warning ? Json(*def.warning) : Json()},
          {"direction", def.direction == KpiDirection::kHigher ? "higher" : "lower"},
          {"builtin", def.builtin}};
}

}  // namespace boucle
