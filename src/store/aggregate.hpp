#pragma once
// Aggregates over one record table (counts, shares, means, percentiles, net promoter scores),
// computed by the database so that KPIs over a million tickets stay fast. The SQL stays here,
// behind the store; the query types are in store.hpp (AggregateQuery, AggregateRow).
//
// Two ways in: Tx::Aggregate / Tx::AggregateGroups inside a transaction of the store (the API,
// with the caller's row scope), and OpenSqliteAggregates(), a read-only connection of its own that
// maps the file (the CLI and the benchmarks).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "record/type_spec.hpp"
#include "store/store.hpp"

namespace boucle {

// Nearest-rank percentile: the value at rank ceil(p * n) (1-based) of the n sorted values.
int64_t NearestRank(double p, int64_t n);

class Aggregates {
 public:
  virtual ~Aggregates() = default;
  // Null when the measure is undefined (empty population).
  Result<std::optional<double>> Compute(const TypeSpec& type, const AggregateQuery& query);
  // Several measures over one table in as few scans as possible: one for every count and share,
  // one per distinct (population, value) of the others. Results in the order of `queries`.
  virtual Result<std::vector<std::optional<double>>> ComputeAll(
      const TypeSpec& type, const std::vector<AggregateQuery>& queries) = 0;
  // The measure per (group, period) of the query.
  virtual Result<std::vector<AggregateRow>> Groups(const TypeSpec& type, const AggregateQuery& query) = 0;
};

// Opens the SQLite database file read-only (it must exist and be migrated).
Result<std::unique_ptr<Aggregates>> OpenSqliteAggregates(const std::string& path);

}  // namespace boucle
