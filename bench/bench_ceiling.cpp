// bench_ceiling: the smallest Boost.Beast async HTTP/1.1 server, the ceiling any Beast-based API can reach.
// Answers every request with a fixed small JSON body, keep-alive, N threads (default 2).
//   bench_ceiling --listen 127.0.0.1:0 [--threads 2] [--body-bytes N]
// Prints "listening on http://127.0.0.1:PORT" once ready; stops on SIGTERM/SIGINT.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "bench_asio.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

asio::awaitable<void> Serve(tcp::socket socket, const std::string& body) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  beast::error_code ec;
  for (;;) {
    http::request<http::string_body> req;
    stream.expires_after(std::chrono::seconds(30));
    co_await http::async_read(stream, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    http::response<http::string_body> res{http::status::ok, req.version()};
    res.set(http::field::server, "bench_ceiling");
    res.set(http::field::content_type, "application/json");
    res.keep_alive(req.keep_alive());
    res.body() = body;
    res.prepare_payload();
    co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !res.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> Accept(tcp::acceptor& acceptor, const std::string& body) {
  for (;;) {
    beast::error_code ec;
    // Each connection gets its own strand so that 2 threads serve connections in parallel safely.
    tcp::socket socket(asio::make_strand(acceptor.get_executor()));
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      continue;
    }
    beast::error_code ignore;
    socket.set_option(tcp::no_delay(true), ignore);
    auto ex = socket.get_executor();
    asio::co_spawn(ex, Serve(std::move(socket), body), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:0";
  int threads = 2;
  std::size_t body_bytes = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--listen" && i + 1 < argc)
      listen = argv[++i];
    else if (a == "--threads" && i + 1 < argc)
      threads = std::max(1, std::atoi(argv[++i]));
    else if (a == "--body-bytes" && i + 1 < argc)
      body_bytes = static_cast<std::size_t>(std::atol(argv[++i]));
    else {
      std::cerr << "usage: bench_ceiling [--listen 127.0.0.1:PORT] [--threads N] [--body-bytes N]\n";
      return 2;
    }
  }
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "bench_ceiling: --listen HOST:PORT\n";
    return 2;
  }
  std::string host = listen.substr(0, colon);
  if (host != "127.0.0.1") {
    std::cerr << "bench_ceiling: listens on 127.0.0.1 only\n";
    return 2;
  }
  auto port = static_cast<unsigned short>(std::atoi(listen.substr(colon + 1).c_str()));

  std::string body = R"({"status":"ok","service":"bench_ceiling"})";
  if (body_bytes > body.size()) {
    // {"status":"ok","pad":"xxxx..."} of exactly body_bytes bytes.
    std::string head = R"({"status":"ok","pad":")", tail = R"("})";
    std::size_t pad = body_bytes > head.size() + tail.size() ? body_bytes - head.size() - tail.size() : 0;
    body = head + std::string(pad, 'x') + tail;
  }

  asio::io_context ioc(threads);
  tcp::acceptor acceptor(ioc);
  tcp::endpoint ep(asio::ip::make_address(host), port);
  acceptor.open(ep.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(ep);
  acceptor.listen(asio::socket_base::max_listen_connections);
  std::printf("listening on http://127.0.0.1:%u\n", static_cast<unsigned>(acceptor.local_endpoint().port()));
  std::fflush(stdout);

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code&, int) {
    beast::error_code ignore;
    acceptor.close(ignore);
    ioc.stop();
  });
  asio::co_spawn(ioc, Accept(acceptor, body), asio::detached);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
}
