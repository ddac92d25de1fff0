#include "mail/message.hpp"

#include <sodium.h>

#include "auth/sodium_init.hpp"
#include "auth/token.hpp"

namespace boucle {
namespace {

std::string Base64(std::string_view bytes) {
  EnsureSodium();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Body parts in base64 lines of 76 characters: safe for any UTF-8 and any line length.
std::string Base64Lines(std::string_view bytes) {
  const std::string all = Base64(bytes);
  std::string out;
  for (size_t i = 0; i < all.size(); i += 76) out += all.substr(i, 76) + "\r\n";
  return out;
}

bool PlainAscii(const std::string& text) {
  for (unsigned char c : text)
    if (c < 0x20 || c > 0x7e) return false;
  return text.find("=?") == std::string::npos;  // would read as the start of an encoded word
}

std::string Mailbox(const MailAddress& a) {
  if (a.name.empty()) return "<" + a.address + ">";
  std::string name = a.name;
  bool quote_safe = PlainAscii(name);
  for (char c : name)
    if (c == '"' || c == '\\') quote_safe = false;
  return (quote_safe ? "\"" + name + "\"" : EncodeHeaderText(name)) + " <" + a.address + ">";
}

}  // namespace

Status CheckAddress(const std::string& address, const std::string& field) {
  const auto at = address.find('@');
  bool ok = !address.empty() && address.size() <= 254 && at != std::string::npos && at > 0 &&
            at + 1 < address.size() && address.find('@', at + 1) == std::string::npos;
  for (unsigned char c : address)
    if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';')
      ok = false;
  if (!ok) return Fail(Error::Invalid("mail.invalid_address", field));
  return {};
}

std::string EncodeHeaderText(const std::string& text) {
  if (PlainAscii(text)) return text;
  // "=?UTF-8?B?" + base64 + "?=" within 75 characters leaves 63 for base64, so 45 input bytes;
  // a chunk ends before a UTF-8 continuation byte so each word decodes on its own.
  constexpr size_t kMaxBytes = 45;
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(start + kMaxBytes, text.size());
    while (end < text.size() && end > start + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(std::string_view(text).substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

Result<std::string> ComposeMail(const MailMessage& m, const std::string& date) {
  if (auto st = CheckAddress(m.from.address, "from"); !st) return Fail(st.error());
  if (auto st = CheckAddress(m.to.address, "to"); !st) return Fail(st.error());
  for (const std::string* header : {&m.subject, &m.from.name, &m.to.name, &m.message_id})
    if (header->find_first_of("\r\n") != std::string::npos)
      return Fail(Error::Invalid("mail.header_newline", "subject"));
  std::string out;
  out += "Date: " + date + "\r\n";
  out += "From: " + Mailbox(m.from) + "\r\n";
  out += "To: " + Mailbox(m.to) + "\r\n";
  out += "Subject: " + EncodeHeaderText(m.subject) + "\r\n";
  if (!m.message_id.empty()) out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  const std::string text_part =
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
      Base64Lines(m.text);
  if (m.html.empty()) return out + text_part;
  const std::string boundary = "=_boucle_" + RandomToken(18);
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n" + text_part;
  out += "--" + boundary +
         "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
         Base64Lines(m.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace boucle
