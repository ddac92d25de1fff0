// The only file that sees Boost.Beast: sockets, parsing limits and timeouts. Everything above it
// works on plain Request and Response values.
#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <memory>
#include <thread>
#include <vector>

#include "http/responses.hpp"

namespace boucle::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const ServerOptions& options, const Handler& handler)
      : stream_(std::move(socket)), options_(options), handler_(handler) {}

  void Start() {
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(options_.body_limit);
    parser_->header_limit(static_cast<uint32_t>(options_.header_limit));
    stream_.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted || ec == beast::error::timeout ||
        ec == asio::error::connection_reset || ec == asio::error::eof)
      return Close();
    if (ec) {
      // A request we will not read further: answer once, in JSON, then close.
      Error e = ec == bhttp::error::body_limit
                    ? Error{ErrorKind::kTooLarge, "body.too_large", "body", {{"max", options_.body_limit}}, {}}
                : ec == bhttp::error::header_limit ? Error::Of(ErrorKind::kInvalid, "http.header_too_large")
                                                   : Error::Of(ErrorKind::kInvalid, "http.bad_request");
      Response r = ErrorResponse(e, "fr");
      if (ec == bhttp::error::header_limit) r.status = 431;
      return Write(std::move(r), false, 11);
    }
    auto& req = parser_->get();
    Request request;
    request.method = std::string(req.method_string());
    const std::string target(req.target());
    if (!ParseTarget(target, request.path, request.query)) {
      return Write(ErrorResponse(Error::Of(ErrorKind::kInvalid, "http.bad_request"), "fr"), false, req.version());
    }
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers[name] = std::string(field.value());
    }
    request.body = std::move(req.body());
    beast::error_code peer_ec;
    const auto peer = stream_.socket().remote_endpoint(peer_ec);
    request.remote = peer_ec ? "" : peer.address().to_string();
    Response response = handler_(request);
    Write(std::move(response), req.keep_alive(), req.version());
  }

  void Write(Response response, bool keep_alive, unsigned version) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(response.status), version);
    res->set(bhttp::field::server, "Boucle");
    if (!response.content_type.empty()) res->set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) res->insert(name, value);
    res->body() = std::move(response.body);
    res->keep_alive(keep_alive);
    res->prepare_payload();
    stream_.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
    bhttp::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      if (ec || !res->keep_alive()) return self->Close();
      self->Read();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const ServerOptions& options_;
  const Handler& handler_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& ioc, tcp::acceptor acceptor, const ServerOptions& options, const Handler& handler)
      : ioc_(ioc), acceptor_(std::move(acceptor)), options_(options), handler_(handler) {}

  void Accept() {
    acceptor_.async_accept(asio::make_strand(ioc_), [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) std::make_shared<Session>(std::move(s), self->options_, self->handler_)->Start();
      self->Accept();
    });
  }

  void Stop() {
    beast::error_code ec;
    acceptor_.close(ec);
  }

 private:
  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  const ServerOptions& options_;
  const Handler& handler_;
};

}  // namespace

int Serve(const ServerOptions& options, Handler handler, const std::function<void(uint16_t)>& on_listening) {
  asio::io_context ioc(options.threads);
  beast::error_code ec;
  const auto address = asio::ip::make_address(options.address, ec);
  if (ec) {
    spdlog::error("listen address {} is not an IP address", options.address);
    return 2;
  }
  tcp::acceptor acceptor(ioc);
  const tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    spdlog::error("cannot listen on {}:{}: {}", options.address, options.port, ec.message());
    return 2;
  }
  const uint16_t port = acceptor.local_endpoint().port();
  auto listener = std::make_shared<Listener>(ioc, std::move(acceptor), options, handler);
  listener->Accept();

  // Stop accepting at once; requests in flight finish within the grace period, then we return.
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer grace(ioc);
  signals.async_wait([&](beast::error_code, int sig) {
    spdlog::info("signal {} received: stopping", sig);
    listener->Stop();
    grace.expires_after(std::chrono::seconds(2));
    grace.async_wait([&](beast::error_code) { ioc.stop(); });
  });

  on_listening(port);
  std::vector<std::thread> workers;
  for (int i = 1; i < options.threads; ++i) workers.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : workers) t.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace boucle::http
