#pragma once
// One description per record type. It drives the table, JSON in and out, validation, filters,
// history, search, role rules, the OpenAPI document and the web forms; nothing else describes
// a record's shape.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "record/role.hpp"

namespace boucle {

class Aggregates;  // store/aggregate.hpp
struct Filter;     // store/store.hpp

using Json = nlohmann::json;

enum class FieldKind { kText, kMarkdown, kInteger, kDecimal, kBoolean, kDateTime, kEnum, kRef, kRefList };

std::string_view FieldKindName(FieldKind k);

struct Label {
  std::string fr;
  std::string en;
};

struct EnumOption {
  std::string_view Value() const { return id; }
  std::string id;
  Label label;
};

struct FieldSpec {
  std::string name;
  FieldKind kind = FieldKind::kText;
  Label label;
  bool required = false;
  Json default_value;         // null: no default
  std::optional<double> min;  // numbers: value bounds; text: length bounds in characters
  std::optional<double> max;
  std::vector<EnumOption> options;
  std::string ref_type;  // kRef / kRefList: the plural name of the type referred to
  bool filterable = false;
  bool sortable = false;
  bool searchable = false;               // part of the full-text index
  bool computed = false;                 // set by the type's hooks only; clients may not write it
  bool in_list = false;                  // a column of the default list view
  bool unique = false;                   // no two records share a value (a field error on clash)
  RoleSet write_roles = RoleSet::All();  // narrows the type's update roles for this one field
  std::string pattern;                   // text: the whole value must match this regular expression
  std::shared_ptr<const std::regex> pattern_regex;  // compiled once from `pattern`
  Json example;  // a valid value for forms, documentation and generated tests

  const EnumOption* FindOption(std::string_view id) const;
};

// Rows an end user may see: those they created, or whose `field` is their own user id (when
// `via_type` is empty), or whose `field` is a record of `via_type` whose `via_field` is their
// user id (for example a ticket whose requester is their stakeholder record).
struct OwnerScope {
  std::string field;
  std::string via_type;
  std::string via_field;
  // Every role, not only end users, sees only its own rows (a person's notifications); the system
  // actor (user 0) is not held to it.
  bool every_role = false;
};

struct Actor;  // defined in record/actor.hpp
struct TypeSpec;

// What a hook may look at while it decides: the time, who acts, and read access to other records.
class HookContext {
 public:
  virtual ~HookContext() = default;
  virtual TimePoint Now() const = 0;
  virtual const Actor& Who() const = 0;
  virtual Result<Json> Lookup(std::string_view type, int64_t id) = 0;
  // The first record of `type` whose `field` equals `value`, or null.
  virtual Result<Json> FindOne(std::string_view type, std::string_view field, const Json& value) = 0;
  // The description of another type, or null: for records that describe queries over records.
  virtual const TypeSpec* FindType(std::string_view name) const = 0;
  // Every record of `type` whose `field` equals `value` (holds it, for a reference list), by id,
  // at most kMaxFound of them.
  static constexpr int64_t kMaxFound = 10'000;
  virtual Result<std::vector<Json>> FindAll(std::string_view type, std::string_view field,
                                            const Json& value) = 0;
};

// Particular behaviour (a workflow rule, a computed field). `before` is null on create.
using BeforeWriteHook = std::function<Status(HookContext&, Json& next, const Json* before)>;

// What an action may do besides reading: write records through the same generic path (so that
// validation, hooks, history and roles apply) and link them.
class ActionContext : public HookContext {
 public:
  virtual Result<Json> Create(const std::string& type, const Json& body) = 0;
  virtual Result<Json> Update(const std::string& type, int64_t id, const Json& changes) = 0;
  // Writes a record the action owns on the caller's behalf although the caller's role may not create
  // that type itself (e.g. the outbox job of a mail to send): validation, hooks and history still apply.
  virtual Result<Json> CreateAsSystem(const std::string& type, const Json& body) = 0;
  // Updates a record the action has itself checked the caller may change (a stakeholder answering
  // the consultation addressed to them) although their role may not update that type: validation,
  // hooks and history still apply, and history names the caller.
  virtual Result<Json> UpdateOnBehalf(const std::string& type, int64_t id, const Json& changes) = 0;
  // An update as the system: a summary the platform keeps on another record (a stakeholder's latest
  // interaction) changes whoever wrote the record it summarises.
  virtual Result<Json> UpdateAsSystem(const std::string& type, int64_t id, const Json& changes) = 0;
  // Every record of `type` matching list-style filters (field=value, field__gte=..., sort), bounded.
  virtual Result<std::vector<Json>> All(const std::string& type,
                                        const std::multimap<std::string, std::string>& filters) = 0;
  virtual Status Link(const std::string& from_type, int64_t from_id, const std::string& kind,
                      const std::string& to_type, int64_t to_id) = 0;
  // Measures (counts, shares, means, percentiles) over the records the caller may read, in this
  // transaction, and list filters parsed as a list of `type` would parse them: for an action that
  // records an indicator's value, such as an improvement's baseline or its measured effect.
  virtual Aggregates& Measures() = 0;
  virtual Result<std::vector<Filter>> ParseFilters(const std::string& type,
                                                   const std::multimap<std::string, std::string>& params) = 0;
};

// Runs in the same transaction after a record is written (`after` null on delete, `before` null on
// create): to keep a summary on other records in step with it (each stakeholder's latest
// interaction, so that reports read the summary instead of every record it summarises), or for the
// domain to react to a step (telling the requester their demand was triaged).
using AfterWriteHook = std::function<Status(ActionContext&, const Json* after, const Json* before)>;

// A named operation on one record beyond editing it, e.g. routing a demand to where it belongs.
// `input` describes the fields the caller sends, validated like a record's. Returns what the
// action produced, answered to the caller as JSON.
using ActionHandler = std::function<Result<Json>(ActionContext&, const Json& record, const Json& input)>;

struct ActionSpec {
  std::string name;
  Label label;
  RoleSet roles;
  std::vector<FieldSpec> input;
  ActionHandler run;
};

enum class Area { kEngage, kSupport, kBuild, kImprove, kPlatform };
std::string_view AreaName(Area a);

struct TypeSpec {
  std::string name;  // plural snake_case, also the table and the route: "tickets"
  Label label;       // plural label
  Label singular;
  Area area = Area::kPlatform;
  std::string title_field;  // what names a record in lists, links and traces
  std::vector<FieldSpec> fields;
  RoleSet read_roles, create_roles, update_roles, delete_roles;
  std::optional<OwnerScope> owner_scope;  // applies to end users (to everyone if every_role)
  std::vector<BeforeWriteHook> before_write;
  std::vector<AfterWriteHook> after_write;
  std::string default_sort = "-id";
  std::vector<ActionSpec> actions;
  // Extra indexes over several columns (described fields or created_at / updated_at), e.g. one
  // that covers every column the KPIs read so that they scan it instead of the table.
  std::vector<std::vector<std::string>> indexes;
  // End users create these from public forms (demands, feedback, votes): their creations are
  // rate-limited per user, so that a script behind one account cannot flood the desk.
  bool public_form = false;

  const FieldSpec* Field(std::string_view field_name) const;
  const ActionSpec* Action(std::string_view action_name) const;
};

}  // namespace boucle
