// SQLite back end of Store. All SQL of Boucle's records lives here (and, later, in its
// PostgreSQL twin); identifiers come from the registry, values are always bound parameters.
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <unordered_map>

#include "store/sql_builder.hpp"
#include "store/sqlite_aggregate.hpp"
#include "store/store.hpp"

namespace boucle {
namespace {

Error StoreError(sqlite3* db, std::string_view what) {
  spdlog::error("sqlite: {}: {}", what, db ? sqlite3_errmsg(db) : "no connection");
  return Error::Of(ErrorKind::kInternal, "store.error");
}

class Connection {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() const { return db_; }

  // Statements are cached per connection: the same few shapes of SQL come back at every request.
  Result<sqlite3_stmt*> Prepare(const std::string& sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) {
      sqlite3_reset(it->second);
      sqlite3_clear_bindings(it->second);
      return it->second;
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK)
      return Fail(StoreError(db_, "prepare " + sql));
    if (cache_.size() > 512) {  // list queries vary with filters: keep the cache bounded
      for (auto& [s, st] : cache_) sqlite3_finalize(st);
      cache_.clear();
    }
    cache_.emplace(sql, stmt);
    return stmt;
  }

  // A statement left mid-result keeps its read snapshot open past COMMIT, and a later write on
  // this connection would then fail at once with SQLITE_BUSY: end every such read first.
  void ResetBusyStatements() {
    for (sqlite3_stmt* s = sqlite3_next_stmt(db_, nullptr); s; s = sqlite3_next_stmt(db_, s))
      if (sqlite3_stmt_busy(s)) sqlite3_reset(s);
  }

  Status Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      spdlog::error("sqlite: {}: {}", sql, err ? err : "");
      sqlite3_free(err);
      return Fail(Error::Of(ErrorKind::kInternal, "store.error"));
    }
    return {};
  }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

Status Bind(sqlite3* db, sqlite3_stmt* stmt, int index, const Json& v) {
  int rc = SQLITE_OK;
  if (v.is_null()) {
    rc = sqlite3_bind_null(stmt, index);
  } else if (v.is_boolean()) {
    rc = sqlite3_bind_int64(stmt, index, v.get<bool>() ? 1 : 0);
  } else if (v.is_number_integer()) {
    rc = sqlite3_bind_int64(stmt, index, v.get<int64_t>());
  } else if (v.is_number()) {
    rc = sqlite3_bind_double(stmt, index, v.get<double>());
  } else if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    rc = sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  } else {
    const auto s = v.dump();
    rc = sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  if (rc != SQLITE_OK) return Fail(StoreError(db, "bind"));
  return {};
}

Status BindAll(sqlite3* db, sqlite3_stmt* stmt, const std::vector<Json>& params) {
  for (size_t i = 0; i < params.size(); ++i)
    if (auto st = Bind(db, stmt, static_cast<int>(i + 1), params[i]); !st) return st;
  return {};
}

std::string ColumnText(sqlite3_stmt* stmt, int col) {
  const auto* p = sqlite3_column_text(stmt, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt, col)))
           : std::string();
}

Json ColumnValue(sqlite3_stmt* stmt, int col, FieldKind kind) {
  if (sqlite3_column_type(stmt, col) == SQLITE_NULL) return kind == FieldKind::kRefList ? Json::array() : Json();
  switch (kind) {
    case FieldKind::kInteger:
    case FieldKind::kRef: return sqlite3_column_int64(stmt, col);
    case FieldKind::kDecimal: return sqlite3_column_double(stmt, col);
    case FieldKind::kBoolean: return sqlite3_column_int64(stmt, col) != 0;
    case FieldKind::kRefList: {
      auto parsed = Json::parse(ColumnText(stmt, col), nullptr, false);
      return parsed.is_array() ? parsed : Json::array();
    }
    default: return ColumnText(stmt, col);
  }
}

