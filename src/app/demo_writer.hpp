#pragma once
// What every demonstration loader needs after the first one: find the accounts, services and
// records already written, and write more through the ordinary record path (hooks, history,
// links) as a given user at a given time, inside the demo's one transaction.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "record/actor.hpp"
#include "record/service.hpp"
#include "store/store.hpp"

namespace boucle {

class DemoWriter {
 public:
  DemoWriter(RecordService& records, Tx& tx, ManualClock& clock, TimePoint now);

  // Reads the accounts back; call once before writing.
  Status Begin();

  Result<std::vector<Json>> AllOf(const std::string& type);
  // The records of `type` matching list parameters (filters, sort, limit), as the system sees them.
  Result<std::vector<Json>> Where(const std::string& type, const ListParams& params);
  // The first record of `type` whose `field` equals `value`, or an error naming what is missing.
  Result<Json> Find(const std::string& type, const char* field, const std::string& value);

  // When `field` of the record first took `value`, from its history; empty if it never did.
  Result<std::optional<TimePoint>> FirstSet(const std::string& type, int64_t id, const std::string& field,
                                            const Json& value);

  const Actor& As(const std::string& login) const;
  int64_t UserId(const std::string& login) const { return As(login).user_id; }
  TimePoint Now() const { return now_; }

  // `origin` kRule: written as a rule of the system would (computed fields included).
  Result<Json> Create(const std::string& login, const std::string& type, const Json& body, TimePoint at,
                      Origin origin = Origin::kClient);
  Status Update(const std::string& login, const std::string& type, Json& record, const Json& patch,
                TimePoint at, Origin origin = Origin::kClient);
  Status Link(const std::string& login, const std::string& from_type, int64_t from_id,
              const std::string& kind, const std::string& to_type, int64_t to_id, TimePoint at);
  Result<Json> Action(const std::string& login, const std::string& type, int64_t id,
                      const std::string& action, const Json& input, TimePoint at);

 private:
  Error Annotated(Error e, const std::string& what) const;
  void At(TimePoint t) { clock_.Set(std::min(t, now_)); }

  RecordService& records_;
  Tx& tx_;
  ManualClock& clock_;
  TimePoint now_;
  const Actor system_ = Actor::System();
  std::map<std::string, Actor> actors_;  // by login
};

}  // namespace boucle
