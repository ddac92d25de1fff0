#include "engage/stakeholder_news.hpp"

#include "jobs/outbox.hpp"
#include "mail/mail_job.hpp"
#include "notify/notify.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

Status Mail(ActionContext& ctx, const Json& who, bool en, const StakeholderNews& news) {
  const std::string email = TextOr(who, "email");
  if (email.empty()) return {};
  std::string text = en ? news.text.en : news.text.fr;
  // Built by appending: GCC 12 at -O2 warns falsely (array-bounds) on chains of temporaries here.
  std::string link = kBaseUrlMark;
  link.append("/#/").append(news.about_type).append("/").append(std::to_string(news.about_id));
  if (auto at = text.find("{link}"); at != std::string::npos) text.replace(at, 6, link);
  const std::string subject = en ? news.subject.en : news.subject.fr;
  Job job;
  job.kind = kMailJob;
  job.idempotency_key = news.key;
  job.payload = MailPayload({email, TextOr(who, "name")}, subject, text);
  job.summary = subject;
  job.summary.append(" → ").append(email);
  job.due_at = ctx.Now();
  auto queued = Enqueue(ctx, job);
  if (!queued) return Fail(queued.error());
  return {};
}

}  // namespace

Status TellStakeholder(ActionContext& ctx, const Json& stakeholder, const StakeholderNews& news) {
  if (!stakeholder.is_number_integer()) return {};
  auto who = ctx.Lookup("stakeholders", stakeholder.get<int64_t>());
  if (!who) return Fail(who.error());
  const bool en = TextOr(*who, "preferred_language") == "en";
  if ((*who)["user_account"].is_number_integer()) {
    auto noted = Notify(ctx, {.key = news.key,
                              .recipient = (*who)["user_account"].get<int64_t>(),
                              .lang = en ? "en" : "fr",
                              .title = news.subject,
                              .text = news.summary,
                              .about_type = news.about_type,
                              .about_id = news.about_id});
    if (!noted) return Fail(noted.error());
  }
  return news.mail ? Mail(ctx, *who, en, news) : Status{};
}

}  // namespace boucle
