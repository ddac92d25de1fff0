#include "engage/you_said_we_did.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "engage/words.hpp"
#include "record/actor.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

constexpr size_t kTopWords = 5;
constexpr size_t kActionsShown = 8;
const char* const kDoneTypes[] = {"improvements", "changes", "projects", "tickets"};

bool IsDoneType(const std::string& type) {
  return std::find(std::begin(kDoneTypes), std::end(kDoneTypes), type) != std::end(kDoneTypes);
}

const char* StatusField(const std::string& type) { return type == "improvements" ? "phase" : "status"; }

bool Completed(const std::string& type, const std::string& status) {
  if (type == "improvements") return status == "done";
  if (type == "tickets") return status == "resolved" || status == "closed";
  if (type == "changes") return status == "implemented" || status == "closed";
  return status == "delivered";
}

struct Theme {
  std::string source, kind;
  int64_t count = 0;
  std::string first, last;
  std::map<std::string, int64_t> words;
  std::set<std::pair<std::string, int64_t>> done;  // (type, id), each once
};

}  // namespace

Json ComputeYouSaidWeDid(const SaidInputs& in, const LabelOf& label) {
  // What each said thing led to: links either way, and the routing of a demand.
  std::map<std::pair<std::string, int64_t>, std::set<std::pair<std::string, int64_t>>> led_to;
  for (const auto& l : in.links) {
    const std::string from = TextOr(l, "from_type"), to = TextOr(l, "to_type");
    if (IsDoneType(from)) led_to[{to, IntOr(l, "to_id")}].insert({from, IntOr(l, "from_id")});
    if (IsDoneType(to)) led_to[{from, IntOr(l, "from_id")}].insert({to, IntOr(l, "to_id")});
  }
  std::map<std::string, Theme> themes;
  auto take = [&](const std::string& source, const Json& item, const std::string& text) {
    const std::string kind = TextOr(item, "kind");
    Theme& t = themes[source + ":" + kind];
    t.source = source;
    t.kind = kind;
    ++t.count;
    const std::string at = TextOr(item, "created_at");
    if (t.first.empty() || at < t.first) t.first = at;
    if (at > t.last) t.last = at;
    for (const auto& w : Words(text)) ++t.words[w];
    for (const auto& d : led_to[{source, IntOr(item, "id")}]) t.done.insert(d);
    if (item.contains("routed_type") && item["routed_type"].is_string() &&
        item["routed_id"].is_number_integer())
      t.done.insert({item["routed_type"].get<std::string>(), item["routed_id"].get<int64_t>()});
  };
  for (const auto& f : in.feedback) take("feedback", f, TextOr(f, "summary"));
  for (const auto& d : in.demands)
    if (TextOr(d, "status") != "merged") take("demands", d, TextOr(d, "title"));

  std::map<std::pair<std::string, int64_t>, const Json*> records;
  for (const auto& [type, list] : in.done)
    for (const auto& r : list) records[{type, IntOr(r, "id")}] = &r;

  std::vector<Json> rows;
  int64_t said = 0, completed_total = 0;
  for (const auto& [key, t] : themes) {
    std::vector<std::pair<std::string, int64_t>> words(t.words.begin(), t.words.end());
    std::stable_sort(words.begin(), words.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string top;
    for (size_t i = 0; i < words.size() && i < kTopWords; ++i)
      top += (top.empty() ? "" : ", ") + words[i].first + " (" + std::to_string(words[i].second) + ")";
    std::string did;
    int64_t actions = 0, completed = 0, shown = 0;
    for (const auto& [type, id] : t.done) {
      const auto r = records.find({type, id});
      if (r == records.end()) continue;
      const std::string status = TextOr(*r->second, StatusField(type));
      ++actions;
      completed += Completed(type, status);
      if (shown++ >= static_cast<int64_t>(kActionsShown)) continue;
      // A ticket is someone's own request: its number and status only, never its title.
      const std::string what = type == "tickets" ? "#" + std::to_string(id) : TextOr(*r->second, "title");
      did += (did.empty() ? "" : "; ") + label(type, "", "") + " : " + what + " (" +
             label(type, StatusField(type), status) + ")";
    }
    said += t.count;
    completed_total += completed;
    rows.push_back({{"source", t.source},
                    {"kind", t.kind},
                    {"theme", label(t.source, "", "") + " · " + label(t.source, "kind", t.kind)},
                    {"count", t.count},
                    {"first", t.first},
                    {"last", t.last},
                    {"top_words", top},
                    {"actions", actions},
                    {"completed", completed},
                    {"what_we_did", did}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
    return a["count"].get<int64_t>() > b["count"].get<int64_t>();
  });
  return Json{
      {"rows", rows},
      {"summary",
       {SummaryFigure("said", {"Retours et demandes", "Feedback and demands"}, said),
        SummaryFigure("completed", {"Actions menées à terme", "Actions completed"}, completed_total)}}};
}

void RegisterYouSaidWeDid(Registry& registry) {
  ReportSpec report;
  report.name = "you_said_we_did";
  report.label = {"Vous avez dit, nous avons fait", "You said, we did"};
  report.area = Area::kEngage;
  report.roles = RoleSet::All();
  report.params = {"service", "since"};
  report.record_params = {{"service", "services"}};
  report.columns = {
      {"theme", {"Thème", "Theme"}, "text"},
      {"count", {"Nombre", "Count"}, "integer"},
      {"first", {"Du", "From"}, "datetime"},
      {"last", {"Au", "To"}, "datetime"},
      {"top_words", {"Mots les plus fréquents", "Most frequent words"}, "text"},
      {"what_we_did", {"Ce que nous avons fait", "What we did"}, "text"},
      {"actions", {"Actions", "Actions"}, "integer"},
      {"completed", {"Terminées", "Completed"}, "integer"},
  };
  report.run = [](ReportContext& ctx, const ReportParams& params) -> Result<Json> {
    ReportParams filters;
    for (const auto& [k, v] : params) filters.emplace(k == "since" ? "created_at__gte" : k, v);
    SaidInputs in;
    // Public view: an end user reads everyone's themes, made only of counts and words.
    for (auto [type, out] : {std::pair{"feedback", &in.feedback}, std::pair{"demands", &in.demands}}) {
      auto all = ctx.AllForPublicView(type, filters);
      if (!all) return Fail(all.error());
      *out = std::move(*all);
    }
    for (const char* side : {"from_type", "to_type"})
      for (const char* source : {"feedback", "demands"}) {
        auto links = ctx.AllForPublicView("links", {{side, source}});
        if (!links) return Fail(links.error());
        for (auto& l : *links) in.links.push_back(std::move(l));
      }
    std::map<std::string, std::set<int64_t>> wanted;
    for (const auto& l : in.links)
      for (const char* side : {"from", "to"})
        if (IsDoneType(TextOr(l, (std::string(side) + "_type").c_str())))
          wanted[TextOr(l, (std::string(side) + "_type").c_str())].insert(
              IntOr(l, (std::string(side) + "_id").c_str()));
    for (const auto& d : in.demands)
      if (IsDoneType(TextOr(d, "routed_type")) && d["routed_id"].is_number_integer())
        wanted[TextOr(d, "routed_type")].insert(IntOr(d, "routed_id"));
    for (const auto& [type, ids] : wanted) {
      std::vector<int64_t> all(ids.begin(), ids.end());
      for (size_t from = 0; from < all.size(); from += 100) {  // an `in` filter takes 100 values
        std::string list;
        for (size_t i = from; i < std::min(all.size(), from + 100); ++i)
          list += (list.empty() ? "" : ",") + std::to_string(all[i]);
        auto found = ctx.AllForPublicView(type, {{"id__in", list}});
        if (!found) return Fail(found.error());
        for (auto& r : *found) in.done[type].push_back(std::move(r));
      }
    }
    const bool en = ctx.Who().lang == "en";
    const LabelOf label = [&ctx, en](const std::string& type, const std::string& field,
                                     const std::string& value) {
      const TypeSpec* t = ctx.TypeNamed(type);
      if (!t) return type;
      if (field.empty()) return en ? t->singular.en : t->singular.fr;
      const FieldSpec* f = t->Field(field);
      const EnumOption* o = f ? f->FindOption(value) : nullptr;
      return o ? (en ? o->label.en : o->label.fr) : value;
    };
    return ComputeYouSaidWeDid(in, label);
  };
  registry.AddReport(std::move(report));
}

}  // namespace boucle
