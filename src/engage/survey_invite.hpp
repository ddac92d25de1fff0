#pragma once
// Inviting one recipient: a fresh one-time token (only its hash is kept), the invitation and its
// mail in the outbox, all in the caller's transaction. Campaign actions and the satisfaction scan
// both go through here.
#include <optional>
#include <string>

#include "record/type_spec.hpp"

namespace boucle {

struct InviteRequest {
  Json campaign;
  Json survey;
  Json stakeholder;
  Json ticket;  // null unless it is a satisfaction survey about this ticket
  TimePoint send_at;
};

struct InviteOutcome {
  Json invitation;  // null when the stakeholder cannot be reached (no usable e-mail)
  bool created = false;
};

Result<InviteOutcome> Invite(ActionContext& ctx, const InviteRequest& request);

// Campaign actions.
Result<Json> LaunchCampaign(ActionContext& ctx, const Json& campaign, const Json& input);
Result<Json> RemindCampaign(ActionContext& ctx, const Json& campaign, const Json& input);

}  // namespace boucle
