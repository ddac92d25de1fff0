#pragma once
// Keeping a demand's requester informed in the app and by e-mail, in their preferred language (see
// engage/stakeholder_news.hpp), in the transaction of the change it reports, once per key.
#include <string>

#include "record/type_spec.hpp"

namespace boucle {

struct DemandNews {
  std::string key;  // one mail per key, ever (e.g. "demand-routed:12")
  Label subject;
  Label text;       // `{link}` is replaced by the address where the demand can be followed
  int64_t follow_demand = 0;
  Label summary;    // the in-app notification's text (may be empty)
};

// Notifies the stakeholder `requester` (a stakeholder id, or null: nothing to do) and queues their
// mail; a stakeholder without a user account gets no notification, one without an address no mail.
Status TellRequester(ActionContext& ctx, const Json& requester, const DemandNews& news);

// After a demand's write: when the desk moved it to triaged, done or rejected (with the reason, if
// given), tells its requesters, each once per step.
Status TellRequestersOfStep(ActionContext& ctx, const Json* after, const Json* before);

}  // namespace boucle
