#include "http/responses.hpp"

#include "i18n/messages.hpp"

namespace boucle::http {

int StatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid: return 400;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kPreconditionFailed: return 412;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kTooLarge: return 413;
    case ErrorKind::kRateLimited: return 429;
    case ErrorKind::kGone: return 410;
    case ErrorKind::kUnsupported: return 415;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

Response JsonResponse(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response ErrorResponse(const Error& error, std::string_view lang) {
  nlohmann::json e{{"code", error.code},
                   {"message", MessageFor(error, lang)},
                   {"field", error.field.empty() ? nlohmann::json() : nlohmann::json(error.field)}};
  if (error.params.contains("current_version")) e["current_version"] = error.params["current_version"];
  if (!error.details.empty()) {
    e["details"] = nlohmann::json::array();
    for (const auto& d : error.details)
      e["details"].push_back({{"code", d.code}, {"message", MessageFor(d, lang)}, {"field", d.field}});
  }
  auto r = JsonResponse(StatusFor(error.kind), {{"error", e}});
  if (error.kind == ErrorKind::kRateLimited && error.params.contains("retry_after"))
    r.headers.emplace_back("Retry-After", error.params["retry_after"].dump());
  return r;
}

}  // namespace boucle::http
