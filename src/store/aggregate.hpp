#pragma once
// Aggregates over one record table (counts, shares, means, percentiles), computed by the
// database so that KPIs over a million tickets stay fast. The SQL stays here, behind the store.
//
// Meanwhile a read-only SQLite connection of its own serves them (OpenSqliteAggregates); the
// intended home is a method of Tx, see the note in aggregate.cpp.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "record/type_spec.hpp"
#include "store/store.hpp"

namespace boucle {

enum class AggregateMeasure {
  kCount,   // rows of the population
  kShare,   // rows matching `numerator` among the population, 0..1; null when the population is empty
  kMean,    // mean of the value over the population; null when empty
  kMedian,  // nearest-rank 50th percentile of the value
  kP90,     // nearest-rank 90th percentile of the value
};

// The value of mean / median / p90: hours from the date-time field `from` to the date-time field
// `to` (either may be created_at / updated_at). Rows where either is null are left out.
struct DurationHours {
  std::string from;
  std::string to;
};

struct AggregateQuery {
  AggregateMeasure measure = AggregateMeasure::kCount;
  std::vector<Filter> population;  // AND of filters (ops: eq, ne, lt, le, gt, ge, in, null, not null)
  std::vector<Filter> numerator;   // kShare only: AND of filters within the population
  std::optional<DurationHours> value;
};

// Nearest-rank percentile: the value at rank ceil(p * n) (1-based) of the n sorted values.
int64_t NearestRank(double p, int64_t n);

class Aggregates {
 public:
  virtual ~Aggregates() = default;
  // Null when the measure is undefined (empty population).
  Result<std::optional<double>> Compute(const TypeSpec& type, const AggregateQuery& query);
  // Several measures over one table in as few scans as possible: one for every count and share,
  // one per distinct (population, value) of the others. Results in the order of `queries`.
  virtual Result<std::vector<std::optional<double>>> ComputeAll(const TypeSpec& type,
                                                                 const std::vector<AggregateQuery>& queries) = 0;
};

// Opens the SQLite database file read-only (it must exist and be migrated).
Result<std::unique_ptr<Aggregates>> OpenSqliteAggregates(const std::string& path);

}  // namespace boucle
