#pragma once
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "http/message.hpp"

namespace boucle::http {

// The one table from error kinds to HTTP statuses.
int StatusFor(ErrorKind kind);

Response JsonResponse(int status, const nlohmann::json& body);
// {"error": {"code", "message", "field", "details"}} in the caller's language.
Response ErrorResponse(const Error& error, std::string_view lang);

}  // namespace boucle::http
