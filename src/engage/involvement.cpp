#include "engage/involvement.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "engage/stakeholder_news.hpp"
#include "notify/notify.hpp"
#include "record/actor.hpp"
#include "record/describe.hpp"
#include "record/json_access.hpp"
#include "text/utf8.hpp"

namespace boucle {
namespace {

const RoleSet kConsulting{Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kDeveloper};

bool Settled(const std::string& status) { return status == "answered" || status == "waived"; }

bool Decided(const ConsultedType& subject, const Json& record) {
  const std::string status = TextOr(record, "status");
  return std::find(subject.decided.begin(), subject.decided.end(), status) != subject.decided.end();
}

// stakeholder id -> its consultation on this subject.
Result<std::map<int64_t, Json>> ConsultationsOf(HookContext& ctx, const ConsultedType& subject, int64_t id) {
  auto all = ctx.FindAll("consultations", subject.field, id);
  if (!all) return Fail(all.error());
  std::map<int64_t, Json> out;
  for (auto& c : *all) {
    const int64_t who = IntOr(c, "stakeholder");  // read before the move: the right side goes first
    out[who] = std::move(c);
  }
  return out;
}

Status ConsultationRules(HookContext& ctx, Json& next, const Json* before) {
  const bool change = next["change"].is_number_integer(), project = next["project"].is_number_integer();
  if (change == project) return Fail(Error::Invalid("consultation.subject_required", "change"));
  const std::string status = TextOr(next, "status");
  if (status == "waived" && TextOr(next, "waiver_reason").empty())
    return Fail(Error::Invalid("consultation.waiver_reason_required", "waiver_reason"));
  if (status == "answered" && TextOr(next, "opinion").empty())
    return Fail(Error::Invalid("consultation.opinion_required", "opinion"));
  if (status == "answered" && (!before || TextOr(*before, "status") != "answered"))
    next["answered_at"] = FormatTime(ctx.Now());
  // One consultation per stakeholder and subject: a second would make "who is missing" ambiguous.
  const char* field = change ? "change" : "project";
  auto same = ctx.FindAll("consultations", field, next[field]);
  if (!same) return Fail(same.error());
  for (const auto& c : *same)
    if (c["stakeholder"] == next["stakeholder"] && (!before || c["id"] != (*before)["id"]))
      return Fail(Error{ErrorKind::kConflict, "consultation.duplicate", "stakeholder", Json::object(), {}});
  return {};
}

// The stakeholder hears that their view is asked for, in the app and by mail, once per consultation.
Status TellConsulted(ActionContext& ctx, const Json* after, const Json* before) {
  if (!after) return {};  // a deletion says nothing to anyone
  const Json& consultation = *after;
  if (before || TextOr(consultation, "status") != "requested") return {};
  const std::string about = TextOr(consultation, "summary");
  const std::string id = std::to_string(IntOr(consultation, "id"));
  return TellStakeholder(
      ctx, consultation["stakeholder"],
      {.key = "consultation-requested:" + id,
       .subject = {"Votre avis est demandé : « " + about + " »",
                   "Your opinion is requested: \"" + about + "\""},
       .text = {"Bonjour,\n\nAvant de décider de « " + about +
                    " », nous souhaitons connaître votre position.\nRépondez ici : {link}\n",
                "Hello,\n\nBefore deciding on \"" + about +
                    "\", we would like to know your position.\nAnswer here: {link}\n"},
       .summary = {"Donnez votre position : d'accord, d'accord sous conditions ou opposé.",
                   "Give your position: agree, agree with conditions or object."},
       .about_type = "consultations",
       .about_id = IntOr(consultation, "id")});
}

const std::vector<EnumOption>& Positions() {
  static const std::vector<EnumOption> kPositions{
      {"agree", {"D'accord", "Agree"}},
      {"agree_with_conditions", {"D'accord sous conditions", "Agree with conditions"}},
      {"object", {"Opposé", "Object"}}};
  return kPositions;
}

// The stakeholder answers the consultation addressed to them, and only them: an agent records an
// answer heard elsewhere by editing the consultation.
Result<Json> Answer(ActionContext& ctx, const Json& consultation, const Json& input) {
  auto stakeholder = ctx.Lookup("stakeholders", IntOr(consultation, "stakeholder"));
  if (!stakeholder) return Fail(stakeholder.error());
  if (!(*stakeholder)["user_account"].is_number_integer() ||
      (*stakeholder)["user_account"].get<int64_t>() != ctx.Who().user_id)
    return Fail(
        Error{ErrorKind::kForbidden, "consultation.not_addressed_to_you", "stakeholder", Json::object(), {}});
  if (TextOr(consultation, "status") == "waived")
    return Fail(Error{ErrorKind::kConflict, "consultation.waived", "status", Json::object(), {}});
  const std::string position = TextOr(input, "position");
  std::string opinion = TextOr(input, "comment");
  if (opinion.empty())
    for (const auto& p : Positions())
      if (p.id == position) opinion = ctx.Who().lang == "en" ? p.label.en : p.label.fr;
  auto answered = ctx.UpdateOnBehalf("consultations", IntOr(consultation, "id"),
                                     {{"status", "answered"}, {"position", position}, {"opinion", opinion}});
  if (!answered) return answered;
  // Whoever asked hears the answer under their bell (each answer once: a changed mind is news too).
  const int64_t asker = IntOr(consultation, "created_by");
  if (asker <= 0 || asker == ctx.Who().user_id) return answered;
  Label stance{position, position};
  for (const auto& p : Positions())
    if (p.id == position) stance = p.label;
  const std::string name = TextOr(*stakeholder, "name"), about = TextOr(consultation, "summary");
  auto told =
      Notify(ctx, {.key = "consultation-answered:" + std::to_string(IntOr(*answered, "id")) + ":" +
                          std::to_string(IntOr(*answered, "version")),
                   .recipient = asker,
                   .title = {name + " a répondu : « " + about + " »", name + " answered: \"" + about + "\""},
                   .text = {stance.fr + " — " + opinion, stance.en + " — " + opinion},
                   .about_type = "consultations",
                   .about_id = IntOr(*answered, "id")});
  if (!told) return Fail(told.error());
  return answered;
}

TypeSpec Consultations() {
  return Describe("consultations")
      .Labels({"Consultations", "Consultations"}, {"Consultation", "Consultation"})
      .In(Area::kEngage)
      .Title("summary")
      .Read(RoleSet::All())
      .Create(kConsulting)
      .Update(kConsulting)
      .Delete({Role::kAdmin})
      // An end user sees the consultations addressed to them.
      .OwnedThrough("stakeholder", "stakeholders", "user_account")
      .Text("summary", {"Objet", "Subject"}, {.sort = true, .search = true, .list = true, .max = 200})
      .Ref("change", {"Changement", "Change"}, "changes", {.filter = true, .list = true})
      .Ref("project", {"Projet", "Project"}, "projects", {.filter = true, .list = true})
      .Ref("stakeholder", {"Partie prenante", "Stakeholder"}, "stakeholders",
           {.required = true, .filter = true, .list = true})
      .Enum("status", {"Statut", "Status"},
            {{"requested", {"Demandée", "Requested"}},
             {"answered", {"Répondue", "Answered"}},
             {"waived", {"Dispensée", "Waived"}}},
            {.required = true, .filter = true, .sort = true, .list = true, .def = "requested"})
      .Enum("position", {"Position", "Position"}, Positions(), {.filter = true, .list = true})
      .Markdown("opinion", {"Avis", "Opinion"}, {.search = true, .max = 8000})
      .Text("waiver_reason", {"Motif de dispense", "Waiver reason"}, {.max = 500})
      .DateTime("answered_at", {"Répondue le", "Answered at"},
                {.filter = true, .sort = true, .computed = true})
      .Hook(ConsultationRules)
      .AfterWrite(TellConsulted)
      .Action("answer", {"Répondre", "Answer"}, RoleSet::All(),
              Describe("answer")
                  .Enum("position", {"Position", "Position"}, Positions(), {.required = true})
                  .Markdown("comment", {"Commentaire", "Comment"}, {.max = 8000}),
              Answer)
      .Build();
}

// One row per (subject, impacted stakeholder) for the subjects asked (or every open one).
Result<Json> InvolvementReport(ReportContext& ctx, const ReportParams& params) {
  Json rows = Json::array();
  int64_t impacted = 0, settled = 0, missing = 0;
  std::map<int64_t, Json> people;
  auto stakeholders = ctx.All("stakeholders");
  if (!stakeholders) return Fail(stakeholders.error());
  for (auto& s : *stakeholders) people.emplace(IntOr(s, "id"), std::move(s));
  auto roles = ctx.All("service_roles");
  if (!roles) return Fail(roles.error());
  auto consultations = ctx.All("consultations");
  if (!consultations) return Fail(consultations.error());
  for (const ConsultedType* subject : {&ConsultedChanges(), &ConsultedProjects()}) {
    const std::string single = subject->field;
    if (params.count(single == "change" ? "project" : "change") && !params.count(single)) continue;
    ReportParams filters;
    for (const auto& [k, v] : params)
      if (k == single)
        filters.emplace("id", v);
      else if (k == "service")
        filters.emplace("service", v);
    auto records = ctx.All(subject->type, filters);
    if (!records) return Fail(records.error());
    for (const auto& r : *records) {
      if (!params.count(single) && !params.count("service") &&
          (Decided(*subject, r) && TextOr(r, "status") != "approved"))
        continue;  // without a filter: what is still to decide or just decided
      if (!r["service"].is_number_integer()) continue;
      std::map<int64_t, std::string> raci;
      for (const auto& s : people) {
        const Json& services = s.second["services"];
        if (services.is_array() &&
            std::find(services.begin(), services.end(), r["service"]) != services.end())
          raci[s.first];
      }
      for (const auto& sr : *roles)
        if (sr["service"] == r["service"])
          raci[IntOr(sr, "stakeholder")] +=
              (raci[IntOr(sr, "stakeholder")].empty() ? "" : ", ") + TextOr(sr, "raci");
      for (const auto& [who, role] : raci) {
        const Json* c = nullptr;
        for (const auto& k : *consultations)
          if (k[single] == r["id"] && IntOr(k, "stakeholder") == who) c = &k;
        const std::string state = c ? TextOr(*c, "status") : "";
        ++impacted;
        Settled(state) ? ++settled : ++missing;
        const auto p = people.find(who);
        rows.push_back(
            {{"subject_type", subject->type},
             {"subject_id", r["id"]},
             {"subject", r["title"]},
             {"subject_status", r["status"]},
             {"stakeholder", p != people.end() ? p->second["name"] : Json("#" + std::to_string(who))},
             {"raci", role},
             {"consultation", state.empty() ? Json() : Json(state)},
             {"answered_at", c ? (*c)["answered_at"] : Json()}});
      }
    }
  }
  return Json{
      {"rows", rows},
      {"summary",
       {SummaryFigure("impacted", {"Parties prenantes concernées", "Impacted stakeholders"}, impacted),
        SummaryFigure("settled", {"Consultées ou dispensées", "Consulted or waived"}, settled),
        SummaryFigure("missing", {"Consultations manquantes", "Missing consultations"}, missing)}}};
}

}  // namespace

const ConsultedType& ConsultedChanges() {
  static const ConsultedType kType{"changes", "change", {"approved", "scheduled", "implemented", "closed"}};
  return kType;
}
const ConsultedType& ConsultedProjects() {
  static const ConsultedType kType{"projects", "project", {"approved", "in_progress", "delivered"}};
  return kType;
}

Result<std::vector<Json>> ImpactedStakeholders(HookContext& ctx, const Json& subject) {
  std::vector<Json> out;
  if (!subject["service"].is_number_integer()) return out;
  std::set<int64_t> seen;
  auto concerned = ctx.FindAll("stakeholders", "services", subject["service"]);
  if (!concerned) return Fail(concerned.error());
  for (const auto& s : *concerned)
    if (seen.insert(IntOr(s, "id")).second) out.push_back({{"id", s["id"]}, {"name", s["name"]}});
  auto roles = ctx.FindAll("service_roles", "service", subject["service"]);
  if (!roles) return Fail(roles.error());
  for (const auto& r : *roles) {
    if (!seen.insert(IntOr(r, "stakeholder")).second) continue;
    auto s = ctx.Lookup("stakeholders", IntOr(r, "stakeholder"));
    if (!s) return Fail(s.error());
    out.push_back({{"id", (*s)["id"]}, {"name", (*s)["name"]}});
  }
  return out;
}

BeforeWriteHook RequireConsultations(const ConsultedType& subject) {
  return [&subject](HookContext& ctx, Json& next, const Json* before) -> Status {
    if (!Decided(subject, next) || (before && Decided(subject, *before))) return {};
    if (ctx.Who().user_id == 0) return {};
    auto impacted = ImpactedStakeholders(ctx, next);
    if (!impacted) return Fail(impacted.error());
    std::map<int64_t, Json> asked;
    if (before) {
      auto found = ConsultationsOf(ctx, subject, IntOr(*before, "id"));
      if (!found) return Fail(found.error());
      asked = std::move(*found);
    }
    Json missing = Json::array();
    for (const auto& s : *impacted) {
      const auto c = asked.find(IntOr(s, "id"));
      if (c == asked.end() || !Settled(TextOr(c->second, "status"))) missing.push_back(s["name"]);
    }
    if (missing.empty()) return {};
    return Fail(Error{ErrorKind::kConflict,
                      "consultation.missing",
                      "status",
                      {{"missing", missing}, {"count", missing.size()}},
                      {}});
  };
}

ActionHandler RequestConsultations(const ConsultedType& subject) {
  return [&subject](ActionContext& ctx, const Json& record, const Json&) -> Result<Json> {
    auto impacted = ImpactedStakeholders(ctx, record);
    if (!impacted) return Fail(impacted.error());
    auto asked = ConsultationsOf(ctx, subject, IntOr(record, "id"));
    if (!asked) return Fail(asked.error());
    Json created = Json::array();
    for (const auto& s : *impacted) {
      if (asked->contains(IntOr(s, "id"))) continue;
      auto c = ctx.Create("consultations", {{subject.field, record["id"]},
                                            {"stakeholder", s["id"]},
                                            {"summary", Utf8Prefix(TextOr(record, "title"), 200)},
                                            {"status", "requested"}});
      if (!c) return Fail(c.error());
      created.push_back(*c);
    }
    return Json{{"created", created}, {"impacted", impacted->size()}};
  };
}

void RegisterInvolvement(Registry& registry) {
  registry.Add(Consultations());
  ReportSpec report;
  report.name = "involvement";
  report.label = {"Consultation avant décision", "Involvement before decisions"};
  report.area = Area::kEngage;
  report.roles = RoleSet::Staff();
  report.params = {"change", "project", "service"};
  report.columns = {
      {"subject", {"Sujet", "Subject"}, "text"},
      {"subject_status", {"Statut du sujet", "Subject status"}, "text"},
      {"stakeholder", {"Partie prenante", "Stakeholder"}, "text"},
      {"raci", {"Rôle RACI", "RACI role"}, "text"},
      {"consultation", {"Consultation", "Consultation"}, "enum:consultations.status"},
      {"answered_at", {"Répondue le", "Answered at"}, "datetime"},
  };
  report.run = InvolvementReport;
  registry.AddReport(std::move(report));
}

}  // namespace boucle
