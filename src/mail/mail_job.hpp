#pragma once
// Mails go out through the outbox: domain code enqueues a "mail" job in the transaction of its
// business write, the jobs runner sends it with SendMail.
#include "core/clock.hpp"
#include "jobs/runner.hpp"
#include "mail/smtp.hpp"

namespace boucle {

inline constexpr const char* kMailJob = "mail";
// Written in place of the server's public address in bodies: the domain does not know it.
inline constexpr const char* kBaseUrlMark = "{{base_url}}";

Json MailPayload(const MailAddress& to, const std::string& subject, const std::string& text,
                 const std::string& html = "");

// Sends the payload's mail. Its Message-ID derives from the job's key, so that a copy is
// recognisable. Keeps only the recipient and subject once sent: bodies may hold one-time links.
JobHandler MailJobHandler(SmtpOptions options, const Clock& clock);

}  // namespace boucle
