#include "engage/survey_invite.hpp"

#include <set>

#include "auth/token.hpp"
#include "engage/surveys.hpp"
#include "jobs/outbox.hpp"
#include "mail/mail_job.hpp"
#include "mail/message.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

int64_t Id(const Json& r) { return r["id"].get<int64_t>(); }

std::string HtmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Day(TimePoint t) { return FormatTime(t).substr(0, 10); }

struct MailText {
  std::string subject, text, html;
};

// The invitation in the recipient's language; the link's host is filled in by the mail job.
MailText InvitationMail(const InviteRequest& r, const std::string& lang, const std::string& token,
                        TimePoint expires, bool reminder) {
  const bool en = lang == "en";
  const std::string title = TextOr(r.survey, "title");
  const std::string name = TextOr(r.stakeholder, "name");
  const std::string intro = TextOr(r.survey, en ? "intro_en" : "intro_fr").empty()
                                ? TextOr(r.survey, "intro_fr")
                                : TextOr(r.survey, en ? "intro_en" : "intro_fr");
  const std::string link = std::string(kBaseUrlMark) + "/s/" + token;
  std::string about;
  if (!r.ticket.is_null())
    about = (en ? "Your ticket \"" : "Votre ticket « ") + TextOr(r.ticket, "title") +
            (en ? "\" was resolved." : " » a été résolu.");
  MailText m;
  m.subject = (reminder ? (en ? "Reminder: " : "Rappel : ") : "") + title +
              (en ? " — your opinion matters" : " — votre avis compte");
  const std::string hello = (en ? "Hello " : "Bonjour ") + name + ",";
  const std::string ask =
      en ? "Please answer in a few minutes with your personal link (no account needed; it works "
           "once and until " +
               Day(expires) + "):"
         : "Répondez en quelques minutes grâce à votre lien personnel (sans compte ; il sert une "
           "seule fois et jusqu'au " +
               Day(expires) + ") :";
  const std::string thanks =
      en ? "Thank you,\nThe IT department" : "Merci,\nLa direction des systèmes d'information";
  m.text = hello + "\n\n" + (about.empty() ? "" : about + "\n\n") + (intro.empty() ? "" : intro + "\n\n") +
           ask + "\n" + link + "\n\n" + thanks + "\n";
  m.html = "<!doctype html><html lang=\"" + lang + "\"><body><p>" + HtmlEscape(hello) + "</p>" +
           (about.empty() ? "" : "<p>" + HtmlEscape(about) + "</p>") +
           (intro.empty() ? "" : "<p>" + HtmlEscape(intro) + "</p>") + "<p>" + HtmlEscape(ask) +
           "</p><p><a href=\"" + link + "\">" +
           HtmlEscape(en ? "Answer the survey" : "Répondre à l'enquête") + "</a></p><p>" +
           HtmlEscape(thanks) + "</p></body></html>";
  return m;
}

Status EnqueueInvitationMail(ActionContext& ctx, const InviteRequest& r, const Json& invitation,
                             const std::string& token, bool reminder, const std::string& key) {
  const std::string lang = TextOr(invitation, "language", "fr");
  const TimePoint expires = ParseTime(TextOr(invitation, "expires_at")).value_or(r.send_at);
  const MailText m = InvitationMail(r, lang, token, expires, reminder);
  Job job;
  job.kind = kMailJob;
  job.idempotency_key = key;
  job.payload =
      MailPayload({TextOr(r.stakeholder, "email"), TextOr(r.stakeholder, "name")}, m.subject, m.text, m.html);
  job.summary = m.subject + " → " + TextOr(r.stakeholder, "email");
  job.due_at = std::max(r.send_at, ctx.Now());
  auto queued = Enqueue(ctx, job);
  if (!queued) return Fail(queued.error());
  return {};
}

Result<Json> Lookup(ActionContext& ctx, const char* type, const Json& id) {
  if (!id.is_number_integer()) return Json();
  return ctx.Lookup(type, id.get<int64_t>());
}

}  // namespace

Result<InviteOutcome> Invite(ActionContext& ctx, const InviteRequest& r) {
  const std::string email = TextOr(r.stakeholder, "email");
  if (email.empty() || !CheckAddress(email, "email")) return InviteOutcome{};
  const std::string key = r.ticket.is_null() ? "campaign:" + std::to_string(Id(r.campaign)) +
                                                   ":stakeholder:" + std::to_string(Id(r.stakeholder))
                                             : "ticket:" + std::to_string(Id(r.ticket));
  auto existing = ctx.FindOne("survey_invitations", "invitation_key", key);
  if (!existing) return Fail(existing.error());
  if (!existing->is_null()) return InviteOutcome{*existing, false};
  const std::string token = RandomToken(32);
  const std::string lang = TextOr(r.stakeholder, "preferred_language", "fr") == "en" ? "en" : "fr";
  const TimePoint send = std::max(r.send_at, ctx.Now());
  const TimePoint expires = send + std::chrono::days{IntOr(r.campaign, "link_days", 30)};
  auto invitation =
      ctx.Create("survey_invitations", {{"campaign", Id(r.campaign)},
                                        {"stakeholder", Id(r.stakeholder)},
                                        {"ticket", r.ticket.is_null() ? Json() : Json(Id(r.ticket))},
                                        {"invitation_key", key},
                                        {"language", lang},
                                        {"token_hash", HashToken(token)},
                                        {"sent_at", FormatTime(send)},
                                        {"expires_at", FormatTime(expires)}});
  if (!invitation) return Fail(invitation.error());
  if (auto st = EnqueueInvitationMail(ctx, r, *invitation, token, false, "survey-invite:" + key); !st)
    return Fail(st.error());
  return InviteOutcome{*invitation, true};
}

