#pragma once
// Each stakeholder's latest interaction date, kept on the stakeholder record in the transaction
// that writes the interaction, so that relationship health reads one row per stakeholder instead
// of every interaction ever held (100,000 of them in the bench).
#include "record/type_spec.hpp"

namespace boucle {

// After-write hook of interactions: moves `latest_interaction_at` of the attendees it concerns.
Status KeepLatestInteraction(ActionContext& ctx, const Json* after, const Json* before);

}  // namespace boucle
