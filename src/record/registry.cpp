#include "record/registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace boucle {

void Registry::Add(TypeSpec spec) {
  if (Find(spec.name)) throw std::logic_error("record type registered twice: " + spec.name);
  types_.push_back(std::move(spec));
}

const TypeSpec* Registry::Find(std::string_view name) const {
  for (const auto& t : types_)
    if (t.name == name) return &t;
  return nullptr;
}

void Registry::AddReport(ReportSpec report) {
  if (FindReport(report.name)) throw std::logic_error("report registered twice: " + report.name);
  for (const auto& [param, type] : report.record_params)
    if (std::find(report.params.begin(), report.params.end(), param) == report.params.end())
      throw std::logic_error("report " + report.name + ": record parameter not among its parameters: " + param);
  reports_.push_back(std::move(report));
}

const ReportSpec* Registry::FindReport(std::string_view name) const {
  for (const auto& r : reports_)
    if (r.name == name) return &r;
  return nullptr;
}

void Registry::AddPublicForm(PublicFormSpec form) {
  if (FindPublicForm(form.name)) throw std::logic_error("public form registered twice: " + form.name);
  public_forms_.push_back(std::move(form));
}

const PublicFormSpec* Registry::FindPublicForm(std::string_view name) const {
  for (const auto& f : public_forms_)
    if (f.name == name) return &f;
  return nullptr;
}

void Registry::Validate() const {
  for (const auto& t : types_) {
    if (!t.title_field.empty() && t.title_field != "id" && !t.Field(t.title_field))
      throw std::logic_error(t.name + ": title field " + t.title_field + " is not described");
    for (const auto& f : t.fields) {
      if ((f.kind == FieldKind::kRef || f.kind == FieldKind::kRefList) && !Find(f.ref_type))
        throw std::logic_error(t.name + "." + f.name + " refers to unknown type " + f.ref_type);
      if (f.kind == FieldKind::kEnum && f.options.empty())
        throw std::logic_error(t.name + "." + f.name + " is an enum without options");
    }
    for (const auto& index : t.indexes)
      for (const auto& c : index)
        if (!t.Field(c) && c != "id" && c != "created_at" && c != "updated_at")
          throw std::logic_error(t.name + ": index on undescribed column " + c);
    if (t.owner_scope && !t.owner_scope->via_type.empty() && !Find(t.owner_scope->via_type))
      throw std::logic_error(t.name + ": owner scope via unknown type " + t.owner_scope->via_type);
  }
}

}  // namespace boucle
