// Aggregates in SQLite's dialect. Filters become SQL through the same builder as lists
// (sql::WhereClause), so that a KPI filter means exactly what a list filter means.
//
// Why a connection of its own: Tx has no aggregate method yet. The intended change is one method
// on Tx (store.hpp),
//   virtual Result<std::vector<std::optional<double>>> Aggregate(const TypeSpec& type,
//                                                               const std::vector<AggregateQuery>& queries) = 0;
// implemented in SqliteTx (sqlite_store.cpp) by calling ComputeOn() below with its connection's
// sqlite3*; then OpenSqliteAggregates() becomes a thin adapter over Store::Read, and this file the
// only one to change for PostgreSQL's percentile_disc.
#include "store/aggregate.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>

#include "core/clock.hpp"
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
  // Steps to the next row; false when there is none.
  Result<bool> Next() {
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

std::string_view ColumnView(sqlite3_stmt* s, int col) {
  const auto* p = sqlite3_column_text(s, col);
  return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s, col)))
           : std::string_view();
}

// Identifies a population, to read its values once for all the measures over it.
std::string KeyOf(const AggregateQuery& q) {
  std::string key = q.value ? q.value->from + "|" + q.value->to : "";
  for (const auto& f : q.population)
    key += "|" + f.field + "#" + std::to_string(static_cast<int>(f.op)) + "#" + f.value.dump();
  return key;
}

Status CheckQuery(const TypeSpec& type, const AggregateQuery& q) {
  if (auto st = CheckFields(type, q.population); !st) return st;
  if (auto st = CheckFields(type, q.numerator); !st) return st;
  if (q.measure == AggregateMeasure::kCount || q.measure == AggregateMeasure::kShare) return {};
  if (!q.value) return Fail(Error::Invalid("aggregate.value_required", "value"));
  if (auto st = CheckDateTime(type, q.value->from); !st) return st;
  return CheckDateTime(type, q.value->to);
}

// Every count and share in one scan: SUM(CASE WHEN population [AND numerator] THEN 1 ELSE 0 END)
// per measure.
Status Counters(sqlite3* db, const TypeSpec& type, const std::vector<AggregateQuery>& queries,
                std::vector<std::optional<double>>& out) {
  std::string select;
  std::vector<Json> params;
  std::vector<size_t> which;
  for (size_t i = 0; i < queries.size(); ++i) {
    const auto& q = queries[i];
    if (q.measure != AggregateMeasure::kCount && q.measure != AggregateMeasure::kShare) continue;
    which.push_back(i);
    const std::string pop = Condition(type, q.population, params);
    select += std::string(select.empty() ? "" : ", ") + "COALESCE(SUM(CASE WHEN " + pop + " THEN 1 ELSE 0 END), 0)";
    if (q.measure == AggregateMeasure::kShare) {
      const std::string pop_again = Condition(type, q.population, params);
      const std::string num = Condition(type, q.numerator, params);
      select += ", COALESCE(SUM(CASE WHEN (" + pop_again + ") AND (" + num + ") THEN 1 ELSE 0 END), 0)";
    }
  }
  if (which.empty()) return {};
  Statement s(db, "SELECT " + select + " FROM " + sql::Quote(type.name));
  auto row = s.Run(params);
  if (!row) return Fail(row.error());
  int col = 0;
  for (size_t i : which) {
    const int64_t n = sqlite3_column_int64(s.get(), col++);
    if (queries[i].measure == AggregateMeasure::kCount) {
      out[i] = static_cast<double>(n);
      continue;
    }
    const int64_t hits = sqlite3_column_int64(s.get(), col++);
    out[i] = n == 0 ? std::optional<double>() : static_cast<double>(hits) / static_cast<double>(n);
  }
  return {};
}

// Mean, median and p90 of one (population, value): the values are read in one scan and ranked here,
// which costs less than one ORDER BY per percentile.
Status Durations(sqlite3* db, const TypeSpec& type, const std::vector<AggregateQuery>& queries,
                 std::vector<std::optional<double>>& out) {
  std::vector<bool> done(queries.size(), false);
  for (size_t i = 0; i < queries.size(); ++i) {
    const auto& q = queries[i];
    if (done[i] || q.measure == AggregateMeasure::kCount || q.measure == AggregateMeasure::kShare) continue;
    std::vector<Json> params;
    const std::string from = sql::Quote(q.value->from), to = sql::Quote(q.value->to);
    // Dates are stored as ISO 8601 UTC text (core/clock.hpp); parsing them here to the second costs
    // about half of SQLite's unixepoch() over a million rows.
    Statement s(db, "SELECT " + from + ", " + to + " FROM " + sql::Quote(type.name) + " WHERE " +
                        Condition(type, q.population, params) + " AND " + from + " IS NOT NULL AND " + to +
                        " IS NOT NULL");
    std::vector<double> values;
    for (auto row = s.Run(params);; row = s.Next()) {
      if (!row) return Fail(row.error());
      if (!*row) break;
      const auto a = ParseTime(ColumnView(s.get(), 0)), b = ParseTime(ColumnView(s.get(), 1));
      if (a && b) values.push_back(static_cast<double>((*b - *a).count()) / 3600.0);
    }
    std::sort(values.begin(), values.end());
    const auto n = static_cast<int64_t>(values.size());
    double sum = 0;
    for (double v : values) sum += v;
    for (size_t j = i; j < queries.size(); ++j) {
      const auto& o = queries[j];
      if (o.measure == AggregateMeasure::kCount || o.measure == AggregateMeasure::kShare || KeyOf(o) != KeyOf(q))
        continue;
      done[j] = true;
      if (n == 0) continue;
      if (o.measure == AggregateMeasure::kMean) out[j] = sum / static_cast<double>(n);
      else out[j] = values[static_cast<size_t>(NearestRank(o.measure == AggregateMeasure::kMedian ? 0.5 : 0.9, n) - 1)];
    }
  }
  return {};
}

Result<std::vector<std::optional<double>>> ComputeOn(sqlite3* db, const TypeSpec& type,
                                                      const std::vector<AggregateQuery>& queries) {
  for (const auto& q : queries)
    if (auto st = CheckQuery(type, q); !st) return Fail(st.error());
  std::vector<std::optional<double>> out(queries.size());
  if (auto st = Counters(db, type, queries, out); !st) return Fail(st.error());
  if (auto st = Durations(db, type, queries, out); !st) return Fail(st.error());
  return out;
}

class SqliteAggregates final : public Aggregates {
 public:
  explicit SqliteAggregates(sqlite3* db) : db_(db) {}
  ~SqliteAggregates() override { sqlite3_close_v2(db_); }
  SqliteAggregates(const SqliteAggregates&) = delete;
  SqliteAggregates& operator=(const SqliteAggregates&) = delete;

  Result<std::vector<std::optional<double>>> ComputeAll(const TypeSpec& type,
                                                         const std::vector<AggregateQuery>& queries) override {
    return ComputeOn(db_, type, queries);
  }

 private:
  sqlite3* db_;
};

}  // namespace

Result<std::optional<double>> Aggregates::Compute(const TypeSpec& type, const AggregateQuery& query) {
  auto all = ComputeAll(type, {query});
  if (!all) return Fail(all.error());
  return all->front();
}

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
  // Aggregates scan whole tables: map the file rather than copy every page through a small cache.
  sqlite3_exec(db, "PRAGMA mmap_size=4294967296", nullptr, nullptr, nullptr);
  return std::unique_ptr<Aggregates>(std::make_unique<SqliteAggregates>(db));
}

}  // namespace boucle
