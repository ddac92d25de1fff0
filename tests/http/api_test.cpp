#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = app.TokenFor("admin", Role::kAdmin);
    agent = app.TokenFor("agent", Role::kAgent);
    auto svc = app.As(admin, "POST", "/api/v1/services", {{"name", "Messagerie"}});
    ASSERT_EQ(svc.status, 201) << svc.body;
    service_id = svc.json["id"];
  }

  json NewTicket(const std::string& title = "Courriel en panne", const std::string& token = "") {
    auto r = app.As(token.empty() ? agent : token, "POST", "/api/v1/tickets",
                    {{"title", title}, {"service", service_id}, {"impact", "high"}, {"urgency", "high"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json;
  }

  TestApp app;
  std::string admin, agent;
  int64_t service_id = 0;
};

TEST_F(ApiTest, CreateComputesPriorityAndSlaDue) {
  auto t = NewTicket();
  EXPECT_EQ(t["priority"], "critical");
  EXPECT_EQ(t["status"], "new");
  EXPECT_EQ(t["version"], 1);
  EXPECT_EQ(t["created_at"], "2026-03-02T09:00:00Z");
  EXPECT_EQ(t["sla_due"], "2026-03-02T13:00:00Z");  // four hours for a critical ticket
  EXPECT_EQ(t["created_by"], app.UserId("agent"));
}

TEST_F(ApiTest, StaleVersionGets409WithCurrentVersion) {
  auto t = NewTicket();
  const std::string path = "/api/v1/tickets/" + std::to_string(t["id"].get<int64_t>());
  auto first = app.As(agent, "PATCH", path, {{"title", "Premier agent"}, {"version", 1}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json["version"], 2);
  auto second = app.As(agent, "PATCH", path, {{"title", "Second agent"}, {"version", 1}});
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(second.json["error"]["code"], "record.stale_version");
  EXPECT_EQ(second.json["error"]["current_version"], 2);
  EXPECT_EQ(second.json["error"]["field"], "version");
  auto if_match = app.As(agent, "PATCH", path, {{"title", "Troisième"}}, {{"if-match", "\"1\""}});
  EXPECT_EQ(if_match.status, 412);
  auto missing = app.As(agent, "PATCH", path, {{"title", "Sans version"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.json["error"]["field"], "version");
  auto kept = app.As(agent, "GET", path);
  EXPECT_EQ(kept.json["title"], "Premier agent");
}

struct BadInput {
  std::string name;
  std::string body;
  std::string code;
  std::string field;
};

TEST_F(ApiTest, BadInputGetsA4xxNamingTheField) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "{\"a\":";
  deep += "1";
  for (int i = 0; i < 100; ++i) deep += "}";
  const std::string ok = ",\"service\":" + std::to_string(service_id);
  const std::vector<BadInput> cases{
      {"malformed json", "{\"title\": \"x\"", "body.malformed", "body"},
      {"not an object", "[1,2,3]", "body.not_object", "body"},
      {"wrong type", "{\"title\": 42" + ok + "}", "field.type", "title"},
      {"unknown field", "{\"title\": \"Imprimante\", \"colour\": \"red\"" + ok + "}", "field.unknown", "colour"},
      {"missing required", "{\"service\": " + std::to_string(service_id) + "}", "field.required", "title"},
      {"invalid enum", "{\"title\": \"Imprimante\", \"impact\": \"huge\"" + ok + "}", "field.invalid_choice", "impact"},
      {"invalid utf-8", "{\"title\": \"Imprim\xC3\x28nte\"}", "body.invalid_utf8", "body"},
      {"overlong utf-8", "{\"title\": \"\xC0\xAF\"}", "body.invalid_utf8", "body"},
      {"out of range", "{\"title\": \"Imprimante\", \"service\": 99999999999999999999}", "field.out_of_range", "service"},
      {"deep nesting", deep, "body.too_deep", "body"},
      {"read-only field", "{\"title\": \"Imprimante\", \"priority\": \"low\"" + ok + "}", "field.read_only", "priority"},
      {"meta field", "{\"title\": \"Imprimante\", \"id\": 5" + ok + "}", "field.read_only", "id"},
      {"too long", "{\"title\": \"" + std::string(300, 'x') + "\"" + ok + "}", "field.too_long", "title"},
      {"unknown reference", "{\"title\": \"Imprimante\", \"service\": 424242}", "field.ref_missing", "service"},
      {"null required", "{\"title\": null" + ok + "}", "field.required", "title"},
      {"float for integer", "{\"title\": \"Imprimante\", \"service\": 1.5}", "field.type", "service"},
  };
  for (const auto& c : cases) {
    auto r = app.Call("POST", "/api/v1/tickets", c.body,
                 {{"authorization", "Bearer " + agent}, {"content-type", "application/json"}});
    EXPECT_GE(r.status, 400) << c.name;
    EXPECT_LT(r.status, 500) << c.name;
    ASSERT_TRUE(r.json.is_object()) << c.name << ": " << r.body;
    EXPECT_EQ(r.json["error"]["code"], c.code) << c.name << ": " << r.body;
    EXPECT_EQ(r.json["error"]["field"], c.field) << c.name << ": " << r.body;
    EXPECT_FALSE(r.json["error"]["message"].get<std::string>().empty()) << c.name;
  }
  auto list = app.As(agent, "GET", "/api/v1/tickets");
  EXPECT_EQ(list.json["total"], 0) << "a refused create must not write anything";
}

TEST_F(ApiTest, EveryFieldErrorIsReportedAtOnce) {
  auto r = app.As(agent, "POST", "/api/v1/tickets", {{"title", 1}, {"impact", "x"}, {"nope", true}});
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["details"].size(), 3u) << r.body;
}

TEST_F(ApiTest, ErrorsSpeakTheCallersLanguage) {
  auto fr = app.As(agent, "POST", "/api/v1/tickets", {{"service", service_id}});
  EXPECT_NE(fr.json["error"]["message"].get<std::string>().find("obligatoire"), std::string::npos) << fr.body;
  auto en = app.As(agent, "POST", "/api/v1/tickets", {{"service", service_id}}, {{"accept-language", "en-GB,en;q=0.8"}});
  EXPECT_NE(en.json["error"]["message"].get<std::string>().find("required"), std::string::npos) << en.body;
  EXPECT_NE(fr.json["error"]["message"].get<std::string>().find("« Titre »"), std::string::npos) << "fields named by their label";
  EXPECT_NE(en.json["error"]["message"].get<std::string>().find("\"Title\""), std::string::npos) << en.body;
}

TEST_F(ApiTest, BadQueryParametersNameTheParameter) {
  auto unknown = app.As(agent, "GET", "/api/v1/tickets?colour=red");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json["error"]["field"], "colour");
  auto limit = app.As(agent, "GET", "/api/v1/tickets?limit=100000");
  EXPECT_EQ(limit.json["error"]["field"], "limit");
  auto sort = app.As(agent, "GET", "/api/v1/tickets?sort=description");
  EXPECT_EQ(sort.json["error"]["field"], "sort");
  auto choice = app.As(agent, "GET", "/api/v1/tickets?status=lost");
  EXPECT_EQ(choice.json["error"]["field"], "status");
  auto id = app.As(agent, "GET", "/api/v1/tickets/abc");
  EXPECT_EQ(id.status, 400);
  EXPECT_EQ(id.json["error"]["field"], "id");
  auto type = app.As(agent, "GET", "/api/v1/unicorns");
  EXPECT_EQ(type.status, 404);
}

TEST_F(ApiTest, ListFiltersSortsSearchesAndPages) {
  for (int i = 0; i < 7; ++i) NewTicket("Imprimante bloquée numéro " + std::to_string(i));
  NewTicket("Messagerie lente");
  auto page = app.As(agent, "GET", "/api/v1/tickets?limit=3&offset=0&sort=id");
  EXPECT_EQ(page.json["total"], 8);
  ASSERT_EQ(page.json["items"].size(), 3u);
  EXPECT_LT(page.json["items"][0]["id"], page.json["items"][1]["id"]);
  EXPECT_EQ(page.json["titles"]["services"][std::to_string(service_id)], "Messagerie");
  auto search = app.As(agent, "GET", "/api/v1/tickets?q=imprim");
  EXPECT_EQ(search.json["total"], 7) << search.body;
  auto accents = app.As(agent, "GET", "/api/v1/tickets?q=bloquee");
  EXPECT_EQ(accents.json["total"], 7) << "search ignores accents";
  auto filtered = app.As(agent, "GET", "/api/v1/tickets?status__in=new,assigned&priority=critical");
  EXPECT_EQ(filtered.json["total"], 8);
  auto none = app.As(agent, "GET", "/api/v1/tickets?status=closed");
  EXPECT_EQ(none.json["total"], 0);
  auto count = app.As(agent, "GET", "/api/v1/tickets/count?field=priority");
  ASSERT_EQ(count.status, 200) << count.body;
  EXPECT_EQ(count.json["items"][0]["key"], "critical");
  EXPECT_EQ(count.json["items"][0]["count"], 8);
}

TEST_F(ApiTest, HistoryRecordsEveryFieldChange) {
  auto t = NewTicket();
  const std::string path = "/api/v1/tickets/" + std::to_string(t["id"].get<int64_t>());
  auto r = app.As(agent, "PATCH", path, {{"title", "Nouveau titre"}, {"urgency", "low"}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto h = app.As(agent, "GET", path + "/history");
  ASSERT_EQ(h.status, 200);
  std::map<std::string, json> changes;
  for (const auto& e : h.json["items"]) changes[e["field"]] = e;
  EXPECT_EQ(changes["title"]["old"], "Courriel en panne");
  EXPECT_EQ(changes["title"]["new"], "Nouveau titre");
  EXPECT_EQ(changes["priority"]["old"], "critical");
  EXPECT_EQ(changes["priority"]["new"], "medium");
  EXPECT_EQ(changes["title"]["login"], "agent");
  EXPECT_TRUE(changes.contains("_created"));
}

TEST_F(ApiTest, TicketLifecycleRules) {
  auto t = NewTicket();
  const std::string path = "/api/v1/tickets/" + std::to_string(t["id"].get<int64_t>());
  auto no_resolution = app.As(agent, "PATCH", path, {{"status", "resolved"}, {"version", 1}});
  EXPECT_EQ(no_resolution.json["error"]["field"], "resolution") << no_resolution.body;
  app.clock.Advance(std::chrono::hours{5});
  auto resolved = app.As(agent, "PATCH", path, {{"status", "resolved"}, {"resolution", "Redémarrage"}, {"version", 1}});
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(resolved.json["resolved_at"], "2026-03-02T14:00:00Z");
  EXPECT_EQ(resolved.json["sla_breached"], true);
  auto reopened = app.As(agent, "PATCH", path, {{"status", "in_progress"}, {"version", 2}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.json["reopen_count"], 1);
  EXPECT_TRUE(reopened.json["resolved_at"].is_null());
  auto closed = app.As(agent, "PATCH", path, {{"status", "closed"}, {"version", 3}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  auto after_close = app.As(agent, "PATCH", path, {{"status", "in_progress"}, {"version", 4}});
  EXPECT_EQ(after_close.json["error"]["code"], "ticket.transition_not_allowed");
}

TEST_F(ApiTest, MarkdownIsRenderedWithoutScripts) {
  auto t = app.As(agent, "POST", "/api/v1/tickets",
                  {{"title", "Injection"},
                   {"service", service_id},
                   {"description", "**gras** <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"}});
  ASSERT_EQ(t.status, 201);
  auto r = app.As(agent, "GET", "/api/v1/tickets/" + std::to_string(t.json["id"].get<int64_t>()));
  const std::string html = r.json["_html"]["description"];
  EXPECT_NE(html.find("<strong>gras</strong>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
}

TEST_F(ApiTest, EndUsersSeeOnlyTheirOwnTicketsAndFeedback) {
  auto alice = app.TokenFor("alice", Role::kEndUser);
  auto bob = app.TokenFor("bob", Role::kEndUser);
  for (auto [login, name] : {std::pair{"alice", "Alice"}, std::pair{"bob", "Bob"}}) {
    auto s = app.As(admin, "POST", "/api/v1/stakeholders",
                    {{"name", name}, {"stakeholder_group", "end_user"}, {"user_account", app.UserId(login)}});
    ASSERT_EQ(s.status, 201) << s.body;
  }
  auto mine = NewTicket("Mon poste ne démarre pas", alice);
  NewTicket("Le poste de Bob", bob);
  NewTicket("Ticket d'agent");
  auto list = app.As(alice, "GET", "/api/v1/tickets");
  ASSERT_EQ(list.json["total"], 1) << list.body;
  EXPECT_EQ(list.json["items"][0]["id"], mine["id"]);
  auto others = app.As(bob, "GET", "/api/v1/tickets/" + std::to_string(mine["id"].get<int64_t>()));
  EXPECT_EQ(others.status, 404);
  auto edit = app.As(alice, "PATCH", "/api/v1/tickets/" + std::to_string(mine["id"].get<int64_t>()),
                     {{"title", "Changé"}, {"version", 1}});
  EXPECT_EQ(edit.status, 403);
  auto fb = app.As(alice, "POST", "/api/v1/feedback",
                   {{"kind", "complaint"}, {"summary", "Trop lent"}, {"service", service_id}, {"rating", 2}});
  ASSERT_EQ(fb.status, 201) << fb.body;
  auto bob_fb = app.As(bob, "GET", "/api/v1/feedback");
  EXPECT_EQ(bob_fb.json["total"], 0);
  auto stakeholders = app.As(alice, "GET", "/api/v1/stakeholders");
  EXPECT_EQ(stakeholders.json["total"], 1);
}

TEST_F(ApiTest, TraceFollowsFeedbackToImprovementAndTickets) {
  auto user = app.TokenFor("claire", Role::kTeamLead);
  auto sh = app.As(admin, "POST", "/api/v1/stakeholders", {{"name", "Claire"}, {"stakeholder_group", "sponsor"}});
  auto fb = app.As(user, "POST", "/api/v1/feedback",
                   {{"stakeholder", sh.json["id"]}, {"kind", "complaint"}, {"summary", "Courriel trop lent"}, {"service", service_id}});
  ASSERT_EQ(fb.status, 201) << fb.body;
  auto imp = app.As(user, "POST", "/api/v1/improvements", {{"title", "Accélérer la messagerie"}, {"service", service_id}});
  ASSERT_EQ(imp.status, 201) << imp.body;
  auto ticket = NewTicket();
  auto l1 = app.As(user, "POST", "/api/v1/links",
                   {{"from_type", "improvements"}, {"from_id", imp.json["id"]}, {"kind", "originates_from"},
                    {"to_type", "feedback"}, {"to_id", fb.json["id"]}});
  ASSERT_EQ(l1.status, 201) << l1.body;
  auto l2 = app.As(user, "POST", "/api/v1/links",
                   {{"from_type", "improvements"}, {"from_id", imp.json["id"]}, {"kind", "measured_by"},
                    {"to_type", "tickets"}, {"to_id", ticket["id"]}});
  ASSERT_EQ(l2.status, 201) << l2.body;
  auto bad = app.As(user, "POST", "/api/v1/links",
                    {{"from_type", "improvements"}, {"from_id", imp.json["id"]}, {"kind", "relates_to"},
                     {"to_type", "tickets"}, {"to_id", 9999}});
  EXPECT_EQ(bad.json["error"]["field"], "to_id") << bad.body;
  auto trace = app.As(user, "GET", "/api/v1/feedback/" + std::to_string(fb.json["id"].get<int64_t>()) + "/trace");
  ASSERT_EQ(trace.status, 200) << trace.body;
  ASSERT_EQ(trace.json["nodes"].size(), 3u) << trace.body;
  EXPECT_EQ(trace.json["nodes"][1]["type"], "improvements");
  EXPECT_EQ(trace.json["nodes"][1]["title"], "Accélérer la messagerie");
  EXPECT_EQ(trace.json["nodes"][2]["type"], "tickets");
  EXPECT_EQ(trace.json["nodes"][2]["depth"], 2);
  EXPECT_EQ(trace.json["edges"].size(), 2u);
  auto referenced = app.As(admin, "DELETE", "/api/v1/services/" + std::to_string(service_id));
  EXPECT_EQ(referenced.status, 409);
  EXPECT_EQ(referenced.json["error"]["code"], "record.referenced");
}

TEST_F(ApiTest, ImprovementPhasesFollowPdca) {
  auto imp = app.As(agent, "POST", "/api/v1/improvements", {{"title", "Réduire les réouvertures"}});
  const std::string path = "/api/v1/improvements/" + std::to_string(imp.json["id"].get<int64_t>());
  auto skip = app.As(agent, "PATCH", path, {{"phase", "check"}, {"version", 1}});
  EXPECT_EQ(skip.json["error"]["code"], "improvement.phase_not_allowed");
  EXPECT_EQ(app.As(agent, "PATCH", path, {{"phase", "do"}, {"version", 1}}).status, 200);
  auto no_baseline = app.As(agent, "PATCH", path, {{"phase", "check"}, {"version", 2}});
  EXPECT_EQ(no_baseline.json["error"]["field"], "baseline");
  auto check = app.As(agent, "PATCH", path, {{"phase", "check"}, {"baseline", 0.12}, {"target", 0.05}, {"version", 2}});
  EXPECT_EQ(check.status, 200) << check.body;
}

TEST_F(ApiTest, SessionCookieNeedsCsrfTokenForChanges) {
  auto login = app.Call("POST", "/api/v1/session", R"({"login":"agent","password":"correct horse battery"})");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie_header = login.Header("Set-Cookie");
  EXPECT_NE(cookie_header.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie_header.find("SameSite=Strict"), std::string::npos);
  const std::string cookie = cookie_header.substr(0, cookie_header.find(';'));
  const std::string csrf = login.json["csrf_token"];
  EXPECT_EQ(login.json["user"]["login"], "agent");

  auto me = app.Call("GET", "/api/v1/session", "", {{"cookie", cookie}});
  EXPECT_EQ(me.status, 200);
  const std::string body = R"({"title":"Par le navigateur","service":)" + std::to_string(service_id) + "}";
  auto no_csrf = app.Call("POST", "/api/v1/tickets", body, {{"cookie", cookie}});
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(no_csrf.json["error"]["code"], "auth.csrf");
  auto wrong = app.Call("POST", "/api/v1/tickets", body, {{"cookie", cookie}, {"x-csrf-token", "forged"}});
  EXPECT_EQ(wrong.status, 403);
  auto ok = app.Call("POST", "/api/v1/tickets", body, {{"cookie", cookie}, {"x-csrf-token", csrf}});
  EXPECT_EQ(ok.status, 201) << ok.body;
  auto form = app.Call("POST", "/api/v1/tickets", "title=x",
                       {{"cookie", cookie}, {"x-csrf-token", csrf}, {"content-type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 415);
  auto out = app.Call("DELETE", "/api/v1/session", "", {{"cookie", cookie}, {"x-csrf-token", csrf}});
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(app.Call("GET", "/api/v1/session", "", {{"cookie", cookie}}).status, 401);
}

TEST_F(ApiTest, LoginFailuresAreAuditedAndRateLimited) {
  int limited = 0;
  for (int i = 0; i < 15; ++i) {
    auto r = app.Call("POST", "/api/v1/session", R"({"login":"agent","password":"wrong password"})");
    if (r.status == 429) {
      ++limited;
    } else {
      EXPECT_EQ(r.status, 401);
    }
  }
  EXPECT_GT(limited, 0);
  auto right = app.Call("POST", "/api/v1/session", R"({"login":"agent","password":"correct horse battery"})");
  EXPECT_EQ(right.status, 429) << "the limit holds even for the right password";
  auto audit = app.As(admin, "GET", "/api/v1/audit?limit=100");
  ASSERT_EQ(audit.status, 200);
  int failed = 0;
  for (const auto& e : audit.json["items"]) failed += e["event"] == "login_failed";
  EXPECT_GE(failed, 5);
  EXPECT_EQ(app.As(agent, "GET", "/api/v1/audit").status, 403);
  bool refusal_logged = false;
  auto later = app.As(admin, "GET", "/api/v1/audit?limit=100");
  for (const auto& e : later.json["items"])
    refusal_logged |= e["event"] == "forbidden" && e["login"] == "agent";
  EXPECT_TRUE(refusal_logged);
}

TEST_F(ApiTest, UnauthenticatedCallsAreRefused) {
  EXPECT_EQ(app.Call("GET", "/api/v1/tickets").status, 401);
  EXPECT_EQ(app.Call("GET", "/api/v1/tickets", "", {{"authorization", "Bearer nope"}}).status, 401);
  EXPECT_EQ(app.Call("GET", "/healthz").status, 200);
  EXPECT_EQ(app.Call("GET", "/api/v1/openapi.json").status, 200);
}

TEST_F(ApiTest, MetaDescribesTypesForTheCaller) {
  auto meta = app.As(agent, "GET", "/api/v1/meta");
  ASSERT_EQ(meta.status, 200);
  bool saw_tickets = false;
  for (const auto& t : meta.json["types"]) {
    if (t["name"] != "tickets") continue;
    saw_tickets = true;
    EXPECT_EQ(t["permissions"]["create"], true);
    EXPECT_EQ(t["permissions"]["delete"], false);
    EXPECT_EQ(t["area"], "support");
    for (const auto& f : t["fields"]) {
      if (f["name"] == "priority") {
        EXPECT_EQ(f["writable"], false);
      }
    }
  }
  EXPECT_TRUE(saw_tickets);
}

TEST_F(ApiTest, MetricsCountRequestsByRoute) {
  NewTicket();
  EXPECT_EQ(app.As(agent, "GET", "/metrics").status, 403);
  auto m = app.As(admin, "GET", "/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("route=\"/api/v1/{type}\""), std::string::npos) << m.body;
}

}  // namespace
}  // namespace boucle::testing
