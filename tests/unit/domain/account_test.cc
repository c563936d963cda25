#include "domain/account/account.h"

#include <gtest/gtest.h>

namespace tj::domain {
namespace {

using namespace std::chrono;

std::vector<std::string> Codes(const std::vector<ErrorDetail>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.code);
  return out;
}

TEST(PasswordPolicyTest, TenCharactersPassNineFail) {
  EXPECT_TRUE(CheckPasswordPolicy("Abcdefgh1!", "admin", "p").empty());
  EXPECT_EQ(Codes(CheckPasswordPolicy("Abcdefg1!", "admin", "p")),
            std::vector<std::string>{"too_short"});
}

TEST(PasswordPolicyTest, NeedsThreeOfFourClasses) {
  EXPECT_EQ(Codes(CheckPasswordPolicy("abcdefghij1", "admin", "p")),
            std::vector<std::string>{"classes"});                          // 2 classes
  EXPECT_TRUE(CheckPasswordPolicy("abcdefghij1!", "admin", "p").empty());  // 3 classes
  EXPECT_TRUE(CheckPasswordPolicy("ABCDEFGHIJ1a", "admin", "p").empty());
  EXPECT_TRUE(CheckPasswordPolicy("团县委团县委abc1", "admin", "p").empty());  // non-ASCII = symbol
}

TEST(PasswordPolicyTest, MustNotContainTheUsernameInAnyCase) {
  auto d = CheckPasswordPolicy("xxADMINxx1!", "admin", "new_password");
  ASSERT_EQ(Codes(d), std::vector<std::string>{"contains_username"});
  EXPECT_EQ(d[0].field, "new_password");
}

TEST(PasswordPolicyTest, CapsLength) {
  EXPECT_EQ(Codes(CheckPasswordPolicy(std::string(129, 'a') + "A1", "u", "p")),
            std::vector<std::string>{"too_long"});
}

TEST(UsernameTest, NormalizesToLowerCaseAndChecksFormat) {
  EXPECT_EQ(*NormalizeUsername(" Zhang.San "), "zhang.san");
  EXPECT_FALSE(NormalizeUsername("ab"));
  EXPECT_TRUE(NormalizeUsername("abc"));
  EXPECT_FALSE(NormalizeUsername("张三"));
  EXPECT_FALSE(NormalizeUsername(std::string(33, 'a')));
}

TEST(LockoutTest, FifthConsecutiveFailureLocksForFifteenMinutes) {
  LockoutPolicy policy;
  Instant t0 = Instant(seconds(1'800'000'000));
  LoginState s;
  for (int i = 1; i <= 4; ++i) {
    auto out = RegisterFailedLogin(s, t0, policy);
    EXPECT_FALSE(out.locked) << i;
    s = out.state;
  }
  EXPECT_FALSE(IsLocked(s, t0));
  auto fifth = RegisterFailedLogin(s, t0, policy);
  EXPECT_TRUE(fifth.locked);
  EXPECT_TRUE(IsLocked(fifth.state, t0 + minutes(15) - microseconds(1)));
  EXPECT_FALSE(IsLocked(fifth.state, t0 + minutes(15)));
  // After the lock expires, counting starts again.
  auto after = RegisterFailedLogin(fifth.state, t0 + minutes(16), policy);
  EXPECT_FALSE(after.locked);
  EXPECT_EQ(after.state.failed_logins, 1);
}

TEST(SessionTest, EndsAtIdleOrAbsoluteTimeout) {
  SessionPolicy p;  // 30 min idle, 12 h absolute
  Instant login = Instant(seconds(1'800'000'000));
  Instant expires = login + hours(12);
  EXPECT_TRUE(SessionAlive(login, expires, login + minutes(30) - microseconds(1), p));
  EXPECT_FALSE(SessionAlive(login, expires, login + minutes(30), p));
  Instant recent = login + hours(12) - minutes(1);
  EXPECT_TRUE(SessionAlive(recent, expires, expires - microseconds(1), p));
  EXPECT_FALSE(SessionAlive(recent, expires, expires, p));
}

TEST(PermissionTest, DeniesByDefault) {
  EXPECT_FALSE(HasPermission({}, Permission::kOrgRead));
  EXPECT_TRUE(HasPermission({Role::kBranchSecretary}, Permission::kOrgRead));
  EXPECT_FALSE(HasPermission({Role::kBranchSecretary}, Permission::kOrgWrite));
  EXPECT_FALSE(HasPermission({Role::kCommitteeStaff}, Permission::kUserWrite));
  EXPECT_TRUE(HasPermission({Role::kCommitteeStaff}, Permission::kAuditRead));
  EXPECT_TRUE(HasPermission({Role::kMember, Role::kSystemAdmin}, Permission::kUserWrite));
  EXPECT_FALSE(HasPermission({Role::kSystemAdmin}, Permission::kMemberRead));  // no member data
  EXPECT_TRUE(HasPermission({Role::kBranchSecretary}, Permission::kMemberReveal));
}

}  // namespace
}  // namespace tj::domain
