#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace boucle {

// Kinds know nothing of HTTP: one table in http/ maps them to statuses.
enum class ErrorKind {
  kInvalid,             // the input breaks a rule; `field` names where
  kNotFound,
  kConflict,            // stale version or unique clash
  kPreconditionFailed,  // stale version sent as If-Match
  kUnauthenticated,
  kForbidden,
  kTooLarge,
  kRateLimited,
  kGone,                // a one-time link already used, or expired
  kUnsupported,         // method or media type the route does not take
  kInternal,
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;            // stable, e.g. "field.required"; keys the FR/EN texts
  std::string field;           // path of the offending field, empty when none
  nlohmann::json params = nlohmann::json::object();  // values substituted in the text
  std::vector<Error> details;  // every field error when validation found several

  static Error Invalid(std::string code, std::string field, nlohmann::json params = nlohmann::json::object()) {
    return Error{ErrorKind::kInvalid, std::move(code), std::move(field), std::move(params), {}};
  }
  static Error Of(ErrorKind kind, std::string code, nlohmann::json params = nlohmann::json::object()) {
    return Error{kind, std::move(code), "", std::move(params), {}};
  }
};

}  // namespace boucle
