#include "record/service.hpp"

#include <algorithm>
#include <charconv>
#include <deque>
#include <set>

#include "record/decode.hpp"
#include "store/aggregate.hpp"

namespace boucle {
namespace {

constexpr const char* kMetaFields[] = {"id", "created_at", "updated_at", "created_by", "version"};

bool IsMetaField(std::string_view name) {
  for (auto m : kMetaFields)
    if (name == m) return true;
  return false;
}

Error Forbidden(std::string_view action, const TypeSpec& type) {
  return Error::Of(ErrorKind::kForbidden, "role.forbidden", {{"action", action}, {"type", type.name}});
}

Error NotFound(const std::string& type, int64_t id) {
  return Error::Of(ErrorKind::kNotFound, "record.not_found", {{"type", type}, {"id", id}});
}

std::optional<RowScope> ScopeFor(const Actor& who, const TypeSpec& type) {
  if (!type.owner_scope) return std::nullopt;
  if (who.role != Role::kEndUser && !(type.owner_scope->every_role && who.user_id != 0)) return std::nullopt;
  return RowScope{who.user_id, *type.owner_scope};
}

// Every row of a query, page by page, bounded: a read over more than this is a job, not a request.
Result<std::vector<Json>> AllPages(Tx& tx, const TypeSpec& spec, ListQuery q) {
  constexpr size_t kMaxRows = 200000;
  q.limit = 1000;
  std::vector<Json> out;
  for (int64_t offset = 0;; offset += q.limit) {
    q.offset = offset;
    auto page = tx.List(spec, q);
    if (!page) return Fail(page.error());
    for (auto& item : page->items) out.push_back(std::move(item));
    if (static_cast<int64_t>(out.size()) >= page->total || page->items.empty() || out.size() >= kMaxRows)
      break;
  }
  return out;
}

// Hooks read other records through the open transaction, so they see its own writes.
class TxHookContext final : public HookContext {
 public:
  TxHookContext(Tx& tx, const Registry& registry, const Actor& who, TimePoint now)
      : tx_(tx), registry_(registry), who_(who), now_(now) {}
  TimePoint Now() const override { return now_; }
  const Actor& Who() const override { return who_; }
  Result<Json> Lookup(std::string_view type, int64_t id) override {
    const TypeSpec* spec = registry_.Find(type);
    if (!spec) return Fail(Error::Of(ErrorKind::kNotFound, "type.unknown", {{"type", type}}));
    auto found = tx_.Get(*spec, id);
    if (!found) return Fail(found.error());
    if (!*found) return Fail(NotFound(std::string(type), id));
    return std::move(**found);
  }
  Result<Json> FindOne(std::string_view type, std::string_view field, const Json& value) override {
    const TypeSpec* spec = registry_.Find(type);
    if (!spec) return Fail(Error::Of(ErrorKind::kNotFound, "type.unknown", {{"type", type}}));
    ListQuery q;
    q.filters.push_back({std::string(field), FilterOp::kEq, value});
    q.limit = 1;
    auto page = tx_.List(*spec, q);
    if (!page) return Fail(page.error());
    return page->items.empty() ? Json() : page->items.front();
  }
  const TypeSpec* FindType(std::string_view name) const override { return registry_.Find(name); }
  Result<std::vector<Json>> FindAll(std::string_view type, std::string_view field,
                                    const Json& value) override {
    const TypeSpec* spec = registry_.Find(type);
    if (!spec) return Fail(Error::Of(ErrorKind::kNotFound, "type.unknown", {{"type", type}}));
    const FieldSpec* f = spec->Field(field);
    ListQuery q;
    q.filters.push_back({std::string(field),
                         f && f->kind == FieldKind::kRefList ? FilterOp::kContains : FilterOp::kEq, value});
    q.limit = kMaxFound;
    q.sort_field = "id";
    q.descending = false;
    auto page = tx_.List(*spec, q);
    if (!page) return Fail(page.error());
    return std::move(page->items);
  }

 private:
  Tx& tx_;
  const Registry& registry_;
  const Actor& who_;
  TimePoint now_;
};

// Measures through the open transaction, within the caller's row scope.
class TxAggregates final : public Aggregates {
 public:
  TxAggregates(Tx& tx, const Actor& who) : tx_(tx), who_(who) {}
  Result<std::vector<std::optional<double>>> ComputeAll(const TypeSpec& type,
                                                        const std::vector<AggregateQuery>& queries) override {
    std::vector<AggregateQuery> scoped = queries;
    for (auto& q : scoped) q.scope = ScopeFor(who_, type);
    return tx_.Aggregate(type, scoped);
  }
  Result<std::vector<AggregateRow>> Groups(const TypeSpec& type, const AggregateQuery& query) override {
    AggregateQuery scoped = query;
    scoped.scope = ScopeFor(who_, type);
    return tx_.AggregateGroups(type, scoped);
  }

