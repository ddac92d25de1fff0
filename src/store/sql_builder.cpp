#include "store/sql_builder.hpp"

#include <algorithm>

namespace boucle::sql {
namespace {

const char* ColumnType(FieldKind k) {
  switch (k) {
    case FieldKind::kInteger:
    case FieldKind::kRef:
    case FieldKind::kBoolean: return "INTEGER";
    case FieldKind::kDecimal: return "REAL";
    default: return "TEXT";
  }
}

const char* OpSql(FilterOp op) {
  switch (op) {
    case FilterOp::kEq: return " = ?";
    case FilterOp::kNe: return " IS NOT ?";
    case FilterOp::kLt: return " < ?";
    case FilterOp::kLe: return " <= ?";
    case FilterOp::kGt: return " > ?";
    case FilterOp::kGe: return " >= ?";
    default: return " = ?";
  }
}

}  // namespace

std::string Quote(const std::string& identifier) {
  std::string out = "\"";
  for (char c : identifier) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string SelectColumns(const TypeSpec& type) {
  std::string cols = "id, created_at, updated_at, created_by, version";
  for (const auto& f : type.fields) cols += ", " + Quote(f.name);
  return cols;
}

std::string InsertSql(const TypeSpec& type) {
  std::string cols = "created_at, updated_at, created_by, version";
  std::string marks = "?, ?, ?, ?";
  for (const auto& f : type.fields) {
    cols += ", " + Quote(f.name);
    marks += ", ?";
  }
  return "INSERT INTO " + Quote(type.name) + " (" + cols + ") VALUES (" + marks + ")";
}

std::string UpdateSql(const TypeSpec& type) {
  std::string sets = "updated_at = ?, version = version + 1";
  for (const auto& f : type.fields) sets += ", " + Quote(f.name) + " = ?";
  return "UPDATE " + Quote(type.name) + " SET " + sets + " WHERE id = ? AND version = ?";
}

Json ToColumn(const FieldSpec& field, const Json& value) {
  if (value.is_null()) return value;
  if (field.kind == FieldKind::kRefList) return value.dump();
  return value;
}

std::string ScopeClause(const RowScope& scope, std::vector<Json>& params) {
  params.push_back(scope.user_id);
  params.push_back(scope.user_id);
  // A personal record (every role scoped) is its owner's; one without an owner, its creator's.
  // Written so that both sides search the owner column's index: the unread count of the bell runs
  // on every page, and created_by (the system, for all of them) would force a scan.
  if (scope.owner.every_role && scope.owner.via_type.empty())
    return "(" + Quote(scope.owner.field) + " = ? OR (" + Quote(scope.owner.field) + " IS NULL AND created_by = ?))";
  if (scope.owner.via_type.empty()) return "(created_by = ? OR " + Quote(scope.owner.field) + " = ?)";
  return "(created_by = ? OR " + Quote(scope.owner.field) + " IN (SELECT id FROM " + Quote(scope.owner.via_type) +
         " WHERE " + Quote(scope.owner.via_field) + " = ?))";
}

std::string WhereClause(const TypeSpec& type, const ListQuery& query, std::vector<Json>& params) {
  std::vector<std::string> parts;
  for (const auto& f : query.filters) {
    const std::string col = Quote(f.field);
    const FieldSpec* spec = type.Field(f.field);
    switch (f.op) {
      case FilterOp::kIsNull: parts.push_back(col + " IS NULL"); break;
      case FilterOp::kNotNull: parts.push_back(col + " IS NOT NULL"); break;
      case FilterOp::kIn: {
        std::string marks;
        for (const auto& v : f.value) {
          marks += marks.empty() ? "?" : ", ?";
          params.push_back(spec ? ToColumn(*spec, v) : v);
        }
        parts.push_back(marks.empty() ? "0" : col + " IN (" + marks + ")");
        break;
      }
      case FilterOp::kContains:
        parts.push_back("EXISTS (SELECT 1 FROM json_each(" + col + ") WHERE value = ?)");
        params.push_back(f.value);
        break;
      default:
        parts.push_back(col + OpSql(f.op));
        params.push_back(f.value.is_boolean() ? Json(f.value.get<bool>() ? 1 : 0) : f.value);
    }
  }
  if (!query.text.empty() && HasSearch(type)) {
    parts.push_back("id IN (SELECT rowid FROM " + Quote(type.name + "_fts") + " WHERE " +
                    Quote(type.name + "_fts") + " MATCH ?)");
    params.push_back(FtsQuery(query.text));
  }
  if (query.scope) parts.push_back(ScopeClause(*query.scope, params));
  if (parts.empty()) return "";
  std::string out = " WHERE ";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? " AND " : "") + parts[i];
  return out;
}

std::string OrderBy(const ListQuery& query) {
  const char* dir = query.descending ? " DESC" : " ASC";
  std::string out = " ORDER BY " + Quote(query.sort_field) + dir;
  if (query.sort_field != "id") out += std::string(", id") + dir;
  return out;
}

bool HasSearch(const TypeSpec& type) {
  return std::any_of(type.fields.begin(), type.fields.end(), [](const FieldSpec& f) { return f.searchable; });
}

std::string SearchText(const TypeSpec& type, const Json& record) {
  std::string body;
  for (const auto& f : type.fields) {
    if (!f.searchable || !record.contains(f.name) || !record[f.name].is_string()) continue;
    if (!body.empty()) body += '\n';
    body += record[f.name].get<std::string>();
  }
  return body;
}

std::string FtsQuery(const std::string& text) {
  std::string out, term;
  auto flush = [&] {
    if (term.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"' + term + "\"*";
    term.clear();
  };
  for (unsigned char c : text) {
    // Anything that is not a letter or digit (UTF-8 bytes >= 0x80 are kept) separates terms.
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
      term += static_cast<char>(c);
    else
      flush();
  }
  flush();
  return out.empty() ? "\"\"" : out;
}

const std::vector<Migration>& PlatformMigrations() {
  static const std::vector<Migration> kMigrations{
      {1, "history, audit, sessions and API tokens",
       "CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, record_type TEXT NOT NULL, "
       "record_id INTEGER NOT NULL, version INTEGER NOT NULL, at TEXT NOT NULL, user_id INTEGER NOT NULL, "
       "login TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT, new_value TEXT);"
       "CREATE INDEX ix_history_record ON history (record_type, record_id);"
       "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user_id INTEGER NOT NULL, "
       "login TEXT NOT NULL, event TEXT NOT NULL, detail TEXT NOT NULL, ip TEXT NOT NULL);"
       "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL, csrf_token TEXT NOT NULL, "
       "expires_at TEXT NOT NULL);"
       "CREATE TABLE api_tokens (token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL, created_at TEXT NOT NULL);"},
  };
  return kMigrations;
}

std::string CreateTableSql(const TypeSpec& type) {
  std::string ddl = "CREATE TABLE IF NOT EXISTS " + Quote(type.name) +
                    " (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
                    "created_by INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1";
  for (const auto& f : type.fields) ddl += ", " + Quote(f.name) + " " + ColumnType(f.kind);
  // Accounts carry their password hash beside the described fields, out of every generic path.
  if (type.name == "users") ddl += ", password_hash TEXT";
  ddl += ")";
  return ddl;
}

std::vector<std::string> MissingColumnsSql(const TypeSpec& type, const std::vector<std::string>& existing) {
  std::vector<std::string> out;
  for (const auto& f : type.fields)
    if (std::find(existing.begin(), existing.end(), f.name) == existing.end())
      out.push_back("ALTER TABLE " + Quote(type.name) + " ADD COLUMN " + Quote(f.name) + " " + ColumnType(f.kind));
  return out;
}

std::vector<std::string> IndexesSql(const TypeSpec& type) {
  std::vector<std::string> out;
  for (const auto& f : type.fields) {
    const std::string name = type.name + "_" + f.name;
    if (f.unique)
      out.push_back("CREATE UNIQUE INDEX IF NOT EXISTS " + Quote("ux_" + name) + " ON " + Quote(type.name) + " (" +
                    Quote(f.name) + ")");
    else if ((f.filterable || f.sortable) && f.kind != FieldKind::kRefList)
      out.push_back("CREATE INDEX IF NOT EXISTS " + Quote("ix_" + name) + " ON " + Quote(type.name) + " (" +
                    Quote(f.name) + ")");
  }
  out.push_back("CREATE INDEX IF NOT EXISTS " + Quote("ix_" + type.name + "_created_at") + " ON " + Quote(type.name) +
                " (created_at)");
  for (const auto& columns : type.indexes) {
    std::string list;
    for (const auto& c : columns) list += (list.empty() ? "" : ", ") + Quote(c);
    out.push_back("CREATE INDEX IF NOT EXISTS " + Quote(IndexName(type, columns)) + " ON " + Quote(type.name) + " (" +
                  list + ")");
  }
  if (HasSearch(type))
    out.push_back("CREATE VIRTUAL TABLE IF NOT EXISTS " + Quote(type.name + "_fts") +
                  " USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
  return out;
}

std::string IndexName(const TypeSpec& type, const std::vector<std::string>& columns) {
  std::string name = "ix_" + type.name;
  for (const auto& c : columns) name += "_" + c;
  return name;
}

}  // namespace boucle::sql
