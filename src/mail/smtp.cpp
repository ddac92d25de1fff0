#include "mail/smtp.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>

namespace boucle {
namespace {

void EnsureCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, up->data->size() - up->offset);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

}  // namespace

std::string MailDate(TimePoint t) {
  // English names whatever the locale, as RFC 5322 wants.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return out;
}

Status SendMail(const SmtpOptions& options, const MailMessage& message, TimePoint now) {
  if (options.url.empty()) return Fail(Error::Of(ErrorKind::kInternal, "mail.not_configured"));
  MailMessage m = message;
  if (m.from.address.empty()) m.from = {options.from, options.from_name};
  auto text = ComposeMail(m, MailDate(now));
  if (!text) return Fail(text.error());
  EnsureCurl();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Fail(Error::Of(ErrorKind::kInternal, "mail.send_failed", {{"detail", "curl_easy_init"}}));
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + m.to.address + ">").c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpt, curl_slist_free_all);
  Upload upload{&*text};
  const std::string from = "<" + m.from.address + ">";
  curl_easy_setopt(curl.get(), CURLOPT_URL, options.url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, std::min(options.timeout_seconds, 10L));
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, options.timeout_seconds);
  const CURLcode rc = curl_easy_perform(curl.get());
  if (rc != CURLE_OK) {
    long smtp_code = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &smtp_code);
    return Fail(Error::Of(ErrorKind::kInternal, "mail.send_failed",
                          {{"detail", curl_easy_strerror(rc)}, {"smtp_code", smtp_code}}));
  }
  return {};
}

}  // namespace boucle
