// Use cases on accounts: list, read, create, change, reset password, unlock.
//
// Only accounts whose org lies in the caller's scope are visible (others answer kNotFound);
// creating and changing needs user.write (system administrators). Passwords are hashed on
// the calling (worker) thread before the transaction opens. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/account/account.h"
#include "service/context.h"
#include "store/account_repository.h"

namespace tj::service {

struct AccountListRequest {
  std::optional<int64_t> org_id;
  bool subtree = true;
  std::optional<std::string> q;
  std::optional<domain::Role> role;
  std::optional<domain::AccountStatus> status;
  store::PageRequest page;
};

struct NewAccountRequest {
  std::optional<std::string> username;
  std::optional<std::string> display_name;
  std::optional<int64_t> org_id;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::string> password;
  std::optional<int64_t> member_id;  // the member role only: the member's own record (self-service)
};

struct AccountPatch {
  std::optional<std::string> display_name;
  std::optional<int64_t> org_id;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::string> status;
};

class UserService {
 public:
  explicit UserService(Deps& deps) : d_(deps) {}

  Result<store::Page<domain::Account>> List(const Actor& a, const AccountListRequest& r);
  Result<domain::Account> Get(const Actor& a, int64_t id);
  // Errors: kValidationFailed (username, display_name, org_id, roles, password details),
  // kConflict (username taken), kNotFound (org outside scope), kForbidden.
  Result<domain::Account> Create(const Actor& a, const NewAccountRequest& r);
  Result<domain::Account> Update(const Actor& a, int64_t id, const AccountPatch& p);
  Result<domain::Account> ResetPassword(const Actor& a, int64_t id, std::string_view password);
  Result<domain::Account> Unlock(const Actor& a, int64_t id);

 private:
  Result<domain::Account> InScope(store::Connection& c, const Actor& a, int64_t id);
  Deps& d_;
};

// Parses role names; details on field "roles" for unknown names or an empty list.
Result<std::vector<domain::Role>> ParseRoles(const std::vector<std::string>& names);

}  // namespace tj::service
