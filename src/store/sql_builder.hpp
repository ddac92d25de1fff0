#pragma once
// SQL text for record tables in SQLite's dialect, built from descriptions. Identifiers come from
// the registry (never from a request); every value is a bound parameter.
#include <string>
#include <vector>

#include "store/store.hpp"

namespace boucle::sql {

std::string Quote(const std::string& identifier);
std::string SelectColumns(const TypeSpec& type);
std::string InsertSql(const TypeSpec& type);
// Sets updated_at then every field, bumps version; binds ..., id, expected version last.
std::string UpdateSql(const TypeSpec& type);
// The value as it is stored in the field's column.
Json ToColumn(const FieldSpec& field, const Json& value);

std::string ScopeClause(const RowScope& scope, std::vector<Json>& params);
// " WHERE ..." (or empty) for the filters, the text search and the scope of a query.
std::string WhereClause(const TypeSpec& type, const ListQuery& query, std::vector<Json>& params);
std::string OrderBy(const ListQuery& query);

bool HasSearch(const TypeSpec& type);
std::string SearchText(const TypeSpec& type, const Json& record);
// Turns what a person typed into an FTS5 query of quoted prefix terms, so that no operator
// or syntax error can come from user input.
std::string FtsQuery(const std::string& text);

struct Migration {
  int64_t version;
  std::string description;
  std::string sql;
};
const std::vector<Migration>& PlatformMigrations();
std::string CreateTableSql(const TypeSpec& type);
std::vector<std::string> MissingColumnsSql(const TypeSpec& type, const std::vector<std::string>& existing);
std::vector<std::string> IndexesSql(const TypeSpec& type);
// The name of a described index over several columns (TypeSpec::indexes).
std::string IndexName(const TypeSpec& type, const std::vector<std::string>& columns);

}  // namespace boucle::sql
