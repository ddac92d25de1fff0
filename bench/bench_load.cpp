// bench_load: an HTTP/1.1 keep-alive load generator for loopback servers.
// One connection per concurrency slot (C++20 coroutines on one io_context, --threads to spread it),
// bounded by --requests and --duration-max, every socket operation under --timeout.
//
//   bench_load --url http://127.0.0.1:8080 --path /api/v1/tickets --method POST --ticket-body
//              --header "Authorization: Bearer X" --concurrency 8 --requests 4000 --duration-max 60 --json
//
// In --path, "{id}" is replaced by the ids of --id-range A:B in turn, and "{key}" by the lines of
// --keys-file F in turn (e.g. the one-time tokens of survey links, each used once).
// --save-body F writes the body of the last response received (any status) to F.
// --latencies-out F writes every successful request's latency (µs), one a line.
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_asio.hpp"
#include "bench_common.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using bench::Clock;

namespace {

struct Options {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  std::string path = "/";
  http::verb method = http::verb::get;
  int concurrency = 1;
  uint64_t requests = 1000;
  double duration_max = 60;
  double timeout = 10;
  int threads = 1;
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> body;
  bool ticket_body = false;
  bool json = false;
  int64_t id_lo = 0, id_hi = -1;
  std::string save_body;
  std::string latencies_out;
  std::vector<std::string> keys;
};

[[noreturn]] void Usage(const std::string& why) {
  std::cerr
      << "bench_load: " << why << "\n"
      << "usage: bench_load --url http://127.0.0.1:PORT [--path P] [--method GET|POST|PATCH|PUT|DELETE]\n"
         "  [--concurrency N] [--requests N] [--duration-max S] [--timeout S] [--threads N]\n"
         "  [--header 'Name: value']... [--body-file F | --ticket-body] [--id-range A:B] [--keys-file F]\n"
         "  [--save-body F]\n"
         "  [--latencies-out F] [--json]\n";
  std::exit(2);
}

Options Parse(int argc, char** argv) {
  Options o;
  bool have_url = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Usage("missing value for " + a);
      return argv[++i];
    };
    if (a == "--url") {
      std::string u = next();
      const std::string scheme = "http://";
      if (u.rfind(scheme, 0) != 0) Usage("only http:// URLs");
      u = u.substr(scheme.size());
      auto slash = u.find('/');
      if (slash != std::string::npos) {
        if (o.path == "/") o.path = u.substr(slash);
        u = u.substr(0, slash);
      }
      auto colon = u.rfind(':');
      if (colon == std::string::npos) Usage("the URL needs a port");
      o.host = u.substr(0, colon);
      o.port = static_cast<unsigned short>(std::stoi(u.substr(colon + 1)));
      if (o.host == "localhost") o.host = "127.0.0.1";
      if (o.host != "127.0.0.1") Usage("refusing a target other than 127.0.0.1");
      have_url = true;
    } else if (a == "--path") {
      o.path = next();
    } else if (a == "--method") {
      o.method = http::string_to_verb(next());
      if (o.method == http::verb::unknown) Usage("unknown method");
    } else if (a == "--concurrency") {
      o.concurrency = std::max(1, std::stoi(next()));
    } else if (a == "--requests") {
      o.requests = std::stoull(next());
    } else if (a == "--duration-max") {
      o.duration_max = std::stod(next());
    } else if (a == "--timeout") {
      o.timeout = std::stod(next());
    } else if (a == "--threads") {
      o.threads = std::max(1, std::stoi(next()));
    } else if (a == "--header") {
      std::string h = next();
      auto c = h.find(':');
      if (c == std::string::npos) Usage("a header is 'Name: value'");
      std::string v = h.substr(c + 1);
      while (!v.empty() && v.front() == ' ') v.erase(v.begin());
      o.headers.emplace_back(h.substr(0, c), v);
    } else if (a == "--body-file") {
      std::ifstream f(next(), std::ios::binary);
      if (!f) Usage("cannot read the body file");
      std::stringstream ss;
      ss << f.rdbuf();
      o.body = ss.str();
    } else if (a == "--ticket-body") {
      o.ticket_body = true;
    } else if (a == "--id-range") {
      std::string r = next();
      auto c = r.find(':');
      if (c == std::string::npos) Usage("--id-range A:B");
      o.id_lo = std::stoll(r.substr(0, c));
      o.id_hi = std::stoll(r.substr(c + 1));
      if (o.id_hi < o.id_lo) Usage("--id-range A:B with A <= B");
    } else if (a == "--keys-file") {
      std::ifstream f(next());
      for (std::string line; std::getline(f, line);)
        if (!line.empty()) o.keys.push_back(line);
      if (o.keys.empty()) Usage("--keys-file F with one key a line");
    } else if (a == "--save-body") {
      o.save_body = next();
    } else if (a == "--latencies-out") {
      o.latencies_out = next();
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--help" || a == "-h") {
      Usage("help");
    } else {
      Usage("unknown option " + a);
    }
  }
  if (!have_url) Usage("--url is required");
  if (o.body && o.ticket_body) Usage("--body-file and --ticket-body exclude each other");
  return o;
}

