#include "domain/account/account.h"

#include <algorithm>

#include "base/text.h"

namespace tj::domain {
namespace {

constexpr std::pair<Role, std::string_view> kRoles[] = {
    {Role::kSystemAdmin, "system_admin"},
    {Role::kCommitteeStaff, "committee_staff"},
    {Role::kBranchSecretary, "branch_secretary"},
    {Role::kMember, "member"},
};
constexpr std::pair<AccountStatus, std::string_view> kAccountStatuses[] = {
    {AccountStatus::kActive, "active"},
    {AccountStatus::kDisabled, "disabled"},
};

bool Grants(Role r, Permission p) {
  switch (r) {
    case Role::kSystemAdmin:  // accounts, the audit log, org structure; no member data
      return p == Permission::kOrgRead || p == Permission::kOrgWrite ||
             p == Permission::kUserRead || p == Permission::kUserWrite ||
             p == Permission::kAuditRead || p == Permission::kAuditVerify ||
             p == Permission::kRulesWrite;
    case Role::kCommitteeStaff:
      return p == Permission::kOrgRead || p == Permission::kOrgWrite ||
             p == Permission::kUserRead || p == Permission::kAuditRead ||
             p == Permission::kMemberRead || p == Permission::kMemberWrite ||
             p == Permission::kMemberReveal || p == Permission::kRecruitmentRead ||
             p == Permission::kRecruitmentWrite || p == Permission::kRecruitmentApprove ||
             p == Permission::kQuotaWrite || p == Permission::kNumberRangeWrite ||
             p == Permission::kEvaluationWrite || p == Permission::kEvaluationApprove ||
             p == Permission::kRegistrationWrite || p == Permission::kRegistrationOpen ||
             p == Permission::kPartyWrite || p == Permission::kPartyReview ||
             p == Permission::kTransferWrite || p == Permission::kTransferAccept ||
             p == Permission::kDuesWrite || p == Permission::kDuesStandards ||
             p == Permission::kActivityWrite || p == Permission::kActivityReview ||
             p == Permission::kStudyManage || p == Permission::kStudyRecord;
    case Role::kBranchSecretary:
      return p == Permission::kOrgRead || p == Permission::kMemberRead ||
             p == Permission::kMemberWrite || p == Permission::kMemberReveal ||
             p == Permission::kRecruitmentRead || p == Permission::kRecruitmentWrite ||
             p == Permission::kEvaluationWrite || p == Permission::kRegistrationWrite ||
             p == Permission::kPartyWrite || p == Permission::kTransferWrite ||
             p == Permission::kDuesWrite || p == Permission::kActivityWrite ||
             p == Permission::kStudyRecord;
    case Role::kMember:
      return p == Permission::kOrgRead || p == Permission::kSelfService;
  }
  return false;
}

}  // namespace

EnumNames<Role> RoleNames() { return kRoles; }
EnumNames<AccountStatus> AccountStatusNames() { return kAccountStatuses; }

bool HasPermission(const std::vector<Role>& roles, Permission p) {
  return std::any_of(roles.begin(), roles.end(), [p](Role r) { return Grants(r, p); });
}

std::vector<ErrorDetail> CheckPasswordPolicy(std::string_view password, std::string_view username,
                                             std::string_view field) {
  std::vector<ErrorDetail> out;
  auto add = [&](std::string code, std::string key, MessageArgs args = {}) {
    out.push_back(ErrorDetail{std::string(field), std::nullopt, std::move(code), std::move(key),
                              std::move(args)});
  };
  size_t chars = Utf8Length(password);
  if (chars < kMinPasswordChars)
    add("too_short", "auth.password_too_short", {{"min", std::to_string(kMinPasswordChars)}});
  if (chars > kMaxPasswordChars)
    add("too_long", "auth.password_too_long", {{"max", std::to_string(kMaxPasswordChars)}});
  bool upper = false, lower = false, digit = false, symbol = false;
  for (char c : password) {
    if (c >= 'A' && c <= 'Z')
      upper = true;
    else if (c >= 'a' && c <= 'z')
      lower = true;
    else if (c >= '0' && c <= '9')
      digit = true;
    else
      symbol = true;
  }
  if (int(upper) + int(lower) + int(digit) + int(symbol) < 3)
    add("classes", "auth.password_classes");
  if (!username.empty() && AsciiLower(password).find(AsciiLower(username)) != std::string::npos)
    add("contains_username", "auth.password_contains_username");
  return out;
}

Result<std::string> NormalizeUsername(std::string_view username) {
  std::string u = AsciiLower(Trim(username));
  bool ok = u.size() >= 3 && u.size() <= 32;
  for (char c : u)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      ok = false;
  if (!ok)
    return Fail(Error::Validation(
        {ErrorDetail{"username", std::nullopt, "invalid_format", "user.username_format", {}}}));
  return u;
}

bool IsLocked(const LoginState& s, Instant now) { return s.locked_until && now < *s.locked_until; }

FailureOutcome RegisterFailedLogin(const LoginState& s, Instant now, const LockoutPolicy& policy) {
  LoginState next = s;
  if (next.locked_until && now >= *next.locked_until) {  // an expired lock starts afresh
    next.failed_logins = 0;
    next.locked_until.reset();
  }
  ++next.failed_logins;
  bool locked = false;
  if (next.failed_logins >= policy.threshold) {
    next.locked_until = now + std::chrono::duration_cast<std::chrono::microseconds>(policy.duration);
    locked = true;
  }
  return {next, locked};
}

bool SessionAlive(Instant last_seen, Instant expires_at, Instant now, const SessionPolicy& policy) {
  return now < expires_at && now < last_seen + std::chrono::duration_cast<std::chrono::microseconds>(policy.idle);
}

}  // namespace tj::domain
