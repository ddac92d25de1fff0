// The same contract for every registered record type, generated from its description: a new type
// gets these tests without writing any (create, read, list, filter, stale update, history,
// unknown field named, role denied, OpenAPI coverage).
#include <gtest/gtest.h>

#include "http/openapi.hpp"
#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class Conformance : public ::testing::TestWithParam<std::string> {
 protected:
  // A valid body built from the description alone; references get records of their own.
  json ValidBody(const TypeSpec& type, int depth = 0) {
    if (type.name == "links") {
      auto a = Create(*app.registry.Find("services"), depth + 1);
      auto b = Create(*app.registry.Find("services"), depth + 1);
      return {{"from_type", "services"}, {"from_id", a}, {"kind", "relates_to"}, {"to_type", "services"}, {"to_id", b}};
    }
    json body = json::object();
    if (type.name == "votes" || type.name == "comments") {  // on an idea: a demand of kind idea
      auto idea = app.As(admin, "POST", "/api/v1/demands", {{"kind", "idea"}, {"title", "Idée " + std::to_string(++serial_)}});
      body["idea"] = idea.json["id"];
      body[type.name == "votes" ? "stakeholder" : "author"] = Create(*app.registry.Find("stakeholders"), depth + 1);
      if (type.name == "comments") body["body"] = "Bonne idée";
      return body;
    }
    for (const auto& f : type.fields) {
      if (f.computed) continue;
      if (!f.required && f.kind != FieldKind::kRef) continue;
      if (!f.default_value.is_null()) continue;
      if (!f.example.is_null()) {
        body[f.name] = f.example;
        continue;
      }
      switch (f.kind) {
        case FieldKind::kText:
        case FieldKind::kMarkdown: body[f.name] = "Exemple " + f.name + " " + std::to_string(++serial_); break;
        case FieldKind::kInteger: body[f.name] = static_cast<int64_t>(f.min.value_or(1)); break;
        case FieldKind::kDecimal: body[f.name] = 1.5; break;
        case FieldKind::kBoolean: body[f.name] = true; break;
        case FieldKind::kDateTime: body[f.name] = "2026-03-01T08:30:00Z"; break;
        case FieldKind::kEnum: body[f.name] = f.options.front().id; break;
        case FieldKind::kRef:
          if (depth < 3 && f.ref_type != type.name && !f.unique) body[f.name] = Create(*app.registry.Find(f.ref_type), depth + 1);
          break;
        case FieldKind::kRefList: body[f.name] = json::array(); break;
      }
    }
    if (type.name == "consultations") body.erase("project");  // about a change or a project, not both
    return body;
  }

  int64_t Create(const TypeSpec& type, int depth = 0) {
    auto r = app.As(admin, "POST", "/api/v1/" + type.name, ValidBody(type, depth));
    EXPECT_EQ(r.status, 201) << type.name << ": " << r.body;
    return r.json.value("id", int64_t{0});
  }

  void SetUp() override { admin = app.TokenFor("admin", Role::kAdmin); }

  TestApp app;
  std::string admin;
  int serial_ = 0;
};

