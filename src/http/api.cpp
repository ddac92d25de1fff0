#include "http/api.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>

#include "auth/token.hpp"
#include "http/csv.hpp"
#include "http/json_body.hpp"
#include "http/openapi.hpp"
#include "http/responses.hpp"
#include "i18n/messages.hpp"
#include "improve/kpi_service.hpp"
#include "text/markdown.hpp"

namespace boucle::http {

struct Api::Context {
  const Request& request;
  std::map<std::string, std::string> params;
  std::optional<Identity> who;
  std::string lang = "fr";
};

namespace {

constexpr const char* kCookieName = "boucle_session";

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t slash = std::min(path.find('/', start), path.size());
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  if (!out.empty() && out.back().empty()) out.pop_back();  // a trailing slash means the same
  return out;
}

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    const size_t end = std::min(header.find(';', pos), header.size());
    const std::string pair = header.substr(pos, end - pos);
    const size_t eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    pos = end + 1;
  }
  return "";
}

bool StateChanging(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

Json LabelJson(const Label& l) { return {{"fr", l.fr}, {"en", l.en}}; }

Json FieldJson(const FieldSpec& f, Role role, bool can_update) {
  Json options = Json::array();
  for (const auto& o : f.options) options.push_back({{"id", o.id}, {"label", LabelJson(o.label)}});
  return {{"name", f.name},
          {"kind", FieldKindName(f.kind)},
          {"label", LabelJson(f.label)},
          {"required", f.required},
          {"default", f.default_value},
          {"min", f.min ? Json(*f.min) : Json()},
          {"max", f.max ? Json(*f.max) : Json()},
          {"options", options},
          {"ref_type", f.ref_type.empty() ? Json() : Json(f.ref_type)},
          {"filterable", f.filterable},
          {"sortable", f.sortable},
          {"searchable", f.searchable},
          {"computed", f.computed},
          {"in_list", f.in_list},
          {"unique", f.unique},
          {"pattern", f.pattern.empty() ? Json() : Json(f.pattern)},
          {"example", f.example},
          {"writable", !f.computed && f.write_roles.Has(role) && can_update}};
}

Json ChartJson(const std::optional<ReportChart>& chart) {
  if (!chart) return Json();
  Json out{{"kind", chart->kind}, {"x", chart->x}, {"y", chart->y}, {"size", chart->size},
           {"series", chart->series}, {"label", chart->label}, {"quadrants", Json()}};
  if (const auto& q = chart->quadrants)
    out["quadrants"] = {{"x_split", q->x_split}, {"y_split", q->y_split}, {"high_high", LabelJson(q->high_high)},
                        {"low_high", LabelJson(q->low_high)}, {"high_low", LabelJson(q->high_low)},
                        {"low_low", LabelJson(q->low_low)}};
  return out;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace

Api::Api(const Registry& registry, RecordService& records, Accounts& accounts, Metrics& metrics, ApiOptions options)
    : registry_(registry),
      records_(records),
      accounts_(accounts),
      metrics_(metrics),
      options_(std::move(options)),
      static_files_(options_.web_root),
      public_limiter_(options_.public_rate),
      kpis_(std::make_unique<KpiService>(records)),
      form_limiter_(options_.public_forms),
      openapi_(BuildOpenApi(registry, BOUCLE_VERSION).dump(2)) {
  Add("GET", "/healthz", false, [](Context&) { return JsonResponse(200, {{"status", "ok"}}); });
  Add("GET", "/metrics", true, [this](Context& ctx) {
    if (ctx.who->actor.role != Role::kAdmin) return Fail(ctx, Error::Of(ErrorKind::kForbidden, "role.forbidden"));
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics_.RenderPrometheus();
    return r;
  });
  Add("GET", "/api/v1/openapi.json", false, [this](Context&) {
    Response r;
    r.body = openapi_;
    return r;
  });
  Add("POST", "/api/v1/session", false, [this](Context& c) { return Login(c); });
  Add("GET", "/api/v1/session", true, [this](Context& c) { return Session(c); });
  Add("DELETE", "/api/v1/session", true, [this](Context& c) { return Logout(c); });
  Add("GET", "/api/v1/meta", true, [this](Context& c) { return Meta(c); });
  Add("GET", "/api/v1/audit", true, [this](Context& c) { return AuditLog(c); });
  Add("GET", "/api/v1/reports/{report}", true, [this](Context& c) { return Report(c); });
  Add("GET", "/api/v1/public/{form}/{key}", false, [this](Context& c) { return PublicForm(c); });
  Add("POST", "/api/v1/public/{form}/{key}", false, [this](Context& c) { return PublicForm(c); });
  Add("GET", "/api/v1/kpis", true, [this](Context& c) { return Kpis(c); });
  Add("GET", "/api/v1/kpis/{kpi}", true, [this](Context& c) { return Kpi(c); });
  Add("GET", "/api/v1/kpis/{kpi}/check", true, [this](Context& c) { return KpiCheck(c); });
  Add("GET", "/api/v1/{type}/count", true, [this](Context& c) { return CountRecords(c); });
  Add("GET", "/api/v1/{type}", true, [this](Context& c) { return ListRecords(c); });
  Add("POST", "/api/v1/{type}", true, [this](Context& c) { return CreateRecord(c); });
  Add("GET", "/api/v1/{type}/{id}", true, [this](Context& c) { return GetRecord(c); });
  Add("PATCH", "/api/v1/{type}/{id}", true, [this](Context& c) { return UpdateRecord(c); });
  Add("DELETE", "/api/v1/{type}/{id}", true, [this](Context& c) { return DeleteRecord(c); });
  Add("GET", "/api/v1/{type}/{id}/history", true, [this](Context& c) { return RecordHistory(c); });
  Add("GET", "/api/v1/{type}/{id}/trace", true, [this](Context& c) { return RecordTrace(c); });
  Add("POST", "/api/v1/{type}/{id}/actions/{action}", true, [this](Context& c) { return RecordAction(c); });
}

void Api::Add(std::string method, std::string pattern, bool needs_auth, Handler handler) {
  RouteInfo info{std::move(method), std::move(pattern), needs_auth};
  route_info_.push_back(info);
  routes_.push_back(Route{info, Split(info.pattern), std::move(handler)});
}

Response Api::Handle(const Request& request) {
  const auto started = std::chrono::steady_clock::now();
  Response response;
  try {
    response = Dispatch(request);
  } catch (const std::exception& e) {
    const std::string id = RandomToken(6);
    spdlog::error("error id {}: {} {}: {}", id, request.method, request.path, e.what());
    response = ErrorResponse(Error::Of(ErrorKind::kInternal, "internal", {{"error_id", id}}), "fr");
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  if (response.content_type.rfind("text/html", 0) == 0) {
    response.headers.emplace_back("X-Frame-Options", "DENY");
    response.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                  "object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  } else if (response.content_type == "application/json") {
    response.headers.emplace_back("Cache-Control", "no-store");
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.Observe(request.method, response.route.empty() ? "other" : response.route, response.status, seconds);
  return response;
}

Response Api::Fail(Context& ctx, const Error& error) {
  if (error.kind == ErrorKind::kForbidden && ctx.who)
    accounts_.Audit(ctx.who->actor, "forbidden", ctx.request.method + " " + ctx.request.path + " " + error.code,
                    ctx.request.remote);
  const auto type = ctx.params.find("type");
  const TypeSpec* spec = type == ctx.params.end() ? nullptr : registry_.Find(type->second);
  if (!spec) return ErrorResponse(error, ctx.lang);
  auto labelled = [&](Error e) {
    const auto bracket = e.field.find('[');
    if (const FieldSpec* f = spec->Field(e.field.substr(0, bracket)))
      e.params["label"] = ctx.lang == "en" ? f->label.en : f->label.fr;
    return e;
  };
  Error out = labelled(error);
  for (auto& d : out.details) d = labelled(d);
  return ErrorResponse(out, ctx.lang);
}

Response Api::Dispatch(const Request& request) {
  Context ctx{request, {}, std::nullopt, "fr"};
  const std::string asked = LanguageFromHeader(request.Header("accept-language"));
  ctx.lang = asked.empty() ? "fr" : asked;

  const auto segments = Split(request.path);
  const Route* matched = nullptr;
  bool path_known = false;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      const auto& s = route.segments[i];
      if (s.size() > 2 && s.front() == '{') params[s.substr(1, s.size() - 2)] = segments[i];
      else ok = s == segments[i];
    }
    if (!ok) continue;
    path_known = true;
    if (route.info.method != request.method && !(request.method == "HEAD" && route.info.method == "GET")) continue;
    matched = &route;
    ctx.params = std::move(params);
    break;
  }
  const bool api = request.path.rfind("/api/", 0) == 0 || request.path == "/api";
  if (!matched) {
    if (!api && (request.method == "GET" || request.method == "HEAD") && !path_known)
      return static_files_.Serve(request.path);
    auto r = ErrorResponse(Error::Of(path_known ? ErrorKind::kUnsupported : ErrorKind::kNotFound,
                                     path_known ? "http.method_not_allowed" : "http.not_found"),
                           ctx.lang);
    if (path_known) r.status = 405;
    r.route = "other";
    return r;
  }

  // Identify the caller: an API token, or else the session cookie. Public forms identify nobody:
  // their link is their authorisation, and a session in the same browser must not demand CSRF.
  const bool public_form = matched->info.pattern.rfind("/api/v1/public/", 0) == 0;
  const std::string auth = public_form ? std::string() : request.Header("authorization");
  const std::string cookie = public_form ? std::string() : CookieValue(request.Header("cookie"), kCookieName);
  if (auth.rfind("Bearer ", 0) == 0) {
    auto who = accounts_.FromApiToken(auth.substr(7));
    if (!who) {
      auto r = ErrorResponse(who.error(), ctx.lang);
      r.route = matched->info.pattern;
      return r;
    }
    ctx.who = std::move(*who);
  } else if (!cookie.empty()) {
    if (auto who = accounts_.FromSession(cookie)) ctx.who = std::move(*who);
  }
  if (ctx.who && asked.empty()) ctx.lang = std::string(NormaliseLanguage(ctx.who->preferred_language));

  Response response;
  if (matched->info.needs_auth && !ctx.who) {
    response = ErrorResponse(Error::Of(ErrorKind::kUnauthenticated, "auth.required"), ctx.lang);
  } else if (ctx.who && ctx.who->via_session && StateChanging(request.method) &&
             !ConstantTimeEquals(request.Header("x-csrf-token"), ctx.who->csrf_token)) {
    response = Fail(ctx, Error::Of(ErrorKind::kForbidden, "auth.csrf"));
  } else if ((request.method == "POST" || request.method == "PATCH") && !request.body.empty() &&
             request.Header("content-type").rfind("application/json", 0) != 0) {
    response = ErrorResponse(Error::Of(ErrorKind::kUnsupported, "http.unsupported_media_type"), ctx.lang);
  } else {
    response = matched->handler(ctx);
  }
  if (request.method == "HEAD") response.body.clear();
  response.route = matched->info.pattern;
  return response;
}

namespace {

Result<int64_t> RecordId(const std::map<std::string, std::string>& params) {
  const auto& text = params.at("id");
  int64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size() || id < 1)
    return boucle::Fail(Error::Invalid("http.invalid_id", "id"));
  return id;
}

Result<Json> Body(const Request& request) {
  if (request.body.empty()) return Json::object();
  return ParseJsonBody(request.body);
}

// Markdown fields rendered safely, for clients that show them as HTML.
Json RenderedMarkdown(const TypeSpec& type, const Json& record) {
  Json html = Json::object();
  for (const auto& f : type.fields)
    if (f.kind == FieldKind::kMarkdown && record.contains(f.name) && record[f.name].is_string())
      html[f.name] = RenderMarkdown(record[f.name].get<std::string>());
  return html;
}

}  // namespace

Response Api::Login(Context& ctx) {
  auto body = ParseJsonBody(ctx.request.body);
  if (!body) return Fail(ctx, body.error());
  if (!body->is_object()) return Fail(ctx, Error::Invalid("body.not_object", "body"));
  for (const char* field : {"login", "password"}) {
    if (!body->contains(field)) return Fail(ctx, Error::Invalid("field.required", field));
    if (!(*body)[field].is_string()) return Fail(ctx, Error::Invalid("field.type", field, {{"expected", "string"}}));
  }
  for (const auto& [key, value] : body->items())
    if (key != "login" && key != "password") return Fail(ctx, Error::Invalid("field.unknown", key));
  auto result = accounts_.Login((*body)["login"], (*body)["password"], ctx.request.remote);
  if (!result) return Fail(ctx, result.error());
  auto profile = accounts_.PublicProfile(result->identity.actor.user_id);
  if (!profile) return Fail(ctx, profile.error());
  auto r = JsonResponse(200, {{"csrf_token", result->csrf_token}, {"user", *profile}});
  const bool secure = options_.secure_cookies || ctx.request.Header("x-forwarded-proto") == "https";
  r.headers.emplace_back("Set-Cookie", std::string(kCookieName) + "=" + result->session_token +
                                           "; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200" +
                                           (secure ? "; Secure" : ""));
  return r;
}

Response Api::Session(Context& ctx) {
  auto profile = accounts_.PublicProfile(ctx.who->actor.user_id);
  if (!profile) return Fail(ctx, profile.error());
  return JsonResponse(200, {{"csrf_token", ctx.who->via_session ? Json(ctx.who->csrf_token) : Json()},
                            {"user", *profile}});
}

Response Api::Logout(Context& ctx) {
  if (auto st = accounts_.Logout(*ctx.who, ctx.request.remote); !st) return Fail(ctx, st.error());
  auto r = NoContent();
  r.headers.emplace_back("Set-Cookie", std::string(kCookieName) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return r;
}

Response Api::Meta(Context& ctx) {
  const Role role = ctx.who->actor.role;
  Json types = Json::array();
  for (const auto& t : registry_.All()) {
    Json fields = Json::array();
    for (const auto& f : t.fields) fields.push_back(FieldJson(f, role, t.update_roles.Has(role) || t.create_roles.Has(role)));
    Json actions = Json::array();
    for (const auto& a : t.actions) {
      Json input = Json::array();
      for (const auto& f : a.input) input.push_back(FieldJson(f, role, true));
      actions.push_back({{"name", a.name}, {"label", LabelJson(a.label)}, {"permitted", a.roles.Has(role)}, {"input", input}});
    }
    types.push_back({{"name", t.name},
                     {"label", LabelJson(t.label)},
                     {"singular", LabelJson(t.singular)},
                     {"area", AreaName(t.area)},
                     {"title_field", t.title_field},
                     {"default_sort", t.default_sort},
                     {"permissions",
                      {{"read", t.read_roles.Has(role)},
                       {"create", t.create_roles.Has(role)},
                       {"update", t.update_roles.Has(role)},
                       {"delete", t.delete_roles.Has(role)}}},
                     {"fields", fields},
                     {"actions", actions}});
  }
  Json reports = Json::array();
  for (const auto& r : registry_.Reports()) {
    Json columns = Json::array();
    for (const auto& c : r.columns) columns.push_back({{"name", c.name}, {"label", LabelJson(c.label)}, {"kind", c.kind}});
    reports.push_back({{"name", r.name}, {"label", LabelJson(r.label)}, {"area", AreaName(r.area)},
                       {"permitted", r.roles.Has(role)}, {"params", r.params}, {"record_params", r.record_params}, {"paged", r.paged}, {"columns", columns},
                       {"chart", ChartJson(r.chart)}});
  }
  auto profile = accounts_.PublicProfile(ctx.who->actor.user_id);
  if (!profile) return Fail(ctx, profile.error());
  return JsonResponse(200, {{"types", types}, {"reports", reports}, {"user", *profile}});
}

Response Api::AuditLog(Context& ctx) {
  if (ctx.who->actor.role != Role::kAdmin) return Fail(ctx, Error::Of(ErrorKind::kForbidden, "role.forbidden"));
  int64_t limit = 50, offset = 0;
  for (const auto& [key, raw] : ctx.request.query) {
    int64_t* target = key == "limit" ? &limit : key == "offset" ? &offset : nullptr;
    if (!target) return Fail(ctx, Error::Invalid("query.unknown_parameter", key));
    auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), *target);
    if (ec != std::errc() || p != raw.data() + raw.size() || *target < 0 || (key == "limit" && (*target < 1 || *target > 500)))
      return Fail(ctx, Error::Invalid("query.invalid_value", key, {{"expected", "integer"}}));
  }
  auto audit = accounts_.ReadAudit(limit, offset);
  if (!audit) return Fail(ctx, audit.error());
  return JsonResponse(200, *audit);
}

