// Persistence of accounts (users, user_roles) and their sessions.
//
// Works on a borrowed Connection inside the caller's transaction; not thread-safe. Every
// method returns the store's error on failure (a taken username → kConflict).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/account/account.h"
#include "store/database.h"
#include "store/paging.h"

namespace tj::store {

struct AccountQuery {
  std::string scope_path;            // accounts whose org lies in this subtree
  std::optional<int64_t> org_id;     // only this org (when not subtree)
  std::optional<std::string> q;      // username or display name contains
  std::optional<domain::Role> role;
  std::optional<domain::AccountStatus> status;
  PageRequest page;
};

struct NewAccount {
  std::string username;
  std::string display_name;
  int64_t org_id = 0;
  std::string password_hash;
  std::vector<domain::Role> roles;
  bool must_change_password = true;
  std::optional<int64_t> member_id;
};

class AccountRepository {
 public:
  explicit AccountRepository(Connection& c) : c_(c) {}

  Result<std::optional<domain::Account>> Get(int64_t id);
  Result<std::optional<domain::Account>> GetByUsername(std::string_view username);
  Result<domain::Account> Insert(const NewAccount& a, Instant now);
  Result<void> UpdateProfile(int64_t id, std::string_view display_name, int64_t org_id,
                             domain::AccountStatus status, Instant now);
  Result<void> SetRoles(int64_t id, const std::vector<domain::Role>& roles);
  Result<void> SetPassword(int64_t id, std::string_view hash, bool must_change, Instant now);
  Result<void> SetLoginState(int64_t id, const domain::LoginState& s, Instant now);
  Result<void> RecordLogin(int64_t id, Instant now);
  Result<Page<domain::Account>> List(const AccountQuery& q);

  Result<domain::Session> InsertSession(const domain::Session& s);
  Result<std::optional<domain::Session>> FindSession(std::string_view token_hash);
  Result<void> TouchSession(int64_t id, Instant now);
  Result<void> RevokeSession(int64_t id, Instant now);
  // Revokes every live session of the user except `keep_id` (0 = all).
  Result<void> RevokeUserSessions(int64_t user_id, int64_t keep_id, Instant now);
  // Sessions not revoked and not past their absolute expiry, newest first.
  Result<std::vector<domain::Session>> ListSessions(int64_t user_id, Instant now);

 private:
  Result<std::vector<domain::Role>> Roles(int64_t id);
  Connection& c_;
};

}  // namespace tj::store