 private:
  Tx& tx_;
  const Actor& who_;
};

class TxActionContext final : public ActionContext {
 public:
  TxActionContext(RecordService& records, Tx& tx, const Registry& registry, const Actor& who, TimePoint now)
      : records_(records), tx_(tx), reads_(tx, registry, who, now), measures_(tx, who) {}
  Aggregates& Measures() override { return measures_; }
  Result<std::vector<Filter>> ParseFilters(const std::string& type,
                                           const std::multimap<std::string, std::string>& params) override {
    return records_.ParseFilters(Who(), type, params);
  }
  TimePoint Now() const override { return reads_.Now(); }
  const Actor& Who() const override { return reads_.Who(); }
  Result<Json> Lookup(std::string_view type, int64_t id) override { return reads_.Lookup(type, id); }
  Result<Json> FindOne(std::string_view type, std::string_view field, const Json& value) override {
    return reads_.FindOne(type, field, value);
  }
  const TypeSpec* FindType(std::string_view name) const override { return reads_.FindType(name); }
  Result<std::vector<Json>> FindAll(std::string_view type, std::string_view field,
                                    const Json& value) override {
    return reads_.FindAll(type, field, value);
  }
  Result<Json> Create(const std::string& type, const Json& body) override {
    return records_.CreateIn(tx_, Who(), type, body,
                             Origin::kRule);  // actions set the computed fields they own
  }
  Result<Json> CreateAsSystem(const std::string& type, const Json& body) override {
    Actor system = Actor::System();
    system.lang = Who().lang;
    return records_.CreateIn(tx_, system, type, body, Origin::kRule);
  }
  Result<Json> UpdateOnBehalf(const std::string& type, int64_t id, const Json& changes) override {
    auto current = Lookup(type, id);
    if (!current) return current;
    Actor trusted = Who();
    trusted.role = Role::kAdmin;
    return records_.UpdateIn(tx_, trusted, type, id, changes, (*current)["version"].get<int64_t>(),
                             Origin::kRule);
  }
  Result<std::vector<Json>> All(const std::string& type,
                                const std::multimap<std::string, std::string>& filters) override {
    const TypeSpec* spec = records_.registry().Find(type);
    if (!spec) return Fail(Error::Of(ErrorKind::kNotFound, "type.unknown", {{"type", type}}));
    auto q = records_.ParseList(Who(), *spec, filters);
    if (!q) return Fail(q.error());
    if (!filters.contains("sort")) q->descending = false, q->sort_field = "id";
    return AllPages(tx_, *spec, *q);
  }
  Result<Json> Update(const std::string& type, int64_t id, const Json& changes) override {
    auto current = Lookup(type, id);
    if (!current) return current;
    return records_.UpdateIn(tx_, Who(), type, id, changes, (*current)["version"].get<int64_t>(),
                             Origin::kRule);
  }
  Result<Json> UpdateAsSystem(const std::string& type, int64_t id, const Json& changes) override {
    auto current = Lookup(type, id);
    if (!current) return current;
    Actor system = Actor::System();
    system.lang = Who().lang;
    return records_.UpdateIn(tx_, system, type, id, changes, (*current)["version"].get<int64_t>(),
                             Origin::kRule);
  }
  Status Link(const std::string& from_type, int64_t from_id, const std::string& kind,
              const std::string& to_type, int64_t to_id) override {
    auto link = Create("links", {{"from_type", from_type},
                                 {"from_id", from_id},
                                 {"kind", kind},
                                 {"to_type", to_type},
                                 {"to_id", to_id}});
    if (!link) return Fail(link.error());
    return {};
  }

 private:
  RecordService& records_;
  Tx& tx_;
  TxHookContext reads_;
  TxAggregates measures_;
};

// References must name existing records; unique fields must not clash. Checked inside the write
// transaction, where writers are serialised, so the check cannot race.
Status CheckIntegrity(Tx& tx, const Registry& registry, const TypeSpec& type, const Json& changed,
                      int64_t self_id) {
  for (const auto& f : type.fields) {
    if (!changed.contains(f.name)) continue;
    const Json& v = changed[f.name];
    if (f.kind == FieldKind::kRef || f.kind == FieldKind::kRefList) {
      const TypeSpec* target = registry.Find(f.ref_type);
      const Json ids = f.kind == FieldKind::kRef ? (v.is_null() ? Json::array() : Json::array({v})) : v;
      for (size_t i = 0; i < ids.size(); ++i) {
        auto found = tx.Get(*target, ids[i].get<int64_t>());
        if (!found) return Fail(found.error());
        if (!*found)
          return Fail(
              Error::Invalid("field.ref_missing",
                             f.kind == FieldKind::kRef ? f.name : f.name + "[" + std::to_string(i) + "]",
                             {{"type", f.ref_type}, {"id", ids[i]}}));
      }
    }
    if (f.unique && !v.is_null()) {
      ListQuery q;
      q.filters.push_back({f.name, FilterOp::kEq, v});
      q.filters.push_back({"id", FilterOp::kNe, self_id});
      q.limit = 1;
      auto page = tx.List(type, q);
      if (!page) return Fail(page.error());
      if (page->total > 0)
        return Fail(Error{ErrorKind::kConflict, "field.not_unique", f.name, Json::object(), {}});
    }
  }
  return {};
}

Status RunHooks(const TypeSpec& type, HookContext& ctx, Json& next, const Json* before) {
  for (const auto& hook : type.before_write)
    if (auto st = hook(ctx, next, before); !st) return st;
  return {};
}

Status RunAfterWrite(RecordService& records, Tx& tx, const Actor& who, TimePoint now, const TypeSpec& type,
                     const Json* after, const Json* before) {
  if (type.after_write.empty()) return {};
  TxActionContext ctx(records, tx, records.registry(), who, now);
  for (const auto& hook : type.after_write)
    if (auto st = hook(ctx, after, before); !st) return st;
  return {};
}

Result<int64_t> ParseInt(const std::string& text, const std::string& field) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size())
    return Fail(Error::Invalid("query.invalid_value", field, {{"expected", "integer"}}));
  return v;
}

