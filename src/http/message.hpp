#pragma once
// Requests and responses as plain values: a handler is a function from one to the other,
// testable without a socket. The Beast server converts at the edge.
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace boucle::http {

struct Request {
  std::string method;
  std::string path;    // percent-decoded, without the query string
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote;  // the peer's address, for the audit log and rate limits

  const std::string& Header(const std::string& lower_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string route;  // the matched route pattern, the label of the request metrics
};

// Splits a request target into path and query; false when its percent-encoding is broken.
bool ParseTarget(const std::string& target, std::string& path, std::multimap<std::string, std::string>& query);

}  // namespace boucle::http
