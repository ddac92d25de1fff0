#pragma once
#include <deque>
#include <string_view>

#include "record/public_form.hpp"
#include "record/report.hpp"
#include "record/type_spec.hpp"

namespace boucle {

// Every record type the running system knows, in registration order.
class Registry {
 public:
  // Checks the description (references resolve, title field exists); a bad one is a programmer error.
  void Add(TypeSpec spec);
  const TypeSpec* Find(std::string_view name) const;
  const std::deque<TypeSpec>& All() const { return types_; }
  void Validate() const;  // throws std::logic_error naming the broken description

  void AddReport(ReportSpec report);
  const ReportSpec* FindReport(std::string_view name) const;
  const std::deque<ReportSpec>& Reports() const { return reports_; }

  void AddPublicForm(PublicFormSpec form);
  const PublicFormSpec* FindPublicForm(std::string_view name) const;
  const std::deque<PublicFormSpec>& PublicForms() const { return public_forms_; }

 private:
  std::deque<TypeSpec> types_;
  std::deque<ReportSpec> reports_;
  std::deque<PublicFormSpec> public_forms_;
};

}  // namespace boucle
