#pragma once
// The one interface between Boucle and its database. Every SQL dialect detail lives behind it,
// so that a PostgreSQL back end is another implementation of Store and Tx, not a change elsewhere.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "record/registry.hpp"

namespace boucle {

enum class FilterOp { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kContains, kIsNull, kNotNull };

struct Filter {
  std::string field;  // a described field, or id / created_at / updated_at / created_by / version
  FilterOp op = FilterOp::kEq;
  Json value;         // scalar; an array for kIn; ignored for kIsNull / kNotNull
};

// Restricts rows to those an end user may see (see OwnerScope).
struct RowScope {
  int64_t user_id = 0;
  OwnerScope owner;
};

struct ListQuery {
  std::vector<Filter> filters;
  std::string sort_field = "id";
  bool descending = true;
  int64_t limit = 50;
  int64_t offset = 0;
  std::string text;  // full-text search over the searchable fields
  std::optional<RowScope> scope;
};

struct Page {
  std::vector<Json> items;
  int64_t total = 0;
};

struct GroupCount {
  Json key;
  int64_t count = 0;
};

struct HistoryEntry {
  std::string type;
  int64_t record_id = 0;
  int64_t version = 0;
  std::string at;
  int64_t user_id = 0;
  std::string login;
  std::string field;
  Json old_value;
  Json new_value;
};

struct AuditEntry {
  std::string at;
  int64_t user_id = 0;
  std::string login;
  std::string event;  // login, login_failed, logout, forbidden, token_created, ...
  std::string detail;
  std::string ip;
};

struct Credentials {
  int64_t user_id = 0;
  std::string login;
  std::string role;
  std::string lang;
  std::string password_hash;  // empty: the account cannot log in with a password
  bool active = true;
};

struct SessionRow {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  std::string expires_at;
};

// Aggregates over one record table (KPIs), computed by the database; meaning in store/aggregate.hpp.
enum class AggregateMeasure {
  kCount,   // rows of the population
  kShare,   // rows matching `numerator` among the population, 0..1; null when the population is empty
  kMean,    // mean of the value over the population; null when empty
  kMedian,  // nearest-rank 50th percentile of the value
  kP90,     // nearest-rank 90th percentile of the value
  kNps,     // net promoter score of a 0-10 value: 100 * (share >= 9 - share <= 6)
};

enum class AggregatePeriod { kNone, kWeek, kMonth };

// Hours from the date-time field `from` to the date-time field `to` (either may be created_at /
// updated_at); an empty `to` means "until AggregateQuery::as_of" (an age). Rows with a null are left out.
struct DurationHours {
  std::string from;
  std::string to;
};

struct AggregateQuery {
  AggregateMeasure measure = AggregateMeasure::kCount;
  std::vector<Filter> population;  // AND of filters (ops: eq, ne, lt, le, gt, ge, in, null, not null)
  std::vector<Filter> numerator;   // kShare only: AND of filters within the population
  std::optional<DurationHours> value;  // the value of mean / median / p90 / nps, either this...
  std::string number;                  // ...or a numeric field
  TimePoint as_of{};                   // the end of ages (DurationHours with an empty `to`)
  std::string group_by;                // a filterable field; empty: one group
  AggregatePeriod period = AggregatePeriod::kNone;
  std::string period_field = "created_at";  // date-time bucketed into periods; rows where it is null are left out
  std::optional<RowScope> scope;
};

// One (group, period) of a grouped aggregate.
struct AggregateRow {
  Json group;          // the group's value (null for records without one, or when not grouped)
  std::string period;  // "2026-03" (month) or "2026-03-02" (the Monday of the week); empty when not bucketed
  int64_t n = 0;       // size of the population (of the values, for measures of a value)
  std::optional<double> value;
};

// One transaction. Every method runs inside it; nothing is visible to others before commit.
class Tx {
 public:
  virtual ~Tx() = default;

