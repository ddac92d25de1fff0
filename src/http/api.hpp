#pragma once
// Every route of Boucle: the session, the description of record types, the generic record
// routes, history, traces, counts, audit, OpenAPI, health and metrics, and the web app.
// Authentication, CSRF and the audit of refusals happen here once for all routes.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "auth/accounts.hpp"
#include "auth/rate_limiter.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/static_files.hpp"
#include "record/service.hpp"

namespace boucle {
class KpiService;  // improve/kpi_service.hpp
}

namespace boucle::http {

struct ApiOptions {
  std::string web_root = "web/dist";
  bool secure_cookies = false;  // add Secure to the session cookie (set when served behind TLS)
  // Requests to public forms (personal links, no account) per client address.
  RateLimit public_rate{.max_attempts = 60, .window = std::chrono::minutes{1}};
  // What one end user may create per public-form type (demands, feedback, votes...): a burst of
  // 20, then one every 30 s.
  RateLimit public_forms{.max_attempts = 20, .window = std::chrono::minutes{10}, .max_keys = 100'000};
};

struct RouteInfo {
  std::string method;
  std::string pattern;
  bool needs_auth = true;
};

class Api {
 public:
  Api(const Registry& registry, RecordService& records, Accounts& accounts, Metrics& metrics, ApiOptions options);
  ~Api();

  // Never throws: an unexpected exception becomes a 500 with an error id, logged.
  Response Handle(const Request& request);
  const std::vector<RouteInfo>& Routes() const { return route_info_; }

 private:
  struct Context;
  using Handler = std::function<Response(Context&)>;
  struct Route {
    RouteInfo info;
    std::vector<std::string> segments;
    Handler handler;
  };

  void Add(std::string method, std::string pattern, bool needs_auth, Handler handler);
  Response Dispatch(const Request& request);
  Response Fail(Context& ctx, const Error& error);

  Response Login(Context& ctx);
  Response Session(Context& ctx);
  Response Logout(Context& ctx);
  Response Meta(Context& ctx);
  Response AuditLog(Context& ctx);
  Response ListRecords(Context& ctx);
  Response CountRecords(Context& ctx);
  Response CreateRecord(Context& ctx);
  Response GetRecord(Context& ctx);
  Response UpdateRecord(Context& ctx);
  Response DeleteRecord(Context& ctx);
  Response RecordHistory(Context& ctx);
  Response RecordTrace(Context& ctx);
  Response RecordAction(Context& ctx);
  Response Report(Context& ctx);
  Response PublicForm(Context& ctx);
  Response Kpis(Context& ctx);
  Response Kpi(Context& ctx);
  Response KpiCheck(Context& ctx);

  const Registry& registry_;
  RecordService& records_;
  Accounts& accounts_;
  Metrics& metrics_;
  ApiOptions options_;
  StaticFiles static_files_;
  std::vector<Route> routes_;
  std::vector<RouteInfo> route_info_;
  RateLimiter public_limiter_;
  std::unique_ptr<KpiService> kpis_;  // GET /api/v1/kpis[/{kpi}]
  RateLimiter form_limiter_;
  std::string openapi_;  // built once: the registry does not change while serving
};

}  // namespace boucle::http
