#include "auth/accounts.hpp"

#include <spdlog/spdlog.h>

#include "auth/password.hpp"
#include "auth/token.hpp"

namespace boucle {
namespace {

Error Unauthenticated(const char* code = "auth.required") { return Error::Of(ErrorKind::kUnauthenticated, code); }

// Verifying against a real hash even for unknown logins keeps the answer time the same, so that
// timing does not tell which logins exist.
const std::string& DecoyHash() {
  static const std::string hash = HashPassword("decoy-password-never-used");
  return hash;
}

}  // namespace

Accounts::Accounts(Store& store, RecordService& records, const Clock& clock, std::chrono::hours session_lifetime)
    : store_(store),
      records_(records),
      clock_(clock),
      session_lifetime_(session_lifetime),
      by_ip_(RateLimit{.max_attempts = 30, .window = std::chrono::minutes{5}}),
      by_login_(RateLimit{.max_attempts = 10, .window = std::chrono::minutes{5}}) {}

Result<LoginResult> Accounts::Login(const std::string& login, const std::string& password, const std::string& ip) {
  const TimePoint now = clock_.Now();
  if (!by_ip_.Allow("ip:" + ip, now) || !by_login_.Allow("login:" + login, now)) {
    const auto wait = std::max(by_ip_.RetryAfter("ip:" + ip, now), by_login_.RetryAfter("login:" + login, now));
    Actor anonymous{0, login, Role::kEndUser, "fr"};
    Audit(anonymous, "login_rate_limited", "", ip);
    return Fail(Error::Of(ErrorKind::kRateLimited, "auth.rate_limited", {{"retry_after", wait.count()}}));
  }
  auto creds = store_.Read<std::optional<Credentials>>([&](Tx& tx) { return tx.FindCredentials(login); });
  if (!creds) return Fail(creds.error());
  const bool ok = *creds && (*creds)->active && !(*creds)->password_hash.empty()
                      ? VerifyPassword((*creds)->password_hash, password)
                      : (VerifyPassword(DecoyHash(), password), false);
  if (!ok) {
    Actor who{*creds ? (*creds)->user_id : 0, login, Role::kEndUser, "fr"};
    Audit(who, "login_failed", "", ip);
    return Fail(Unauthenticated("auth.invalid_credentials"));
  }
  by_login_.Reset("login:" + login);
  LoginResult result;
  result.session_token = RandomToken();
  result.csrf_token = RandomToken(24);
  SessionRow row{HashToken(result.session_token), (*creds)->user_id, result.csrf_token,
                 FormatTime(now + session_lifetime_)};
  auto st = store_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    if (auto put = tx.PutSession(row); !put) return put;
    return tx.AppendAudit({FormatTime(now), (*creds)->user_id, login, "login", "", ip});
  });
  if (!st) return Fail(st.error());
  auto identity = IdentityOf((*creds)->user_id);
  if (!identity) return Fail(identity.error());
  identity->via_session = true;
  identity->csrf_token = result.csrf_token;
  identity->session_hash = row.token_hash;
  result.identity = std::move(*identity);
  return result;
}

// Each request identifies its caller in one read transaction: session or token, then account.
Result<Identity> Accounts::FromSession(const std::string& session_token) {
  const std::string hash = HashToken(session_token);
  return store_.Read<Identity>([&](Tx& tx) -> Result<Identity> {
    auto row = tx.FindSession(hash);
    if (!row) return Fail(row.error());
    if (!*row) return Fail(Unauthenticated());
    const auto expires = ParseTime((*row)->expires_at);
    if (!expires || *expires < clock_.Now()) return Fail(Unauthenticated());
    auto identity = IdentityIn(tx, (*row)->user_id);
    if (!identity) return identity;
    identity->via_session = true;
    identity->csrf_token = (*row)->csrf_token;
    identity->session_hash = hash;
    return identity;
  });
}

Result<Identity> Accounts::FromApiToken(const std::string& token) {
  const std::string hash = HashToken(token);
  return store_.Read<Identity>([&](Tx& tx) -> Result<Identity> {
    auto user = tx.FindApiToken(hash);
    if (!user) return Fail(user.error());
    if (!*user) return Fail(Unauthenticated("auth.invalid_token"));
    return IdentityIn(tx, **user);
  });
}

Status Accounts::Logout(const Identity& who, const std::string& ip) {
  return store_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    if (!who.session_hash.empty())
      if (auto st = tx.DeleteSession(who.session_hash); !st) return st;
    return tx.AppendAudit({FormatTime(clock_.Now()), who.actor.user_id, who.actor.login, "logout", "", ip});
  });
}

