#include "auth/rate_limiter.hpp"

#include <algorithm>
#include <functional>

namespace boucle {

namespace {

// Keys embed client input (a login); longer ones are shortened to a prefix plus a hash so that
// max_keys really bounds memory. A collision only makes two such keys share one bucket.
constexpr size_t kMaxKeyBytes = 256;

std::string BoundedKey(const std::string& key) {
  if (key.size() <= kMaxKeyBytes) return key;
  return key.substr(0, kMaxKeyBytes - 17) + "#" + std::to_string(std::hash<std::string>{}(key));
}

}  // namespace

RateLimiter::RateLimiter(RateLimit limit) : limit_(limit) {
  limit_.max_attempts = std::clamp(limit_.max_attempts, 1, 1'000'000);
  limit_.window = std::clamp(limit_.window, std::chrono::seconds{1}, std::chrono::seconds{86'400 * 366});
  limit_.max_keys = std::max<size_t>(limit_.max_keys, 1);
  cost_ = limit_.window.count();
  capacity_ = cost_ * limit_.max_attempts;
}

int64_t RateLimiter::Refilled(const Bucket& b, TimePoint now) const {
  // A clock that steps back must not mint credit nor take it away.
  const int64_t elapsed = std::clamp<int64_t>((now - b.updated).count(), 0, limit_.window.count());
  return std::min(capacity_, b.credit + elapsed * limit_.max_attempts);
}

void RateLimiter::DropStale(TimePoint now) {
  // A bucket untouched for a whole window is full again, exactly like an absent one.
  while (!lru_.empty() && now - lru_.back().updated >= limit_.window) {
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
}

bool RateLimiter::Allow(const std::string& raw_key, TimePoint now) {
  const std::string key = BoundedKey(raw_key);
  std::lock_guard lock(mutex_);
  DropStale(now);
  auto it = index_.find(key);
  if (it == index_.end()) {
    if (lru_.size() >= limit_.max_keys) {
      index_.erase(lru_.back().key);
      lru_.pop_back();
    }
    lru_.push_front(Bucket{key, capacity_, now});
    it = index_.emplace(lru_.front().key, lru_.begin()).first;
  } else {
    lru_.splice(lru_.begin(), lru_, it->second);
  }
  Bucket& b = *it->second;
  b.credit = Refilled(b, now);
  b.updated = std::max(b.updated, now);
  if (b.credit < cost_) return false;
  b.credit -= cost_;
  return true;
}

std::chrono::seconds RateLimiter::RetryAfter(const std::string& raw_key, TimePoint now) const {
  const std::string key = BoundedKey(raw_key);
  std::lock_guard lock(mutex_);
  const auto it = index_.find(key);
  if (it == index_.end()) return std::chrono::seconds{0};
  const int64_t missing = cost_ - Refilled(*it->second, now);
  if (missing <= 0) return std::chrono::seconds{0};
  return std::chrono::seconds{(missing + limit_.max_attempts - 1) / limit_.max_attempts};
}

void RateLimiter::Reset(const std::string& raw_key) {
  const std::string key = BoundedKey(raw_key);
  std::lock_guard lock(mutex_);
  const auto it = index_.find(key);
  if (it == index_.end()) return;
  const auto node = it->second;
  index_.erase(it);
  lru_.erase(node);
}

size_t RateLimiter::Size() const {
  std::lock_guard lock(mutex_);
  return lru_.size();
}

}  // namespace boucle
