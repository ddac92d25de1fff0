// Every route against every role: deny by default, allow exactly what the descriptions allow.
#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

bool Expected(const http::RouteInfo& route, const TypeSpec* type, Role role, const ActionSpec* action,
              const ReportSpec* report) {
  if (action) return action->roles.Has(role) && type->read_roles.Has(role);
  if (!route.needs_auth) return true;
  if (route.pattern == "/metrics" || route.pattern == "/api/v1/audit") return role == Role::kAdmin;
  if (route.pattern.starts_with("/api/v1/kpis")) return RoleSet::Staff().Has(role);
  if (report) return report->roles.Has(role);
  if (!type) return true;  // the caller's own session and the descriptions
  if (route.method == "POST") return type->create_roles.Has(role);
  if (route.method == "PATCH") return type->update_roles.Has(role);
  if (route.method == "DELETE") return type->delete_roles.Has(role);
  return type->read_roles.Has(role);
}

std::string Fill(std::string pattern, const std::string& type, const std::string& action) {
  if (auto p = pattern.find("{action}"); p != std::string::npos) pattern.replace(p, 8, action);
  if (auto p = pattern.find("{type}"); p != std::string::npos) pattern.replace(p, 6, type);
  if (auto p = pattern.find("{id}"); p != std::string::npos) pattern.replace(p, 4, "999999");
  // Public forms (anyone, no session): the survey form with a link that was never issued.
  if (auto p = pattern.find("{form}"); p != std::string::npos) pattern.replace(p, 6, "surveys");
  if (auto p = pattern.find("{key}"); p != std::string::npos) pattern.replace(p, 5, std::string(43, 'k'));
  if (auto p = pattern.find("{kpi}"); p != std::string::npos) pattern.replace(p, 5, "sla_compliance");
  if (pattern.ends_with("/count")) pattern += "?field=id";
  return pattern;
}

TEST(RouteRoles, EveryRouteAgainstEveryRole) {
  TestApp app;
  std::map<Role, std::string> tokens;
  for (Role r : kAllRoles) tokens[r] = app.TokenFor(std::string(RoleName(r)) + "_user", r);
  int checked = 0;
  for (const auto& route : app.api->Routes()) {
    std::vector<const TypeSpec*> types{nullptr};
    if (route.pattern.find("{type}") != std::string::npos) {
      types.clear();
      for (const auto& t : app.registry.All()) types.push_back(&t);
    }
    for (const TypeSpec* type : types) {
     std::vector<const ActionSpec*> actions{nullptr};
     if (route.pattern.find("{action}") != std::string::npos) {
       actions.clear();
       for (const auto& a : type->actions) actions.push_back(&a);
     }
     for (const ActionSpec* action : actions) {
      const std::string target = Fill(route.pattern, type ? type->name : "", action ? action->name : "");
      for (Role role : kAllRoles) {
        if (route.method == "DELETE" && route.pattern == "/api/v1/session") continue;  // would end the token's use
        if (route.pattern == "/api/v1/reports/{report}") continue;                     // per report, below
        auto reply = app.Call(route.method, target, route.method == "POST" || route.method == "PATCH" ? "{}" : "",
                              {{"authorization", "Bearer " + tokens[role]}});
        const bool allowed = Expected(route, type, role, action, nullptr);
        if (allowed) {
          EXPECT_NE(reply.status, 401) << route.method << " " << target << " as " << RoleName(role);
          EXPECT_NE(reply.status, 403) << route.method << " " << target << " as " << RoleName(role) << ": " << reply.body;
        } else {
          EXPECT_EQ(reply.status, 403) << route.method << " " << target << " as " << RoleName(role) << ": " << reply.body;
        }
        EXPECT_LT(reply.status, 500) << route.method << " " << target << ": " << reply.body;
        ++checked;
      }
      if (route.needs_auth) {
        auto anonymous = app.Call(route.method, target, route.method == "POST" || route.method == "PATCH" ? "{}" : "");
        EXPECT_EQ(anonymous.status, 401) << route.method << " " << target;
      } else if (route.pattern.rfind("/api/v1/public/", 0) == 0) {
        auto anonymous = app.Call(route.method, target, route.method == "POST" ? "{}" : "");
        EXPECT_EQ(anonymous.status, 404) << route.method << " " << target << ": " << anonymous.body;  // unknown link
      }
     }
    }
  }
  for (const auto& report : app.registry.Reports()) {
    for (Role role : kAllRoles) {
      auto reply = app.Call("GET", "/api/v1/reports/" + report.name, "", {{"authorization", "Bearer " + tokens[role]}});
      if (Expected({"GET", "/api/v1/reports/{report}", true}, nullptr, role, nullptr, &report)) {
        EXPECT_EQ(reply.status, 200) << report.name << " as " << RoleName(role) << ": " << reply.body;
      } else {
        EXPECT_EQ(reply.status, 403) << report.name << " as " << RoleName(role);
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 300);
}

}  // namespace
}  // namespace boucle::testing
