#pragma once
// `boucle analyse --db FILE`: runs every analysis of blocking points now, writes the findings and
// prints how long each analysis took and what it found (--json: one object, for benchmarks).
#include <ostream>

#include "record/service.hpp"

namespace boucle {
int RunAnalyseCommand(RecordService& records, bool json, std::ostream& out, std::ostream& err);
}  // namespace boucle
