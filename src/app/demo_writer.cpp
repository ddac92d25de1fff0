#include "app/demo_writer.hpp"

#include <algorithm>

#include "record/json_access.hpp"

namespace boucle {

DemoWriter::DemoWriter(RecordService& records, Tx& tx, ManualClock& clock, TimePoint now)
    : records_(records), tx_(tx), clock_(clock), now_(now) {}

Status DemoWriter::Begin() {
  auto users = AllOf("users");
  if (!users) return Fail(users.error());
  for (const auto& u : *users) {
    const std::string login = TextOr(u, "login");
    const auto role = ParseRole(TextOr(u, "role"));
    actors_[login] = Actor{.user_id = IntOr(u, "id"),
                           .login = login,
                           .role = role ? *role : Role::kEndUser,
                           .lang = TextOr(u, "language", "fr")};
  }
  if (!actors_.contains("admin")) return Fail(Error::Of(ErrorKind::kInternal, "demo.engage_missing_base"));
  return {};
}

Result<std::vector<Json>> DemoWriter::AllOf(const std::string& type) {
  ListQuery q;
  q.sort_field = "id";
  q.descending = false;
  q.limit = 100000;
  auto page = tx_.List(*records_.registry().Find(type), q);
  if (!page) return Fail(page.error());
  return std::move(page->items);
}

Result<Json> DemoWriter::Find(const std::string& type, const char* field, const std::string& value) {
  ListQuery q;
  q.filters.push_back({field, FilterOp::kEq, value});
  q.limit = 1;
  auto page = tx_.List(*records_.registry().Find(type), q);
  if (!page) return Fail(page.error());
  if (page->items.empty())
    return Fail(Annotated(Error::Of(ErrorKind::kInternal, "demo.missing_record"), type + " " + value));
  return std::move(page->items.front());
}

Result<std::vector<Json>> DemoWriter::Where(const std::string& type, const ListParams& params) {
  const TypeSpec& spec = *records_.registry().Find(type);
  auto q = records_.ParseList(system_, spec, params);
  if (!q) return Fail(q.error());
  auto page = tx_.List(spec, *q);
  if (!page) return Fail(page.error());
  return std::move(page->items);
}

Result<std::optional<TimePoint>> DemoWriter::FirstSet(const std::string& type, int64_t id,
                                                      const std::string& field, const Json& value) {
  auto entries = tx_.History(type, id);
  if (!entries) return Fail(entries.error());
  for (const auto& e : *entries)
    if (e.field == field && e.new_value == value) return ParseTime(e.at);
  return std::optional<TimePoint>{};
}

const Actor& DemoWriter::As(const std::string& login) const {
  if (login.empty()) return system_;
  auto it = actors_.find(login);
  return it == actors_.end() ? actors_.at("admin") : it->second;
}

Error DemoWriter::Annotated(Error e, const std::string& what) const {
  e.params["demo_step"] = what;
  return e;
}

Result<Json> DemoWriter::Create(const std::string& login, const std::string& type, const Json& body,
                                TimePoint at, Origin origin) {
  At(at);
  auto r = records_.CreateIn(tx_, As(login), type, body, origin);
  if (!r) return Fail(Annotated(std::move(r.error()), "create " + type + " " + body.dump()));
  return r;
}

Status DemoWriter::Update(const std::string& login, const std::string& type, Json& record, const Json& patch,
                          TimePoint at, Origin origin) {
  At(at);
  auto r =
      records_.UpdateIn(tx_, As(login), type, IntOr(record, "id"), patch, IntOr(record, "version"), origin);
  if (!r)
    return Fail(
        Annotated(std::move(r.error()), "update " + type + " " + record["id"].dump() + " " + patch.dump()));
  record = std::move(*r);
  return {};
}

Status DemoWriter::Link(const std::string& login, const std::string& from_type, int64_t from_id,
                        const std::string& kind, const std::string& to_type, int64_t to_id, TimePoint at) {
  auto link = Create(login, "links",
                     {{"from_type", from_type},
                      {"from_id", from_id},
                      {"kind", kind},
                      {"to_type", to_type},
                      {"to_id", to_id}},
                     at);
  if (!link) return Fail(link.error());
  return {};
}

Result<Json> DemoWriter::Action(const std::string& login, const std::string& type, int64_t id,
                                const std::string& action, const Json& input, TimePoint at) {
  At(at);
  auto r = records_.RunActionIn(tx_, As(login), type, id, action, input);
  if (!r) return Fail(Annotated(std::move(r.error()), action + " " + type + " " + std::to_string(id)));
  return r;
}

}  // namespace boucle