// One query-string value typed as the field it filters.
Result<Json> FilterValue(const FieldSpec* f, const std::string& name, const std::string& raw) {
  const std::string meta = name.substr(0, name.find("__"));  // id__in is still about id
  const FieldKind kind = f                                                             ? f->kind
                         : (meta == "id" || meta == "created_by" || meta == "version") ? FieldKind::kInteger
                                                                                       : FieldKind::kDateTime;
  switch (kind) {
    case FieldKind::kInteger:
    case FieldKind::kRef:
    case FieldKind::kRefList: {
      auto v = ParseInt(raw, name);
      if (!v) return Fail(v.error());
      return Json(*v);
    }
    case FieldKind::kDecimal: {
      char* end = nullptr;
      const double d = std::strtod(raw.c_str(), &end);
      if (raw.empty() || end != raw.c_str() + raw.size())
        return Fail(Error::Invalid("query.invalid_value", name, {{"expected", "number"}}));
      return Json(d);
    }
    case FieldKind::kBoolean:
      if (raw == "true" || raw == "1") return Json(true);
      if (raw == "false" || raw == "0") return Json(false);
      return Fail(Error::Invalid("query.invalid_value", name, {{"expected", "boolean"}}));
    case FieldKind::kDateTime: {
      auto t = ParseTime(raw);
      if (!t) return Fail(Error::Invalid("query.invalid_value", name, {{"expected", "date-time"}}));
      return Json(FormatTime(*t));
    }
    case FieldKind::kEnum:
      if (!f->FindOption(raw)) return Fail(Error::Invalid("field.invalid_choice", name));
      return Json(raw);
    default:
      return Json(raw);
  }
}

}  // namespace

Result<const TypeSpec*> RecordService::Resolve(const std::string& type) const {
  const TypeSpec* spec = registry_.Find(type);
  if (!spec) return Fail(Error::Of(ErrorKind::kNotFound, "type.unknown", {{"type", type}}));
  return spec;
}

Result<const TypeSpec*> RecordService::Readable(const Actor& who, const std::string& type) const {
  auto spec = Resolve(type);
  if (!spec) return spec;
  if (!(*spec)->read_roles.Has(who.role)) return Fail(Forbidden("read", **spec));
  return spec;
}

Result<Json> RecordService::Visible(Tx& tx, const Actor& who, const TypeSpec& type, int64_t id) const {
  auto found = tx.Get(type, id, ScopeFor(who, type));
  if (!found) return Fail(found.error());
  if (!*found) return Fail(NotFound(type.name, id));
  return std::move(**found);
}

Result<Json> RecordService::Create(const Actor& who, const std::string& type, const Json& body) {
  return store_.Write<Json>([&](Tx& tx) { return CreateIn(tx, who, type, body); });
}

Result<Json> RecordService::CreateIn(Tx& tx, const Actor& who, const std::string& type, const Json& body,
                                     Origin origin) {
  auto spec = Resolve(type);
  if (!spec) return Fail(spec.error());
  const TypeSpec& t = **spec;
  if (!t.create_roles.Has(who.role)) return Fail(Forbidden("create", t));
  auto decoded = Decode(t, body, who, DecodeMode::kCreate, origin);
  if (!decoded) return Fail(decoded.error());

  const TimePoint now = clock_.get().Now();
  Json next = Json::object();
  for (const auto& f : t.fields)
    next[f.name] = decoded->contains(f.name)                  ? (*decoded)[f.name]
                   : f.computed && !f.default_value.is_null() ? f.default_value
                   : f.kind == FieldKind::kRefList            ? Json::array()
                                                              : Json();
  next["created_at"] = next["updated_at"] = FormatTime(now);
  next["created_by"] = who.user_id;
  next["version"] = 1;

  TxHookContext ctx(tx, registry_, who, now);
  if (auto st = RunHooks(t, ctx, next, nullptr); !st) return Fail(st.error());
  if (auto st = CheckIntegrity(tx, registry_, t, next, 0); !st) return Fail(st.error());
  auto id = tx.Insert(t, next);
  if (!id) return Fail(id.error());
  next["id"] = *id;
  if (auto st = tx.AppendHistory({HistoryEntry{t.name, *id, 1, next["created_at"], who.user_id, who.login,
                                               "_created", Json(), Json()}});
      !st)
    return Fail(st.error());
  if (auto st = RunAfterWrite(*this, tx, who, now, t, &next, nullptr); !st) return Fail(st.error());
  return next;
}

Result<Json> RecordService::Update(const Actor& who, const std::string& type, int64_t id, const Json& body,
                                   std::optional<int64_t> if_match) {
  return store_.Write<Json>([&](Tx& tx) { return UpdateIn(tx, who, type, id, body, if_match); });
}

