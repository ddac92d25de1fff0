#include "auth/token.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace boucle {
namespace {

bool IsBase64Url(const std::string& s) {
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

TEST(TokenTest, RandomTokenIsUnpaddedBase64Url) {
  const std::string t = RandomToken();
  EXPECT_EQ(t.size(), 43u);  // ceil(32 * 4 / 3) without '='
  EXPECT_TRUE(IsBase64Url(t)) << t;
  EXPECT_EQ(RandomToken(16).size(), 22u);
  EXPECT_EQ(RandomToken(1).size(), 2u);
  EXPECT_EQ(RandomToken(3).size(), 4u);
  EXPECT_EQ(RandomToken(0), "");
}

TEST(TokenTest, RandomTokensDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(RandomToken());
  EXPECT_EQ(seen.size(), 1000u);
  // Every alphabet symbol should show up somewhere across 43k characters of random output.
  std::set<char> symbols;
  for (const auto& t : seen) symbols.insert(t.begin(), t.end());
  EXPECT_EQ(symbols.size(), 64u);
}

TEST(TokenTest, HashTokenIsSha256Hex) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(HashToken(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string t = RandomToken();
  EXPECT_EQ(HashToken(t), HashToken(t));
  EXPECT_NE(HashToken(t), HashToken(t + "x"));
  EXPECT_EQ(HashToken(std::string("a\0b", 3)).size(), 64u);
  EXPECT_NE(HashToken(std::string("a\0b", 3)), HashToken("a"));
}

TEST(TokenTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "xbc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
  const std::string t = RandomToken();
  EXPECT_TRUE(ConstantTimeEquals(t, std::string(t)));
}

}  // namespace
}  // namespace boucle