Result<Json> LaunchCampaign(ActionContext& ctx, const Json& campaign, const Json&) {
  auto survey = ctx.Lookup("surveys", campaign["survey"].get<int64_t>());
  if (!survey) return Fail(survey.error());
  if (TextOr(*survey, "status") == "archived")
    return Fail(Error{ErrorKind::kConflict, "survey.archived", "survey", Json::object(), {}});
  auto questions = ctx.All("survey_questions", {{"survey", std::to_string(Id(*survey))}});
  if (!questions) return Fail(questions.error());
  if (questions->empty())
    return Fail(Error{ErrorKind::kConflict, "survey.no_questions", "survey", Json::object(), {}});
  if (TextOr(campaign, "status") == "closed")
    return Fail(Error{ErrorKind::kConflict, "survey.campaign_closed", "status", Json::object(), {}});

  // Recipients: the chosen stakeholders, the members of the target groups, the stakeholders of the service.
  std::set<int64_t> ids;
  if (campaign["stakeholders"].is_array())
    for (const auto& s : campaign["stakeholders"]) ids.insert(s.get<int64_t>());
  for (const auto& group : TargetGroups(TextOr(campaign, "target_groups"))) {
    auto members = ctx.All("stakeholders", {{"stakeholder_group", group}});
    if (!members) return Fail(members.error());
    for (const auto& m : *members) ids.insert(Id(m));
  }
  if (campaign["service"].is_number_integer()) {
    auto concerned =
        ctx.All("stakeholders", {{"services", std::to_string(campaign["service"].get<int64_t>())}});
    if (!concerned) return Fail(concerned.error());
    for (const auto& m : *concerned) ids.insert(Id(m));
  }
  InviteRequest request{campaign, *survey, Json(), Json(),
                        ParseTime(TextOr(campaign, "send_at")).value_or(ctx.Now())};
  int64_t invited = 0, already = 0, unreachable = 0;
  for (int64_t id : ids) {
    auto stakeholder = ctx.Lookup("stakeholders", id);
    if (!stakeholder) return Fail(stakeholder.error());
    request.stakeholder = *stakeholder;
    auto outcome = Invite(ctx, request);
    if (!outcome) return Fail(outcome.error());
    if (outcome->invitation.is_null())
      ++unreachable;
    else if (outcome->created)
      ++invited;
    else
      ++already;
  }
  Json changes{{"invited_count", invited + already}};
  if (TextOr(campaign, "status") != "launched") {
    changes["status"] = "launched";
    changes["launched_at"] = FormatTime(ctx.Now());
  }
  auto updated = ctx.Update("survey_campaigns", Id(campaign), changes);
  if (!updated) return Fail(updated.error());
  return Json{{"campaign", *updated},
              {"invited", invited},
              {"already_invited", already},
              {"unreachable", unreachable}};
}

Result<Json> RemindCampaign(ActionContext& ctx, const Json& campaign, const Json& input) {
  if (TextOr(campaign, "status") != "launched")
    return Fail(Error{ErrorKind::kConflict, "survey.campaign_not_launched", "status", Json::object(), {}});
  const bool due_only = input.contains("due_only") && input["due_only"] == true;
  auto survey = ctx.Lookup("surveys", campaign["survey"].get<int64_t>());
  if (!survey) return Fail(survey.error());
  auto invitations = ctx.All("survey_invitations", {{"campaign", std::to_string(Id(campaign))},
                                                    {"answered_at__null", "true"},
                                                    {"reminded_at__null", "true"},
                                                    {"expires_at__gt", FormatTime(ctx.Now())}});
  if (!invitations) return Fail(invitations.error());
  const auto after = std::chrono::days{IntOr(campaign, "reminder_days", 7)};
  int64_t reminded = 0;
  for (const auto& inv : *invitations) {
    const auto sent = ParseTime(TextOr(inv, "sent_at"));
    if (!sent || *sent > ctx.Now() || (due_only && *sent + after > ctx.Now())) continue;
    auto stakeholder = ctx.Lookup("stakeholders", inv["stakeholder"].get<int64_t>());
    if (!stakeholder) return Fail(stakeholder.error());
    auto ticket = Lookup(ctx, "tickets", inv["ticket"]);
    if (!ticket) return Fail(ticket.error());
    // A new token: the reminder carries the one link that works from now on.
    const std::string token = RandomToken(32);
    auto updated = ctx.Update("survey_invitations", Id(inv),
                              {{"token_hash", HashToken(token)}, {"reminded_at", FormatTime(ctx.Now())}});
    if (!updated) return Fail(updated.error());
    InviteRequest r{campaign, *survey, *stakeholder, *ticket, ctx.Now()};
    if (auto st = EnqueueInvitationMail(ctx, r, *updated, token, true,
                                        "survey-remind:" + TextOr(inv, "invitation_key"));
        !st)
      return Fail(st.error());
    ++reminded;
  }
  return Json{{"reminded", reminded}};
}

}  // namespace boucle
