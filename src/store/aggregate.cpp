// Aggregates in SQLite's dialect. Filters become SQL through the same builder as lists
// (sql::WhereClause), so that a KPI filter means exactly what a list filter means, and the list
// query of a KPI point finds exactly the records it counted.
#include "store/aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/clock.hpp"
#include "store/sql_builder.hpp"
#include "store/sqlite_aggregate.hpp"

namespace boucle {
namespace {

constexpr int kMaxGroupRows = 20000;  // (group, period) pairs a grouped aggregate answers at most

using M = AggregateMeasure;

bool CountLike(M m) { return m == M::kCount || m == M::kShare; }

Error AggregateError(sqlite3* db, std::string_view what) {
  return Error::Of(ErrorKind::kInternal, "store.error",
                   {{"what", what}, {"detail", db ? sqlite3_errmsg(db) : "no connection"}});
}

bool IsMeta(const std::string& name) {
  return name == "id" || name == "created_at" || name == "updated_at" || name == "created_by" ||
         name == "version";
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

Status CheckQuery(const TypeSpec& type, const AggregateQuery& q) {
  if (auto st = CheckFields(type, q.population); !st) return st;
  if (auto st = CheckFields(type, q.numerator); !st) return st;
  if (!q.group_by.empty() && !IsMeta(q.group_by)) {
    const FieldSpec* g = type.Field(q.group_by);
    if (!g || !g->filterable || g->kind == FieldKind::kRefList || g->kind == FieldKind::kMarkdown)
      return Fail(Error::Invalid("aggregate.unknown_field", q.group_by, {{"type", type.name}}));
  }
  if (q.period != AggregatePeriod::kNone)
    if (auto st = CheckDateTime(type, q.period_field); !st) return st;
  if (CountLike(q.measure)) return {};
  if (!q.number.empty()) {
    const FieldSpec* f = type.Field(q.number);
    if (!f || (f->kind != FieldKind::kInteger && f->kind != FieldKind::kDecimal))
      return Fail(Error::Invalid("aggregate.not_a_number", q.number, {{"type", type.name}}));
    return {};
  }
  if (!q.value) return Fail(Error::Invalid("aggregate.value_required", "value"));
  if (auto st = CheckDateTime(type, q.value->from); !st) return st;
  return q.value->to.empty() ? Status{} : CheckDateTime(type, q.value->to);
}

// "a AND b" (or "1") for the filters and the row scope, with their values appended to `params`.
std::string Condition(const TypeSpec& type, const std::vector<Filter>& filters,
                      const std::optional<RowScope>& scope, std::vector<Json>& params) {
  ListQuery q;
  q.filters = filters;
  q.scope = scope;
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
      if (v.is_null())
        rc = sqlite3_bind_null(stmt_, idx);
      else if (v.is_boolean())
        rc = sqlite3_bind_int64(stmt_, idx, v.get<bool>() ? 1 : 0);
      else if (v.is_number_integer())
        rc = sqlite3_bind_int64(stmt_, idx, v.get<int64_t>());
      else if (v.is_number())
        rc = sqlite3_bind_double(stmt_, idx, v.get<double>());
      else {
        const std::string s = v.is_string() ? v.get<std::string>() : v.dump();
        rc = sqlite3_bind_text(stmt_, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) return Fail(AggregateError(db_, "bind"));
    }
    return Next();
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
  return p ? std::string_view(reinterpret_cast<const char*>(p),
                              static_cast<size_t>(sqlite3_column_bytes(s, col)))
           : std::string_view();
}

// A group's value as the records carry it in JSON.
Json GroupValue(const TypeSpec& type, const std::string& field, sqlite3_stmt* s, int col) {
  if (field.empty() || sqlite3_column_type(s, col) == SQLITE_NULL) return Json();
  const FieldSpec* f = type.Field(field);
  const FieldKind kind = f                                                  ? f->kind
                         : (field == "created_at" || field == "updated_at") ? FieldKind::kDateTime
                                                                            : FieldKind::kInteger;
  switch (kind) {
    case FieldKind::kInteger:
    case FieldKind::kRef:
      return sqlite3_column_int64(s, col);
    case FieldKind::kBoolean:
      return sqlite3_column_int64(s, col) != 0;
    case FieldKind::kDecimal:
      return sqlite3_column_double(s, col);
    default:
      return std::string(ColumnView(s, col));
  }
}

// "+col": SQLite would otherwise walk the group field's index for its order and read every row of
// the table at random from it; scanning then sorting is several times faster.
std::string GroupSql(const AggregateQuery& q) {
  return q.group_by.empty() ? "NULL" : "+" + sql::Quote(q.group_by);
}

// The period a row falls in, as text that sorts in time order: "2026-03" or the week's Monday.
std::string PeriodSql(const AggregateQuery& q) {
  const std::string col = sql::Quote(q.period_field);
  switch (q.period) {
    case AggregatePeriod::kMonth:
      return "substr(" + col + ", 1, 7)";
    case AggregatePeriod::kWeek:
      return "date(" + col + ", '-6 days', 'weekday 1')";
    default:
      return "''";
  }
}

std::string PeriodPresent(const AggregateQuery& q) {
  return q.period == AggregatePeriod::kNone ? "" : " AND " + sql::Quote(q.period_field) + " IS NOT NULL";
}

// " INDEXED BY ..." naming a described index that holds every column `columns` reads, when one does:
// SQLite's planner prefers a one-column index on a filter and then reads each matching row of the
// table, or scans the table's whole rows (titles, descriptions), where scanning a narrow covering
// index (in range when the filter is on its first column) costs a fraction.
std::string Covering(const TypeSpec& type, const std::set<std::string>& columns) {
  for (const auto& index : type.indexes)
    if (std::all_of(columns.begin(), columns.end(), [&](const std::string& c) {
          return std::find(index.begin(), index.end(), c) != index.end();
        }))
      return " INDEXED BY " + sql::Quote(sql::IndexName(type, index));
  return "";
}

void ColumnsOf(const std::vector<Filter>& filters, std::set<std::string>& out) {
  for (const auto& f : filters) out.insert(f.field);
}

// Every column a query reads, or an empty set when it reads what no index can hold (a row scope).
std::set<std::string> ColumnsOf(const AggregateQuery& q, bool grouped) {
  std::set<std::string> out;
  if (q.scope) return {};
  ColumnsOf(q.population, out);
  ColumnsOf(q.numerator, out);
  if (!q.number.empty()) out.insert(q.number);
  if (q.value) {
    out.insert(q.value->from);
    if (!q.value->to.empty()) out.insert(q.value->to);
  }
  if (grouped && !q.group_by.empty()) out.insert(q.group_by);
  if (grouped && q.period != AggregatePeriod::kNone) out.insert(q.period_field);
  return out;
}

// Identifies a (population, value), to read its values once for all the measures over it.
std::string KeyOf(const AggregateQuery& q) {
  std::string key = q.value ? q.value->from + "|" + q.value->to + "|" + FormatTime(q.as_of) : "#" + q.number;
  for (const auto& f : q.population)
    key += "|" + f.field + "#" + std::to_string(static_cast<int>(f.op)) + "#" + f.value.dump();
  return key;
}

// The measure of sorted values; null when there are none.
std::optional<double> Summarise(M measure, const std::vector<double>& sorted, double sum) {
  const auto n = static_cast<int64_t>(sorted.size());
  if (n == 0) return std::nullopt;
  switch (measure) {
    case M::kMean:
      return sum / static_cast<double>(n);
    case M::kMedian:
      return sorted[static_cast<size_t>(NearestRank(0.5, n) - 1)];
    case M::kP90:
      return sorted[static_cast<size_t>(NearestRank(0.9, n) - 1)];
    case M::kNps: {
      int64_t promoters = 0, detractors = 0;
      for (double v : sorted) promoters += v >= 9, detractors += v <= 6;
      return 100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(n);
    }
    default:
      return std::nullopt;
  }
}

// SELECT <group>, <period>, <value columns> of the population's rows that have a value; `each`
// receives the statement and the value of each row.
template <typename Each>
Status ReadValues(sqlite3* db, const TypeSpec& type, const AggregateQuery& q, bool grouped, Each each) {
  std::vector<Json> params;
  const std::string head = grouped ? GroupSql(q) + ", " + PeriodSql(q) + ", " : "NULL, '', ";
  const std::string cond = Condition(type, q.population, q.scope, params) + (grouped ? PeriodPresent(q) : "");
  const auto columns = ColumnsOf(q, grouped);
  const std::string indexed = columns.empty() ? "" : Covering(type, columns);
  std::string sql;
  if (!q.number.empty()) {
    const std::string col = sql::Quote(q.number);
    sql = "SELECT " + head + col + " FROM " + sql::Quote(type.name) + indexed + " WHERE " + cond + " AND " +
          col + " IS NOT NULL";
  } else {
    const std::string from = sql::Quote(q.value->from);
    const std::string to = q.value->to.empty() ? "NULL" : sql::Quote(q.value->to);
    sql = "SELECT " + head + from + ", " + to + " FROM " + sql::Quote(type.name) + indexed + " WHERE " +
          cond + " AND " + from + " IS NOT NULL" + (q.value->to.empty() ? "" : " AND " + to + " IS NOT NULL");
  }
  Statement s(db, sql);
  const bool age = q.number.empty() && q.value->to.empty();
  for (auto row = s.Run(params);; row = s.Next()) {
    if (!row) return Fail(row.error());
    if (!*row) break;
    if (!q.number.empty()) {
      each(s.get(), sqlite3_column_double(s.get(), 2));
      continue;
    }
    // Dates are stored as ISO 8601 UTC text (core/clock.hpp); parsing them here to the second costs
    // about half of SQLite's unixepoch() over a million rows.
    const auto a = ParseTime(ColumnView(s.get(), 2));
    const auto b = age ? std::optional<TimePoint>(q.as_of) : ParseTime(ColumnView(s.get(), 3));
    if (a && b) each(s.get(), static_cast<double>((*b - *a).count()) / 3600.0);
  }
  return {};
}

// The SUM(CASE WHEN ... THEN 1 ELSE 0 END) columns of one scan, each distinct condition once: many
// shares count the same population (resolved or closed tickets, all tickets).
class Sums {
 public:
  int Add(const std::string& condition, const std::vector<Json>& params) {
    const std::string key = condition + "#" + Json(params).dump();
    if (auto it = index_.find(key); it != index_.end()) return it->second;
    select_ += std::string(select_.empty() ? "" : ", ") + "COALESCE(SUM(CASE WHEN " + condition +
               " THEN 1 ELSE 0 END), 0)";
    params_.insert(params_.end(), params.begin(), params.end());
    return index_[key] = count_++;
  }
  const std::string& select() const { return select_; }
  const std::vector<Json>& params() const { return params_; }

 private:
  std::string select_;
  std::vector<Json> params_;
  std::map<std::string, int> index_;
  int count_ = 0;
};

// Every count and share in one scan.
Status Counters(sqlite3* db, const TypeSpec& type, const std::vector<AggregateQuery>& queries,
                std::vector<std::optional<double>>& out) {
  Sums sums;
  std::map<size_t, std::pair<int, int>> columns_of;  // query -> (population column, hits column or -1)
  std::set<std::string> columns;
  bool coverable = true;
  for (size_t i = 0; i < queries.size(); ++i) {
    const auto& q = queries[i];
    if (!CountLike(q.measure)) continue;
    std::vector<Json> pop_params, num_params;
    const std::string pop = Condition(type, q.population, q.scope, pop_params);
    int hits = -1;
    const int n = sums.Add(pop, pop_params);
    if (q.measure == M::kShare) {
      const std::string num = Condition(type, q.numerator, std::nullopt, num_params);
      pop_params.insert(pop_params.end(), num_params.begin(), num_params.end());
      hits = sums.Add("(" + pop + ") AND (" + num + ")", pop_params);
    }
    columns_of[i] = {n, hits};
    const auto c = ColumnsOf(q, false);
    coverable = coverable && !q.scope;
    columns.insert(c.begin(), c.end());
  }
  if (columns_of.empty()) return {};
  // A count of every row needs no column: the narrowest index, SQLite's own choice, serves it.
  const std::string indexed = coverable && !columns.empty() ? Covering(type, columns) : "";
  Statement s(db, "SELECT " + sums.select() + " FROM " + sql::Quote(type.name) + indexed);
  auto row = s.Run(sums.params());
  if (!row) return Fail(row.error());
  for (const auto& [i, cols] : columns_of) {
    const int64_t n = sqlite3_column_int64(s.get(), cols.first);
    if (queries[i].measure == M::kCount) {
      out[i] = static_cast<double>(n);
      continue;
    }
    const int64_t hits = sqlite3_column_int64(s.get(), cols.second);
    out[i] = n == 0 ? std::optional<double>() : static_cast<double>(hits) / static_cast<double>(n);
  }
  return {};
}

// Mean, median, p90 and NPS of one (population, value): the values are read in one scan and ranked
// here, which costs less than one ORDER BY per percentile.
Status Values(sqlite3* db, const TypeSpec& type, const std::vector<AggregateQuery>& queries,
              std::vector<std::optional<double>>& out) {
  std::vector<bool> done(queries.size(), false);
  for (size_t i = 0; i < queries.size(); ++i) {
    const auto& q = queries[i];
    if (done[i] || CountLike(q.measure)) continue;
    std::vector<double> values;
    double sum = 0;
    auto st = ReadValues(db, type, q, false, [&](sqlite3_stmt*, double v) {
      values.push_back(v);
      sum += v;
    });
    if (!st) return st;
    std::sort(values.begin(), values.end());
    const std::string key = KeyOf(q);
    for (size_t j = i; j < queries.size(); ++j) {
      if (CountLike(queries[j].measure) || KeyOf(queries[j]) != key) continue;
      done[j] = true;
      out[j] = Summarise(queries[j].measure, values, sum);
    }
  }
  return {};
}

}  // namespace

namespace sqlite_aggregate {

Result<std::vector<std::optional<double>>> ComputeAll(sqlite3* db, const TypeSpec& type,
                                                      const std::vector<AggregateQuery>& queries) {
  for (const auto& q : queries)
    if (auto st = CheckQuery(type, q); !st) return Fail(st.error());
  std::vector<std::optional<double>> out(queries.size());
  if (auto st = Counters(db, type, queries, out); !st) return Fail(st.error());
  if (auto st = Values(db, type, queries, out); !st) return Fail(st.error());
  return out;
}

Result<std::vector<AggregateRow>> Groups(sqlite3* db, const TypeSpec& type, const AggregateQuery& q) {
  if (auto st = CheckQuery(type, q); !st) return Fail(st.error());
  std::vector<AggregateRow> out;
  if (CountLike(q.measure)) {
    std::vector<Json> params;  // in the order of their marks: the numerator's, then the population's
    std::string select = "SELECT " + GroupSql(q) + ", " + PeriodSql(q) + ", COUNT(*)";
    if (q.measure == M::kShare)
      select += ", COALESCE(SUM(CASE WHEN " + Condition(type, q.numerator, std::nullopt, params) +
                " THEN 1 ELSE 0 END), 0)";
    const std::string pop = Condition(type, q.population, q.scope, params) + PeriodPresent(q);
    Statement s(db, select + " FROM " + sql::Quote(type.name) + " WHERE " + pop +
                        " GROUP BY 1, 2 ORDER BY 1, 2 LIMIT " + std::to_string(kMaxGroupRows));
    for (auto row = s.Run(params);; row = s.Next()) {
      if (!row) return Fail(row.error());
      if (!*row) break;
      AggregateRow r{GroupValue(type, q.group_by, s.get(), 0), std::string(ColumnView(s.get(), 1)),
                     sqlite3_column_int64(s.get(), 2), std::nullopt};
      if (q.measure == M::kCount)
        r.value = static_cast<double>(r.n);
      else if (r.n > 0)
        r.value = static_cast<double>(sqlite3_column_int64(s.get(), 3)) / static_cast<double>(r.n);
      out.push_back(std::move(r));
    }
    return out;
  }
  struct Bucket {
    std::vector<double> values;
    double sum = 0;
  };
  std::map<std::pair<Json, std::string>, Bucket> buckets;
  auto st = ReadValues(db, type, q, true, [&](sqlite3_stmt* s, double v) {
    auto& b = buckets[{GroupValue(type, q.group_by, s, 0), std::string(ColumnView(s, 1))}];
    b.values.push_back(v);
    b.sum += v;
  });
  if (!st) return Fail(st.error());
  for (auto& [key, b] : buckets) {
    if (static_cast<int>(out.size()) >= kMaxGroupRows) break;
    std::sort(b.values.begin(), b.values.end());
    out.push_back({key.first, key.second, static_cast<int64_t>(b.values.size()),
                   Summarise(q.measure, b.values, b.sum)});
  }
  return out;
}

}  // namespace sqlite_aggregate

namespace {

class SqliteAggregates final : public Aggregates {
 public:
  explicit SqliteAggregates(sqlite3* db) : db_(db) {}
  ~SqliteAggregates() override { sqlite3_close_v2(db_); }
  SqliteAggregates(const SqliteAggregates&) = delete;
  SqliteAggregates& operator=(const SqliteAggregates&) = delete;

  Result<std::vector<std::optional<double>>> ComputeAll(const TypeSpec& type,
                                                        const std::vector<AggregateQuery>& queries) override {
    return sqlite_aggregate::ComputeAll(db_, type, queries);
  }
  Result<std::vector<AggregateRow>> Groups(const TypeSpec& type, const AggregateQuery& query) override {
    return sqlite_aggregate::Groups(db_, type, query);
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