// Reads one row laid out as sql::SelectColumns(type) lays it out.
Json ReadRecord(sqlite3_stmt* stmt, const TypeSpec& type) {
  Json r = Json::object();
  r["id"] = sqlite3_column_int64(stmt, 0);
  r["created_at"] = ColumnText(stmt, 1);
  r["updated_at"] = ColumnText(stmt, 2);
  r["created_by"] = sqlite3_column_int64(stmt, 3);
  r["version"] = sqlite3_column_int64(stmt, 4);
  int col = 5;
  for (const auto& f : type.fields) r[f.name] = ColumnValue(stmt, col++, f.kind);
  return r;
}

class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(Connection& c) : c_(c) {}

  Result<int64_t> Insert(const TypeSpec& type, const Json& record) override {
    std::vector<Json> params{record.at("created_at"), record.at("updated_at"), record.value("created_by", 0),
                             record.value("version", 1)};
    for (const auto& f : type.fields) params.push_back(sql::ToColumn(f, record.contains(f.name) ? record[f.name] : Json()));
    if (auto st = Step(sql::InsertSql(type), params); !st) return Fail(st.error());
    const int64_t id = sqlite3_last_insert_rowid(c_.db());
    if (auto st = IndexText(type, id, record, false); !st) return Fail(st.error());
    return id;
  }

  Status Update(const TypeSpec& type, int64_t id, int64_t expected_version, const Json& record) override {
    std::vector<Json> params{record.at("updated_at")};
    for (const auto& f : type.fields) params.push_back(sql::ToColumn(f, record.contains(f.name) ? record[f.name] : Json()));
    params.push_back(id);
    params.push_back(expected_version);
    if (auto st = Step(sql::UpdateSql(type), params); !st) return st;
    if (sqlite3_changes(c_.db()) == 0) return Fail(Error::Of(ErrorKind::kConflict, "record.stale_version"));
    return IndexText(type, id, record, true);
  }

  Result<std::optional<Json>> Get(const TypeSpec& type, int64_t id, const std::optional<RowScope>& scope) override {
    std::vector<Json> params{id};
    std::string where = "id = ?";
    if (scope) where += " AND " + sql::ScopeClause(*scope, params);
    auto stmt = Query("SELECT " + sql::SelectColumns(type) + " FROM " + sql::Quote(type.name) + " WHERE " + where, params);
    if (!stmt) return Fail(stmt.error());
    const int rc = sqlite3_step(*stmt);
    if (rc == SQLITE_ROW) return std::optional<Json>(ReadRecord(*stmt, type));
    if (rc != SQLITE_DONE) return Fail(StoreError(c_.db(), "get"));
    return std::optional<Json>();
  }

  Result<Page> List(const TypeSpec& type, const ListQuery& query) override {
    std::vector<Json> params;
    const std::string where = sql::WhereClause(type, query, params);
    Page page;
    {
      auto stmt = Query("SELECT count(*) FROM " + sql::Quote(type.name) + where, params);
      if (!stmt) return Fail(stmt.error());
      if (sqlite3_step(*stmt) != SQLITE_ROW) return Fail(StoreError(c_.db(), "count"));
      page.total = sqlite3_column_int64(*stmt, 0);
    }
    params.push_back(query.limit);
    params.push_back(query.offset);
    auto stmt = Query("SELECT " + sql::SelectColumns(type) + " FROM " + sql::Quote(type.name) + where +
                          sql::OrderBy(query) + " LIMIT ? OFFSET ?",
                      params);
    if (!stmt) return Fail(stmt.error());
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) page.items.push_back(ReadRecord(*stmt, type));
    if (rc != SQLITE_DONE) return Fail(StoreError(c_.db(), "list"));
    return page;
  }

  Result<std::vector<GroupCount>> CountBy(const TypeSpec& type, const ListQuery& where_query,
                                          const std::string& field) override {
    const FieldSpec* f = type.Field(field);
    if (!f) return Fail(Error::Invalid("query.unknown_field", field));
    std::vector<Json> params;
    const std::string where = sql::WhereClause(type, where_query, params);
    auto stmt = Query("SELECT " + sql::Quote(field) + ", count(*) FROM " + sql::Quote(type.name) + where +
                          " GROUP BY 1 ORDER BY 2 DESC LIMIT 1000",
                      params);
    if (!stmt) return Fail(stmt.error());
    std::vector<GroupCount> out;
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW)
      out.push_back({ColumnValue(*stmt, 0, f->kind), sqlite3_column_int64(*stmt, 1)});
    if (rc != SQLITE_DONE) return Fail(StoreError(c_.db(), "count by"));
    return out;
  }

  Result<std::vector<std::optional<double>>> Aggregate(const TypeSpec& type,
                                                       const std::vector<AggregateQuery>& queries) override {
    return sqlite_aggregate::ComputeAll(c_.db(), type, queries);
  }

  Result<std::vector<AggregateRow>> AggregateGroups(const TypeSpec& type, const AggregateQuery& query) override {
    return sqlite_aggregate::Groups(c_.db(), type, query);
  }

  Result<bool> Delete(const TypeSpec& type, int64_t id) override {
    if (auto st = Step("DELETE FROM " + sql::Quote(type.name) + " WHERE id = ?", {id}); !st) return Fail(st.error());
    const bool deleted = sqlite3_changes(c_.db()) > 0;
    if (deleted && sql::HasSearch(type))
      if (auto st = Step("DELETE FROM " + sql::Quote(type.name + "_fts") + " WHERE rowid = ?", {id}); !st)
        return Fail(st.error());
    return deleted;
  }

  Status AppendHistory(const std::vector<HistoryEntry>& entries) override {
    for (const auto& e : entries) {
      auto st = Step(
          "INSERT INTO history (record_type, record_id, version, at, user_id, login, field, old_value, new_value) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {e.type, e.record_id, e.version, e.at, e.user_id, e.login, e.field, e.old_value.dump(), e.new_value.dump()});
      if (!st) return st;
    }
    return {};
  }

  Result<std::vector<HistoryEntry>> History(const std::string& type, int64_t id) override {
    return HistoryRows(type, "record_id = ? ORDER BY id DESC LIMIT 1000", id);
  }

  Result<std::vector<HistoryEntry>> FieldHistory(const std::string& type, const std::string& field,
                                                 int64_t limit) override {
    return HistoryRows(type, "field = ? ORDER BY record_id, id LIMIT ?", field, limit);
  }

  // History rows of `type` matching `where` (what follows "record_type = ? AND"), bound to `args`.
  template <typename... Args>
  Result<std::vector<HistoryEntry>> HistoryRows(const std::string& type, const char* where, const Args&... args) {
    auto stmt = Query(std::string("SELECT record_id, version, at, user_id, login, field, old_value, new_value "
                                  "FROM history WHERE record_type = ? AND ") + where,
                      {type, args...});
    if (!stmt) return Fail(stmt.error());
    std::vector<HistoryEntry> out;
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
      HistoryEntry e;
      e.type = type;
      e.record_id = sqlite3_column_int64(*stmt, 0);
      e.version = sqlite3_column_int64(*stmt, 1);
      e.at = ColumnText(*stmt, 2);
      e.user_id = sqlite3_column_int64(*stmt, 3);
      e.login = ColumnText(*stmt, 4);
      e.field = ColumnText(*stmt, 5);
      e.old_value = Json::parse(ColumnText(*stmt, 6), nullptr, false);
      e.new_value = Json::parse(ColumnText(*stmt, 7), nullptr, false);
      out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) return Fail(StoreError(c_.db(), "history"));
    return out;
  }

  Status DeleteHistory(const std::string& type, int64_t id) override {
    return Step("DELETE FROM history WHERE record_type = ? AND record_id = ?", {type, id});
  }

  Status AppendAudit(const AuditEntry& e) override {
    return Step("INSERT INTO audit (at, user_id, login, event, detail, ip) VALUES (?, ?, ?, ?, ?, ?)",
                {e.at, e.user_id, e.login, e.event, e.detail, e.ip});
  }

  Result<std::vector<AuditEntry>> Audit(int64_t limit, int64_t offset, int64_t* total) override {
    if (total) {
      auto stmt = Query("SELECT count(*) FROM audit", {});
      if (!stmt) return Fail(stmt.error());
      if (sqlite3_step(*stmt) != SQLITE_ROW) return Fail(StoreError(c_.db(), "audit count"));
      *total = sqlite3_column_int64(*stmt, 0);
    }
    auto stmt = Query("SELECT at, user_id, login, event, detail, ip FROM audit ORDER BY id DESC LIMIT ? OFFSET ?",
                      {limit, offset});
    if (!stmt) return Fail(stmt.error());
    std::vector<AuditEntry> out;
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW)
      out.push_back({ColumnText(*stmt, 0), sqlite3_column_int64(*stmt, 1), ColumnText(*stmt, 2),
                     ColumnText(*stmt, 3), ColumnText(*stmt, 4), ColumnText(*stmt, 5)});
    if (rc != SQLITE_DONE) return Fail(StoreError(c_.db(), "audit"));
    return out;
  }

  Result<std::optional<Credentials>> FindCredentials(const std::string& login) override {
    return Credential("login = ?", login);
  }
  Result<std::optional<Credentials>> FindCredentialsById(int64_t user_id) override {
    return Credential("id = ?", user_id);
  }

  Status SetPasswordHash(int64_t user_id, const std::string& hash) override {
    return Step("UPDATE users SET password_hash = ? WHERE id = ?", {hash, user_id});
  }

  Status PutSession(const SessionRow& s) override {
    return Step("INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)",
                {s.token_hash, s.user_id, s.csrf_token, s.expires_at});
  }

  Result<std::optional<SessionRow>> FindSession(const std::string& token_hash) override {
    auto stmt = Query("SELECT token_hash, user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?",
                      {token_hash});
    if (!stmt) return Fail(stmt.error());
    if (sqlite3_step(*stmt) != SQLITE_ROW) return std::optional<SessionRow>();
    return std::optional<SessionRow>(SessionRow{ColumnText(*stmt, 0), sqlite3_column_int64(*stmt, 1),
                                                ColumnText(*stmt, 2), ColumnText(*stmt, 3)});
  }

  Status DeleteSession(const std::string& token_hash) override {
    return Step("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
  }

  Status PutApiToken(int64_t user_id, const std::string& token_hash, const std::string& created_at) override {
    return Step("INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)",
                {token_hash, user_id, created_at});
  }

  Result<std::optional<int64_t>> FindApiToken(const std::string& token_hash) override {
    auto stmt = Query("SELECT user_id FROM api_tokens WHERE token_hash = ?", {token_hash});
    if (!stmt) return Fail(stmt.error());
    if (sqlite3_step(*stmt) != SQLITE_ROW) return std::optional<int64_t>();
    return std::optional<int64_t>(sqlite3_column_int64(*stmt, 0));
  }

 private:
  Result<sqlite3_stmt*> Query(const std::string& sql, const std::vector<Json>& params) {
    auto stmt = c_.Prepare(sql);
    if (!stmt) return stmt;
    if (auto st = BindAll(c_.db(), *stmt, params); !st) return Fail(st.error());
    return stmt;
  }

  Status Step(const std::string& sql, const std::vector<Json>& params) {
    auto stmt = Query(sql, params);
    if (!stmt) return Fail(stmt.error());
    const int rc = sqlite3_step(*stmt);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) return {};
    if ((sqlite3_extended_errcode(c_.db()) & 0xff) == SQLITE_CONSTRAINT)
      return Fail(Error::Of(ErrorKind::kConflict, "record.unique_violation"));
    return Fail(StoreError(c_.db(), "step"));
  }

  Status IndexText(const TypeSpec& type, int64_t id, const Json& record, bool replace) {
    if (!sql::HasSearch(type)) return {};
    const auto table = sql::Quote(type.name + "_fts");
    if (replace)
      if (auto st = Step("DELETE FROM " + table + " WHERE rowid = ?", {id}); !st) return st;
    return Step("INSERT INTO " + table + " (rowid, body) VALUES (?, ?)", {id, sql::SearchText(type, record)});
  }

  template <typename Key>
  Result<std::optional<Credentials>> Credential(const char* where, const Key& key) {
    auto stmt = Query(std::string("SELECT id, login, role, language, password_hash, active FROM users WHERE ") + where,
                      {Json(key)});
    if (!stmt) return Fail(stmt.error());
    if (sqlite3_step(*stmt) != SQLITE_ROW) return std::optional<Credentials>();
    Credentials c{sqlite3_column_int64(*stmt, 0), ColumnText(*stmt, 1), ColumnText(*stmt, 2), ColumnText(*stmt, 3),
                  ColumnText(*stmt, 4), sqlite3_column_int64(*stmt, 5) != 0};
    return std::optional<Credentials>(std::move(c));
  }

  Connection& c_;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(SqliteOptions options) : options_(std::move(options)) {}

  Status Init() {
    auto c = Acquire();
    if (!c) return Fail(c.error());
    Release(std::move(*c));
    return {};
  }

  Status Migrate(const Registry& registry) override {
    return RunOn(TxMode::kWrite, [&](Connection& c) -> Status {
      for (const auto& step : sql::PlatformMigrations()) {
        auto applied = Scalar(c, "SELECT count(*) FROM boucle_schema WHERE version = " + std::to_string(step.version));
        if (!applied) return Fail(applied.error());
        if (*applied > 0) continue;
        if (auto st = c.Exec(step.sql); !st) return st;
        auto stmt = c.Prepare("INSERT INTO boucle_schema (version, description, applied_at) VALUES (?, ?, datetime('now'))");
        if (!stmt) return Fail(stmt.error());
        if (auto st = BindAll(c.db(), *stmt, {step.version, step.description}); !st) return st;
        if (sqlite3_step(*stmt) != SQLITE_DONE) return Fail(StoreError(c.db(), "record migration"));
        spdlog::info("migration {} applied: {}", step.version, step.description);
      }
      for (const auto& type : registry.All())
        if (auto st = SyncTable(c, type); !st) return st;
      return c.Exec("PRAGMA analysis_limit=1000; ANALYZE;");
    });
  }

  Result<int64_t> SchemaVersion() override {
    auto c = Acquire();
    if (!c) return Fail(c.error());
    auto v = Scalar(**c, "SELECT coalesce(max(version), 0) FROM boucle_schema");
    Release(std::move(*c));
    return v;
  }

  Status Run(TxMode mode, const std::function<Status(Tx&)>& work) override {
    return RunOn(mode, [&](Connection& c) -> Status {
      SqliteTx tx(c);
      return work(tx);
    });
  }

 private:
  Status RunOn(TxMode mode, const std::function<Status(Connection&)>& work) {
    if (mode == TxMode::kRead) {
      auto conn = Acquire();
      if (!conn) return Fail(conn.error());
      Status result = Transaction(**conn, "BEGIN", work);
      Release(std::move(*conn));
      return result;
    }
    // Writes go one at a time through one dedicated connection: no SQLITE_BUSY between our own
    // threads, and its page cache stays warm instead of going stale across a pool.
    std::lock_guard<std::mutex> writer(write_mutex_);
    if (!writer_) {
      auto conn = Acquire();
      if (!conn) return Fail(conn.error());
      writer_ = std::move(*conn);
    }
    Status result = Transaction(*writer_, "BEGIN IMMEDIATE", work);
    // The planner needs statistics to choose between indexes (a selective filter or the sort
    // order); refresh them now and then, bounded so that it costs milliseconds.
    if (result && ++writes_since_analyze_ >= kAnalyzeEvery) {
      writes_since_analyze_ = 0;
      (void)writer_->Exec("PRAGMA analysis_limit=1000; ANALYZE;");
    }
    return result;
  }

  static Status Transaction(Connection& c, const char* begin, const std::function<Status(Connection&)>& work) {
    Status result = c.Exec(begin);
    if (!result) return result;
    try {
      result = work(c);
    } catch (const std::exception& e) {
      spdlog::error("transaction aborted by exception: {}", e.what());
      result = Fail(Error::Of(ErrorKind::kInternal, "internal"));
    }
    c.ResetBusyStatements();
    if (result) {
      if (auto st = c.Exec("COMMIT"); !st) result = st;
    }
    if (!result) (void)c.Exec("ROLLBACK");
    return result;
  }

  Result<std::unique_ptr<Connection>> Acquire() {
    {
      std::unique_lock lock(pool_mutex_);
      pool_cv_.wait(lock, [&] { return !free_.empty() || open_ < options_.pool_size; });
      if (!free_.empty()) {
        auto c = std::move(free_.back());
        free_.pop_back();
        return c;
      }
      ++open_;
    }
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(options_.path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      auto e = StoreError(db, "open " + options_.path);
      sqlite3_close_v2(db);
      std::lock_guard lock(pool_mutex_);
      --open_;
      pool_cv_.notify_one();
      return Fail(e);
    }
    auto c = std::make_unique<Connection>(db);
    sqlite3_busy_timeout(db, 10000);
    const std::string pragmas = std::string("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=") +
                                (options_.synchronous_full ? "FULL" : "NORMAL") +
                                "; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-2000;"
                                "CREATE TABLE IF NOT EXISTS boucle_schema (version INTEGER PRIMARY KEY, "
                                "description TEXT NOT NULL, applied_at TEXT NOT NULL);";
    if (auto st = c->Exec(pragmas); !st) {
      std::lock_guard lock(pool_mutex_);
      --open_;
      pool_cv_.notify_one();
      return Fail(st.error());
    }
    return c;
  }

  void Release(std::unique_ptr<Connection> c) {
    std::lock_guard lock(pool_mutex_);
    free_.push_back(std::move(c));
    pool_cv_.notify_one();
  }

  static Result<int64_t> Scalar(Connection& c, const std::string& sql) {
    auto stmt = c.Prepare(sql);
    if (!stmt) return Fail(stmt.error());
    if (sqlite3_step(*stmt) != SQLITE_ROW) return Fail(StoreError(c.db(), sql));
    return sqlite3_column_int64(*stmt, 0);
  }

  // Brings a record table up to its description: additive only (new tables, columns, indexes),
  // so that an older database opens under a newer binary without losing anything.
  Status SyncTable(Connection& c, const TypeSpec& type) {
    if (auto st = c.Exec(sql::CreateTableSql(type)); !st) return st;
    std::vector<std::string> existing;
    {
      auto stmt = c.Prepare("SELECT name FROM pragma_table_info(?)");
      if (!stmt) return Fail(stmt.error());
      if (auto st = BindAll(c.db(), *stmt, {type.name}); !st) return st;
      while (sqlite3_step(*stmt) == SQLITE_ROW) existing.push_back(ColumnText(*stmt, 0));
    }
    for (const auto& ddl : sql::MissingColumnsSql(type, existing))
      if (auto st = c.Exec(ddl); !st) return st;
    for (const auto& ddl : sql::IndexesSql(type))
      if (auto st = c.Exec(ddl); !st) return st;
    return {};
  }

  SqliteOptions options_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> free_;
  int open_ = 0;
  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;  // guarded by write_mutex_
  int writes_since_analyze_ = 0;
  static constexpr int kAnalyzeEvery = 5000;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  auto store = std::make_unique<SqliteStore>(options);
  if (auto st = store->Init(); !st) return Fail(st.error());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace boucle
