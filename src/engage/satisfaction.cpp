// The automatic satisfaction survey: some time after a ticket is resolved, a share of requesters
// get an invitation. The scan runs from the jobs runner, reads durable ticket state and writes the
// invitations with their mails in one transaction, keyed per ticket: a crash loses nothing and a
// rescan sends nothing twice. The answer becomes feedback on the ticket and its service.
#include "engage/survey_invite.hpp"
#include "engage/surveys.hpp"
#include "record/describe.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

int64_t Id(const Json& r) { return r["id"].get<int64_t>(); }

Result<Json> Scan(ActionContext& ctx, const Json& settings, const Json&) {
  if (settings.contains("active") && settings["active"] == false)
    return Json{{"invited", 0}, {"active", false}};
  auto survey = ctx.Lookup("surveys", settings["survey"].get<int64_t>());
  if (!survey) return Fail(survey.error());
  if (TextOr(*survey, "purpose") != "satisfaction")
    return Fail(Error::Invalid("survey.not_satisfaction", "survey"));
  Json campaign;
  if (settings["campaign"].is_number_integer()) {
    auto found = ctx.Lookup("survey_campaigns", settings["campaign"].get<int64_t>());
    if (!found) return Fail(found.error());
    campaign = *found;
  } else {
    auto created = ctx.Create("survey_campaigns", {{"title", TextOr(settings, "title")},
                                                   {"survey", (*survey)["id"]},
                                                   {"link_days", IntOr(settings, "link_days", 14)},
                                                   {"status", "launched"},
                                                   {"launched_at", FormatTime(ctx.Now())}});
    if (!created) return Fail(created.error());
    campaign = *created;
  }
  const TimePoint from = ParseTime(TextOr(settings, "scanned_until"))
                             .value_or(ParseTime(TextOr(settings, "created_at")).value_or(ctx.Now()));
  const TimePoint to = ctx.Now() - std::chrono::hours{IntOr(settings, "delay_hours", 24)};
  int64_t invited = 0, considered = 0;
  if (to > from) {
    auto tickets =
        ctx.All("tickets", {{"resolved_at__gt", FormatTime(from)}, {"resolved_at__lte", FormatTime(to)}});
    if (!tickets) return Fail(tickets.error());
    for (const auto& t : *tickets) {
      const std::string status = TextOr(t, "status");
      if ((status != "resolved" && status != "closed") || !t["requester"].is_number_integer()) continue;
      ++considered;
      if (!InSatisfactionSample(Id(t), IntOr(settings, "share_percent", 100))) continue;
      auto stakeholder = ctx.Lookup("stakeholders", t["requester"].get<int64_t>());
      if (!stakeholder) return Fail(stakeholder.error());
      auto outcome = Invite(ctx, {campaign, *survey, *stakeholder, t, ctx.Now()});
      if (!outcome) return Fail(outcome.error());
      invited += outcome->created ? 1 : 0;
    }
  }
  Json changes{{"campaign", Id(campaign)}};
  if (to > from) changes["scanned_until"] = FormatTime(to);
  if (auto st = ctx.Update("satisfaction_settings", Id(settings), changes); !st) return Fail(st.error());
  if (invited) {
    auto st = ctx.Update("survey_campaigns", Id(campaign),
                         {{"invited_count", IntOr(campaign, "invited_count") + invited}});
    if (!st) return Fail(st.error());
  }
  return Json{{"invited", invited}, {"considered", considered}, {"campaign", Id(campaign)}};
}

}  // namespace

bool InSatisfactionSample(int64_t ticket_id, int64_t share_percent) {
  if (share_percent >= 100) return true;
  if (share_percent <= 0) return false;
  // splitmix64: consecutive ids spread evenly over the hundred buckets.
  uint64_t z = static_cast<uint64_t>(ticket_id) + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<int64_t>(z % 100) < share_percent;
}

Status RecordSatisfaction(ActionContext& ctx, const Json& invitation, const std::vector<Json>& questions,
                          const std::vector<Json>& answers) {
  std::map<int64_t, std::string> kind_of;
  for (const auto& q : questions) kind_of[Id(q)] = TextOr(q, "kind");
  Json rating;
  std::string text;
  for (const auto& a : answers) {
    const std::string kind = kind_of[a["question"].get<int64_t>()];
    if (kind == "rating" && rating.is_null()) rating = a["value"];
    if (kind == "free_text" && text.empty()) text = TextOr(a, "text");
  }
  if (rating.is_null() && text.empty()) return {};
  const int64_t r = rating.is_number_integer() ? rating.get<int64_t>() : 0;
  const std::string kind = !r ? "suggestion" : r >= 4 ? "praise" : r <= 2 ? "complaint" : "suggestion";
  const bool en = TextOr(invitation, "language") == "en";
  const std::string ticket_no = std::to_string(invitation["ticket"].get<int64_t>());
  std::string summary = (en ? "Satisfaction after ticket #" : "Satisfaction après le ticket n° ") + ticket_no;
  if (r) summary += " : " + std::to_string(r) + "/5";
  auto feedback = ctx.Create("feedback", {{"stakeholder", invitation["stakeholder"]},
                                          {"ticket", invitation["ticket"]},
                                          {"kind", kind},
                                          {"rating", rating},
                                          {"summary", summary},
                                          {"text", text.empty() ? Json() : Json(text)}});
  if (!feedback) return Fail(feedback.error());
  return ctx.Link("feedback", Id(*feedback), "originates_from", "survey_invitations", Id(invitation));
}

TypeSpec SatisfactionSettingsType() {
  return Describe("satisfaction_settings")
      .Labels({"Réglages de satisfaction", "Satisfaction settings"},
              {"Réglage de satisfaction", "Satisfaction setting"})
      .In(Area::kEngage)
      .Title("title")
      .Read(RoleSet::Staff())
      .Create({Role::kAdmin, Role::kTeamLead})
      .Update({Role::kAdmin, Role::kTeamLead})
      .Delete({Role::kAdmin})
      .Text("title", {"Nom", "Name"}, {.required = true, .list = true, .min = 3, .max = 200})
      .Ref("survey", {"Enquête de satisfaction", "Satisfaction survey"}, "surveys",
           {.required = true, .filter = true, .list = true})
      .Boolean("active", {"Active", "Active"}, {.filter = true, .list = true, .def = true})
      .Integer("delay_hours", {"Délai après résolution (heures)", "Delay after resolution (hours)"},
               {.required = true, .list = true, .def = 24, .min = 0, .max = 720})
      .Integer("share_percent", {"Part des tickets interrogés (%)", "Share of tickets surveyed (%)"},
               {.required = true, .list = true, .def = 100, .min = 0, .max = 100})
      .Integer("link_days", {"Validité du lien (jours)", "Link valid for (days)"},
               {.required = true, .def = 14, .min = 1, .max = 90})
      .Ref("campaign", {"Campagne", "Campaign"}, "survey_campaigns", {.filter = true, .computed = true})
      .DateTime("scanned_until", {"Tickets examinés jusqu'au", "Tickets examined up to"}, {.computed = true})
      .Action("scan", {"Inviter maintenant", "Invite now"}, {Role::kAdmin, Role::kTeamLead}, Describe("scan"),
              Scan)
      .Build();
}

}  // namespace boucle
