#pragma once
// The SQLite side of aggregates (store/aggregate.hpp), shared by the store's transactions and the
// read-only connection of OpenSqliteAggregates. Internal to src/store.
#include <sqlite3.h>

#include "store/store.hpp"

namespace boucle::sqlite_aggregate {

Result<std::vector<std::optional<double>>> ComputeAll(sqlite3* db, const TypeSpec& type,
                                                      const std::vector<AggregateQuery>& queries);
Result<std::vector<AggregateRow>> Groups(sqlite3* db, const TypeSpec& type, const AggregateQuery& query);

}  // namespace boucle::sqlite_aggregate
