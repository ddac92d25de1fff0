#include "mail/mail_job.hpp"

#include "auth/token.hpp"

namespace boucle {
namespace {

std::string WithBaseUrl(std::string text, const std::string& base) {
  const std::string mark = kBaseUrlMark;
  for (size_t pos = text.find(mark); pos != std::string::npos; pos = text.find(mark, pos + base.size()))
    text.replace(pos, mark.size(), base);
  return text;
}

std::string Str(const Json& payload, const char* key) {
  return payload.contains(key) && payload[key].is_string() ? payload[key].get<std::string>() : "";
}

}  // namespace

Json MailPayload(const MailAddress& to, const std::string& subject, const std::string& text,
                 const std::string& html) {
  return {{"to", to.address}, {"to_name", to.name}, {"subject", subject}, {"text", text}, {"html", html}};
}

JobHandler MailJobHandler(SmtpOptions options, const Clock& clock) {
  return [options = std::move(options), &clock](const Json& payload, const std::string& key) -> Result<Json> {
    std::string base = options.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    MailMessage m;
    m.to = {Str(payload, "to"), Str(payload, "to_name")};
    m.subject = Str(payload, "subject");
    m.text = WithBaseUrl(Str(payload, "text"), base);
    m.html = WithBaseUrl(Str(payload, "html"), base);
    m.message_id = HashToken(key).substr(0, 32) + "@boucle";
    if (auto st = SendMail(options, m, clock.Now()); !st) return Fail(st.error());
    return Json{{"to", m.to.address}, {"subject", m.subject}, {"body", "removed once sent"}};
  };
}

}  // namespace boucle
