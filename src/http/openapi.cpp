#include "http/openapi.hpp"

#include <cctype>
#include <initializer_list>
#include <iterator>
#include <utility>
#include <vector>

namespace boucle {

namespace {

using nlohmann::json;

// Columns every record has besides its described fields; they filter and sort like fields.
constexpr const char* kMetaFields[] = {"id", "created_at", "updated_at", "created_by", "version"};
// Suffixes the list and count routes accept after a field name (see RecordService::ParseList).
constexpr const char* kFilterOps = "ne|lt|lte|gt|gte|in|null";
constexpr int kMaxLimit = 500;
constexpr int kMaxSearchChars = 200;

json SchemaRef(std::string_view name) { return {{"$ref", "#/components/schemas/" + std::string(name)}}; }
json ParamRef(std::string_view name) { return {{"$ref", "#/components/parameters/" + std::string(name)}}; }
json ResponseRef(std::string_view name) { return {{"$ref", "#/components/responses/" + std::string(name)}}; }

json Names(const RoleSet& roles) { return roles.Names(); }

json JsonContent(json schema) { return {{"application/json", {{"schema", std::move(schema)}}}}; }

json Response(std::string description, json schema) {
  return {{"description", std::move(description)}, {"content", JsonContent(std::move(schema))}};
}

// format=csv answers the same rows as a spreadsheet file (see the Format parameter).
json CsvContent() { return {{"schema", {{"type", "string"}}}}; }

json NoContent() { return {{"description", "No content"}}; }

// The error statuses an operation can answer, all with the Error envelope.
void AddErrors(json& responses, std::initializer_list<const char*> statuses) {
  static const std::pair<const char*, const char*> kByStatus[] = {
      {"400", "BadRequest"}, {"401", "Unauthorized"},       {"403", "Forbidden"}, {"404", "NotFound"},
      {"409", "Conflict"},   {"412", "PreconditionFailed"}, {"413", "TooLarge"},  {"429", "TooManyRequests"},
  };
  for (const char* status : statuses)
    for (const auto& [code, name] : kByStatus)
      if (std::string_view(code) == status) responses[code] = ResponseRef(name);
  responses["default"] = ResponseRef("InternalError");
}

// Who may call: scripts with a bearer token, browsers with the session cookie. A browser must also
// echo its CSRF token on anything that changes state.
json ReadSecurity() {
  return json::array({{{"bearerAuth", json::array()}}, {{"sessionCookie", json::array()}}});
}
json WriteSecurity() {
  return json::array(
      {{{"bearerAuth", json::array()}}, {{"sessionCookie", json::array()}, {"csrfToken", json::array()}}});
}

json Operation(std::string id, std::string summary, std::string tag) {
  return {{"operationId", std::move(id)},
          {"summary", std::move(summary)},
          {"tags", json::array({std::move(tag)})}};
}

json Nullable(json schema, bool nullable) {
  if (!nullable) return schema;
  if (schema.contains("enum")) schema["enum"].push_back(nullptr);  // enum is checked before type
  schema["type"] = json::array({schema["type"], "null"});
  return schema;
}

json FieldSchema(const FieldSpec& f, bool nullable) {
  json s = json::object();
  switch (f.kind) {
    case FieldKind::kText:
    case FieldKind::kMarkdown:
      s["type"] = "string";
      // Description limits count characters, as JSON Schema string lengths do.
      if (f.min) s["minLength"] = static_cast<int64_t>(*f.min);
      if (f.max) s["maxLength"] = static_cast<int64_t>(*f.max);
      if (!f.pattern.empty()) s["pattern"] = f.pattern;
      if (f.kind == FieldKind::kMarkdown) s["contentMediaType"] = "text/markdown";
      break;
    case FieldKind::kInteger:
      s["type"] = "integer";
      if (f.min) s["minimum"] = static_cast<int64_t>(*f.min);
      if (f.max) s["maximum"] = static_cast<int64_t>(*f.max);
      break;
    case FieldKind::kDecimal:
      s["type"] = "number";
      if (f.min) s["minimum"] = *f.min;
      if (f.max) s["maximum"] = *f.max;
      break;
    case FieldKind::kBoolean:
      s["type"] = "boolean";
      break;
    case FieldKind::kDateTime:
      s["type"] = "string";
      s["format"] = "date-time";
      break;
    case FieldKind::kEnum: {
      s["type"] = "string";
      json ids = json::array();
      for (const auto& o : f.options) ids.push_back(o.id);
      s["enum"] = std::move(ids);
      break;
    }
    case FieldKind::kRef:
      s["type"] = "integer";
      s["description"] = "Id of a record of type " + f.ref_type;
      s["x-ref-type"] = f.ref_type;
      break;
    case FieldKind::kRefList:
      s["type"] = "array";
      s["items"] = {{"type", "integer"}};
      s["uniqueItems"] = true;
      s["description"] = "Ids of records of type " + f.ref_type;
      s["x-ref-type"] = f.ref_type;
      break;
  }
  s["title"] = f.label.en;
  if (!f.default_value.is_null()) s["default"] = f.default_value;
  if (f.computed) s["readOnly"] = true;
  if (f.unique) s["x-unique"] = true;
  if (!f.example.is_null()) s["examples"] = json::array({f.example});
  if (f.write_roles.Names().size() != std::size(kAllRoles)) s["x-write-roles"] = Names(f.write_roles);
  return Nullable(std::move(s), nullable);
}

json MetaSchema(std::string_view n) {
  if (n == "created_at" || n == "updated_at")
    return {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}};
  if (n == "version") return {{"type", "integer"}, {"minimum", 1}, {"readOnly", true}};
  return {{"type", "integer"}, {"readOnly", true}};
}

// A record as the server returns it: every described field (null when unset) plus the meta columns.
json RecordSchema(const TypeSpec& t) {
  json props = json::object(), required = json::array();
  for (const char* m : kMetaFields) {
    props[m] = MetaSchema(m);
    required.push_back(m);
  }
  for (const auto& f : t.fields) {
    props[f.name] = FieldSchema(f, !f.required);
    required.push_back(f.name);
  }
  props["_titles"] = {{"allOf", json::array({SchemaRef("Titles")})},
                      {"description", "Only on GET of one record: titles of the records it refers to"}};
  return {{"type", "object"},
          {"title", t.singular.en},
          {"properties", std::move(props)},
          {"required", std::move(required)}};
}

// The writable fields. On create, a required field without a default must be sent; on update
// nothing is required but the version the client last saw (or If-Match).
json WriteSchema(const TypeSpec& t, bool create) {
  json props = json::object(), required = json::array();
  for (const auto& f : t.fields) {
    if (f.computed) continue;
    props[f.name] = FieldSchema(f, !f.required);
    if (create && f.required && f.default_value.is_null()) required.push_back(f.name);
  }
  if (!create)
    props["version"] = {
        {"type", "integer"},
        {"minimum", 1},
        {"description", "The version last read; a stale one answers 409. May come as If-Match instead."}};
  json s = {{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
  if (!required.empty()) s["required"] = std::move(required);
  return s;
}

json ListSchema(const std::string& record) {
  return {{"type", "object"},
          {"required", {"items", "total", "titles"}},
          {"properties",
           {{"items", {{"type", "array"}, {"items", SchemaRef(record)}}},
            {"total", {{"type", "integer"}, {"minimum", 0}}},
            {"titles", SchemaRef("Titles")}}}};
}

json QueryParam(std::string name, json schema, std::string description, bool required = false) {
  return {{"name", std::move(name)},
          {"in", "query"},
          {"required", required},
          {"description", std::move(description)},
          {"schema", std::move(schema)}};
}

// A query value arrives as text; its schema says what the text must parse as.
json FilterValueSchema(const FieldSpec& f) {
  json s = FieldSchema(f, false);
  if (f.kind == FieldKind::kRefList)
    s = {{"type", "integer"}, {"description", "Records whose list holds this id"}};
  s.erase("default");
  s.erase("readOnly");
  s.erase("x-unique");
  s.erase("x-write-roles");
  return s;
}

// Equality filters typed per field, then the comparison suffixes once for all filterable fields
// and meta columns, as one exploded object (each property is its own query parameter).
void AddFilterParams(json& params, const TypeSpec& t) {
  std::string fields;
  for (const auto& f : t.fields) {
    if (!f.filterable) continue;
    params.push_back(
        QueryParam(f.name, FilterValueSchema(f), "Only records whose " + f.name + " equals this value"));
    if (!fields.empty()) fields += '|';
    fields += f.name;
  }
  std::string meta;
  for (const char* m : kMetaFields) {
    if (!meta.empty()) meta += '|';
    meta += m;
  }
  std::string pattern = "^(" + meta + ")(__(" + kFilterOps + "))?$";
  if (!fields.empty()) pattern += "|^(" + fields + ")__(" + kFilterOps + ")$";
  params.push_back(
      {{"name", "filters"},
       {"in", "query"},
       {"required", false},
       {"style", "form"},
       {"explode", true},
       {"description",
        "Comparison filters, one query parameter each: <field>__gte / __gt / __lte / __lt (bounds), "
        "<field>__ne (not equal), <field>__in=a,b,c (any of, at most 100), <field>__null=true|false. "
        "Allowed on the filterable fields (" +
            (fields.empty() ? std::string("none") : fields) + ") and on " + meta +
            ". Values parse as the field's type; a ref_list field takes only equality (contains)."},
       {"schema",
        {{"type", "object"},
         {"propertyNames", {{"pattern", pattern}}},
         {"additionalProperties", {{"type", "string"}}}}}});
}

json SortParam(const TypeSpec& t) {
  json values = json::array();
  auto add = [&values](const std::string& name) {
    values.push_back(name);
    values.push_back("-" + name);
  };
  for (const char* m : kMetaFields) add(m);
  for (const auto& f : t.fields)
    if (f.sortable) add(f.name);
  return QueryParam("sort", {{"type", "string"}, {"enum", std::move(values)}, {"default", t.default_sort}},
                    "Sort field; a leading '-' sorts descending");
}

json IdParam() {
  return {
      {"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}, {"minimum", 1}}}};
}

void AddTypePaths(json& paths, json& schemas, json& tags, const TypeSpec& t) {
  const std::string name = OpenApiSchemaName(t.name);
  const std::string base = "/api/v1/" + t.name;
  const std::string one = t.singular.en.empty() ? t.name : t.singular.en;
  tags.push_back({{"name", t.name}, {"description", t.label.en}, {"x-area", AreaName(t.area)}});

  schemas[name] = RecordSchema(t);
  schemas[name + "Create"] = WriteSchema(t, true);
  schemas[name + "Update"] = WriteSchema(t, false);
  schemas[name + "List"] = ListSchema(name);

  const json read_roles = Names(t.read_roles);

  // list
  json list = Operation("list" + name, "List " + t.label.en, t.name);
  json list_params = json::array({ParamRef("Limit"), ParamRef("Offset"), SortParam(t), ParamRef("Search"),
                                  ParamRef("Format"), ParamRef("Lang")});
  AddFilterParams(list_params, t);
  list["parameters"] = std::move(list_params);
  list["security"] = ReadSecurity();
  list["x-roles"] = read_roles;
  list["responses"] = {{"200", Response("One page of records", SchemaRef(name + "List"))}};
  list["responses"]["200"]["content"]["text/csv"] = CsvContent();
  AddErrors(list["responses"], {"400", "401", "403", "413"});

  // create
  json create = Operation("create" + name, "Create a " + one, t.name);
  create["requestBody"] = {{"required", true}, {"content", JsonContent(SchemaRef(name + "Create"))}};
  create["security"] = WriteSecurity();
  create["x-roles"] = Names(t.create_roles);
  create["responses"] = {{"201", Response("The record created", SchemaRef(name))}};
  AddErrors(create["responses"], {"400", "401", "403", "409", "413"});
  if (t.public_form) {  // end users' creations are rate-limited per user (see ApiOptions::public_forms)
    AddErrors(create["responses"], {"429"});
    create["x-rate-limited-for"] = json::array({"end_user"});
  }

  paths[base] = {{"get", std::move(list)}, {"post", std::move(create)}};

  // get
  json get = Operation("get" + name, "Read a " + one, t.name);
  get["security"] = ReadSecurity();
  get["x-roles"] = read_roles;
  get["responses"] = {
      {"200", Response("The record, with the titles of the records it refers to", SchemaRef(name))}};
  AddErrors(get["responses"], {"401", "403", "404"});

  // update
  json update = Operation("update" + name, "Change a " + one, t.name);
  update["parameters"] = json::array({ParamRef("IfMatch")});
  update["requestBody"] = {{"required", true}, {"content", JsonContent(SchemaRef(name + "Update"))}};
  update["security"] = WriteSecurity();
  update["x-roles"] = Names(t.update_roles);
  update["responses"] = {{"200", Response("The record after the change", SchemaRef(name))}};
  AddErrors(update["responses"], {"400", "401", "403", "404", "409", "412", "413"});

  // delete
  json del = Operation("delete" + name, "Delete a " + one, t.name);
  del["security"] = WriteSecurity();
  del["x-roles"] = Names(t.delete_roles);
  del["responses"] = {{"204", NoContent()}};
  AddErrors(del["responses"], {"401", "403", "404", "409"});

  paths[base + "/{id}"] = {{"parameters", json::array({IdParam()})},
                           {"get", std::move(get)},
                           {"patch", std::move(update)},
                           {"delete", std::move(del)}};

  json history = Operation("history" + name, "Changes of a " + one + ", newest first", t.name);
  history["security"] = ReadSecurity();
  history["x-roles"] = read_roles;
  history["responses"] = {{"200", Response("Field changes", SchemaRef("History"))}};
  AddErrors(history["responses"], {"401", "403", "404"});
  paths[base + "/{id}/history"] = {{"parameters", json::array({IdParam()})}, {"get", std::move(history)}};

  json trace = Operation("trace" + name, "Records linked to a " + one + ", in both directions", t.name);
  trace["security"] = ReadSecurity();
  trace["x-roles"] = read_roles;
  trace["responses"] = {{"200", Response("The link graph around the record", SchemaRef("Trace"))}};
  AddErrors(trace["responses"], {"401", "403", "404"});
  paths[base + "/{id}/trace"] = {{"parameters", json::array({IdParam()})}, {"get", std::move(trace)}};

  // count: grouped by one filterable field that has few distinct values (no lists, no long text)
  json groupable = json::array();
  for (const auto& f : t.fields)
    if (f.filterable && f.kind != FieldKind::kRefList && f.kind != FieldKind::kMarkdown)
      groupable.push_back(f.name);
  json field_schema = {{"type", "string"}};
  if (!groupable.empty()) field_schema["enum"] = std::move(groupable);
  json count = Operation("count" + name, "Count " + t.label.en + " per value of a field", t.name);
  json count_params = json::array(
      {QueryParam("field", std::move(field_schema), "The field to group by", true), ParamRef("Search")});
  AddFilterParams(count_params, t);
  count["parameters"] = std::move(count_params);
  count["security"] = ReadSecurity();
  count["x-roles"] = read_roles;
  count["responses"] = {{"200", Response("One count per value", SchemaRef("Counts"))}};
  AddErrors(count["responses"], {"400", "401", "403"});
  paths[base + "/count"] = {{"get", std::move(count)}};

  // Named actions: their input is described like a record's writable fields.
  for (const auto& a : t.actions) {
    TypeSpec input;
    input.fields = a.input;
    json op = Operation(a.name + name, a.label.en + " (" + t.singular.en + ")", t.name);
    op["parameters"] = json::array({IdParam()});
    op["requestBody"] = {{"required", false}, {"content", JsonContent(WriteSchema(input, true))}};
    op["security"] = WriteSecurity();
    op["x-roles"] = Names(a.roles);
    op["responses"] = {{"200", Response("What the action produced", {{"type", "object"}})}};
    AddErrors(op["responses"], {"400", "401", "403", "404", "409"});
    paths[base + "/{id}/actions/" + a.name] = {{"post", std::move(op)}};
  }
}

json StringLabel() {
  return {{"type", "object"},
          {"required", {"fr", "en"}},
          {"properties", {{"fr", {{"type", "string"}}}, {"en", {{"type", "string"}}}}}};
}

json RoleNames() {
  json names = json::array();
  for (Role r : kAllRoles) names.push_back(RoleName(r));
  return names;
}

json SharedSchemas() {
  json s = json::object();
  const json error_item = {
      {"type", "object"},
      {"required", {"code", "message"}},
      {"properties",
       {{"code", {{"type", "string"}, {"description", "Stable code, e.g. field.required"}}},
        {"message", {{"type", "string"}, {"description", "In the caller's language"}}},
        {"field", {{"type", "string"}, {"description", "The offending field, when one"}}}}}};
  s["ErrorDetail"] = error_item;
  json inner = error_item;
  inner["properties"]["details"] = {{"type", "array"}, {"items", SchemaRef("ErrorDetail")}};
  inner["properties"]["current_version"] = {
      {"type", "integer"}, {"description", "On 409/412 for a stale version: the version now stored"}};
  inner["properties"]["error_id"] = {{"type", "string"},
                                     {"description", "On 500: quote it to the administrator"}};
  s["Error"] = {{"type", "object"}, {"required", {"error"}}, {"properties", {{"error", std::move(inner)}}}};

  s["Titles"] = {
      {"type", "object"},
      {"description", "Display titles by type then id: {\"users\": {\"3\": \"Alice Martin\"}}"},
      {"additionalProperties", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}}};

  s["User"] = {{"type", "object"},
               {"required", {"id", "login", "display_name", "role", "language"}},
               {"properties",
                {{"id", {{"type", "integer"}}},
                 {"login", {{"type", "string"}}},
                 {"display_name", {{"type", "string"}}},
                 {"role", {{"type", "string"}, {"enum", RoleNames()}}},
                 {"language", {{"type", "string"}, {"enum", {"fr", "en"}}}}}}};
  s["SessionRequest"] = {
      {"type", "object"},
      {"required", {"login", "password"}},
      {"additionalProperties", false},
      {"properties",
       {{"login", {{"type", "string"}}}, {"password", {{"type", "string"}, {"format", "password"}}}}}};
  s["Session"] = {
      {"type", "object"},
      {"required", {"csrf_token", "user"}},
      {"properties",
       {{"csrf_token", {{"type", "string"}, {"description", "Send as X-CSRF-Token on every write"}}},
        {"user", SchemaRef("User")}}}};

  s["MetaField"] = {
      {"type", "object"},
      {"properties",
       {{"name", {{"type", "string"}}},
        {"kind",
         {{"type", "string"},
          {"enum",
           {"text", "markdown", "integer", "decimal", "boolean", "datetime", "enum", "ref", "ref_list"}}}},
        {"label", StringLabel()},
        {"required", {{"type", "boolean"}}},
        {"default", json::object()},
        {"min", {{"type", {"number", "null"}}}},
        {"max", {{"type", {"number", "null"}}}},
        {"options",
         {{"type", "array"},
          {"items",
           {{"type", "object"}, {"properties", {{"id", {{"type", "string"}}}, {"label", StringLabel()}}}}}}},
        {"ref_type", {{"type", {"string", "null"}}}},
        {"filterable", {{"type", "boolean"}}},
        {"sortable", {{"type", "boolean"}}},
        {"searchable", {{"type", "boolean"}}},
        {"computed", {{"type", "boolean"}}},
        {"in_list", {{"type", "boolean"}}},
        {"unique", {{"type", "boolean"}}},
        {"writable", {{"type", "boolean"}}}}}};
  s["MetaType"] = {
      {"type", "object"},
      {"properties",
       {{"name", {{"type", "string"}}},
        {"label", StringLabel()},
        {"singular", StringLabel()},
        {"area", {{"type", "string"}, {"enum", {"support", "engage", "build", "improve", "platform"}}}},
        {"title_field", {{"type", "string"}}},
        {"default_sort", {{"type", "string"}}},
        {"permissions",
         {{"type", "object"},
          {"description", "What the current user may do"},
          {"properties",
           {{"read", {{"type", "boolean"}}},
            {"create", {{"type", "boolean"}}},
            {"update", {{"type", "boolean"}}},
            {"delete", {{"type", "boolean"}}}}}}},
        {"fields", {{"type", "array"}, {"items", SchemaRef("MetaField")}}}}}};
  s["Meta"] = {
      {"type", "object"},
      {"required", {"types", "user"}},
      {"properties",
       {{"types", {{"type", "array"}, {"items", SchemaRef("MetaType")}}}, {"user", SchemaRef("User")}}}};

  s["History"] = {{"type", "object"},
                  {"required", {"items"}},
                  {"properties",
                   {{"items",
                     {{"type", "array"},
                      {"items",
                       {{"type", "object"},
                        {"properties",
                         {{"version", {{"type", "integer"}}},
                          {"at", {{"type", "string"}, {"format", "date-time"}}},
                          {"user_id", {{"type", "integer"}}},
                          {"login", {{"type", "string"}}},
                          {"field", {{"type", "string"}}},
                          {"old", {{"description", "Value before the change, any JSON type"}}},
                          {"new", {{"description", "Value after the change, any JSON type"}}}}}}}}}}}};

  s["Trace"] = {{"type", "object"},
                {"required", {"nodes", "edges"}},
                {"properties",
                 {{"nodes",
                   {{"type", "array"},
                    {"items",
                     {{"type", "object"},
                      {"properties",
                       {{"type", {{"type", "string"}}},
                        {"id", {{"type", "integer"}}},
                        {"title", {{"type", "string"}}},
                        {"depth", {{"type", "integer"}, {"minimum", 0}}},
                        {"facts",
                         {{"type", "object"},
                          {"description", "Where the record stands: its list-column choices (status, phase, "
                                          "measured effect) by field name"},
                          {"additionalProperties", {{"type", "string"}}}}}}}}}}},
                  {"edges",
                   {{"type", "array"},
                    {"items",
                     {{"type", "object"},
                      {"properties",
                       {{"id", {{"type", "integer"}}},
                        {"from_type", {{"type", "string"}}},
                        {"from_id", {{"type", "integer"}}},
                        {"kind", {{"type", "string"}}},
                        {"to_type", {{"type", "string"}}},
                        {"to_id", {{"type", "integer"}}}}}}}}}}}};

  s["Counts"] = {{"type", "object"},
                 {"required", {"items"}},
                 {"properties",
                  {{"items",
                    {{"type", "array"},
                     {"items",
                      {{"type", "object"},
                       {"required", {"key", "count"}},
                       {"properties",
                        {{"key", {{"description", "The field's value (null for records without one)"}}},
                         {"count", {{"type", "integer"}, {"minimum", 0}}}}}}}}}}}};

  s["Audit"] = {{"type", "object"},
                {"required", {"items", "total"}},
                {"properties",
                 {{"items",
                   {{"type", "array"},
                    {"items",
                     {{"type", "object"},
                      {"properties",
                       {{"at", {{"type", "string"}, {"format", "date-time"}}},
                        {"user_id", {{"type", "integer"}}},
                        {"login", {{"type", "string"}}},
                        {"event", {{"type", "string"}}},
                        {"detail", {{"type", "string"}}},
                        {"ip", {{"type", "string"}}}}}}}}},
                  {"total", {{"type", "integer"}, {"minimum", 0}}}}}};

  s["Health"] = {{"type", "object"},
                 {"required", {"status"}},
                 {"properties", {{"status", {{"type", "string"}, {"enum", {"ok"}}}}}}};
  return s;
}

json SharedParameters() {
  return {
      {"Limit",
       QueryParam("limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxLimit}, {"default", 50}},
                  "Page size")},
      {"Offset",
       QueryParam("offset", {{"type", "integer"}, {"minimum", 0}, {"default", 0}}, "Records to skip")},
      {"Format", QueryParam("format", {{"type", "string"}, {"enum", {"json", "csv"}}, {"default", "json"}},
                            "csv: every matching record (all pages, same filters, sort and scope; at most 50000, "
                            "413 beyond) as RFC 4180 CSV with a UTF-8 byte order mark, enum values as labels, "
                            "references as titles, and cells starting with = + - @ prefixed with a quote")},
      {"Lang", QueryParam("lang", {{"type", "string"}, {"enum", {"fr", "en"}}},
                          "Language of CSV labels; default from Accept-Language, then the user's profile")},
      {"Search", QueryParam("q", {{"type", "string"}, {"maxLength", kMaxSearchChars}},
                            "Full-text search over searchable fields")},
      {"IfMatch",
       {{"name", "If-Match"},
        {"in", "header"},
        {"required", false},
        {"description", "The version last read (e.g. 3); a stale one answers 412"},
        {"schema", {{"type", "string"}}}}},
  };
}

json SharedResponses() {
  const json err = SchemaRef("Error");
  return {
      {"BadRequest", Response("Invalid input: every field error is in details", err)},
      {"Unauthorized", Response("Not logged in, or the token is unknown", err)},
      {"Forbidden", Response("The role may not do this, or the CSRF token is missing", err)},
      {"NotFound", Response("No such record, or not visible to the caller", err)},
      {"Conflict", Response("Stale version (error.current_version) or a unique value already taken", err)},
      {"PreconditionFailed", Response("The If-Match version is stale (error.current_version)", err)},
      {"TooLarge", Response("Request body too large", err)},
      {"TooManyRequests", Response("Too many attempts; retry after the Retry-After header", err)},
      {"InternalError", Response("Unexpected error; error.error_id identifies it in the logs", err)},
  };
}

void AddPlatformPaths(json& paths) {
  const json everyone = RoleNames();

  json login = Operation("createSession", "Log in", "session");
  login["security"] = json::array();
  login["requestBody"] = {{"required", true}, {"content", JsonContent(SchemaRef("SessionRequest"))}};
  login["responses"] = {
      {"200",
       {{"description", "Logged in; sets the boucle_session cookie (HttpOnly, SameSite=Strict)"},
        {"headers",
         {{"Set-Cookie",
           {{"schema", {{"type", "string"}}}, {"description", "boucle_session=...; HttpOnly"}}}}},
        {"content", JsonContent(SchemaRef("Session"))}}}};
  AddErrors(login["responses"], {"400", "401", "429"});

  json current = Operation("getSession", "The logged-in user and CSRF token", "session");
  current["security"] = json::array({{{"sessionCookie", json::array()}}});
  current["x-roles"] = everyone;
  current["responses"] = {{"200", Response("The current session", SchemaRef("Session"))}};
  AddErrors(current["responses"], {"401"});

  json logout = Operation("deleteSession", "Log out", "session");
  logout["security"] = json::array({{{"sessionCookie", json::array()}, {"csrfToken", json::array()}}});
  logout["x-roles"] = everyone;
  logout["responses"] = {{"204", NoContent()}};
  AddErrors(logout["responses"], {"401", "403"});

  paths["/api/v1/session"] = {
      {"post", std::move(login)}, {"get", std::move(current)}, {"delete", std::move(logout)}};

  json meta = Operation("getMeta", "Record types, their fields and the caller's permissions", "platform");
  meta["security"] = ReadSecurity();
  meta["x-roles"] = everyone;
  meta["responses"] = {{"200", Response("Descriptions of every record type", SchemaRef("Meta"))}};
  AddErrors(meta["responses"], {"401"});
  paths["/api/v1/meta"] = {{"get", std::move(meta)}};

  json audit = Operation("listAudit", "Security and administration events", "platform");
  audit["parameters"] = json::array({ParamRef("Limit"), ParamRef("Offset")});
  audit["security"] = ReadSecurity();
  audit["x-roles"] = json::array({RoleName(Role::kAdmin)});
  audit["responses"] = {{"200", Response("One page of events, newest first", SchemaRef("Audit"))}};
  AddErrors(audit["responses"], {"400", "401", "403"});
  paths["/api/v1/audit"] = {{"get", std::move(audit)}};

  json spec = Operation("getOpenApi", "This document", "platform");
  spec["security"] = json::array();
  spec["responses"] = {{"200", Response("OpenAPI 3.1", {{"type", "object"}})}};
  paths["/api/v1/openapi.json"] = {{"get", std::move(spec)}};

  json health = Operation("getHealth", "Liveness probe", "platform");
  health["security"] = json::array();
  health["responses"] = {{"200", Response("The server answers", SchemaRef("Health"))}};
  paths["/healthz"] = {{"get", std::move(health)}};

  json metrics = Operation("getMetrics", "Prometheus metrics (scrape with an admin's API token)", "platform");
  metrics["security"] = ReadSecurity();
  metrics["x-roles"] = json::array({RoleName(Role::kAdmin)});
  metrics["responses"] = {
      {"200",
       {{"description", "Prometheus text exposition format 0.0.4"},
        {"content", {{"text/plain; version=0.0.4", {{"schema", {{"type", "string"}}}}}}}}}};
  AddErrors(metrics["responses"], {"401", "403"});
  paths["/metrics"] = {{"get", std::move(metrics)}};
}

}  // namespace

std::string OpenApiSchemaName(std::string_view type_name) {
  std::string out;
  bool upper = true;
  for (char c : type_name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

namespace {

// Reports answer a table: columns and rows, plus a summary.
void AddReportPaths(json& paths, const Registry& registry) {
  for (const auto& r : registry.Reports()) {
    json op = Operation("report_" + r.name, r.label.en, "reports");
    json params = json::array();
    for (const auto& p : r.params) params.push_back(QueryParam(p, {{"type", "string"}}, "Filter"));
    if (r.paged) {
      params.push_back(QueryParam("limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}},
                                  "Rows of one page (all rows when absent)"));
      params.push_back(QueryParam("offset", {{"type", "integer"}, {"minimum", 0}}, "Rows skipped before the page"));
    }
    params.push_back(ParamRef("Format"));
    params.push_back(ParamRef("Lang"));
    op["parameters"] = std::move(params);
    op["security"] = ReadSecurity();
    op["x-roles"] = Names(r.roles);
    op["responses"] = {{"200", Response("Columns, rows and a summary",
                                        {{"type", "object"},
                                         {"properties",
                                          {{"columns", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                                           {"rows", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                                           {"summary", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                                           {"total", {{"type", "integer"}}}}}})}};
    op["responses"]["200"]["content"]["text/csv"] = CsvContent();
    AddErrors(op["responses"], {"400", "401", "403"});
    paths["/api/v1/reports/" + r.name] = {{"get", std::move(op)}};
  }
}

// Public forms: no account, the key of a personal link; one-time links answer 410 once used or expired.
void AddPublicFormPaths(json& paths, json& tags, const Registry& registry) {
  if (registry.PublicForms().empty()) return;
  tags.push_back({{"name", "public"}, {"description", "Personal links answered without an account (rate-limited)"}});
  for (const auto& f : registry.PublicForms()) {
    const json key = {{"name", "key"}, {"in", "path"}, {"required", true},
                      {"description", "The secret of the personal link"}, {"schema", {{"type", "string"}}}};
    json read = Operation("public_read_" + f.name, f.label.en + ": what the link shows", "public");
    read["security"] = json::array();
    read["x-roles"] = json::array({"public"});
    read["parameters"] = json::array({key});
    read["responses"] = {{"200", Response("The form, in the recipient's language", {{"type", "object"}})},
                         {"410", Response("The link was already used or has expired", SchemaRef("Error"))}};
    AddErrors(read["responses"], {"404", "429"});
    json submit = Operation("public_submit_" + f.name, f.label.en + ": answer once", "public");
    submit["security"] = json::array();
    submit["x-roles"] = json::array({"public"});
    submit["parameters"] = json::array({key});
    submit["requestBody"] = {{"required", true}, {"content", JsonContent({{"type", "object"}})}};
    submit["responses"] = {{"200", Response("Recorded", {{"type", "object"}})},
                           {"410", Response("The link was already used or has expired", SchemaRef("Error"))}};
    AddErrors(submit["responses"], {"400", "404", "429"});
    paths["/api/v1/public/" + f.name + "/{key}"] = {{"get", std::move(read)}, {"post", std::move(submit)}};
  }
}

// KPIs (improve/kpi.hpp): definitions with their value, and one KPI by group and period.
void AddKpiPaths(json& paths) {
  const json staff = Names(RoleSet::Staff());
  const json point = {{"type", "object"},
                      {"description", "One value; `query` is the list (type and filters) of the records behind it"},
                      {"properties",
                       {{"group", {}},
                        {"period", {{"type", "string"}}},
                        {"start", {{"type", "string"}, {"format", "date-time"}}},
                        {"end", {{"type", "string"}, {"format", "date-time"}}},
                        {"n", {{"type", "integer"}}},
                        {"value", {{"type", {"number", "null"}}}},
                        {"status", {{"type", "string"}, {"enum", {"ok", "warning", "critical", "none", "unknown"}}}},
                        {"query",
                         {{"type", "object"},
                          {"properties",
                           {{"type", {{"type", "string"}}},
                            {"params", {{"type", "array"}, {"items", {{"type", "array"}}}}},
                            {"search", {{"type", "string"}}}}}}}}}};
  json list = Operation("listKpis", "Every KPI definition with its target, thresholds, value and status", "kpis");
  list["security"] = ReadSecurity();
  list["x-roles"] = staff;
  list["responses"] = {{"200", Response("Definitions with their current value and status",
                                        {{"type", "object"},
                                         {"properties", {{"kpis", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}})}};
  AddErrors(list["responses"], {"400", "401", "403"});
  paths["/api/v1/kpis"] = {{"get", std::move(list)}};

  json one = Operation("getKpi", "One KPI by group and period, every point with the list query of its records", "kpis");
  one["parameters"] = json::array(
      {{{"name", "kpi"}, {"in", "path"}, {"required", true}, {"description", "The KPI's id"}, {"schema", {{"type", "string"}}}},
       QueryParam("group", {{"type", "string"}}, "A field to group by (service, category, priority...); none: no grouping"),
       QueryParam("period", {{"type", "string"}, {"enum", {"week", "month", "none"}}}, "Periods of the series (month)"),
       {{"name", "filters"},
        {"in", "query"},
        {"description", "List filters of the KPI's source (field=value, field__gte=..., field__in=a,b)"},
        {"style", "form"},
        {"explode", true},
        {"schema", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}}}});
  one["security"] = ReadSecurity();
  one["x-roles"] = staff;
  one["responses"] = {
      {"200", Response("The definition, the value over all, the series per group and the groups",
                       {{"type", "object"},
                        {"properties",
                         {{"kpi", {{"type", "object"}}},
                          {"value", {{"type", {"number", "null"}}}},
                          {"status", {{"type", "string"}}},
                          {"query", point["properties"]["query"]},
                          {"series",
                           {{"type", "array"},
                            {"items",
                             {{"type", "object"},
                              {"properties", {{"group", {}}, {"label", {{"type", "object"}}}, {"points", {{"type", "array"}, {"items", point}}}}}}}}},
                          {"groups", {{"type", "array"}, {"items", point}}}}}})}};
  AddErrors(one["responses"], {"400", "401", "403", "404"});
  paths["/api/v1/kpis/{kpi}"] = {{"get", std::move(one)}};

  json check = Operation("checkKpi",
                         "PDCA Check: the KPI before and after a change, with a significance test and a verdict", "kpis");
  check["parameters"] = json::array(
      {{{"name", "kpi"}, {"in", "path"}, {"required", true}, {"description", "The KPI's id"}, {"schema", {{"type", "string"}}}},
       QueryParam("change_at", {{"type", "string"}, {"format", "date-time"}}, "When the change took effect (required, in the past)"),
       QueryParam("window_days", {{"type", "integer"}, {"minimum", 7}, {"maximum", 730}},
                  "Length of the baseline window before and of the window after (90)"),
       {{"name", "filters"},
        {"in", "query"},
        {"description", "List filters of the KPI's source, e.g. service=3"},
        {"style", "form"},
        {"explode", true},
        {"schema", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}}}});
  check["security"] = ReadSecurity();
  check["x-roles"] = staff;
  const json window = {{"type", "object"},
                       {"properties",
                        {{"from", {{"type", "string"}}}, {"to", {{"type", "string"}}}, {"value", {{"type", {"number", "null"}}}},
                         {"n", {{"type", "integer"}}}, {"weeks", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}};
  check["responses"] = {
      {"200", Response("Both windows, the test (two proportions for shares, Welch on weekly values otherwise) and the verdict",
                       {{"type", "object"},
                        {"properties",
                         {{"baseline", window},
                          {"after", window},
                          {"test", {{"type", {"object", "null"}}}},
                          {"verdict", {{"type", "string"}, {"enum", {"improved", "worsened", "no_significant_change", "not_enough_data"}}}},
                          {"target_met", {{"type", {"boolean", "null"}}}}}}})}};
  AddErrors(check["responses"], {"400", "401", "403", "404"});
  paths["/api/v1/kpis/{kpi}/check"] = {{"get", std::move(check)}};
}

}  // namespace

nlohmann::json BuildOpenApi(const Registry& registry, std::string_view version) {
  json paths = json::object();
  json schemas = SharedSchemas();
  json tags =
      json::array({{{"name", "session"}, {"description", "Log in and out"}},
                   {{"name", "platform"}, {"description", "Descriptions, audit, health and metrics"}}});
  AddPlatformPaths(paths);
  AddReportPaths(paths, registry);
  AddPublicFormPaths(paths, tags, registry);
  AddKpiPaths(paths);
  for (const TypeSpec& t : registry.All()) AddTypePaths(paths, schemas, tags, t);

  return {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Boucle"},
        {"version", std::string(version)},
        {"description",
         "IT service management. Every record type has the same routes, derived from its description. "
         "Errors share one envelope (Error). Browsers send X-CSRF-Token on every POST, PATCH and DELETE."}}},
      {"servers", json::array({{{"url", "/"}}})},
      {"tags", std::move(tags)},
      {"security", ReadSecurity()},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", std::move(schemas)},
        {"parameters", SharedParameters()},
        {"responses", SharedResponses()},
        {"securitySchemes",
         {{"bearerAuth",
           {{"type", "http"},
            {"scheme", "bearer"},
            {"description", "An API token from `boucle user token`"}}},
          {"sessionCookie",
           {{"type", "apiKey"},
            {"in", "cookie"},
            {"name", "boucle_session"},
            {"description", "Set by POST /api/v1/session"}}},
          {"csrfToken",
           {{"type", "apiKey"},
            {"in", "header"},
            {"name", "X-CSRF-Token"},
            {"description", "The csrf_token of the session, required with the cookie on writes"}}}}}}},
  };
}

}  // namespace boucle