Response Api::ListRecords(Context& ctx) {
  const auto& type = ctx.params["type"];
  auto query = ctx.request.query;
  auto csv = TakeCsvFormat(query, ctx.lang);
  if (!csv) return Fail(ctx, csv.error());
  if (*csv) {
    auto all = records_.ListAllWithTitles(ctx.who->actor, type, query, kMaxCsvRows);
    if (!all) return Fail(ctx, all.error());
    return CsvResponse(RecordsCsv(*registry_.Find(type), all->first.items, all->second, ctx.lang), type);
  }
  auto page = records_.ListWithTitles(ctx.who->actor, type, query);
  if (!page) return Fail(ctx, page.error());
  return JsonResponse(200, {{"items", page->first.items}, {"total", page->first.total}, {"titles", page->second}});
}

Response Api::CountRecords(Context& ctx) {
  auto field = ctx.request.query.find("field");
  if (field == ctx.request.query.end()) return Fail(ctx, Error::Invalid("field.required", "field"));
  auto params = ctx.request.query;
  params.erase("field");
  auto counts = records_.Count(ctx.who->actor, ctx.params["type"], field->second, params);
  if (!counts) return Fail(ctx, counts.error());
  Json items = Json::array();
  for (const auto& c : *counts) items.push_back({{"key", c.key}, {"count", c.count}});
  return JsonResponse(200, {{"items", items}});
}

