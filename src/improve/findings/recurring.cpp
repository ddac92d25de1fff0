// Recurring incidents: incidents of the same service (or, without one, the same category) whose
// texts share most of their words, within a recent window. Several of them are the symptoms of one
// cause that nobody has looked for yet: a problem candidate (ITIL problem management).
#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

#include "engage/words.hpp"
#include "improve/findings/analysis.hpp"

namespace boucle::findings {
namespace {

constexpr size_t kMinForCommonWords = 20;  // fewer incidents: no word is common, only repeated

struct Item {
  const TicketRow* ticket;
  std::vector<int> words;  // sorted, unique word ids
};

double Jaccard(const std::vector<int>& a, const std::vector<int>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j])
      ++common, ++i, ++j;
    else if (a[i] < b[j])
      ++i;
    else
      ++j;
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

size_t Root(std::vector<size_t>& parent, size_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

}  // namespace

std::vector<Draft> RecurringFindings(const std::vector<TicketRow>& tickets, const Settings& s) {
  std::vector<Draft> out;
  std::optional<TimePoint> newest;
  for (const auto& t : tickets)
    if (t.kind == "incident" && (!newest || t.created > *newest)) newest = t.created;
  if (!newest) return out;
  const TimePoint end = std::min(*newest, s.now);
  const TimePoint start = end - std::chrono::days{s.recurring_days};

  std::unordered_map<std::string, int> vocabulary;
  std::map<std::pair<Dimension, std::string>, std::vector<Item>> groups;
  for (const auto& t : tickets) {
    if (t.kind != "incident" || t.created < start || t.created > end) continue;
    const Dimension d = t.service_key.empty() ? Dimension::kCategory : Dimension::kService;
    const std::string key = ValueOf(t, d).first;
    if (key.empty()) continue;
    Item item{&t, {}};
    for (auto& w : Words(t.text))
      item.words.push_back(vocabulary.try_emplace(std::move(w), vocabulary.size()).first->second);
    std::sort(item.words.begin(), item.words.end());
    item.words.erase(std::unique(item.words.begin(), item.words.end()), item.words.end());
    groups[{d, key}].push_back(std::move(item));
  }
  std::vector<std::string> word_of(vocabulary.size());
  for (const auto& [w, id] : vocabulary) word_of[static_cast<size_t>(id)] = w;
  // Words in most of the window's incidents ("bonjour", "cordialement", a template's boilerplate)
  // say nothing about a subject, and would make every incident look like every other.
  std::vector<size_t> documents(vocabulary.size(), 0);
  size_t total = 0;
  for (const auto& [where, items] : groups)
    for (const auto& item : items) {
      ++total;
      for (int w : item.words) ++documents[static_cast<size_t>(w)];
    }
  if (total >= kMinForCommonWords)
    for (auto& [where, items] : groups)
      for (auto& item : items)
        std::erase_if(item.words, [&](int w) { return documents[static_cast<size_t>(w)] * 2 > total; });

  for (auto& [where, items] : groups) {
    // The newest first, bounded: the comparisons grow as the square of the group's size.
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.ticket->id > b.ticket->id; });
    if (items.size() > s.max_cluster_input) items.resize(s.max_cluster_input);
    std::vector<size_t> parent(items.size());
    std::iota(parent.begin(), parent.end(), 0);
    for (size_t i = 0; i < items.size(); ++i)
      for (size_t j = i + 1; j < items.size(); ++j)
        if (Jaccard(items[i].words, items[j].words) >= s.similarity)
          parent[Root(parent, j)] = Root(parent, i);
    std::map<size_t, std::vector<size_t>> clusters;
    for (size_t i = 0; i < items.size(); ++i) clusters[Root(parent, i)].push_back(i);
    for (const auto& [root, members] : clusters) {
      if (static_cast<int64_t>(members.size()) < s.min_recurring) continue;
      // The words most members share name the cluster (at most three, the most frequent first).
      std::map<int, size_t> freq;
      for (size_t m : members)
        for (int w : items[m].words) ++freq[w];
      std::vector<std::pair<int, size_t>> common(freq.begin(), freq.end());
      std::stable_sort(common.begin(), common.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      std::string words;
      for (size_t k = 0; k < common.size() && k < 3 && common[k].second * 2 > members.size(); ++k)
        words += (words.empty() ? "" : " ") + word_of[static_cast<size_t>(common[k].first)];
      const auto& first = *items[members.front()].ticket;
      const auto [key, label] = ValueOf(first, where.first);
      Draft f;
      f.kind = "recurring_incidents";
      f.dimension = DimensionName(where.first);
      f.subject = label + (words.empty() ? "" : " — " + words);
      f.subject_key = key;
      f.score = static_cast<double>(members.size());
      f.ticket_count = static_cast<int64_t>(members.size());
      std::vector<int64_t> ids;
      for (size_t m : members) ids.push_back(items[m].ticket->id);
      f.tickets = Evidence(std::move(ids));
      const std::string n = std::to_string(members.size()), days = std::to_string(s.recurring_days);
      f.summary_fr = n + " incidents semblables en " + days + " jours sur " +
                     std::string(SingularFr(where.first)) + " « " + label + " »" +
                     (words.empty() ? "" : " (« " + words + " »)") +
                     " : un problème à ouvrir pour en chercher la cause.";
      f.summary_en = n + " similar incidents in " + days + " days on " +
                     std::string(SingularEn(where.first)) + " “" + label + "”" +
                     (words.empty() ? "" : " (“" + words + "”)") + ": a problem to open to find their cause.";
      f.figures = {{"incidents", members.size()},
                   {"window_days", s.recurring_days},
                   {"words", words},
                   {"similarity", s.similarity}};
      f.period_start = Iso(start);
      f.period_end = Iso(end);
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace boucle::findings
