#include "record/describe.hpp"

namespace boucle {

Describe& Describe::Labels(Label plural, Label singular) {
  spec_.label = std::move(plural);
  spec_.singular = std::move(singular);
  return *this;
}
Describe& Describe::In(Area area) {
  spec_.area = area;
  return *this;
}
Describe& Describe::Title(std::string field) {
  spec_.title_field = std::move(field);
  return *this;
}
Describe& Describe::Read(RoleSet roles) {
  spec_.read_roles = roles;
  return *this;
}
Describe& Describe::Create(RoleSet roles) {
  spec_.create_roles = roles;
  return *this;
}
Describe& Describe::Update(RoleSet roles) {
  spec_.update_roles = roles;
  return *this;
}
Describe& Describe::Delete(RoleSet roles) {
  spec_.delete_roles = roles;
  return *this;
}
Describe& Describe::OwnedThrough(std::string field, std::string via_type, std::string via_field) {
  spec_.owner_scope = OwnerScope{std::move(field), std::move(via_type), std::move(via_field)};
  return *this;
}
Describe& Describe::OwnedByEveryRole() {
  if (spec_.owner_scope) spec_.owner_scope->every_role = true;
  return *this;
}
Describe& Describe::SortBy(std::string sort) {
  spec_.default_sort = std::move(sort);
  return *this;
}
Describe& Describe::Index(std::vector<std::string> columns) {
  spec_.indexes.push_back(std::move(columns));
  return *this;
}
Describe& Describe::PublicForm() {
  spec_.public_form = true;
  return *this;
}
Describe& Describe::Hook(BeforeWriteHook hook) {
  spec_.before_write.push_back(std::move(hook));
  return *this;
}
Describe& Describe::AfterWrite(AfterWriteHook hook) {
  spec_.after_write.push_back(std::move(hook));
  return *this;
}

Describe& Describe::Action(std::string name, Label label, RoleSet roles, Describe input, ActionHandler run) {
  spec_.actions.push_back(
      ActionSpec{std::move(name), std::move(label), roles, std::move(input.spec_.fields), std::move(run)});
  return *this;
}

FieldSpec& Describe::Add(std::string name, FieldKind kind, Label label, const Opt& opt) {
  FieldSpec f;
  f.name = std::move(name);
  f.kind = kind;
  f.label = std::move(label);
  f.required = opt.required;
  f.filterable = opt.filter;
  f.sortable = opt.sort;
  f.searchable = opt.search;
  f.in_list = opt.list;
  f.computed = opt.computed;
  f.default_value = opt.def;
  f.min = opt.min;
  f.max = opt.max;
  f.write_roles = opt.write;
  f.unique = opt.unique;
  f.pattern = opt.pattern;
  if (!opt.pattern.empty()) f.pattern_regex = std::make_shared<const std::regex>(opt.pattern);
  f.example = opt.example;
  spec_.fields.push_back(std::move(f));
  return spec_.fields.back();
}

Describe& Describe::Text(std::string name, Label label, Opt opt) {
  if (!opt.max) opt.max = 200;
  Add(std::move(name), FieldKind::kText, std::move(label), opt);
  return *this;
}
Describe& Describe::Markdown(std::string name, Label label, Opt opt) {
  if (!opt.max) opt.max = 65536;
  Add(std::move(name), FieldKind::kMarkdown, std::move(label), opt);
  return *this;
}
Describe& Describe::Integer(std::string name, Label label, Opt opt) {
  Add(std::move(name), FieldKind::kInteger, std::move(label), opt);
  return *this;
}
Describe& Describe::Decimal(std::string name, Label label, Opt opt) {
  Add(std::move(name), FieldKind::kDecimal, std::move(label), opt);
  return *this;
}
Describe& Describe::Boolean(std::string name, Label label, Opt opt) {
  Add(std::move(name), FieldKind::kBoolean, std::move(label), opt);
  return *this;
}
Describe& Describe::DateTime(std::string name, Label label, Opt opt) {
  Add(std::move(name), FieldKind::kDateTime, std::move(label), opt);
  return *this;
}
Describe& Describe::Enum(std::string name, Label label, std::initializer_list<EnumOption> options, Opt opt) {
  Add(std::move(name), FieldKind::kEnum, std::move(label), opt).options = options;
  return *this;
}
Describe& Describe::Enum(std::string name, Label label, const std::vector<EnumOption>& options, Opt opt) {
  Add(std::move(name), FieldKind::kEnum, std::move(label), opt).options = options;
  return *this;
}
Describe& Describe::Ref(std::string name, Label label, std::string type, Opt opt) {
  Add(std::move(name), FieldKind::kRef, std::move(label), opt).ref_type = std::move(type);
  return *this;
}
Describe& Describe::RefList(std::string name, Label label, std::string type, Opt opt) {
  Add(std::move(name), FieldKind::kRefList, std::move(label), opt).ref_type = std::move(type);
  return *this;
}

}  // namespace boucle