Response Api::CreateRecord(Context& ctx) {
  auto body = ParseJsonBody(ctx.request.body);
  if (!body) return Fail(ctx, body.error());
  const TypeSpec* spec = registry_.Find(ctx.params["type"]);
  if (spec && spec->public_form && ctx.who->actor.role == Role::kEndUser) {
    const std::string key = "form:" + spec->name + ":" + std::to_string(ctx.who->actor.user_id);
    const TimePoint now = records_.clock().Now();
    if (!form_limiter_.Allow(key, now))
      return Fail(ctx, Error::Of(ErrorKind::kRateLimited, "form.rate_limited",
                                 {{"retry_after", std::max<int64_t>(1, form_limiter_.RetryAfter(key, now).count())}}));
  }
  auto created = records_.Create(ctx.who->actor, ctx.params["type"], *body);
  if (!created) return Fail(ctx, created.error());
  auto r = JsonResponse(201, *created);
  r.headers.emplace_back("Location", "/api/v1/" + ctx.params["type"] + "/" + std::to_string((*created)["id"].get<int64_t>()));
  return r;
}

Response Api::GetRecord(Context& ctx) {
  auto id = RecordId(ctx.params);
  if (!id) return Fail(ctx, id.error());
  const auto& type = ctx.params["type"];
  auto record = records_.GetWithTitles(ctx.who->actor, type, *id);
  if (!record) return Fail(ctx, record.error());
  (*record)["_html"] = RenderedMarkdown(*registry_.Find(type), *record);
  const std::string etag = "\"" + std::to_string((*record)["version"].get<int64_t>()) + "\"";
  auto r = JsonResponse(200, *record);
  r.headers.emplace_back("ETag", etag);
  return r;
}

