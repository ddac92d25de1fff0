#include "i18n/messages.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace boucle {
namespace {

// Every error code the sources can produce has a French and an English text: a new code without
// its translations fails here, not in front of a user.
TEST(Messages, EveryCodeInTheSourcesHasBothTexts) {
  std::set<std::string> known;
  for (const auto& m : AllMessages()) {
    EXPECT_TRUE(known.insert(std::string(m.code)).second) << "duplicate " << m.code;
    EXPECT_FALSE(m.fr.empty()) << m.code;
    EXPECT_FALSE(m.en.empty()) << m.code;
  }
  const std::regex code_use(R"re((?:Invalid|Of)\((?:ErrorKind::k\w+,\s*)?"([a-z_]+\.[a-z_.]+)"|Error\{ErrorKind::k\w+,\s*"([a-z_]+\.[a-z_.]+)")re");
  std::set<std::string> used;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(BOUCLE_SOURCE_DIR) + "/src")) {
    if (entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (std::sregex_iterator it(s.begin(), s.end(), code_use), end; it != end; ++it)
      used.insert((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
  }
  EXPECT_GT(used.size(), 30u);
  for (const auto& code : used)
    EXPECT_TRUE(known.contains(code)) << code << " has no French/English text";
}

TEST(Messages, SubstitutesFieldAndParameters) {
  Error e = Error::Invalid("field.out_of_range", "influence", {{"min", 1}, {"max", 5}});
  EXPECT_EQ(MessageFor(e, "en"), "The field \"influence\" must be between 1 and 5.");
  e.params["label"] = "Influence (1-5)";
  EXPECT_EQ(MessageFor(e, "fr"), "Le champ « Influence (1-5) » doit être compris entre 1 et 5.");
}

TEST(Messages, LanguageFromHeader) {
  EXPECT_EQ(LanguageFromHeader("en-GB,en;q=0.9"), "en");
  EXPECT_EQ(LanguageFromHeader("fr-FR,fr;q=0.9,en;q=0.8"), "fr");
  EXPECT_EQ(LanguageFromHeader("de-DE, en;q=0.5"), "en");
  EXPECT_EQ(LanguageFromHeader("de"), "");
  EXPECT_EQ(NormaliseLanguage("es"), "fr");
}

}  // namespace
}  // namespace boucle
