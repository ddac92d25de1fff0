#pragma once
// Deterministic demonstration data, engagement and build side: where each stakeholder stands and
// should stand, who is R, A, C or I for each service, the engagement plans and a year of
// interactions and follow-up actions kept (or not) along them, demands in every state routed to
// tickets, changes, projects and improvements, and the changes that implement the improvements.
#include "app/demo.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace boucle {

class RecordService;
class Tx;

// Called by LoadDemo inside its write transaction, once the accounts, services, stakeholders,
// tickets, feedback and improvements exist: it finds them again by login, name and title. Moves
// `clock` along (never past options.now); same (now, seed): same data.
Status LoadDemoEngagement(RecordService& records, Tx& tx, ManualClock& clock, const DemoOptions& options);

}  // namespace boucle
