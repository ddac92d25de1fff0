#pragma once
// A real SMTP server for tests: Debian's aiosmtpd on a loopback port, delivering into a maildir
// that the test reads. No mock: Boucle's libcurl client speaks real SMTP to it.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace boucle::testing {

// A loopback TCP port that nothing listens on right now.
uint16_t FreeLoopbackPort();

class SmtpServer {
 public:
  // Listens on `port` (a free one when 0) and waits until it accepts connections.
  explicit SmtpServer(uint16_t port = 0);
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  uint16_t port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Every message received so far, raw (RFC 5322), oldest first.
  std::vector<std::string> Messages() const;
  // Waits until at least `count` messages arrived or `timeout` passed; returns them.
  std::vector<std::string> WaitFor(size_t count, std::chrono::seconds timeout) const;
  void Stop();

 private:
  uint16_t port_ = 0;
  pid_t pid_ = -1;
  std::filesystem::path dir_;
};

// The decoded text/plain body of a raw message (base64 or 8bit), and one decoded header.
std::string MailTextBody(const std::string& raw);
std::string MailHeader(const std::string& raw, const std::string& name);
// The first "/s/<token>" link in a text, or empty.
std::string SurveyToken(const std::string& text);

}  // namespace boucle::testing
