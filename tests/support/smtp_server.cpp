#include "support/smtp_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

bool Accepts(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

std::string Base64Decode(const std::string& text) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        "\r\n ", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return "";
  out.resize(len);
  return out;
}

}  // namespace

uint16_t FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("bind");
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

SmtpServer::SmtpServer(uint16_t port)
    : port_(port ? port : FreeLoopbackPort()), dir_(TempDir("smtp") / "maildir") {
  const std::string listen = "127.0.0.1:" + std::to_string(port_);
  pid_ = fork();
  if (pid_ == 0) {
    // Debian's interpreter, where python3-aiosmtpd is installed (another python3 may come first in PATH).
    execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
          "aiosmtpd.handlers.Mailbox", dir_.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!Accepts(port_)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("aiosmtpd exited (is python3-aiosmtpd installed?)");
    }
    if (std::chrono::steady_clock::now() > deadline) {
      Stop();
      throw std::runtime_error("aiosmtpd did not start on " + listen);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

SmtpServer::~SmtpServer() { Stop(); }

void SmtpServer::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::vector<std::string> SmtpServer::Messages() const {
  std::vector<std::pair<std::filesystem::file_time_type, std::string>> found;
  for (const char* sub : {"new", "cur"}) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ / sub, ec)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      found.emplace_back(entry.last_write_time(), text.str());
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

std::vector<std::string> SmtpServer::WaitFor(size_t count, std::chrono::seconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto got = Messages();
  while (got.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    got = Messages();
  }
  return got;
}

std::string MailHeader(const std::string& raw, const std::string& name) {
  const std::string head =
      raw.substr(0, raw.find("\n\n") == std::string::npos ? raw.find("\r\n\r\n") : raw.find("\n\n"));
  std::string lower_head = head;
  std::transform(lower_head.begin(), lower_head.end(), lower_head.begin(), ::tolower);
  std::string key = name + ":";
  std::transform(key.begin(), key.end(), key.begin(), ::tolower);
  size_t pos = lower_head.rfind("\n" + key) != std::string::npos
                   ? lower_head.find("\n" + key) + 1
                   : (lower_head.rfind(key, 0) == 0 ? 0 : std::string::npos);
  if (pos == std::string::npos) return "";
  // The value with its folded continuation lines, then decoded when it is RFC 2047 base64.
  std::string value;
  size_t end = head.find('\n', pos);
  value = head.substr(pos + key.size(), end - pos - key.size());
  while (end != std::string::npos && end + 1 < head.size() &&
         (head[end + 1] == ' ' || head[end + 1] == '\t')) {
    const size_t next = head.find('\n', end + 1);
    value += head.substr(end + 1, next - end - 1);
    end = next;
  }
  std::string decoded;
  size_t p = 0;
  while (p < value.size()) {
    const size_t start = value.find("=?UTF-8?B?", p);
    if (start == std::string::npos) {
      decoded += value.substr(p);
      break;
    }
    std::string between = value.substr(p, start - p);
    if (between.find_first_not_of(" \t\r") != std::string::npos) decoded += between;
    const size_t stop = value.find("?=", start + 10);
    decoded += Base64Decode(value.substr(start + 10, stop - start - 10));
    p = stop + 2;
  }
  while (!decoded.empty() && (decoded.front() == ' ')) decoded.erase(0, 1);
  while (!decoded.empty() && (decoded.back() == '\r' || decoded.back() == ' ')) decoded.pop_back();
  return decoded;
}

std::string MailTextBody(const std::string& raw) {
  const size_t part = raw.find("Content-Type: text/plain");
  if (part == std::string::npos) return "";
  size_t body = raw.find("\r\n\r\n", part);
  size_t skip = 4;
  if (body == std::string::npos || raw.find("\n\n", part) < body) body = raw.find("\n\n", part), skip = 2;
  const size_t end = raw.find("\n--", body + skip);
  return Base64Decode(
      raw.substr(body + skip, end == std::string::npos ? std::string::npos : end - body - skip));
}

std::string SurveyToken(const std::string& text) {
  const size_t pos = text.find("/s/");
  if (pos == std::string::npos) return "";
  size_t end = pos + 3;
  while (end < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-' || text[end] == '_'))
    ++end;
  return text.substr(pos + 3, end - pos - 3);
}

}  // namespace boucle::testing
