#pragma once
// Deterministic demonstration data for surveys: the IT department's satisfaction barometer, sent
// last quarter to end users, team leads and sponsors, with its invitations, reminders and answers;
// and the satisfaction survey sent after a share of resolved tickets, ready to run.
#include "app/demo.hpp"

namespace boucle {

class RecordService;
class Tx;

// Called by LoadDemo inside its write transaction, after the stakeholders exist. The barometer's
// mails are in the outbox as cancelled: demonstration data never sends anything.
Status LoadDemoSurveys(RecordService& records, Tx& tx, ManualClock& clock, const DemoOptions& options);

}  // namespace boucle