Result<Identity> Accounts::IdentityOf(int64_t user_id) {
  return store_.Read<Identity>([&](Tx& tx) { return IdentityIn(tx, user_id); });
}

Result<Identity> Accounts::IdentityIn(Tx& tx, int64_t user_id) {
  auto creds = tx.FindCredentialsById(user_id);
  if (!creds) return Fail(creds.error());
  if (!*creds || !(*creds)->active) return Fail(Unauthenticated());
  const auto role = ParseRole((*creds)->role);
  if (!role) return Fail(Unauthenticated());
  Identity id;
  id.actor = Actor{user_id, (*creds)->login, *role, (*creds)->lang.empty() ? "fr" : (*creds)->lang};
  id.preferred_language = id.actor.lang;
  return id;
}

Result<int64_t> Accounts::AddUser(const std::string& login, const std::string& display_name, Role role,
                                  const std::string& password) {
  if (auto st = CheckPasswordPolicy(password); !st) return Fail(st.error());
  const std::string hash = HashPassword(password);
  return store_.Write<int64_t>([&](Tx& tx) -> Result<int64_t> {
    auto user = records_.CreateIn(tx, Actor::System(), "users",
                                  {{"login", login}, {"display_name", display_name}, {"role", RoleName(role)}});
    if (!user) return Fail(user.error());
    const int64_t id = (*user)["id"].get<int64_t>();
    if (auto st = tx.SetPasswordHash(id, hash); !st) return Fail(st.error());
    if (auto st = tx.AppendAudit({FormatTime(clock_.Now()), 0, "system", "user_added", login, "cli"}); !st)
      return Fail(st.error());
    return id;
  });
}

Status Accounts::SetPassword(const std::string& login, const std::string& password) {
  if (auto st = CheckPasswordPolicy(password); !st) return st;
  const std::string hash = HashPassword(password);
  return store_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto creds = tx.FindCredentials(login);
    if (!creds) return Fail(creds.error());
    if (!*creds) return Fail(Error::Of(ErrorKind::kNotFound, "record.not_found", {{"type", "users"}}));
    if (auto st = tx.SetPasswordHash((*creds)->user_id, hash); !st) return st;
    return tx.AppendAudit({FormatTime(clock_.Now()), 0, "system", "password_changed", login, "cli"});
  });
}

Result<std::string> Accounts::NewApiToken(const std::string& login) {
  const std::string token = "bcl_" + RandomToken();
  auto st = store_.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    auto creds = tx.FindCredentials(login);
    if (!creds) return Fail(creds.error());
    if (!*creds) return Fail(Error::Of(ErrorKind::kNotFound, "record.not_found", {{"type", "users"}}));
    const auto now = FormatTime(clock_.Now());
    if (auto put = tx.PutApiToken((*creds)->user_id, HashToken(token), now); !put) return put;
    return tx.AppendAudit({now, (*creds)->user_id, login, "token_created", "", "cli"});
  });
  if (!st) return Fail(st.error());
  return token;
}

void Accounts::Audit(const Actor& who, const std::string& event, const std::string& detail, const std::string& ip) {
  auto st = store_.Run(TxMode::kWrite, [&](Tx& tx) {
    return tx.AppendAudit({FormatTime(clock_.Now()), who.user_id, who.login, event, detail, ip});
  });
  if (!st) spdlog::error("audit entry lost: {} {} {}", event, who.login, detail);
}

Result<Json> Accounts::ReadAudit(int64_t limit, int64_t offset) {
  return store_.Read<Json>([&](Tx& tx) -> Result<Json> {
    int64_t total = 0;
    auto entries = tx.Audit(limit, offset, &total);
    if (!entries) return Fail(entries.error());
    Json items = Json::array();
    for (const auto& e : *entries)
      items.push_back({{"at", e.at}, {"user_id", e.user_id}, {"login", e.login}, {"event", e.event},
                       {"detail", e.detail}, {"ip", e.ip}});
    return Json{{"items", items}, {"total", total}};
  });
}

Result<Json> Accounts::PublicProfile(int64_t user_id) {
  auto user = records_.Get(Actor::System(), "users", user_id);
  if (!user) return Fail(user.error());
  return Json{{"id", user_id},
              {"login", (*user)["login"]},
              {"display_name", (*user)["display_name"]},
              {"role", (*user)["role"]},
              {"language", (*user)["language"]}};
}

}  // namespace boucle
