#include "support/test_app.hpp"

#include <gtest/gtest.h>

#include <random>

namespace boucle::testing {

std::filesystem::path TempDir(const std::string& prefix) {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir;
}

std::string Reply::Header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return "";
}

TestApp::TestApp() : dir(TempDir("boucle-test")) {
  auto opened = OpenSqliteStore({(dir / "test.db").string(), false, 4});
  if (!opened) throw std::runtime_error("cannot open test store");
  store = std::move(*opened);
  if (!store->Migrate(registry)) throw std::runtime_error("cannot migrate test store");
  records = std::make_unique<RecordService>(registry, *store, clock);
  accounts = std::make_unique<Accounts>(*store, *records, clock);
  api = std::make_unique<http::Api>(registry, *records, *accounts, metrics, http::ApiOptions{(dir / "web").string(), false});
}

TestApp::~TestApp() {
  api.reset();
  accounts.reset();
  records.reset();
  store.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

std::string TestApp::TokenFor(const std::string& login, Role role) {
  if (auto it = tokens_.find(login); it != tokens_.end()) return it->second;
  auto id = accounts->AddUser(login, "Test " + login, role, "correct horse battery");
  if (!id) throw std::runtime_error("cannot add user " + login + ": " + id.error().code);
  user_ids_[login] = *id;
  auto token = accounts->NewApiToken(login);
  if (!token) throw std::runtime_error("cannot create token");
  return tokens_[login] = *token;
}

Reply TestApp::Call(const std::string& method, const std::string& target, const std::string& body,
                    std::map<std::string, std::string> headers) {
  http::Request req;
  req.method = method;
  if (!http::ParseTarget(target, req.path, req.query)) throw std::runtime_error("bad target " + target);
  if (!body.empty() && !headers.contains("content-type")) headers["content-type"] = "application/json";
  req.headers = std::move(headers);
  req.body = body;
  req.remote = "127.0.0.1";
  auto res = api->Handle(req);
  Reply reply{res.status, nullptr, res.body, res.headers};
  if (!res.content_type.empty()) reply.headers.emplace_back("Content-Type", res.content_type);
  if (res.content_type == "application/json" && !res.body.empty())
    reply.json = nlohmann::json::parse(res.body, nullptr, false);
  return reply;
}

Reply TestApp::As(const std::string& token, const std::string& method, const std::string& target,
                  const nlohmann::json& body, std::map<std::string, std::string> headers) {
  headers["authorization"] = "Bearer " + token;
  return Call(method, target, body.is_null() ? "" : body.dump(), std::move(headers));
}

}  // namespace boucle::testing
