#include "auth/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace boucle {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const TimePoint kT0 = TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 3 / 1}};

TEST(RateLimiterTest, DefaultAllowsTenThenRefusesUntilRefill) {
  RateLimiter limiter;
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.Allow("login:1.2.3.4", kT0)) << i;
  EXPECT_FALSE(limiter.Allow("login:1.2.3.4", kT0));
  EXPECT_EQ(limiter.RetryAfter("login:1.2.3.4", kT0), seconds{30});
  EXPECT_FALSE(limiter.Allow("login:1.2.3.4", kT0 + seconds{29}));
  EXPECT_EQ(limiter.RetryAfter("login:1.2.3.4", kT0 + seconds{29}), seconds{1});
  // 10 per 5 minutes earns one attempt back every 30 s.
  EXPECT_TRUE(limiter.Allow("login:1.2.3.4", kT0 + seconds{30}));
  EXPECT_FALSE(limiter.Allow("login:1.2.3.4", kT0 + seconds{30}));
  EXPECT_EQ(limiter.RetryAfter("login:1.2.3.4", kT0 + seconds{45}), seconds{15});
  // Refused attempts spend nothing: a full window later the whole burst is back.
  for (int i = 0; i < 10; ++i)
    EXPECT_TRUE(limiter.Allow("login:1.2.3.4", kT0 + seconds{30} + minutes{5})) << i;
  EXPECT_FALSE(limiter.Allow("login:1.2.3.4", kT0 + seconds{30} + minutes{5}));
}

TEST(RateLimiterTest, KeysAreIndependent) {
  RateLimiter limiter({.max_attempts = 2, .window = seconds{60}});
  EXPECT_TRUE(limiter.Allow("login:alice", kT0));
  EXPECT_TRUE(limiter.Allow("login:alice", kT0));
  EXPECT_FALSE(limiter.Allow("login:alice", kT0));
  EXPECT_TRUE(limiter.Allow("login:bob", kT0));
  EXPECT_TRUE(limiter.Allow("login:10.0.0.1", kT0));
  EXPECT_EQ(limiter.RetryAfter("login:bob", kT0), seconds{0});
  EXPECT_EQ(limiter.RetryAfter("login:nobody", kT0), seconds{0});
}

TEST(RateLimiterTest, ResetForgetsTheKey) {
  RateLimiter limiter({.max_attempts = 3, .window = minutes{5}});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("login:alice", kT0));
  EXPECT_FALSE(limiter.Allow("login:alice", kT0));
  limiter.Reset("login:alice");
  limiter.Reset("login:unknown");
  EXPECT_TRUE(limiter.Allow("login:alice", kT0));
}

TEST(RateLimiterTest, StaleKeysAreEvicted) {
  RateLimiter limiter({.max_attempts = 5, .window = minutes{5}});
  for (int i = 0; i < 100; ++i) limiter.Allow("ip:" + std::to_string(i), kT0 + seconds{i});
  EXPECT_EQ(limiter.Size(), 100u);
  // At kT0 + 5 min + 50 s, keys 0..50 have been quiet for a full window.
  limiter.Allow("ip:new", kT0 + minutes{5} + seconds{50});
  EXPECT_EQ(limiter.Size(), 100u - 51u + 1u);
  limiter.Allow("ip:new", kT0 + minutes{20});
  EXPECT_EQ(limiter.Size(), 1u);
}

TEST(RateLimiterTest, MapSizeIsCappedDroppingTheLeastRecentlySeen) {
  RateLimiter limiter({.max_attempts = 1, .window = minutes{5}, .max_keys = 3});
  EXPECT_TRUE(limiter.Allow("a", kT0));
  EXPECT_TRUE(limiter.Allow("b", kT0));
  EXPECT_TRUE(limiter.Allow("c", kT0));
  EXPECT_FALSE(limiter.Allow("a", kT0));  // touches a: b is now the oldest
  EXPECT_TRUE(limiter.Allow("d", kT0));
  EXPECT_EQ(limiter.Size(), 3u);
  EXPECT_FALSE(limiter.Allow("a", kT0));  // a survived
  EXPECT_TRUE(limiter.Allow("b", kT0));   // b was dropped, so it starts afresh
  EXPECT_EQ(limiter.Size(), 3u);
}

TEST(RateLimiterTest, HugeKeysAreBounded) {
  RateLimiter limiter({.max_attempts = 1, .window = minutes{5}});
  const std::string big(100000, 'x');
  EXPECT_TRUE(limiter.Allow("login:" + big, kT0));
  EXPECT_FALSE(limiter.Allow("login:" + big, kT0));
  EXPECT_TRUE(limiter.Allow("login:" + big + "y", kT0));  // same prefix, different hash
}

TEST(RateLimiterTest, ClockGoingBackMintsNothing) {
  RateLimiter limiter({.max_attempts = 2, .window = minutes{1}});
  EXPECT_TRUE(limiter.Allow("k", kT0));
  EXPECT_TRUE(limiter.Allow("k", kT0));
  EXPECT_FALSE(limiter.Allow("k", kT0 - minutes{10}));
  EXPECT_FALSE(limiter.Allow("k", kT0));
  EXPECT_TRUE(limiter.Allow("k", kT0 + seconds{30}));
}

TEST(RateLimiterTest, ConcurrentCallersShareOneBudget) {
  RateLimiter limiter({.max_attempts = 100, .window = minutes{5}});
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (limiter.Allow("shared", kT0)) ++allowed;
        limiter.Allow("own:" + std::to_string(t) + ":" + std::to_string(i), kT0);
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed.load(), 100);
  EXPECT_EQ(limiter.Size(), 1u + 8u * 50u);
}

}  // namespace
}  // namespace boucle
