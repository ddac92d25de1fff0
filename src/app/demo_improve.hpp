#pragma once
// Deterministic demonstration data, Improve side: the year plan and this quarter's plan with the
// improvements weighed in them, a 5-whys analysis, procedures revised by improvements, portfolio
// decisions with their evidence, and opportunities handed to the other activities.
#include "app/demo.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace boucle {

class RecordService;
class Tx;

// Called by LoadDemo inside its write transaction, after the engagement data.
Status LoadDemoImprove(RecordService& records, Tx& tx, ManualClock& clock, const DemoOptions& options);

}  // namespace boucle
