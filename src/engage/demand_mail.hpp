#pragma once
// Keeping a demand's requester informed by e-mail, in their preferred language: each mail goes
// through the outbox in the transaction of the change it reports, once per key.
#include <string>

#include "record/type_spec.hpp"

namespace boucle {

struct DemandNews {
  std::string key;  // one mail per key, ever (e.g. "demand-routed:12")
  Label subject;
  Label text;       // `{link}` is replaced by the address where the demand can be followed
  int64_t follow_demand = 0;
};

// Queues the mail to the stakeholder `requester` (a stakeholder id, or null: nothing to do); a
// stakeholder without an address is not mailed.
Status TellRequester(ActionContext& ctx, const Json& requester, const DemandNews& news);

}  // namespace boucle