Result<Json> RecordService::UpdateIn(Tx& tx, const Actor& who, const std::string& type, int64_t id,
                                     const Json& body, std::optional<int64_t> if_match, Origin origin) {
  auto spec = Resolve(type);
  if (!spec) return Fail(spec.error());
  const TypeSpec& t = **spec;
  if (!t.update_roles.Has(who.role)) return Fail(Forbidden("update", t));
  std::optional<int64_t> expected = if_match;
  if (!expected && body.is_object() && body.contains("version")) {
    if (!body["version"].is_number_integer())
      return Fail(Error::Invalid("field.type", "version", {{"expected", "integer"}}));
    expected = body["version"].get<int64_t>();
  }
  auto decoded = Decode(t, body, who, DecodeMode::kUpdate, origin);
  if (!decoded) return Fail(decoded.error());
  if (!expected) return Fail(Error::Invalid("version.required", "version"));

  auto current = Visible(tx, who, t, id);
  if (!current) return current;
  const Json& before = *current;
  const int64_t stored = before["version"].get<int64_t>();
  if (stored != *expected) {
    Error e = Error::Of(if_match ? ErrorKind::kPreconditionFailed : ErrorKind::kConflict,
                        "record.stale_version", {{"current_version", stored}, {"your_version", *expected}});
    e.field = "version";
    return Fail(std::move(e));
  }

  const TimePoint now = clock_.get().Now();
  Json next = before;
  for (const auto& [k, v] : decoded->items()) next[k] = v;
  next["updated_at"] = FormatTime(now);
  TxHookContext ctx(tx, registry_, who, now);
  if (auto st = RunHooks(t, ctx, next, &before); !st) return Fail(st.error());

  Json changed = Json::object();
  std::vector<HistoryEntry> history;
  for (const auto& f : t.fields) {
    if (next[f.name] == before[f.name]) continue;
    changed[f.name] = next[f.name];
    history.push_back({t.name, id, stored + 1, next["updated_at"], who.user_id, who.login, f.name,
                       before[f.name], next[f.name]});
  }
  if (history.empty()) return before;  // nothing changed: no new version
  if (auto st = CheckIntegrity(tx, registry_, t, changed, id); !st) return Fail(st.error());
  if (auto st = tx.Update(t, id, stored, next); !st) return Fail(st.error());
  if (auto st = tx.AppendHistory(history); !st) return Fail(st.error());
  next["version"] = stored + 1;
  if (auto st = RunAfterWrite(*this, tx, who, now, t, &next, &before); !st) return Fail(st.error());
  return next;
}

Result<Json> RecordService::Get(const Actor& who, const std::string& type, int64_t id) {
  auto spec = Readable(who, type);
  if (!spec) return Fail(spec.error());
  return store_.Read<Json>([&](Tx& tx) { return Visible(tx, who, **spec, id); });
}

Result<ListQuery> RecordService::ParseList(const Actor& who, const TypeSpec& t,
                                           const ListParams& params) const {
  ListQuery q;
  q.scope = ScopeFor(who, t);
  std::string sort = t.default_sort;
  for (const auto& [key, raw] : params) {
    if (key == "limit" || key == "offset") {
      auto v = ParseInt(raw, key);
      if (!v) return Fail(v.error());
      if (key == "limit" && (*v < 1 || *v > 500))
        return Fail(Error::Invalid("field.out_of_range", key, {{"min", 1}, {"max", 500}}));
      if (key == "offset" && (*v < 0 || *v > 1000000000))
        return Fail(Error::Invalid("field.out_of_range", key, {{"min", 0}, {"max", 1000000000}}));
      (key == "limit" ? q.limit : q.offset) = *v;
      continue;
    }
    if (key == "sort") {
      sort = raw;
      continue;
    }
    if (key == "q") {
      if (Utf8Length(raw) > 200) return Fail(Error::Invalid("field.too_long", "q", {{"max", 200}}));
      q.text = raw;
      continue;
    }
    if (key == "field") continue;  // the grouping field of a count, read by Count
    const auto sep = key.find("__");
    const std::string name = key.substr(0, sep);
    const std::string op = sep == std::string::npos ? "" : key.substr(sep + 2);
    const FieldSpec* f = t.Field(name);
    if (!(f && f->filterable) && !IsMetaField(name))
      return Fail(Error::Invalid("query.unknown_parameter", key));
    Filter filter{name, FilterOp::kEq, Json()};
    if (op == "in") {
      filter.op = FilterOp::kIn;
      filter.value = Json::array();
      size_t start = 0;
      while (start <= raw.size()) {
        const size_t comma = std::min(raw.find(',', start), raw.size());
        auto v = FilterValue(f, key, raw.substr(start, comma - start));
        if (!v) return Fail(v.error());
        filter.value.push_back(*v);
        if (filter.value.size() > 100) return Fail(Error::Invalid("field.too_long", key, {{"max", 100}}));
        start = comma + 1;
      }
    } else if (op == "null") {
      if (raw != "true" && raw != "false")
        return Fail(Error::Invalid("query.invalid_value", key, {{"expected", "boolean"}}));
      filter.op = raw == "true" ? FilterOp::kIsNull : FilterOp::kNotNull;
    } else {
      static const std::pair<const char*, FilterOp> kOps[] = {{"", FilterOp::kEq},   {"ne", FilterOp::kNe},
                                                              {"lt", FilterOp::kLt}, {"lte", FilterOp::kLe},
                                                              {"gt", FilterOp::kGt}, {"gte", FilterOp::kGe}};
      bool known = false;
      for (const auto& [n, o] : kOps)
        if (op == n) filter.op = o, known = true;
      if (!known) return Fail(Error::Invalid("query.unknown_parameter", key));
      auto v = FilterValue(f, key, raw);
      if (!v) return Fail(v.error());
      filter.value = *v;
      if (f && f->kind == FieldKind::kRefList) {
        if (filter.op != FilterOp::kEq) return Fail(Error::Invalid("query.unknown_parameter", key));
        filter.op = FilterOp::kContains;
      }
    }
    q.filters.push_back(std::move(filter));
  }
  q.descending = !sort.empty() && sort.front() == '-';
  q.sort_field = q.descending ? sort.substr(1) : sort;
  const FieldSpec* sf = t.Field(q.sort_field);
  if (!(sf && sf->sortable) && !IsMetaField(q.sort_field))
    return Fail(Error::Invalid("query.unknown_sort", "sort"));
  return q;
}

