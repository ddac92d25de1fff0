#pragma once
// An in-process Boucle on a temporary SQLite file: the real registry, store, services and API,
// called without a socket. Integration tests that need the real binary use server_process.hpp.
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "app/registry.hpp"
#include "auth/accounts.hpp"
#include "http/api.hpp"
#include "record/service.hpp"

namespace boucle::testing {

std::filesystem::path TempDir(const std::string& prefix);

struct Reply {
  int status = 0;
  nlohmann::json json;  // null when the body is not JSON
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string Header(const std::string& name) const;
};

class TestApp {
 public:
  TestApp();
  ~TestApp();

  // Creates an account with this role and returns an API token for it (cached per login).
  std::string TokenFor(const std::string& login, Role role);
  int64_t UserId(const std::string& login) const { return user_ids_.at(login); }

  Reply Call(const std::string& method, const std::string& target, const std::string& body = "",
             std::map<std::string, std::string> headers = {});
  Reply As(const std::string& token, const std::string& method, const std::string& target,
           const nlohmann::json& body = nullptr, std::map<std::string, std::string> headers = {});

  Registry registry = BuildRegistry();
  std::filesystem::path dir;
  std::unique_ptr<Store> store;
  ManualClock clock{TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2}} + std::chrono::hours{9}};
  std::unique_ptr<RecordService> records;
  std::unique_ptr<Accounts> accounts;
  Metrics metrics;
  std::unique_ptr<http::Api> api;

 private:
  std::map<std::string, std::string> tokens_;
  std::map<std::string, int64_t> user_ids_;
};

}  // namespace boucle::testing
