// Accounts: roles and the permissions they grant, the password policy, login lockout and
// session lifetime rules (DOMAIN.md, Privacy and security duties: unique accounts, password
// complexity, limited login failures with lockout, idle session timeout).
//
// Pure functions and value types; safe from any thread. Time is passed in, never read.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/enum_names.h"
#include "base/error.h"
#include "base/time.h"

namespace tj::domain {

enum class Role { kSystemAdmin, kCommitteeStaff, kBranchSecretary, kMember };
EnumNames<Role> RoleNames();

enum class Permission {
  kOrgRead,
  kOrgWrite,
  kUserRead,
  kUserWrite,
  kAuditRead,
  kAuditVerify,
  kMemberRead,
  kMemberWrite,
  kMemberReveal,  // see ID and phone numbers unmasked (each read audited)
  kRulesWrite,    // change the year's rule settings (with a scope of the whole tree)
  kRecruitmentRead,
  kRecruitmentWrite,    // file applications and take a file through the branch's stages
  kRecruitmentApprove,  // approve and admit (as the committee above the file's branch)
  kQuotaWrite,          // enter graduating-cohort sizes of schools
  kNumberRangeWrite,    // allocate member number ranges (with a scope of the whole tree)
  kEvaluationWrite,     // run a branch's annual evaluation (attendance, grades, submit)
  kEvaluationApprove,   // approve or return a branch's evaluation (as the committee above)
  kRegistrationWrite,   // register members for a year
  kRegistrationOpen,    // open a year's registration (with a scope of the whole tree)
  kPartyWrite,          // nominate members for Party recommendation, record the meeting's vote
  kPartyReview,         // review and rank recommendations (as the committee above)
  kTransferWrite,       // start, approve out, reject, return and cancel transfers
  kTransferAccept,      // accept transfers in and place members (as a committee)
  kDuesWrite,           // record payments, refunds, members' dues profiles, remittances
  kDuesStandards,       // set the dues standards (with a scope of the whole tree)
  kSelfService,         // a member's own record, dues and transfer requests
  kActivityWrite,       // record meetings, classes and themed days; submit monthly reports
  kActivityReview,      // review children's monthly reports; keep the yearly topic list
  kStudyManage,         // Youth Study seasons and episodes (with a scope of the whole tree)
  kStudyRecord,         // record and import members' Youth Study participation
};

// Deny by default: true only when one of `roles` grants `p`.
bool HasPermission(const std::vector<Role>& roles, Permission p);

enum class AccountStatus { kActive, kDisabled };
EnumNames<AccountStatus> AccountStatusNames();

inline constexpr size_t kMinPasswordChars = 10;
inline constexpr size_t kMaxPasswordChars = 128;

// The password policy: at least 10 characters (at most 128), at least 3 of 4 classes (upper,
// lower, digit, symbol; any non-ASCII character counts as a symbol), not containing the
// username (ASCII case-insensitive). Returns one detail per broken rule (codes too_short,
// too_long, classes, contains_username) for `field`; empty when the password is acceptable.
std::vector<ErrorDetail> CheckPasswordPolicy(std::string_view password, std::string_view username,
                                             std::string_view field);

// Usernames: 3–32 of [A-Za-z0-9._-], stored lower case. Returns the normalized name, or a
// kValidationFailed error naming `username`.
Result<std::string> NormalizeUsername(std::string_view username);

struct LockoutPolicy {
  int threshold = 5;                          // consecutive failures that lock
  std::chrono::minutes duration{15};
};

struct LoginState {
  int failed_logins = 0;
  std::optional<Instant> locked_until;
};

bool IsLocked(const LoginState& s, Instant now);

// The state after one more failed login at `now`; `locked` tells whether this failure locked
// the account. A lock that has expired starts the count again.
struct FailureOutcome {
  LoginState state;
  bool locked = false;
};
FailureOutcome RegisterFailedLogin(const LoginState& s, Instant now, const LockoutPolicy& policy);

struct SessionPolicy {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 60 * 60};
};

// A session is alive while now < expires_at (absolute) and now < last_seen + idle.
bool SessionAlive(Instant last_seen, Instant expires_at, Instant now, const SessionPolicy& policy);

}  // namespace tj::domain

namespace tj::domain {

// A staff or member account, with its org and roles.
struct Account {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  int64_t org_id = 0;
  std::string org_name;  // joined for display
  std::string org_path;  // the account's data scope: this org's subtree
  std::string password_hash;
  bool must_change_password = true;
  AccountStatus status = AccountStatus::kActive;
  LoginState login;
  std::vector<Role> roles;
  std::optional<int64_t> member_id;  // a member's own account: their record
  std::optional<Instant> password_changed_at;
  std::optional<Instant> last_login_at;
  Instant created_at;
  Instant updated_at;
};

struct Session {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string token_hash;  // SHA-256 of the bearer token; the token itself is never stored
  std::string csrf_token;
  Instant created_at;
  Instant last_seen_at;
  Instant expires_at;
  std::string client_address;
  std::string user_agent;
  std::optional<Instant> revoked_at;
};

}  // namespace tj::domain