Result<Page> RecordService::List(const Actor& who, const std::string& type, const ListParams& params) {
  auto spec = Readable(who, type);
  if (!spec) return Fail(spec.error());
  auto q = ParseList(who, **spec, params);
  if (!q) return Fail(q.error());
  return store_.Read<Page>([&](Tx& tx) { return tx.List(**spec, *q); });
}

Result<Json> RecordService::TitlesIn(Tx& tx, const TypeSpec& type, const std::vector<Json>& items) {
  std::map<std::string, std::set<int64_t>> wanted;
  for (const auto& f : type.fields) {
    if (f.kind != FieldKind::kRef && f.kind != FieldKind::kRefList) continue;
    for (const auto& item : items) {
      const Json& v = item.contains(f.name) ? item[f.name] : Json();
      if (v.is_number_integer()) wanted[f.ref_type].insert(v.get<int64_t>());
      if (v.is_array())
        for (const auto& id : v)
          if (id.is_number_integer()) wanted[f.ref_type].insert(id.get<int64_t>());
    }
  }
  Json titles = Json::object();
  for (const auto& [ref_type, ids] : wanted) {
    const TypeSpec* target = registry_.Find(ref_type);
    Json& out = titles[ref_type] = Json::object();
    // In chunks: an export may refer to more records than one statement may bind.
    const std::vector<int64_t> all(ids.begin(), ids.end());
    for (size_t from = 0; from < all.size(); from += 500) {
      const auto to = std::min(all.size(), from + 500);
      ListQuery q;
      q.filters.push_back(
          {"id", FilterOp::kIn, Json(std::vector<int64_t>(all.begin() + from, all.begin() + to))});
      q.limit = static_cast<int64_t>(to - from);
      auto page = tx.List(*target, q);
      if (!page) return Fail(page.error());
      for (const auto& r : page->items) out[std::to_string(r["id"].get<int64_t>())] = TitleOf(*target, r);
    }
  }
  return titles;
}

Result<Json> RecordService::GetWithTitles(const Actor& who, const std::string& type, int64_t id) {
  auto spec = Readable(who, type);
  if (!spec) return Fail(spec.error());
  return store_.Read<Json>([&](Tx& tx) -> Result<Json> {
    auto record = Visible(tx, who, **spec, id);
    if (!record) return record;
    auto titles = TitlesIn(tx, **spec, {*record});
    if (!titles) return Fail(titles.error());
    (*record)["_titles"] = std::move(*titles);
    return record;
  });
}

Result<std::pair<Page, Json>> RecordService::ListWithTitles(const Actor& who, const std::string& type,
                                                            const ListParams& params) {
  auto spec = Readable(who, type);
  if (!spec) return Fail(spec.error());
  auto q = ParseList(who, **spec, params);
  if (!q) return Fail(q.error());
  return store_.Read<std::pair<Page, Json>>([&](Tx& tx) -> Result<std::pair<Page, Json>> {
    auto page = tx.List(**spec, *q);
    if (!page) return Fail(page.error());
    auto titles = TitlesIn(tx, **spec, page->items);
    if (!titles) return Fail(titles.error());
    return std::pair<Page, Json>{std::move(*page), std::move(*titles)};
  });
}

Result<std::pair<Page, Json>> RecordService::ListAllWithTitles(const Actor& who, const std::string& type,
                                                               const ListParams& params, int64_t max_rows) {
  auto spec = Readable(who, type);
  if (!spec) return Fail(spec.error());
  ListParams rest = params;
  rest.erase("limit");
  rest.erase("offset");
  auto q = ParseList(who, **spec, rest);
  if (!q) return Fail(q.error());
  return store_.Read<std::pair<Page, Json>>([&](Tx& tx) -> Result<std::pair<Page, Json>> {
    Page all;
    q->limit = 500;
    for (q->offset = 0;; q->offset += q->limit) {
      auto page = tx.List(**spec, *q);
      if (!page) return Fail(page.error());
      if (page->total > max_rows)
        return Fail(Error::Of(ErrorKind::kTooLarge, "export.too_many_rows",
                              {{"max", max_rows}, {"total", page->total}}));
      all.total = page->total;
      for (auto& item : page->items) all.items.push_back(std::move(item));
      if (page->items.empty() || static_cast<int64_t>(all.items.size()) >= all.total) break;
    }
    auto titles = TitlesIn(tx, **spec, all.items);
    if (!titles) return Fail(titles.error());
    return std::pair<Page, Json>{std::move(all), std::move(*titles)};
  });
}

std::string RecordService::TitleOf(const TypeSpec& type, const Json& record) {
  if (!type.title_field.empty() && record.contains(type.title_field) && record[type.title_field].is_string())
    return record[type.title_field].get<std::string>();
  return type.singular.fr + " #" + std::to_string(record.value("id", int64_t{0}));
}

