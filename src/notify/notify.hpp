#pragma once
// In-app notifications: a short message to one user about one record, shown under the bell of the
// web shell until they mark it read. The platform keeps, scopes and counts them; the domain decides
// when to notify and what to say, in the transaction of the change it reports.
#include <string>

#include "record/registry.hpp"
#include "record/type_spec.hpp"

namespace boucle {

inline constexpr const char* kNotificationType = "notifications";

struct Notice {
  std::string key;        // one notification per key, ever (e.g. "demand-triaged:12")
  int64_t recipient = 0;  // a user id
  std::string lang;       // "fr" or "en"; empty: the recipient's own language
  Label title;
  Label text;              // may be empty
  std::string about_type;  // the record it is about, opened from the notification
  int64_t about_id = 0;
};

// Adds the notification inside the caller's transaction, unless one with the same key exists
// already (then returns that one, unchanged).
Result<Json> Notify(ActionContext& ctx, const Notice& notice);

// The notifications type: each person reads and marks only their own, whatever their role.
void RegisterNotificationType(Registry& registry);

}  // namespace boucle
