#pragma once
// Hands a message to an SMTP server with libcurl. The platform does not queue or retry: the jobs
// runner does, from the outbox.
#include <string>

#include "core/clock.hpp"
#include "mail/message.hpp"

namespace boucle {

struct SmtpOptions {
  std::string url;   // smtp://host:port (smtps:// for implicit TLS)
  std::string from;  // envelope and header sender address
  std::string from_name = "Boucle";
  std::string public_url;  // base of the links in messages, e.g. https://itsm.example.org
  long timeout_seconds = 20;
};

// Sends one message; an error (code mail.send_failed, detail in params) when the server refuses
// or cannot be reached.
Status SendMail(const SmtpOptions& options, const MailMessage& message, TimePoint now);

// RFC 5322 date, e.g. "Tue, 24 Nov 2026 22:40:00 +0000".
std::string MailDate(TimePoint t);

}  // namespace boucle
