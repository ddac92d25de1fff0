#pragma once
// Relationship health: for each stakeholder with an engagement plan (their own or their
// group's), when we last heard them, when the plan says we should next, and the follow-up
// actions still open. The relationship is kept alive when nobody goes unheard past their due date.
#include <vector>

#include "record/registry.hpp"

namespace boucle {

// Stakeholders carry their kept `latest_interaction_at`; `interactions` need only be those of the
// open follow-ups and the past ones of stakeholders whose latest interaction lies ahead of now.
struct HealthInputs {
  std::vector<Json> stakeholders, plans, interactions, follow_ups;
};

// One row per stakeholder who has a plan, most overdue first; plus summary counts.
Json ComputeRelationshipHealth(const HealthInputs& in, TimePoint now);

void RegisterEngageReports(Registry& registry);

}  // namespace boucle