Status RecordService::Delete(const Actor& who, const std::string& type, int64_t id) {
  auto spec = Resolve(type);
  if (!spec) return Fail(spec.error());
  const TypeSpec& t = **spec;
  if (!t.delete_roles.Has(who.role)) return Fail(Forbidden("delete", t));
  return store_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto current = Visible(tx, who, t, id);
    if (!current) return Fail(current.error());
    // A record still referred to stays: deleting it would leave others pointing at nothing.
    for (const auto& other : registry_.All()) {
      for (const auto& f : other.fields) {
        if ((f.kind != FieldKind::kRef && f.kind != FieldKind::kRefList) || f.ref_type != t.name) continue;
        ListQuery q;
        q.filters.push_back({f.name, f.kind == FieldKind::kRef ? FilterOp::kEq : FilterOp::kContains, id});
        q.limit = 1;
        auto page = tx.List(other, q);
        if (!page) return Fail(page.error());
        if (page->total > 0)
          return Fail(Error::Of(ErrorKind::kConflict, "record.referenced",
                                {{"type", other.name}, {"field", f.name}, {"count", page->total}}));
      }
    }
    if (const TypeSpec* links = registry_.Find("links")) {
      for (const char* side : {"from", "to"}) {
        ListQuery q;
        q.filters.push_back({std::string(side) + "_type", FilterOp::kEq, t.name});
        q.filters.push_back({std::string(side) + "_id", FilterOp::kEq, id});
        q.limit = 1000;
        auto page = tx.List(*links, q);
        if (!page) return Fail(page.error());
        for (const auto& l : page->items)
          if (auto r = tx.Delete(*links, l["id"].get<int64_t>()); !r) return Fail(r.error());
      }
    }
    if (auto r = tx.Delete(t, id); !r) return Fail(r.error());
    const TimePoint now = clock_.get().Now();
    if (auto st = tx.AppendHistory(
            {HistoryEntry{t.name, id, (*current)["version"].get<int64_t>() + 1, FormatTime(now), who.user_id,
                          who.login, "_deleted", Json(), Json()}});
        !st)
      return st;
    return RunAfterWrite(*this, tx, who, now, t, nullptr, &*current);
  });
}

Result<Json> RecordService::History(const Actor& who, const std::string& type, int64_t id) {
  auto record = Get(who, type, id);  // the same visibility as the record itself
  if (!record) return Fail(record.error());
  return store_.Read<Json>([&](Tx& tx) -> Result<Json> {
    auto entries = tx.History(type, id);
    if (!entries) return Fail(entries.error());
    Json items = Json::array();
    for (const auto& e : *entries)
      items.push_back({{"version", e.version},
                       {"at", e.at},
                       {"user_id", e.user_id},
                       {"login", e.login},
                       {"field", e.field},
                       {"old", e.old_value},
                       {"new", e.new_value}});
    return Json{{"items", items}};
  });
}

Result<std::vector<HistoryEntry>> RecordService::FieldHistory(const Actor& who, const std::string& type,
                                                              const std::string& field, int64_t limit) {
  auto spec = Readable(who, type);
  if (!spec) return Fail(spec.error());
  if (who.role == Role::kEndUser && (*spec)->owner_scope)
    return Fail(Error::Of(ErrorKind::kForbidden, "role.forbidden", {{"action", "read"}, {"type", type}}));
  if (!(*spec)->Field(field)) return Fail(Error::Invalid("field.unknown", field));
  return store_.Read<std::vector<HistoryEntry>>([&](Tx& tx) { return tx.FieldHistory(type, field, limit); });
}

namespace {
// Where a record of the trace stands, at a glance: its list-column choices (a status, a phase, a
// measured effect), which the reader labels from the type's description.
Json FactsOf(const TypeSpec& type, const Json& record) {
  Json facts = Json::object();
  for (const auto& f : type.fields)
    if (f.kind == FieldKind::kEnum && f.in_list && record.contains(f.name) && record[f.name].is_string())
      facts[f.name] = record[f.name];
  return facts;
}
}  // namespace

Result<TraceGraph> RecordService::Trace(const Actor& who, const std::string& type, int64_t id,
                                        int max_depth) {
  auto start = Get(who, type, id);
  if (!start) return Fail(start.error());
  const TypeSpec* links = registry_.Find("links");
  TraceGraph graph;
  auto st = store_.Run(TxMode::kRead, [&](Tx& tx) -> Status {
    constexpr size_t kMaxNodes = 200;
    std::set<std::pair<std::string, int64_t>> seen{{type, id}};
    std::set<int64_t> edges_seen;
    std::deque<std::tuple<std::string, int64_t, int>> queue{{type, id, 0}};
    graph.nodes.push_back({{"type", type},
                           {"id", id},
                           {"title", TitleOf(*registry_.Find(type), *start)},
                           {"depth", 0},
                           {"facts", FactsOf(*registry_.Find(type), *start)}});
    while (!queue.empty() && links) {
      auto [node_type, node_id, depth] = queue.front();
      queue.pop_front();
      if (depth >= max_depth) continue;
      for (const char* side : {"from", "to"}) {
        ListQuery q;
        q.filters.push_back({std::string(side) + "_type", FilterOp::kEq, node_type});
        q.filters.push_back({std::string(side) + "_id", FilterOp::kEq, node_id});
        q.limit = 500;
        q.descending = false;
        auto page = tx.List(*links, q);
        if (!page) return Fail(page.error());
        const std::string other = std::string(side) == "from" ? "to" : "from";
        for (const auto& l : page->items) {
          const std::string other_type = l[other + "_type"].get<std::string>();
          const int64_t other_id = l[other + "_id"].get<int64_t>();
          const TypeSpec* ot = registry_.Find(other_type);
          if (!ot || !ot->read_roles.Has(who.role)) continue;  // what the reader may not see is not drawn
          if (!seen.contains({other_type, other_id})) {
            if (seen.size() >= kMaxNodes) continue;
            auto rec = tx.Get(*ot, other_id, ScopeFor(who, *ot));
            if (!rec) return Fail(rec.error());
            if (!*rec) continue;
            seen.insert({other_type, other_id});
            graph.nodes.push_back({{"type", other_type},
                                   {"id", other_id},
                                   {"title", TitleOf(*ot, **rec)},
                                   {"depth", depth + 1},
                                   {"facts", FactsOf(*ot, **rec)}});
            queue.emplace_back(other_type, other_id, depth + 1);
          }
          if (edges_seen.insert(l["id"].get<int64_t>()).second)
            graph.edges.push_back({{"id", l["id"]},
                                   {"from_type", l["from_type"]},
                                   {"from_id", l["from_id"]},
                                   {"kind", l["kind"]},
                                   {"to_type", l["to_type"]},
                                   {"to_id", l["to_id"]}});
        }
      }
    }
    return {};
  });
  if (!st) return Fail(st.error());
  return graph;
}

