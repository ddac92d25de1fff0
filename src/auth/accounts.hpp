#pragma once
// Who is calling: password logins with sessions, API tokens for scripts, and the audit trail
// of both. Knows accounts and roles, never the domain.
#include <optional>
#include <string>

#include "auth/rate_limiter.hpp"
#include "core/clock.hpp"
#include "record/actor.hpp"
#include "record/service.hpp"
#include "store/store.hpp"

namespace boucle {

struct Identity {
  Actor actor;
  std::string display_name;
  std::string preferred_language;
  bool via_session = false;    // cookie-borne: state changes need the CSRF token
  std::string csrf_token;      // of the session
  std::string session_hash;    // to log out
};

struct LoginResult {
  std::string session_token;  // goes to the cookie, never stored in clear
  std::string csrf_token;
  Identity identity;
};

class Accounts {
 public:
  Accounts(Store& store, RecordService& records, const Clock& clock,
           std::chrono::hours session_lifetime = std::chrono::hours{12});

  Result<LoginResult> Login(const std::string& login, const std::string& password, const std::string& ip);
  Result<Identity> FromSession(const std::string& session_token);
  Result<Identity> FromApiToken(const std::string& token);
  Status Logout(const Identity& who, const std::string& ip);

  // For the CLI: creates an account with a password, and API tokens.
  Result<int64_t> AddUser(const std::string& login, const std::string& display_name, Role role,
                          const std::string& password);
  Status SetPassword(const std::string& login, const std::string& password);
  Result<std::string> NewApiToken(const std::string& login);

  void Audit(const Actor& who, const std::string& event, const std::string& detail, const std::string& ip);
  Result<Json> ReadAudit(int64_t limit, int64_t offset);
  Result<Json> PublicProfile(int64_t user_id);

 private:
  Result<Identity> IdentityOf(int64_t user_id);
  Result<Identity> IdentityIn(Tx& tx, int64_t user_id);

  Store& store_;
  RecordService& records_;
  const Clock& clock_;
  std::chrono::hours session_lifetime_;
  RateLimiter by_ip_;
  RateLimiter by_login_;
};

}  // namespace boucle
