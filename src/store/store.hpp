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

  virtual Status AppendHistory(const std::vector<HistoryEntry>& entries) = 0;
  virtual Result<std::vector<HistoryEntry>> History(const std::string& type, int64_t id) = 0;
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
