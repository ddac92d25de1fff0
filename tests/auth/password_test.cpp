#include "auth/password.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <thread>
#include <vector>

namespace boucle {
namespace {

// Interactive cost takes 64 MiB per hash; the suite uses the minimum except where the cost matters.
const PasswordCost kFast = PasswordCost::Minimum();

TEST(PasswordTest, HashIsArgon2idAndVerifies) {
  const std::string hash = HashPassword("correct horse battery", kFast);
  ASSERT_FALSE(hash.empty());
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(hash, ""));
}

TEST(PasswordTest, DefaultCostIsInteractive) {
  const std::string hash = HashPassword("boucle-demo");
  ASSERT_FALSE(hash.empty());
  // libsodium encodes the cost in the hash: m in KiB, t in passes.
  const std::string expected =
      "$argon2id$v=19$m=" + std::to_string(crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024) +
      ",t=" + std::to_string(crypto_pwhash_OPSLIMIT_INTERACTIVE) + ",";
  EXPECT_EQ(hash.rfind(expected, 0), 0u) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "boucle-demo"));
  EXPECT_FALSE(PasswordNeedsRehash(hash));
  EXPECT_TRUE(PasswordNeedsRehash(HashPassword("boucle-demo", kFast)));
}

TEST(PasswordTest, SaltMakesEveryHashDifferent) {
  const std::string a = HashPassword("same password", kFast);
  const std::string b = HashPassword("same password", kFast);
  EXPECT_NE(a, b);
  EXPECT_TRUE(VerifyPassword(a, "same password"));
  EXPECT_TRUE(VerifyPassword(b, "same password"));
}

TEST(PasswordTest, GarbageHashesNeverVerify) {
  const std::string good = HashPassword("password123", kFast);
  const std::vector<std::string> bad = {
      "",
      "password123",
      "$argon2id$",
      "$argon2id$v=19$m=65536,t=2,p=1$",
      good.substr(0, good.size() - 4),
      good + "AAAA",
      std::string("$argon2id\0$v=19", 15),
      std::string(500, 'x'),
      "$2y$10$abcdefghijklmnopqrstuuJ2n7m0F0l9cR2b1rYxM8o3m5nUoS6a",  // bcrypt
  };
  for (const auto& h : bad) EXPECT_FALSE(VerifyPassword(h, "password123")) << h;
  EXPECT_TRUE(PasswordNeedsRehash(""));
}

TEST(PasswordTest, EmptyAndBinaryPasswordsHash) {
  const std::string empty = HashPassword("", kFast);
  ASSERT_FALSE(empty.empty());
  EXPECT_TRUE(VerifyPassword(empty, ""));
  EXPECT_FALSE(VerifyPassword(empty, " "));
  const std::string binary("a\0b", 3);
  const std::string hash = HashPassword(binary, kFast);
  EXPECT_TRUE(VerifyPassword(hash, binary));
  EXPECT_FALSE(VerifyPassword(hash, "a"));  // no C-string truncation
}

TEST(PasswordTest, ConcurrentHashing) {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([i, &ok] {
      const std::string pw = "password-" + std::to_string(i);
      ok[i] = VerifyPassword(HashPassword(pw, kFast), pw) ? 1 : 0;
    });
  for (auto& t : threads) t.join();
  for (int v : ok) EXPECT_EQ(v, 1);
}

TEST(PasswordTest, Policy) {
  struct Case {
    std::string password;
    std::string code;  // empty: accepted
  };
  const std::vector<Case> cases = {
      {"", "password.too_short"},
      {"1234567", "password.too_short"},
      {"12345678", ""},
      {"éééééé", "password.too_short"},  // 12 bytes but 6 characters
      {"éééééééé", ""},
      {std::string(1024, 'a'), ""},
      {std::string(1025, 'a'), "password.too_long"},
  };
  for (const auto& c : cases) {
    const Status st = CheckPasswordPolicy(c.password);
    if (c.code.empty()) {
      EXPECT_TRUE(st.has_value()) << c.password.size();
    } else {
      ASSERT_FALSE(st.has_value()) << c.password.size();
      EXPECT_EQ(st.error().code, c.code);
      EXPECT_EQ(st.error().field, "password");
      EXPECT_EQ(st.error().kind, ErrorKind::kInvalid);
    }
  }
  EXPECT_EQ(CheckPasswordPolicy("short").error().params.value("min", 0), 8);
  EXPECT_EQ(CheckPasswordPolicy(std::string(2000, 'a')).error().params.value("max", 0), 1024);
}

}  // namespace
}  // namespace boucle
