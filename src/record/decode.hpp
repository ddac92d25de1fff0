#pragma once
// Turns a JSON body into field values the description allows, reporting every field error at once.
#include "core/result.hpp"
#include "record/actor.hpp"
#include "record/type_spec.hpp"

namespace boucle {

enum class DecodeMode { kCreate, kUpdate };

// Who wrote the body: a client may not set computed fields; a rule of the domain (an action) may.
enum class Origin { kClient, kRule };

// Returns the fields present in `body`, normalised (dates in canonical UTC form, lists without
// duplicates). On create, absent fields take their default and a required field without one is
// an error. `version` is accepted and left to the caller. References are checked for form only:
// whether they exist is the service's business.
Result<Json> Decode(const TypeSpec& type, const Json& body, const Actor& who, DecodeMode mode,
                    Origin origin = Origin::kClient);

// Counts characters, not bytes, so that limits mean the same in French and English.
size_t Utf8Length(const std::string& s);

}  // namespace boucle
