#pragma once
// The durable outbox: work to do after a business write (send a mail, ...), written in the same
// transaction as that write, so that a crash either keeps both or neither. The jobs runner takes
// due rows and runs the handler registered for their kind; the platform never knows why a job
// exists.
#include <string>

#include "record/registry.hpp"
#include "record/type_spec.hpp"

namespace boucle {

inline constexpr const char* kOutboxType = "outbox";

struct Job {
  std::string kind;             // selects the handler, e.g. "mail"
  std::string idempotency_key;  // one job per key, ever: enqueuing it again returns the first
  Json payload = Json::object();
  std::string summary;  // what an administrator reads in the list
  TimePoint due_at;
};

// Adds the job inside the caller's transaction, unless a job with the same key exists already
// (then returns that one, unchanged).
Result<Json> Enqueue(ActionContext& ctx, const Job& job);

// The outbox record type: readable by administrators, written by actions and the runner only.
void RegisterJobTypes(Registry& registry);

}  // namespace boucle