struct Shared {
  const Options& o;
  tcp::endpoint endpoint;
  std::string run_id;
  Clock::time_point deadline;
  std::atomic<uint64_t> issued{0};
  std::mutex body_mutex;
  std::string last_body;
};

struct SlotResult {
  uint64_t requests = 0, errors = 0;
  std::vector<double> latencies_us;
  std::map<std::string, uint64_t> statuses;
};

std::string Target(const Options& o, uint64_t n) {
  if (auto key = o.path.find("{key}"); key != std::string::npos && !o.keys.empty()) {
    std::string t = o.path;
    return t.replace(key, 5, o.keys[n % o.keys.size()]);
  }
  auto pos = o.path.find("{id}");
  if (pos == std::string::npos || o.id_hi < o.id_lo) return o.path;
  uint64_t span = static_cast<uint64_t>(o.id_hi - o.id_lo) + 1;
  std::string t = o.path;
  t.replace(pos, 4, std::to_string(o.id_lo + static_cast<int64_t>(n % span)));
  return t;
}

asio::awaitable<void> Slot(Shared& sh, SlotResult& out) {
  const Options& o = sh.o;
  auto ex = co_await asio::this_coro::executor;
  beast::tcp_stream stream(ex);
  beast::flat_buffer buffer;
  bool connected = false;
  auto timeout = std::chrono::milliseconds(static_cast<int64_t>(o.timeout * 1000));
  const std::string host = o.host + ":" + std::to_string(o.port);

  for (;;) {
    if (Clock::now() >= sh.deadline) break;
    uint64_t n = sh.issued.fetch_add(1);
    if (n >= o.requests) break;
    ++out.requests;
    beast::error_code ec;

    if (!connected) {
      stream.expires_after(timeout);
      co_await stream.async_connect(sh.endpoint, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        ++out.errors;
        ++out.statuses["connect_error"];
        stream.close();
        continue;
      }
      stream.socket().set_option(tcp::no_delay(true), ec);
      connected = true;
      buffer.clear();
    }

    http::request<http::string_body> req{o.method, Target(o, n), 11};
    req.set(http::field::host, host);
    req.set(http::field::user_agent, "boucle-bench");
    req.keep_alive(true);
    for (auto& [k, v] : o.headers) req.set(k, v);
    if (o.ticket_body) {
      req.set(http::field::content_type, "application/json");
      req.body() = bench::TicketJson(sh.run_id, n);
    } else if (o.body) {
      if (req.find(http::field::content_type) == req.end())
        req.set(http::field::content_type, "application/json");
      req.body() = *o.body;
    }
    req.prepare_payload();

    auto t0 = Clock::now();
    stream.expires_after(timeout);
    co_await http::async_write(stream, req, asio::redirect_error(asio::use_awaitable, ec));
    http::response_parser<http::string_body> parser;
    parser.body_limit(256u * 1024 * 1024);
    if (!ec) {
      stream.expires_after(timeout);
      co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    }
    auto t1 = Clock::now();
    if (ec) {
      ++out.errors;
      ++out.statuses[ec == beast::error::timeout ? "timeout" : "net_error"];
      beast::error_code ignore;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignore);
      stream.close();
      connected = false;
      continue;
    }
    auto& res = parser.get();
    unsigned code = res.result_int();
    ++out.statuses[std::to_string(code)];
    if (code >= 200 && code < 300) {
      out.latencies_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    } else {
      ++out.errors;
    }
    if (!o.save_body.empty()) {
      std::lock_guard lock(sh.body_mutex);
      sh.last_body = res.body();
    }
    if (!res.keep_alive()) {
      beast::error_code ignore;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignore);
      stream.close();
      connected = false;
    }
  }
  if (connected) {
    beast::error_code ignore;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignore);
    stream.close();
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o = Parse(argc, argv);
  Shared sh{o, tcp::endpoint(asio::ip::make_address(o.host), o.port)};
  sh.run_id = std::to_string(::getpid()) + "-" +
              std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000007);

  asio::io_context ioc(o.threads);
  std::vector<SlotResult> slots(static_cast<std::size_t>(o.concurrency));
  for (auto& s : slots)
    s.latencies_us.reserve(static_cast<std::size_t>(std::min<uint64_t>(o.requests, 1u << 20)));
  auto start = Clock::now();
  sh.deadline = start + std::chrono::milliseconds(static_cast<int64_t>(o.duration_max * 1000));
  for (auto& s : slots) asio::co_spawn(ioc, Slot(sh, s), asio::detached);
  std::vector<std::thread> pool;
  for (int i = 1; i < o.threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  auto end = Clock::now();

  bench::Result r;
  r.seconds = std::chrono::duration<double>(end - start).count();
  for (auto& s : slots) {
    r.requests += s.requests;
    r.errors += s.errors;
    r.latencies_us.insert(r.latencies_us.end(), s.latencies_us.begin(), s.latencies_us.end());
    for (auto& [k, v] : s.statuses) r.statuses[k] += v;
  }
  if (!o.save_body.empty()) {
    std::ofstream f(o.save_body, std::ios::binary);
    f << sh.last_body;
  }
  std::string label =
      std::string(http::to_string(o.method)) + " " + o.path + " c=" + std::to_string(o.concurrency);
  bench::WriteLatencies(r, o.latencies_out);
  bench::Print(r, o.json, label);
  return 0;
}
