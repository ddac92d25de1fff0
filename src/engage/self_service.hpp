#pragma once
#include <string>

#include "record/type_spec.hpp"

namespace boucle {
// End users speak for themselves only: on create, `field` becomes their own stakeholder record,
// whatever the body said.
Status SpeakForSelf(HookContext& ctx, Json& next, const Json* before, const std::string& field);
}  // namespace boucle
