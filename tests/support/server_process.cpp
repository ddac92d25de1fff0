#include "support/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <stdexcept>

namespace boucle::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;

pid_t Spawn(const std::vector<std::string>& args, int* out_fd, int* in_fd) {
  int out[2], in[2];
  if (pipe(out) != 0 || pipe(in) != 0) throw std::runtime_error("pipe");
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(out[1], 2);
    dup2(in[0], 0);
    close(out[0]);
    close(in[1]);
    std::vector<char*> argv;
    std::string binary = BOUCLE_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    setenv("BOUCLE_LOG_LEVEL", "warn", 1);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  close(in[0]);
  *out_fd = out[0];
  *in_fd = in[1];
  return pid;
}

}  // namespace

int RunBoucle(const std::vector<std::string>& args, std::string* output, const std::string& input) {
  int out_fd, in_fd;
  const pid_t pid = Spawn(args, &out_fd, &in_fd);
  if (!input.empty()) (void)!write(in_fd, input.data(), input.size());
  close(in_fd);
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = read(out_fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  close(out_fd);
  int status = 0;
  waitpid(pid, &status, 0);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ServerProcess::ServerProcess(std::filesystem::path db, const std::vector<std::string>& extra_args) {
  int out_fd, in_fd;
  std::vector<std::string> args{"serve", "--db", db.string(), "--listen", "127.0.0.1:0", "--web", "/nonexistent"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = Spawn(args, &out_fd, &in_fd);
  close(in_fd);
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  const std::string mark = "listening on http://127.0.0.1:";
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_fd, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[1024];
    const ssize_t n = read(out_fd, buf, sizeof buf);
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (auto pos = text.find(mark); pos != std::string::npos && text.find('\n', pos) != std::string::npos) {
      port_ = static_cast<uint16_t>(std::stoi(text.substr(pos + mark.size())));
      break;
    }
  }
  // Keep draining the server's output so that it never blocks on a full pipe.
  std::thread([out_fd] {
    char buf[4096];
    while (read(out_fd, buf, sizeof buf) > 0) {
    }
    close(out_fd);
  }).detach();
  if (!port_) {
    Kill(SIGKILL);
    throw std::runtime_error("server did not start: " + text);
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Kill(SIGTERM);
}

void ServerProcess::Kill(int signal) {
  if (pid_ <= 0) return;
  ::kill(pid_, signal);
  int status;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

Reply ServerProcess::Call(const std::string& method, const std::string& target, const std::string& body,
                          const std::map<std::string, std::string>& headers) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  beast::http::request<beast::http::string_body> req(beast::http::string_to_verb(method), target, 11);
  req.set(beast::http::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() && !headers.contains("content-type")) req.set(beast::http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  beast::http::write(stream, req);
  beast::flat_buffer buffer;
  beast::http::response_parser<beast::http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  beast::http::read(stream, buffer, parser);
  auto res = parser.release();
  Reply reply;
  reply.status = static_cast<int>(res.result_int());
  reply.body = res.body();
  for (const auto& f : res) reply.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  reply.json = nlohmann::json::parse(reply.body, nullptr, false);
  if (reply.json.is_discarded()) reply.json = nullptr;
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  return reply;
}

std::string ServerProcess::Raw(const std::string& bytes) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  beast::error_code ec;
  asio::write(stream, asio::buffer(bytes), ec);
  std::string answer;
  char buf[4096];
  for (;;) {
    const size_t n = stream.read_some(asio::buffer(buf), ec);
    answer.append(buf, n);
    if (ec || answer.find("\r\n\r\n") != std::string::npos) break;
  }
  return answer;
}

}  // namespace boucle::testing
