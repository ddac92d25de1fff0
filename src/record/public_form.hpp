#pragma once
// Public forms: what someone without an account may read and submit, given the secret key of a
// personal link (a survey invitation, ...). Described once like reports and served by the API at
// GET and POST /api/v1/public/<name>/<key>, without a session, rate-limited per client address.
// The handlers run as the system actor: checking the key is their whole authorisation.
#include <functional>
#include <string>

#include "record/type_spec.hpp"

namespace boucle {

using PublicReadHandler = std::function<Result<Json>(ActionContext&, const std::string& key)>;
using PublicSubmitHandler =
    std::function<Result<Json>(ActionContext&, const std::string& key, const Json& body)>;

struct PublicFormSpec {
  std::string name;  // a path segment: /api/v1/public/<name>/<key>
  Label label;
  PublicReadHandler read;
  PublicSubmitHandler submit;
};

}  // namespace boucle
