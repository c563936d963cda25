// Logging in and out, sessions, and password changes.
//
// Passwords are argon2id hashes; verification and hashing are slow on purpose and run on
// the caller's (worker) thread outside any transaction. Sessions are 256-bit random tokens
// of which only the SHA-256 is stored. Thread-safe: state lives in the database, apart from
// the per-address login limiter, which is internally locked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.h"
#include "service/rate_limiter.h"

namespace tj::service {

struct LoginRequest {
  std::string username;
  std::string password;
  std::string client_address;
  std::string user_agent;
};

struct LoginResult {
  std::string token;  // given to the client once
  std::string csrf_token;
  domain::Session session;
  domain::Account account;
};

// The caller of an authenticated request.
struct Authenticated {
  Actor actor;
  domain::Account account;
  domain::Session session;
};

class AuthService {
 public:
  explicit AuthService(Deps& deps)
      : d_(deps), limiter_(deps.auth.login_attempts_per_ip_per_minute) {}

  // Errors: kRateLimited (too many attempts from the address), kUnauthenticated (wrong
  // username or password, disabled account), kLocked (locked now or by this failure).
  Result<LoginResult> Login(const LoginRequest& r);
  // Errors: kUnauthenticated when the token is unknown, revoked, idle too long or expired,
  // or the account is disabled.
  Result<Authenticated> Authenticate(std::string_view token, std::string_view client_address);
  Result<void> Logout(const Actor& a);
  // Errors: kValidationFailed (wrong old password on field old_password; policy details on
  // new_password). Ends the account's other sessions.
  Result<domain::Account> ChangePassword(const Actor& a, std::string_view old_password,
                                         std::string_view new_password);
  Result<std::vector<domain::Session>> Sessions(const Actor& a);
  // Errors: kNotFound for a session that is not the caller's.
  Result<void> RevokeSession(const Actor& a, int64_t session_id);

 private:
  // Counts one wrong password against `who`'s account in its own write transaction and audits
  // it, with the lockout it may cause (which ends the account's sessions when end_sessions).
  // Returns whether this failure locked the account. Errors: the store's.
  Result<bool> RecordWrongPassword(const Actor& who, std::string_view reason, bool end_sessions);
  Error LockedError() const;
  Result<void> AuditFailure(const std::optional<domain::Account>& acc, const std::string& username,
                            const std::string& client, std::string_view reason);
  Deps& d_;
  RateLimiter limiter_;
};

}  // namespace tj::service