Result<Json> RecordService::RunAction(const Actor& who, const std::string& type, int64_t id,
                                      const std::string& action, const Json& body) {
  return store_.Write<Json>([&](Tx& tx) { return RunActionIn(tx, who, type, id, action, body); });
}

Result<Json> RecordService::RunActionIn(Tx& tx, const Actor& who, const std::string& type, int64_t id,
                                        const std::string& action, const Json& body) {
  auto spec = Resolve(type);
  if (!spec) return Fail(spec.error());
  const TypeSpec& t = **spec;
  const ActionSpec* a = t.Action(action);
  if (!a) return Fail(Error::Of(ErrorKind::kNotFound, "action.unknown", {{"action", action}}));
  if (!a->roles.Has(who.role) || !t.read_roles.Has(who.role)) return Fail(Forbidden(action, t));
  TypeSpec input_type;
  input_type.name = t.name + "." + a->name;
  input_type.fields = a->input;
  auto input = Decode(input_type, body, who, DecodeMode::kCreate);
  if (!input) return Fail(input.error());
  auto current = Visible(tx, who, t, id);
  if (!current) return current;
  TxActionContext ctx(*this, tx, registry_, who, clock_.get().Now());
  return a->run(ctx, *current, *input);
}

namespace {

class TxReportContext final : public ReportContext {
 public:
  TxReportContext(RecordService& records, Tx& tx, const Actor& who, TimePoint now,
                  const ListQueryParser& parse)
      : records_(records), tx_(tx), who_(who), now_(now), parse_(parse) {}
  TimePoint Now() const override { return now_; }
  const Actor& Who() const override { return who_; }
  const TypeSpec* TypeNamed(std::string_view name) const override { return records_.registry().Find(name); }
  Result<std::vector<Json>> All(const std::string& type, const ReportParams& filters) override {
    return Read(type, filters, false);
  }
  Result<std::vector<Json>> AllForPublicView(const std::string& type, const ReportParams& filters) override {
    return Read(type, filters, true);
  }
  Result<std::vector<Json>> Search(const std::string& type, const std::string& text, int64_t limit) override {
    const TypeSpec* spec = records_.registry().Find(type);
    if (!spec) return Fail(Error::Of(ErrorKind::kNotFound, "type.unknown", {{"type", type}}));
    if (!spec->read_roles.Has(who_.role)) return std::vector<Json>{};
    auto q = parse_(*spec, {{"q", text}}, false);
    if (!q) return Fail(q.error());
    q->limit = limit;
    auto page = tx_.List(*spec, *q);
    if (!page) return Fail(page.error());
    return std::move(page->items);
  }

 private:
  Result<std::vector<Json>> Read(const std::string& type, const ReportParams& filters, bool public_view) {
    const TypeSpec* spec = records_.registry().Find(type);
    if (!spec) return Fail(Error::Of(ErrorKind::kNotFound, "type.unknown", {{"type", type}}));
    if (!public_view && !spec->read_roles.Has(who_.role))
      return std::vector<Json>{};  // what one may not read counts as absent
    auto q = parse_(*spec, filters, public_view);
    if (!q) return Fail(q.error());
    q->limit = 5000;
    q->descending = false;
    q->sort_field = "id";
    // Pages by key (id > the last one read), not by offset: an offset re-reads every row it skips,
    // which made a report over 100,000 rows quadratic.
    q->filters.push_back({"id", FilterOp::kGt, Json(0)});
    std::vector<Json> out;
    constexpr size_t kMaxRows = 200000;  // a report over more than this is a job, not a request
    for (;;) {
      auto page = tx_.List(*spec, *q);
      if (!page) return Fail(page.error());
      const size_t got = page->items.size();
      if (got) q->filters.back().value = page->items.back()["id"];
      for (auto& item : page->items) out.push_back(std::move(item));
      if (got < static_cast<size_t>(q->limit) || out.size() >= kMaxRows) break;
    }
    return out;
  }

  RecordService& records_;
  Tx& tx_;
  const Actor& who_;
  TimePoint now_;
  const ListQueryParser& parse_;
};

}  // namespace