Response Api::UpdateRecord(Context& ctx) {
  auto id = RecordId(ctx.params);
  if (!id) return Fail(ctx, id.error());
  auto body = Body(ctx.request);
  if (!body) return Fail(ctx, body.error());
  std::optional<int64_t> if_match;
  if (std::string tag = ctx.request.Header("if-match"); !tag.empty()) {
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
    int64_t v = 0;
    auto [p, ec] = std::from_chars(tag.data(), tag.data() + tag.size(), v);
    if (ec != std::errc() || p != tag.data() + tag.size())
      return Fail(ctx, Error::Invalid("query.invalid_value", "If-Match", {{"expected", "integer"}}));
    if_match = v;
  }
  auto updated = records_.Update(ctx.who->actor, ctx.params["type"], *id, *body, if_match);
  if (!updated) return Fail(ctx, updated.error());
  return JsonResponse(200, *updated);
}

Response Api::DeleteRecord(Context& ctx) {
  auto id = RecordId(ctx.params);
  if (!id) return Fail(ctx, id.error());
  if (auto st = records_.Delete(ctx.who->actor, ctx.params["type"], *id); !st) return Fail(ctx, st.error());
  return NoContent();
}

Response Api::RecordHistory(Context& ctx) {
  auto id = RecordId(ctx.params);
  if (!id) return Fail(ctx, id.error());
  auto history = records_.History(ctx.who->actor, ctx.params["type"], *id);
  if (!history) return Fail(ctx, history.error());
  return JsonResponse(200, *history);
}

