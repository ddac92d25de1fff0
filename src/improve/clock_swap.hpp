#pragma once
// Imports write each record at its own past time: they lend the record service a manual clock
// and put its own clock back, whatever happens.
#include "record/service.hpp"

namespace boucle {

class ClockSwap {
 public:
  ClockSwap(RecordService& records, const Clock& temporary) : records_(records), original_(records.clock()) {
    records_.set_clock(temporary);
  }
  ~ClockSwap() { records_.set_clock(original_); }
  ClockSwap(const ClockSwap&) = delete;
  ClockSwap& operator=(const ClockSwap&) = delete;

 private:
  RecordService& records_;
  const Clock& original_;
};

}  // namespace boucle