Result<Json> RecordService::RunReport(const Actor& who, const std::string& name, const ListParams& params) {
  const ReportSpec* report = registry_.FindReport(name);
  if (!report) return Fail(Error::Of(ErrorKind::kNotFound, "report.unknown", {{"report", name}}));
  if (!report->roles.Has(who.role)) return Fail(Error::Of(ErrorKind::kForbidden, "role.forbidden"));
  ListParams asked;
  std::optional<int64_t> limit;
  int64_t offset = 0;
  for (const auto& [key, value] : params) {
    if (report->paged && (key == "limit" || key == "offset")) {
      auto v = ParseInt(value, key);
      if (!v) return Fail(v.error());
      const int64_t max = key == "limit" ? 500 : 1000000000;
      if (*v < (key == "limit" ? 1 : 0) || *v > max)
        return Fail(
            Error::Invalid("field.out_of_range", key, {{"min", key == "limit" ? 1 : 0}, {"max", max}}));
      if (key == "limit")
        limit = *v;
      else
        offset = *v;
      continue;
    }
    if (std::find(report->params.begin(), report->params.end(), key) == report->params.end())
      return Fail(Error::Invalid("query.unknown_parameter", key));
    asked.emplace(key, value);
  }
  const Actor everyone = Actor::System();
  const ListQueryParser parse = [&](const TypeSpec& t, const ListParams& p, bool public_view) {
    return ParseList(public_view ? everyone : who, t, p);
  };
  auto out = store_.Read<Json>([&](Tx& tx) -> Result<Json> {
    TxReportContext ctx(*this, tx, who, clock_.get().Now(), parse);
    return report->run(ctx, asked);
  });
  if (!out || !report->paged || !(*out)["rows"].is_array()) return out;
  Json& rows = (*out)["rows"];
  const auto total = static_cast<int64_t>(rows.size());
  (*out)["total"] = total;
  if (limit) {
    const int64_t from = std::min(offset, total), to = std::min(total, from + *limit);
    rows = Json(rows.begin() + from, rows.begin() + to);
  }
  return out;
}

Result<Json> RecordService::ReadPublicForm(const std::string& name, const std::string& key,
                                           const std::string& lang) {
  const PublicFormSpec* form = registry_.FindPublicForm(name);
  if (!form || !form->read) return Fail(Error::Of(ErrorKind::kNotFound, "http.not_found"));
  Actor system = Actor::System();
  system.login = "public";
  system.lang = lang;
  return store_.Read<Json>([&](Tx& tx) -> Result<Json> {
    TxActionContext ctx(*this, tx, registry_, system, clock_.get().Now());
    return form->read(ctx, key);
  });
}

Result<Json> RecordService::SubmitPublicForm(const std::string& name, const std::string& key,
                                             const Json& body, const std::string& lang) {
  const PublicFormSpec* form = registry_.FindPublicForm(name);
  if (!form || !form->submit) return Fail(Error::Of(ErrorKind::kNotFound, "http.not_found"));
  Actor system = Actor::System();
  system.login = "public";
  system.lang = lang;
  return store_.Write<Json>([&](Tx& tx) -> Result<Json> {
    TxActionContext ctx(*this, tx, registry_, system, clock_.get().Now());
    return form->submit(ctx, key, body);
  });
}

Result<std::vector<GroupCount>> RecordService::Count(const Actor& who, const std::string& type,
                                                     const std::string& field, const ListParams& params) {
  auto spec = Readable(who, type);
  if (!spec) return Fail(spec.error());
  const TypeSpec& t = **spec;
  const FieldSpec* f = t.Field(field);
  if (!f || !f->filterable || f->kind == FieldKind::kRefList || f->kind == FieldKind::kMarkdown)
    return Fail(Error::Invalid("query.unknown_field", "field"));
  auto q = ParseList(who, t, params);
  if (!q) return Fail(q.error());
  return store_.Read<std::vector<GroupCount>>([&](Tx& tx) { return tx.CountBy(t, *q, field); });
}

Result<std::vector<Filter>> RecordService::ParseFilters(const Actor& who, const std::string& type,
                                                        const ListParams& params) const {
  auto spec = Readable(who, type);
  if (!spec) return Fail(spec.error());
  for (const auto& [key, value] : params)
    if (key == "limit" || key == "offset" || key == "sort" || key == "q" || key == "field")
      return Fail(Error::Invalid("query.unknown_parameter", key));
  auto q = ParseList(who, **spec, params);
  if (!q) return Fail(q.error());
  return std::move(q->filters);
}

Result<std::vector<std::optional<double>>> RecordService::Aggregate(const Actor& who, const std::string& type,
                                                                    std::vector<AggregateQuery> queries) {
  auto spec = Readable(who, type);
  if (!spec) return Fail(spec.error());
  for (auto& q : queries) q.scope = ScopeFor(who, **spec);
  return store_.Read<std::vector<std::optional<double>>>(
      [&](Tx& tx) { return tx.Aggregate(**spec, queries); });
}

Result<std::vector<AggregateRow>> RecordService::AggregateGroups(const Actor& who, const std::string& type,
                                                                 AggregateQuery query) {
  auto spec = Readable(who, type);
  if (!spec) return Fail(spec.error());
  query.scope = ScopeFor(who, **spec);
  return store_.Read<std::vector<AggregateRow>>([&](Tx& tx) { return tx.AggregateGroups(**spec, query); });
}

}  // namespace boucle
