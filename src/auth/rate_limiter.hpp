#pragma once
// Slows password guessing: a token bucket per key, e.g. "login:<ip>" and "login:<login>".
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"

namespace boucle {

struct RateLimit {
  int max_attempts = 10;                                  // the burst a fresh key may spend at once
  std::chrono::seconds window = std::chrono::minutes{5};  // time for an empty bucket to refill
  size_t max_keys = 100'000;  // memory bound; the least recently seen key goes first
};

// Each key holds up to `max_attempts` tokens and earns them back at max_attempts per `window`:
// 10 quick failures, then one try every 30 s, and a clean slate after 5 quiet minutes.
// Thread-safe. Time comes from the caller, so tests never sleep.
class RateLimiter {
 public:
  explicit RateLimiter(RateLimit limit = {});

  // Spends a token and returns true, or returns false (spending nothing) when the bucket is empty.
  bool Allow(const std::string& key, TimePoint now);
  // How long until Allow would succeed for `key` (zero when it would now): for Retry-After.
  std::chrono::seconds RetryAfter(const std::string& key, TimePoint now) const;
  // Forgets the key, e.g. "login:<login>" after a successful login.
  void Reset(const std::string& key);
  size_t Size() const;

 private:
  // Credit in integer units so that refills are exact: one attempt costs window-seconds units and
  // every second earns max_attempts units back (a double would make 10 per 300 s round badly).
  struct Bucket {
    std::string key;
    int64_t credit = 0;
    TimePoint updated;
  };
  using Lru = std::list<Bucket>;  // most recently seen first, so stale buckets gather at the back

  int64_t Refilled(const Bucket& b, TimePoint now) const;
  void DropStale(TimePoint now);

  RateLimit limit_;
  int64_t cost_;      // units per attempt
  int64_t capacity_;  // units in a full bucket
  mutable std::mutex mutex_;
  Lru lru_;
  std::unordered_map<std::string_view, Lru::iterator> index_;  // views into the list's keys
};

}  // namespace boucle
