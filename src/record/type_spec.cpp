#include "record/type_spec.hpp"

namespace boucle {

std::string_view FieldKindName(FieldKind k) {
  switch (k) {
    case FieldKind::kText: return "text";
    case FieldKind::kMarkdown: return "markdown";
    case FieldKind::kInteger: return "integer";
    case FieldKind::kDecimal: return "decimal";
    case FieldKind::kBoolean: return "boolean";
    case FieldKind::kDateTime: return "datetime";
    case FieldKind::kEnum: return "enum";
    case FieldKind::kRef: return "ref";
    case FieldKind::kRefList: return "ref_list";
  }
  return "text";
}

std::string_view AreaName(Area a) {
  switch (a) {
    case Area::kEngage: return "engage";
    case Area::kSupport: return "support";
    case Area::kBuild: return "build";
    case Area::kImprove: return "improve";
    case Area::kPlatform: return "platform";
  }
  return "platform";
}

const EnumOption* FieldSpec::FindOption(std::string_view id) const {
  for (const auto& o : options)
    if (o.id == id) return &o;
  return nullptr;
}

const ActionSpec* TypeSpec::Action(std::string_view action_name) const {
  for (const auto& a : actions)
    if (a.name == action_name) return &a;
  return nullptr;
}

const FieldSpec* TypeSpec::Field(std::string_view field_name) const {
  for (const auto& f : fields)
    if (f.name == field_name) return &f;
  return nullptr;
}

}  // namespace boucle
