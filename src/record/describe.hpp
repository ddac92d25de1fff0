#pragma once
// A fluent builder so that each record type reads as one short declaration.
#include <initializer_list>
#include <string>
#include <utility>

#include "record/type_spec.hpp"

namespace boucle {

// Per-field options, in declaration order for designated initialisers: {.required = true, .list = true}.
struct Opt {
  bool required = false;
  bool filter = false;
  bool sort = false;
  bool search = false;
  bool list = false;
  bool computed = false;
  Json def = nullptr;
  std::optional<double> min;
  std::optional<double> max;
  RoleSet write = RoleSet::All();
  bool unique = false;
  std::string pattern;     // text only: an ECMAScript regular expression the whole value must match
  Json example = nullptr;  // a valid value, shown to people and used by generated tests
};

class Describe {
 public:
  explicit Describe(std::string name) { spec_.name = std::move(name); }

  Describe& Labels(Label plural, Label singular);
  Describe& In(Area area);
  Describe& Title(std::string field);
  Describe& Read(RoleSet roles);
  Describe& Create(RoleSet roles);
  Describe& Update(RoleSet roles);
  Describe& Delete(RoleSet roles);
  Describe& OwnedThrough(std::string field, std::string via_type, std::string via_field);
  // The owner scope holds for every role, administrators included (personal records).
  Describe& OwnedByEveryRole();
  Describe& SortBy(std::string sort);
  Describe& Hook(BeforeWriteHook hook);
  Describe& AfterWrite(AfterWriteHook hook);
  Describe& Index(std::vector<std::string> columns);
  Describe& PublicForm();

  Describe& Text(std::string name, Label label, Opt opt = {});
  Describe& Markdown(std::string name, Label label, Opt opt = {});
  Describe& Integer(std::string name, Label label, Opt opt = {});
  Describe& Decimal(std::string name, Label label, Opt opt = {});
  Describe& Boolean(std::string name, Label label, Opt opt = {});
  Describe& DateTime(std::string name, Label label, Opt opt = {});
  Describe& Enum(std::string name, Label label, std::initializer_list<EnumOption> options, Opt opt = {});
  // The same, for options shared by several types.
  Describe& Enum(std::string name, Label label, const std::vector<EnumOption>& options, Opt opt = {});
  Describe& Ref(std::string name, Label label, std::string type, Opt opt = {});
  Describe& RefList(std::string name, Label label, std::string type, Opt opt = {});

  // A named action; `input` is described with the same builder, then taken as a field list.
  Describe& Action(std::string name, Label label, RoleSet roles, Describe input, ActionHandler run);

  TypeSpec Build() { return std::move(spec_); }

 private:
  FieldSpec& Add(std::string name, FieldKind kind, Label label, const Opt& opt);
  TypeSpec spec_;
};

}  // namespace boucle