  // `record` carries every described field plus created_at, updated_at, created_by and version.
  virtual Result<int64_t> Insert(const TypeSpec& type, const Json& record) = 0;
  // Writes `record` only if the stored version is still `expected_version`; kConflict otherwise.
  virtual Status Update(const TypeSpec& type, int64_t id, int64_t expected_version, const Json& record) = 0;
  virtual Result<std::optional<Json>> Get(const TypeSpec& type, int64_t id,
                                          const std::optional<RowScope>& scope = std::nullopt) = 0;
  virtual Result<Page> List(const TypeSpec& type, const ListQuery& query) = 0;
  virtual Result<std::vector<GroupCount>> CountBy(const TypeSpec& type, const ListQuery& where,
                                                  const std::string& field) = 0;
  virtual Result<bool> Delete(const TypeSpec& type, int64_t id) = 0;
  // Several ungrouped measures over one table in as few scans as possible, in the order asked.
  virtual Result<std::vector<std::optional<double>>> Aggregate(const TypeSpec& type,
                                                               const std::vector<AggregateQuery>& queries) = 0;
  // One measure per (group, period), ordered by group then period.
  virtual Result<std::vector<AggregateRow>> AggregateGroups(const TypeSpec& type, const AggregateQuery& query) = 0;

  virtual Status AppendHistory(const std::vector<HistoryEntry>& entries) = 0;
  virtual Result<std::vector<HistoryEntry>> History(const std::string& type, int64_t id) = 0;
  // Every change of one field over all records of `type`, by record then in the order written, at
  // most `limit` (analyses of how tickets moved between groups read them in one pass).
  virtual Result<std::vector<HistoryEntry>> FieldHistory(const std::string& type, const std::string& field,
                                                         int64_t limit) = 0;
  virtual Status DeleteHistory(const std::string& type, int64_t id) = 0;
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  virtual Result<std::vector<AuditEntry>> Audit(int64_t limit, int64_t offset, int64_t* total) = 0;

  virtual Result<std::optional<Credentials>> FindCredentials(const std::string& login) = 0;
  virtual Result<std::optional<Credentials>> FindCredentialsById(int64_t user_id) = 0;
  virtual Status SetPasswordHash(int64_t user_id, const std::string& hash) = 0;
  virtual Status PutSession(const SessionRow& session) = 0;
  virtual Result<std::optional<SessionRow>> FindSession(const std::string& token_hash) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  virtual Status PutApiToken(int64_t user_id, const std::string& token_hash, const std::string& created_at) = 0;
  virtual Result<std::optional<int64_t>> FindApiToken(const std::string& token_hash) = 0;
};

enum class TxMode { kRead, kWrite };

class Store {
 public:
  virtual ~Store() = default;
  // Applies the versioned platform migrations, then brings each record table up to its description.
  virtual Status Migrate(const Registry& registry) = 0;
  virtual Result<int64_t> SchemaVersion() = 0;
  // Runs `work` in one transaction: commits when it returns a value, rolls back on an error.
  virtual Status Run(TxMode mode, const std::function<Status(Tx&)>& work) = 0;

  template <typename T>
  Result<T> Read(const std::function<Result<T>(Tx&)>& work) { return Within<T>(TxMode::kRead, work); }
  template <typename T>
  Result<T> Write(const std::function<Result<T>(Tx&)>& work) { return Within<T>(TxMode::kWrite, work); }

 private:
  template <typename T>
  Result<T> Within(TxMode mode, const std::function<Result<T>(Tx&)>& work) {
    std::optional<T> out;
    auto st = Run(mode, [&](Tx& tx) -> Status {
      auto r = work(tx);
      if (!r) return Fail(std::move(r.error()));
      out.emplace(std::move(*r));
      return {};
    });
    if (!st) return Fail(std::move(st.error()));
    return std::move(*out);
  }
};

struct SqliteOptions {
  std::string path;
  bool synchronous_full = true;  // fsync at every commit: an acknowledged write survives power loss too
  int pool_size = 4;
};

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

}  // namespace boucle
