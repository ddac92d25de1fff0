#pragma once
// Handing work to another activity of the value chain: a demand routed to Build, an opportunity
// found in Improve given to Support. The record is created through the ordinary write path and
// linked back ("originates_from"), so the trace from the origin to what it became is never lost.
#include <cstdint>
#include <string>

#include "record/type_spec.hpp"

namespace boucle {

inline Result<Json> HandOver(ActionContext& ctx, const std::string& type, const Json& body,
                             const std::string& from_type, int64_t from_id) {
  auto created = ctx.Create(type, body);
  if (!created) return Fail(created.error());
  if (auto st = ctx.Link(type, (*created)["id"].get<int64_t>(), "originates_from", from_type, from_id); !st)
    return Fail(st.error());
  return created;
}

}  // namespace boucle
