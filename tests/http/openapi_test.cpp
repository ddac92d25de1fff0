#include "http/openapi.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "record/describe.hpp"

namespace boucle {
namespace {

using nlohmann::json;

Registry SmallRegistry() {
  Registry r;
  r.Add(Describe("users")
            .Labels({"Utilisateurs", "Users"}, {"Utilisateur", "User"})
            .Title("login")
            .Read(RoleSet::All())
            .Create({Role::kAdmin})
            .Update({Role::kAdmin})
            .Delete({Role::kAdmin})
            .Text("login", {"Identifiant", "Login"},
                  {.required = true, .filter = true, .sort = true, .unique = true})
            .Build());
  r.Add(Describe("spare_parts")
            .Labels({"Pièces", "Spare parts"}, {"Pièce", "Spare part"})
            .In(Area::kBuild)
            .Title("name")
            .Read(RoleSet::Staff())
            .Create({Role::kAdmin, Role::kAgent})
            .Update({Role::kAdmin, Role::kAgent, Role::kTeamLead})
            .Delete({Role::kAdmin})
            .Text("name", {"Nom", "Name"},
                  {.required = true, .filter = true, .sort = true, .min = 2, .max = 80})
            .Markdown("notes", {"Notes", "Notes"})
            .Integer("stock", {"Stock", "Stock"},
                     {.required = true, .filter = true, .def = 0, .min = 0, .max = 1000})
            .Decimal("price", {"Prix", "Price"}, {.filter = true, .min = 0})
            .Boolean("obsolete", {"Obsolète", "Obsolete"}, {.filter = true})
            .DateTime("ordered_at", {"Commandée le", "Ordered at"}, {.sort = true})
            .Enum("state", {"État", "State"},
                  {{"new", {"Neuve", "New"}}, {"used", {"Usagée", "Used"}}, {"broken", {"Cassée", "Broken"}}},
                  {.required = true, .filter = true})
            .Ref("owner", {"Responsable", "Owner"}, "users", {.filter = true, .write = {Role::kAdmin}})
            .RefList("watchers", {"Observateurs", "Watchers"}, "users", {.filter = true})
            .Integer("score", {"Score", "Score"}, {.filter = true, .computed = true})
            .Build());
  r.Validate();
  return r;
}

class OpenApiTest : public ::testing::Test {
 protected:
  Registry registry_ = SmallRegistry();
  json doc_ = BuildOpenApi(registry_, "1.2.3");
  const json& Schema(const std::string& name) { return doc_["components"]["schemas"][name]; }
};

std::set<std::string> Strings(const json& array) {
  std::set<std::string> out;
  for (const auto& v : array) out.insert(v.get<std::string>());
  return out;
}

TEST(OpenApiNameTest, SchemaNames) {
  EXPECT_EQ(OpenApiSchemaName("tickets"), "Tickets");
  EXPECT_EQ(OpenApiSchemaName("spare_parts"), "SpareParts");
  EXPECT_EQ(OpenApiSchemaName("feedback"), "Feedback");
}

TEST_F(OpenApiTest, Header) {
  EXPECT_EQ(doc_["openapi"], "3.1.0");
  EXPECT_EQ(doc_["info"]["version"], "1.2.3");
  const json& schemes = doc_["components"]["securitySchemes"];
  EXPECT_EQ(schemes["bearerAuth"]["type"], "http");
  EXPECT_EQ(schemes["bearerAuth"]["scheme"], "bearer");
  EXPECT_EQ(schemes["sessionCookie"]["in"], "cookie");
  EXPECT_EQ(schemes["sessionCookie"]["name"], "boucle_session");
  EXPECT_EQ(schemes["csrfToken"]["name"], "X-CSRF-Token");
  // The document must survive serialisation (no invalid UTF-8 in labels, for instance).
  json reparsed;
  EXPECT_NO_THROW(reparsed = json::parse(doc_.dump()));
  EXPECT_EQ(reparsed, doc_);
}

TEST_F(OpenApiTest, PlatformRoutes) {
  const json& p = doc_["paths"];
  for (const char* m : {"post", "get", "delete"}) EXPECT_TRUE(p["/api/v1/session"].contains(m)) << m;
  EXPECT_TRUE(p["/api/v1/session"]["post"]["security"].empty());
  EXPECT_EQ(p["/api/v1/session"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/SessionRequest");
  EXPECT_TRUE(p["/api/v1/session"]["post"]["responses"].contains("429"));
  EXPECT_TRUE(p["/api/v1/meta"].contains("get"));
  EXPECT_TRUE(p["/api/v1/openapi.json"].contains("get"));
  EXPECT_TRUE(p["/healthz"].contains("get"));
  EXPECT_TRUE(p["/metrics"]["get"]["responses"]["200"]["content"].contains("text/plain; version=0.0.4"));
  EXPECT_EQ(p["/api/v1/audit"]["get"]["x-roles"], json::array({"admin"}));
}

TEST_F(OpenApiTest, EveryTypeHasItsEightOperations) {
  const std::vector<std::pair<std::string, std::string>> ops = {
      {"", "get"},
      {"", "post"},
      {"/{id}", "get"},
      {"/{id}", "patch"},
      {"/{id}", "delete"},
      {"/{id}/history", "get"},
      {"/{id}/trace", "get"},
      {"/count", "get"},
  };
  for (const auto& t : registry_.All()) {
    int found = 0;
    for (const auto& [suffix, method] : ops) {
      const std::string path = "/api/v1/" + t.name + suffix;
      ASSERT_TRUE(doc_["paths"].contains(path)) << path;
      const json& op = doc_["paths"][path];
      if (!op.contains(method)) {
        ADD_FAILURE() << method << " " << path;
        continue;
      }
      ++found;
      EXPECT_TRUE(op[method].contains("x-roles")) << method << " " << path;
      EXPECT_TRUE(op[method]["responses"].contains("default")) << method << " " << path;
      EXPECT_EQ(op[method]["tags"], json::array({t.name}));
    }
    EXPECT_EQ(found, 8) << t.name;
  }
  // operationIds are unique across the document: generated clients name functions after them.
  std::set<std::string> ids;
  size_t total = 0;
  for (const auto& [path, item] : doc_["paths"].items())
    for (const auto& [method, op] : item.items())
      if (method != "parameters") {
        ids.insert(op["operationId"].get<std::string>());
        ++total;
      }
  EXPECT_EQ(ids.size(), total);
  EXPECT_EQ(total, 2u * 8u + 11u);  // two types, plus session x3, meta, audit, openapi, healthz, metrics, kpis x3
}

TEST_F(OpenApiTest, RolesComeFromTheDescription) {
  const json& p = doc_["paths"];
  EXPECT_EQ(Strings(p["/api/v1/spare_parts"]["get"]["x-roles"]),
            (std::set<std::string>{"admin", "agent", "team_lead", "finance", "developer"}));
  EXPECT_EQ(Strings(p["/api/v1/spare_parts"]["post"]["x-roles"]), (std::set<std::string>{"admin", "agent"}));
  EXPECT_EQ(Strings(p["/api/v1/spare_parts/{id}"]["patch"]["x-roles"]),
            (std::set<std::string>{"admin", "agent", "team_lead"}));
  EXPECT_EQ(Strings(p["/api/v1/spare_parts/{id}"]["delete"]["x-roles"]), (std::set<std::string>{"admin"}));
  EXPECT_EQ(Strings(p["/api/v1/spare_parts/{id}/history"]["get"]["x-roles"]).size(), 5u);
  EXPECT_EQ(Strings(p["/api/v1/users"]["get"]["x-roles"]).size(), 6u);
  // Writes with the cookie need the CSRF header too.
  EXPECT_EQ(p["/api/v1/spare_parts"]["post"]["security"][1],
            (json{{"sessionCookie", json::array()}, {"csrfToken", json::array()}}));
}

TEST_F(OpenApiTest, CreateSchema) {
  EXPECT_EQ(doc_["paths"]["/api/v1/spare_parts"]["post"]["requestBody"]["content"]["application/json"]
                ["schema"]["$ref"],
            "#/components/schemas/SparePartsCreate");
  const json& s = Schema("SparePartsCreate");
  EXPECT_EQ(s["type"], "object");
  EXPECT_EQ(s["additionalProperties"], false);
  // stock is required but has a default, so a client may leave it out.
  EXPECT_EQ(Strings(s["required"]), (std::set<std::string>{"name", "state"}));
  const json& p = s["properties"];
  EXPECT_FALSE(p.contains("score"));  // computed
  EXPECT_FALSE(p.contains("id"));
  EXPECT_FALSE(p.contains("version"));
  EXPECT_EQ(p.size(), 9u);

  EXPECT_EQ(p["name"]["type"], "string");
  EXPECT_EQ(p["name"]["minLength"], 2);
  EXPECT_EQ(p["name"]["maxLength"], 80);
  EXPECT_EQ(p["notes"]["type"], json::array({"string", "null"}));
  EXPECT_EQ(p["notes"]["maxLength"], 65536);
  EXPECT_EQ(p["stock"]["type"], "integer");
  EXPECT_EQ(p["stock"]["minimum"], 0);
  EXPECT_EQ(p["stock"]["maximum"], 1000);
  EXPECT_EQ(p["stock"]["default"], 0);
  EXPECT_EQ(p["price"]["type"], json::array({"number", "null"}));
  EXPECT_EQ(p["price"]["minimum"], 0.0);
  EXPECT_FALSE(p["price"].contains("maximum"));
  EXPECT_EQ(p["obsolete"]["type"], json::array({"boolean", "null"}));
  EXPECT_EQ(p["ordered_at"]["format"], "date-time");
  EXPECT_EQ(p["state"]["type"], "string");
  EXPECT_EQ(p["state"]["enum"], json::array({"new", "used", "broken"}));
  EXPECT_EQ(p["owner"]["type"], json::array({"integer", "null"}));
  EXPECT_NE(p["owner"]["description"].get<std::string>().find("users"), std::string::npos);
  EXPECT_EQ(p["owner"]["x-write-roles"], json::array({"admin"}));
  EXPECT_EQ(p["watchers"]["type"], json::array({"array", "null"}));
  EXPECT_EQ(p["watchers"]["items"]["type"], "integer");
}

TEST_F(OpenApiTest, UpdateSchemaAndIfMatch) {
  const json& s = Schema("SparePartsUpdate");
  EXPECT_FALSE(s.contains("required"));
  EXPECT_EQ(s["additionalProperties"], false);
  EXPECT_EQ(s["properties"]["version"]["type"], "integer");
  EXPECT_FALSE(s["properties"].contains("score"));
  EXPECT_EQ(s["properties"]["state"]["enum"], json::array({"new", "used", "broken"}));
  const json& patch = doc_["paths"]["/api/v1/spare_parts/{id}"]["patch"];
  EXPECT_EQ(patch["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/SparePartsUpdate");
  EXPECT_EQ(patch["parameters"][0]["$ref"], "#/components/parameters/IfMatch");
  EXPECT_EQ(doc_["components"]["parameters"]["IfMatch"]["in"], "header");
  EXPECT_EQ(doc_["components"]["parameters"]["IfMatch"]["name"], "If-Match");
  for (const char* status : {"200", "400", "409", "412"})
    EXPECT_TRUE(patch["responses"].contains(status)) << status;
}

TEST_F(OpenApiTest, RecordAndListSchemas) {
  const json& r = Schema("SpareParts");
  for (const char* f :
       {"id", "created_at", "updated_at", "created_by", "version", "score", "name", "watchers"})
    EXPECT_TRUE(r["properties"].contains(f)) << f;
  EXPECT_EQ(r["properties"]["created_at"]["format"], "date-time");
  EXPECT_EQ(r["properties"]["score"]["readOnly"], true);
  EXPECT_TRUE(Strings(r["required"]).contains("version"));
  const json& l = Schema("SparePartsList");
  EXPECT_EQ(Strings(l["required"]), (std::set<std::string>{"items", "total", "titles"}));
  EXPECT_EQ(l["properties"]["items"]["items"]["$ref"], "#/components/schemas/SpareParts");
  const json& e = Schema("Error");
  EXPECT_EQ(e["required"], json::array({"error"}));
  for (const char* f : {"code", "message", "field", "details"})
    EXPECT_TRUE(e["properties"]["error"]["properties"].contains(f)) << f;
}

TEST_F(OpenApiTest, ListParameters) {
  const json& params = doc_["paths"]["/api/v1/spare_parts"]["get"]["parameters"];
  std::set<std::string> names;
  const json* filters = nullptr;
  const json* sort = nullptr;
  for (const auto& p : params) {
    const json& resolved =
        p.contains("$ref") ? doc_["components"]["parameters"][p["$ref"].get<std::string>().substr(24)] : p;
    names.insert(resolved["name"].get<std::string>());
    if (resolved["name"] == "filters") filters = &p;
    if (resolved["name"] == "sort") sort = &p;
  }
  EXPECT_EQ(names, (std::set<std::string>{"limit", "offset", "sort", "q", "format", "lang", "filters", "name", "stock", "price",
                                          "obsolete", "state", "owner", "watchers", "score"}));
  ASSERT_NE(filters, nullptr);
  const std::string pattern = (*filters)["schema"]["propertyNames"]["pattern"];
  for (const char* suffix : {"__gte", "__lte", "__in", "__ne"})
    EXPECT_NE((*filters)["description"].get<std::string>().find(suffix), std::string::npos) << suffix;
  EXPECT_NE(pattern.find("stock"), std::string::npos);
  EXPECT_EQ(pattern.find("notes"), std::string::npos);  // not filterable
  ASSERT_NE(sort, nullptr);
  EXPECT_TRUE(Strings((*sort)["schema"]["enum"]).contains("-ordered_at"));
  EXPECT_FALSE(Strings((*sort)["schema"]["enum"]).contains("stock"));  // not sortable

  const json& count = doc_["paths"]["/api/v1/spare_parts/count"]["get"]["parameters"][0];
  EXPECT_EQ(count["name"], "field");
  EXPECT_EQ(count["required"], true);
  EXPECT_EQ(Strings(count["schema"]["enum"]),
            (std::set<std::string>{"name", "stock", "price", "obsolete", "state", "owner", "score"}));
}

void CollectRefs(const json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (k == "$ref" && v.is_string())
        out.push_back(v.get<std::string>());
      else
        CollectRefs(v, out);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) CollectRefs(v, out);
  }
}

TEST_F(OpenApiTest, EveryRefResolves) {
  std::vector<std::string> refs;
  CollectRefs(doc_, refs);
  EXPECT_GT(refs.size(), 50u);
  for (const auto& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
    EXPECT_FALSE(doc_.value(json::json_pointer(ref.substr(1)), json()).is_null()) << ref;
  }
}

TEST(OpenApiEmptyTest, NoTypesStillValid) {
  const json doc = BuildOpenApi(Registry{}, "0");
  EXPECT_EQ(doc["paths"].size(), 9u);
  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
}

}  // namespace
}  // namespace boucle