Response Api::RecordTrace(Context& ctx) {
  auto id = RecordId(ctx.params);
  if (!id) return Fail(ctx, id.error());
  auto trace = records_.Trace(ctx.who->actor, ctx.params["type"], *id);
  if (!trace) return Fail(ctx, trace.error());
  return JsonResponse(200, {{"nodes", trace->nodes}, {"edges", trace->edges}});
}

}  // namespace boucle::http

namespace boucle::http {

Response Api::Report(Context& ctx) {
  auto query = ctx.request.query;
  auto csv = TakeCsvFormat(query, ctx.lang);
  if (!csv) return Fail(ctx, csv.error());
  Actor who = ctx.who->actor;
  who.lang = ctx.lang;  // labels a report writes itself follow the asked language, as the CSV does
  auto result = records_.RunReport(who, ctx.params["report"], query);
  if (!result) return Fail(ctx, result.error());
  if (*csv) return CsvResponse(ReportCsv(registry_, *registry_.FindReport(ctx.params["report"]), *result, ctx.lang),
                               ctx.params["report"]);
  return JsonResponse(200, *result);
}

Response Api::PublicForm(Context& ctx) {
  const TimePoint now = records_.clock().Now();
  const std::string key = "public:" + ctx.request.remote;
  if (!public_limiter_.Allow(key, now))
    return Fail(ctx, Error::Of(ErrorKind::kRateLimited, "auth.rate_limited",
                               {{"retry_after", public_limiter_.RetryAfter(key, now).count()}}));
  const std::string& form = ctx.params["form"];
  const std::string& link_key = ctx.params["key"];
  if (link_key.size() > 200) return Fail(ctx, Error::Of(ErrorKind::kNotFound, "http.not_found"));
  Result<Json> result;
  if (ctx.request.method == "POST") {
    auto body = ParseJsonBody(ctx.request.body);
    if (!body) return Fail(ctx, body.error());
    result = records_.SubmitPublicForm(form, link_key, *body, ctx.lang);
  } else {
    result = records_.ReadPublicForm(form, link_key, ctx.lang);
  }
  if (!result) return Fail(ctx, result.error());
  return JsonResponse(200, *result);
}

Api::~Api() = default;

Response Api::Kpis(Context& ctx) {
  if (!ctx.request.query.empty())
    return Fail(ctx, Error::Invalid("query.unknown_parameter", ctx.request.query.begin()->first));
  auto result = kpis_->Overview(ctx.who->actor);
  if (!result) return Fail(ctx, result.error());
  return JsonResponse(200, *result);
}

Response Api::Kpi(Context& ctx) {
  auto result = kpis_->Detail(ctx.who->actor, ctx.params["kpi"], ctx.request.query);
  if (!result) return Fail(ctx, result.error());
  return JsonResponse(200, *result);
}

Response Api::KpiCheck(Context& ctx) {
  auto result = kpis_->Check(ctx.who->actor, ctx.params["kpi"], ctx.request.query);
  if (!result) return Fail(ctx, result.error());
  return JsonResponse(200, *result);
}

Response Api::RecordAction(Context& ctx) {
  auto id = RecordId(ctx.params);
  if (!id) return Fail(ctx, id.error());
  auto body = Body(ctx.request);
  if (!body) return Fail(ctx, body.error());
  auto result = records_.RunAction(ctx.who->actor, ctx.params["type"], *id, ctx.params["action"], *body);
  if (!result) return Fail(ctx, result.error());
  return JsonResponse(200, *result);
}

}  // namespace boucle::http
