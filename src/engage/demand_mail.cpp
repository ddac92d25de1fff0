#include "engage/demand_mail.hpp"

#include "jobs/outbox.hpp"
#include "mail/mail_job.hpp"
#include "record/json_access.hpp"

namespace boucle {

Status TellRequester(ActionContext& ctx, const Json& requester, const DemandNews& news) {
  if (!requester.is_number_integer()) return {};
  auto who = ctx.Lookup("stakeholders", requester.get<int64_t>());
  if (!who) return Fail(who.error());
  const std::string email = TextOr(*who, "email");
  if (email.empty()) return {};
  const bool en = TextOr(*who, "preferred_language") == "en";
  std::string text = en ? news.text.en : news.text.fr;
  // Built by appending: GCC 12 at -O2 warns falsely (array-bounds) on chains of temporaries here.
  std::string link = kBaseUrlMark;
  link.append("/#/demands/").append(std::to_string(news.follow_demand));
  if (auto at = text.find("{link}"); at != std::string::npos) text.replace(at, 6, link);
  const std::string subject = en ? news.subject.en : news.subject.fr;
  Job job;
  job.kind = kMailJob;
  job.idempotency_key = news.key;
  job.payload = MailPayload({email, TextOr(*who, "name")}, subject, text);
  job.summary = subject;
  job.summary.append(" → ").append(email);
  job.due_at = ctx.Now();
  auto queued = Enqueue(ctx, job);
  if (!queued) return Fail(queued.error());
  return {};
}

}  // namespace boucle
