#include "engage/words.hpp"

#include <algorithm>
#include <array>

namespace boucle {
namespace {

constexpr std::array<std::string_view, 58> kStopWords{
    "les",   "des",   "une",  "pour", "dans",  "par",  "sur",   "avec", "pas",  "plus", "que",  "qui",
    "est",   "sont",  "aux",  "ces",  "cette", "mais", "nous",  "vous", "leur", "tout", "tous", "sans",
    "the",   "and",   "for",  "with", "from",  "that", "this",  "are",  "not",  "our",  "your", "all",
    "can",   "has",   "have", "was",  "will",  "être", "avoir", "fait", "très", "bien", "peut", "entre",
    "après", "avant", "même", "ont",  "son",   "ses",  "via",   "lors", "dont", "chez"};

}  // namespace

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    // Three bytes at least: "VPN" and "ERP" are subjects, "le" and "de" are not.
    if (word.size() >= 3 && std::find(kStopWords.begin(), kStopWords.end(), word) == kStopWords.end())
      out.push_back(word);
    word.clear();
  };
  for (unsigned char c : text) {
    if (c >= 'A' && c <= 'Z')
      word += static_cast<char>(c - 'A' + 'a');
    else if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      word += static_cast<char>(c);
    else
      flush();
  }
  flush();
  return out;
}

}  // namespace boucle
