#include "engage/self_service.hpp"

#include "record/actor.hpp"

namespace boucle {

Status SpeakForSelf(HookContext& ctx, Json& next, const Json* before, const std::string& field) {
  if (ctx.Who().role != Role::kEndUser || before) return {};
  auto self = ctx.FindOne("stakeholders", "user_account", ctx.Who().user_id);
  if (!self) return Fail(self.error());
  if (self->is_null()) return Fail(Error::Invalid("feedback.stakeholder_unknown", field));
  next[field] = (*self)["id"];
  return {};
}

}  // namespace boucle
