#pragma once
#include "record/type_spec.hpp"

namespace boucle {

// After a ticket's write: when it reaches resolved, its requester hears it in the app, once per
// resolution (a reopened ticket resolved again is news again). No mail: the satisfaction survey's
// invitation follows (engage/satisfaction.cpp). Imports and demonstration data (the system actor)
// replay history and tell nobody.
Status TellRequesterResolved(ActionContext& ctx, const Json* after, const Json* before);

}  // namespace boucle