TEST_P(Conformance, CreateReadListUpdateHistory) {
  const TypeSpec& type = *app.registry.Find(GetParam());
  const std::string base = "/api/v1/" + type.name;
  const int64_t id = Create(type);
  ASSERT_GT(id, 0);
  auto got = app.As(admin, "GET", base + "/" + std::to_string(id));
  ASSERT_EQ(got.status, 200) << got.body;
  for (const char* meta : {"id", "created_at", "updated_at", "created_by", "version"})
    EXPECT_TRUE(got.json.contains(meta)) << type.name << " lacks " << meta;
  for (const auto& f : type.fields) EXPECT_TRUE(got.json.contains(f.name)) << type.name << "." << f.name;

  auto list = app.As(admin, "GET", base + "?limit=5&sort=-id");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_GE(list.json["total"].get<int64_t>(), 1);
  EXPECT_EQ(list.json["items"][0]["id"], id);

  // Every filterable enum filters; every sortable field sorts.
  for (const auto& f : type.fields) {
    if (f.filterable && f.kind == FieldKind::kEnum) {
      auto r = app.As(admin, "GET", base + "?" + f.name + "=" + f.options.front().id);
      EXPECT_EQ(r.status, 200) << type.name << "." << f.name << ": " << r.body;
    }
    if (f.sortable) {
      EXPECT_EQ(app.As(admin, "GET", base + "?sort=-" + f.name).status, 200) << f.name;
    }
  }

  // A change of the first editable text field makes a new version and a history entry.
  for (const auto& f : type.fields) {
    if (f.computed || f.kind != FieldKind::kText || f.unique || type.name == "links") continue;
    const std::string path = base + "/" + std::to_string(id);
    auto ok = app.As(admin, "PATCH", path, {{f.name, "Valeur changée"}, {"version", 1}});
    ASSERT_EQ(ok.status, 200) << type.name << ": " << ok.body;
    EXPECT_EQ(ok.json["version"], 2);
    auto stale = app.As(admin, "PATCH", path, {{f.name, "Autre valeur"}, {"version", 1}});
    EXPECT_EQ(stale.status, 409) << type.name;
    auto history = app.As(admin, "GET", path + "/history");
    ASSERT_EQ(history.status, 200);
    // Hooks may change computed fields in the same version; the edited field is among them.
    bool recorded = false;
    for (const auto& e : history.json["items"])
      if (e["version"] == 2 && e["field"] == f.name) recorded = e["new"] == "Valeur changée";
    EXPECT_TRUE(recorded) << type.name << ": " << history.body;
    break;
  }
}

TEST_P(Conformance, BadFieldsAreNamed) {
  const TypeSpec& type = *app.registry.Find(GetParam());
  json body = ValidBody(type);
  body["no_such_field"] = 1;
  auto r = app.As(admin, "POST", "/api/v1/" + type.name, body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "no_such_field");
  for (const auto& f : type.fields) {
    if (f.computed) continue;
    json wrong = ValidBody(type);
    wrong[f.name] = f.kind == FieldKind::kText || f.kind == FieldKind::kMarkdown ? json(123) : json("pas-bon");
    if (f.kind == FieldKind::kRefList) wrong[f.name] = "pas-une-liste";
    auto bad = app.As(admin, "POST", "/api/v1/" + type.name, wrong);
    EXPECT_EQ(bad.status, 400) << type.name << "." << f.name << ": " << bad.body;
    EXPECT_EQ(bad.json["error"]["field"], f.name) << type.name << "." << f.name << ": " << bad.body;
  }
}

TEST_P(Conformance, RolesOutsideTheDescriptionAreRefused) {
  const TypeSpec& type = *app.registry.Find(GetParam());
  for (Role role : kAllRoles) {
    if (type.create_roles.Has(role)) continue;
    auto token = app.TokenFor(std::string(RoleName(role)), role);
    auto r = app.As(token, "POST", "/api/v1/" + type.name, ValidBody(type));
    EXPECT_EQ(r.status, 403) << type.name << " as " << RoleName(role);
  }
}

TEST_P(Conformance, OpenApiDescribesTheType) {
  const TypeSpec& type = *app.registry.Find(GetParam());
  const json doc = BuildOpenApi(app.registry, "test");
  const std::string base = "/api/v1/" + type.name;
  ASSERT_TRUE(doc["paths"].contains(base));
  for (const char* m : {"get", "post"}) EXPECT_TRUE(doc["paths"][base].contains(m)) << type.name << " " << m;
  for (const char* m : {"get", "patch", "delete"}) EXPECT_TRUE(doc["paths"][base + "/{id}"].contains(m));
  const auto& schema = doc["components"]["schemas"][OpenApiSchemaName(type.name) + "Create"];
  for (const auto& f : type.fields) {
    if (f.computed) {
      EXPECT_FALSE(schema["properties"].contains(f.name)) << type.name << "." << f.name;
      continue;
    }
    EXPECT_TRUE(schema["properties"].contains(f.name)) << type.name << "." << f.name;
  }
}

std::vector<std::string> TypeNames() {
  std::vector<std::string> names;
  const Registry registry = BuildRegistry();
  for (const auto& t : registry.All()) names.push_back(t.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(EveryType, Conformance, ::testing::ValuesIn(TypeNames()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace boucle::testing
