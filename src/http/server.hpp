#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "http/message.hpp"

namespace boucle::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int threads = 2;
  size_t body_limit = 1024 * 1024;
  size_t header_limit = 16 * 1024;
  int read_timeout_seconds = 30;
};

using Handler = std::function<Response(const Request&)>;

// Serves HTTP/1.1 with keep-alive on Boost.Beast until SIGINT or SIGTERM. `on_listening` is
// called with the bound port once the socket accepts. Returns non-zero when it cannot listen.
int Serve(const ServerOptions& options, Handler handler, const std::function<void(uint16_t)>& on_listening);

}  // namespace boucle::http
