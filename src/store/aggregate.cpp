// Aggregates in SQLite's dialect. Filters become SQL through the same builder as lists
// (sql::WhereClause), so that a KPI filter means exactly what a list filter means.
//
// Why a connection of its own: Tx has no aggregate method yet and store.hpp / sqlite_store.cpp
// belong to others. The intended change is one method on Tx,
//   virtual Result<std::optional<double>> Aggregate(const TypeSpec& type, const AggregateQuery& q) = 0;
// implemented in SqliteTx by moving ComputeOn() below onto its cached connection; then
// OpenSqliteAggregates() becomes a thin adapter over Store::Read.
#include "store/aggregate.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>

#include "store/sql_builder.hpp"

namespace boucle {
namespace {

Error AggregateError(sqlite3* db, std::string_view what) {
  return Error::Of(ErrorKind::kInternal, "store.error",
                   {{"what", what}, {"detail", db ? sqlite3_errmsg(db) : "no connection"}});
}

bool IsMeta(const std::string& name) {
  return name == "id" || name == "created_at" || name == "updated_at" || name == "created_by" || name == "version";
}

Status CheckFields(const TypeSpec& type, const std::vector<Filter>& filters) {
  for (const auto& f : filters) {
    if (!type.Field(f.field) && !IsMeta(f.field))
      return Fail(Error::Invalid("aggregate.unknown_field", f.field, {{"type", type.name}}));
    if (f.op == FilterOp::kContains) return Fail(Error::Invalid("aggregate.unsupported_filter", f.field));
  }
  return {};
}

Status CheckDateTime(const TypeSpec& type, const std::string& name) {
  if (name == "created_at" || name == "updated_at") return {};
  const FieldSpec* f = type.Field(name);
  if (!f || f->kind != FieldKind::kDateTime)
    return Fail(Error::Invalid("aggregate.not_a_date_time", name, {{"type", type.name}}));
  return {};
}

// "a AND b" (or "1") for the filters, with their values appended to `params`.
std::string Condition(const TypeSpec& type, const std::vector<Filter>& filters, std::vector<Json>& params) {
  ListQuery q;
  q.filters = filters;
  const std::string where = sql::WhereClause(type, q, params);
  return where.empty() ? "1" : where.substr(std::string(" WHERE ").size());
}

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
      stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds the parameters and steps to the first row; false when there is none.
  Result<bool> Run(const std::vector<Json>& params) {
    if (!stmt_) return Fail(AggregateError(db_, "prepare"));
    for (size_t i = 0; i < params.size(); ++i) {
      const Json& v = params[i];
      const int idx = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      if (v.is_null()) rc = sqlite3_bind_null(stmt_, idx);
      else if (v.is_boolean()) rc = sqlite3_bind_int64(stmt_, idx, v.get<bool>() ? 1 : 0);
      else if (v.is_number_integer()) rc = sqlite3_bind_int64(stmt_, idx, v.get<int64_t>());
      else if (v.is_number()) rc = sqlite3_bind_double(stmt_, idx, v.get<double>());
      else {
        const std::string s = v.is_string() ? v.get<std::string>() : v.dump();
        rc = sqlite3_bind_text(stmt_, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) return Fail(AggregateError(db_, "bind"));
    }
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Fail(AggregateError(db_, "step"));
  }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

std::optional<double> ColumnDouble(sqlite3_stmt* s, int col) {
  if (sqlite3_column_type(s, col) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(s, col);
}

Result<std::optional<double>> ComputeOn(sqlite3* db, const TypeSpec& type, const AggregateQuery& q) {
  if (auto st = CheckFields(type, q.population); !st) return Fail(st.error());
  if (auto st = CheckFields(type, q.numerator); !st) return Fail(st.error());
  const std::string table = sql::Quote(type.name);
  std::vector<Json> params;

  switch (q.measure) {
    case AggregateMeasure::kCount: {
      Statement s(db, "SELECT COUNT(*) FROM " + table + " WHERE " + Condition(type, q.population, params));
      auto row = s.Run(params);
      if (!row) return Fail(row.error());
      return static_cast<double>(sqlite3_column_int64(s.get(), 0));
    }
    case AggregateMeasure::kShare: {
      const std::string num = Condition(type, q.numerator, params);  // params in text order
      const std::string pop = Condition(type, q.population, params);
      Statement s(db, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN " + num + " THEN 1 ELSE 0 END), 0) FROM " + table +
                          " WHERE " + pop);
      auto row = s.Run(params);
      if (!row) return Fail(row.error());
      const int64_t n = sqlite3_column_int64(s.get(), 0);
      if (n == 0) return std::optional<double>();
      return static_cast<double>(sqlite3_column_int64(s.get(), 1)) / static_cast<double>(n);
    }
    case AggregateMeasure::kMean:
    case AggregateMeasure::kMedian:
    case AggregateMeasure::kP90: break;
  }

  if (!q.value) return Fail(Error::Invalid("aggregate.value_required", "value"));
  if (auto st = CheckDateTime(type, q.value->from); !st) return Fail(st.error());
  if (auto st = CheckDateTime(type, q.value->to); !st) return Fail(st.error());
  const std::string from = sql::Quote(q.value->from), to = sql::Quote(q.value->to);
  // Dates are stored as ISO 8601 UTC text; unixepoch() reads them to the second, exactly.
  const std::string hours = "((unixepoch(" + to + ") - unixepoch(" + from + ")) / 3600.0)";
  const std::string where = " WHERE " + Condition(type, q.population, params) + " AND " + from + " IS NOT NULL AND " +
                            to + " IS NOT NULL";
  if (q.measure == AggregateMeasure::kMean) {
    Statement s(db, "SELECT AVG(" + hours + ") FROM " + table + where);
    auto row = s.Run(params);
    if (!row) return Fail(row.error());
    return ColumnDouble(s.get(), 0);
  }
  Statement count(db, "SELECT COUNT(*) FROM " + table + where);
  auto row = count.Run(params);
  if (!row) return Fail(row.error());
  const int64_t n = sqlite3_column_int64(count.get(), 0);
  if (n == 0) return std::optional<double>();
  const int64_t rank = NearestRank(q.measure == AggregateMeasure::kMedian ? 0.5 : 0.9, n);
  std::vector<Json> ranked = params;
  ranked.push_back(rank - 1);
  Statement pick(db, "SELECT " + hours + " AS v FROM " + table + where + " ORDER BY v LIMIT 1 OFFSET ?");
  auto picked = pick.Run(ranked);
  if (!picked) return Fail(picked.error());
  if (!*picked) return std::optional<double>();
  return ColumnDouble(pick.get(), 0);
}

class SqliteAggregates final : public Aggregates {
 public:
  explicit SqliteAggregates(sqlite3* db) : db_(db) {}
  ~SqliteAggregates() override { sqlite3_close_v2(db_); }
  SqliteAggregates(const SqliteAggregates&) = delete;
  SqliteAggregates& operator=(const SqliteAggregates&) = delete;

  Result<std::optional<double>> Compute(const TypeSpec& type, const AggregateQuery& query) override {
    return ComputeOn(db_, type, query);
  }

 private:
  sqlite3* db_;
};

}  // namespace

int64_t NearestRank(double p, int64_t n) {
  if (n <= 0) return 0;
  // ceil(p * n) with a small tolerance, so that 0.9 * 10 (8.999... in binary) gives 9, not 10.
  auto rank = static_cast<int64_t>(std::ceil(p * static_cast<double>(n) - 1e-9));
  return std::clamp<int64_t>(rank, 1, n);
}

Result<std::unique_ptr<Aggregates>> OpenSqliteAggregates(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    Error e = AggregateError(db, "open " + path);
    sqlite3_close_v2(db);
    return Fail(std::move(e));
  }
  sqlite3_busy_timeout(db, 10000);
  return std::unique_ptr<Aggregates>(std::make_unique<SqliteAggregates>(db));
}

}  // namespace boucle
