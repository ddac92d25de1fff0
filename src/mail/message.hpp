#pragma once
// An e-mail as the mail platform knows it: addresses, a UTF-8 subject, a plain-text body and an
// optional HTML alternative. Composing it into RFC 5322 text is pure, so tests read the exact bytes.
#include <string>

#include "core/result.hpp"

namespace boucle {

struct MailAddress {
  std::string address;  // ASCII local@domain
  std::string name;     // display name, any UTF-8
};

struct MailMessage {
  MailAddress from;
  MailAddress to;
  std::string subject;     // UTF-8
  std::string text;        // UTF-8 plain text, always sent
  std::string html;        // UTF-8 HTML alternative, empty when none
  std::string message_id;  // without angle brackets; the same id for a retried message
};

// A usable envelope address: ASCII, one '@', no spaces, controls or angle brackets.
Status CheckAddress(const std::string& address, const std::string& field);

// RFC 2047 encoded-words (base64, UTF-8) when `text` is not plain printable ASCII; folded so that
// no encoded word exceeds 75 characters and no UTF-8 sequence is split between two of them.
std::string EncodeHeaderText(const std::string& text);

// The whole message with CRLF line ends: headers, then a base64 text part, or a
// multipart/alternative of text and HTML. `date` is an RFC 5322 date string.
Result<std::string> ComposeMail(const MailMessage& message, const std::string& date);

}  // namespace boucle
