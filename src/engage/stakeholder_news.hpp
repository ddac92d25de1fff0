#pragma once
// Telling a stakeholder about a step that concerns them, in their preferred language: an in-app
// notification when they have a user account, a mail when they have an address. Both are written
// in the transaction of the change they report, once per key.
#include <string>

#include "record/type_spec.hpp"

namespace boucle {

struct StakeholderNews {
  std::string key;  // one notification and one mail per key, ever (e.g. "demand-done:12:3")
  Label subject;    // the mail's subject and the notification's title
  Label text;       // the mail's body; `{link}` is replaced by the address of the record
  Label summary;    // the notification's text (may be empty)
  std::string about_type;
  int64_t about_id = 0;
  bool mail = true;  // false: in the app only (another mail follows anyway)
};

// `stakeholder` is a stakeholder id, or null: nothing to do.
Status TellStakeholder(ActionContext& ctx, const Json& stakeholder, const StakeholderNews& news);

}  // namespace boucle
