#pragma once
#include <deque>
#include <string_view>

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

 private:
  std::deque<TypeSpec> types_;
};

}  // namespace boucle
