#include "text/utf8.hpp"

#include <gtest/gtest.h>

namespace boucle {
namespace {

TEST(Utf8Prefix, NeverSplitsACharacter) {
  const std::string text = "Réseau « Wi-Fi »";  // é and « » take two bytes each
  EXPECT_EQ(Utf8Prefix(text, 100), text);
  EXPECT_EQ(Utf8Prefix(text, 1), "R");
  EXPECT_EQ(Utf8Prefix(text, 2), "R") << "the cut falls inside é";
  EXPECT_EQ(Utf8Prefix(text, 3), "Ré");
  EXPECT_EQ(Utf8Prefix(text, 8), "Réseau ");
  EXPECT_EQ(Utf8Prefix(text, 9), "Réseau ") << "the cut falls inside «";
  EXPECT_EQ(Utf8Prefix("€uro", 2), "") << "a three-byte character cut anywhere is dropped whole";
  EXPECT_EQ(Utf8Prefix("", 5), "");
}

}  // namespace
}  // namespace boucle
