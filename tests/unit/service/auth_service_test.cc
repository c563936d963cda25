// AuthService on both backends with a ManualClock: login, lockout, the per-address limit,
// session idle and absolute timeouts, logout and password changes.
#include "service/auth_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "store/account_repository.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using namespace std::chrono;
using domain::Role;

constexpr char kWrong[] = "Wr0ng-Passw0rd!";
constexpr char kNewPassword[] = "An0ther-Secret!";

class AuthServiceTest : public ServiceTest {
 protected:
  int64_t CountActions(const std::vector<domain::AuditRecord>& rec, std::string_view action) {
    return std::count_if(rec.begin(), rec.end(),
                         [&](const domain::AuditRecord& r) { return r.action == action; });
  }
};

TEST_P(AuthServiceTest, LoginGivesATokenThatAuthenticatesAsTheAccount) {
  const auto acc = MakeUser("sec.a", branch_a_.id, "branch_secretary");
  const int64_t head = AuditHead();
  auto r = Login("Sec.A", kPassword);
  ASSERT_TRUE(r) << Describe(r.error());
  EXPECT_GE(r->token.size(), 40u);
  EXPECT_FALSE(r->csrf_token.empty());
  EXPECT_NE(r->session.token_hash, r->token);  // only a hash is kept
  EXPECT_EQ(r->session.user_id, acc.id);
  EXPECT_EQ(r->session.created_at, clock_.Now());
  EXPECT_EQ(r->session.expires_at, clock_.Now() + hours(12));
  EXPECT_EQ(r->account.last_login_at, clock_.Now());

  auto who = auth().Authenticate(r->token, "192.0.2.99");
  ASSERT_TRUE(who) << Describe(who.error());
  EXPECT_EQ(who->actor.user_id, acc.id);
  EXPECT_EQ(who->actor.username, "sec.a");
  EXPECT_EQ(who->actor.org_id, branch_a_.id);
  EXPECT_EQ(who->actor.org_path, branch_a_.path);
  EXPECT_EQ(who->actor.roles, std::vector<Role>{Role::kBranchSecretary});
  EXPECT_EQ(who->actor.session_id, r->session.id);
  EXPECT_EQ(who->actor.client_address, "192.0.2.99");

  EXPECT_TRUE(FailsWith(auth().Authenticate("", "x"), ErrorCode::kUnauthenticated));
  EXPECT_TRUE(
      FailsWith(auth().Authenticate(r->session.token_hash, "x"), ErrorCode::kUnauthenticated));

  auto rec = AuditAfter(head);
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].action, "auth.login");
  EXPECT_EQ(rec[0].object_type, "session");
  EXPECT_EQ(rec[0].object_id, r->session.id);
  EXPECT_EQ(rec[0].org_id, branch_a_.id);
  EXPECT_EQ(rec[0].actor_id, acc.id);
  EXPECT_EQ(rec[0].client_address, "192.0.2.10");
}

TEST_P(AuthServiceTest, UnknownUserAndWrongPasswordAnswerAlike) {
  MakeUser("sec.a", branch_a_.id, "branch_secretary");
  auto wrong = Login("sec.a", kWrong);
  auto unknown = Login("nobody", kPassword);
  ASSERT_TRUE(FailsWith(wrong, ErrorCode::kUnauthenticated));
  ASSERT_TRUE(FailsWith(unknown, ErrorCode::kUnauthenticated));
  ExpectIndistinguishable(wrong.error(), unknown.error());
}

TEST_P(AuthServiceTest, FifthWrongPasswordLocksForFifteenMinutes) {
  const auto acc = MakeUser("sec.a", branch_a_.id, "branch_secretary");
  const int64_t head = AuditHead();
  for (int i = 1; i <= 4; ++i) {
    EXPECT_TRUE(FailsWith(Login("sec.a", kWrong), ErrorCode::kUnauthenticated)) << "attempt " << i;
    clock_.Advance(seconds(10));
  }
  auto fifth = Login("sec.a", kWrong);
  ASSERT_TRUE(FailsWith(fifth, ErrorCode::kLocked));
  EXPECT_EQ(fifth.error().args.at("minutes"), "15");
  const Instant locked_at = clock_.Now();

  EXPECT_TRUE(FailsWith(Login("sec.a", kPassword), ErrorCode::kLocked));
  clock_.Set(locked_at + minutes(15) - microseconds(1));
  EXPECT_TRUE(FailsWith(Login("sec.a", kPassword), ErrorCode::kLocked));

  clock_.Set(locked_at + minutes(15));
  auto ok = Login("sec.a", kPassword);
  ASSERT_TRUE(ok) << Describe(ok.error());
  EXPECT_EQ(ok->account.login.failed_logins, 0);
  EXPECT_FALSE(ok->account.login.locked_until.has_value());

  auto rec = AuditAfter(head);
  EXPECT_EQ(CountActions(rec, "auth.login_failed"), 7);  // 5 wrong + 2 while locked
  EXPECT_EQ(CountActions(rec, "auth.lockout"), 1);
  EXPECT_EQ(CountActions(rec, "auth.login"), 1);
  for (const auto& r : rec) {
    EXPECT_EQ(r.org_id, branch_a_.id) << r.action;
    if (r.action != "auth.login") {
      EXPECT_EQ(r.object_id, acc.id) << r.action;
    }
  }
}

// Guessing in parallel (from several addresses) must count every failure: the lockout is the
// only limit across addresses.
TEST_P(AuthServiceTest, ConcurrentWrongPasswordsAllCountTowardTheLockout) {
  const auto acc = MakeUser("sec.a", branch_a_.id, "branch_secretary");
  const int64_t head = AuditHead();
  constexpr int kGuesses = 6;
  std::vector<std::function<void()>> guesses;
  for (int i = 0; i < kGuesses; ++i)
    guesses.push_back([this, i] {
      (void)Login("sec.a", kWrong + std::to_string(i), "198.51.100." + std::to_string(i));
    });
  RunWhileAuditHeadHeld(guesses, milliseconds(1500));  // long enough for the six hashes

  const auto rec = AuditAfter(head);
  int64_t wrong = 0;
  for (const auto& r : rec)
    if (r.action == "auth.login_failed" && r.summary.find("wrong_password") != std::string::npos)
      ++wrong;
  EXPECT_EQ(wrong, kGuesses);
  auto stored = [&] {
    auto c = Conn();
    return *Must(store::AccountRepository(*c).Get(acc.id), "Get account");
  }();
  EXPECT_EQ(stored.login.failed_logins, wrong) << "failures lost to concurrent updates";
  EXPECT_TRUE(stored.login.locked_until.has_value());
  EXPECT_TRUE(FailsWith(Login("sec.a", kPassword), ErrorCode::kLocked));
}

TEST_P(AuthServiceTest, SuccessfulLoginResetsTheFailureCount) {
  MakeUser("sec.a", branch_a_.id, "branch_secretary");
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(FailsWith(Login("sec.a", kWrong), ErrorCode::kUnauthenticated));
  auto ok = Login("sec.a", kPassword);
  ASSERT_TRUE(ok) << Describe(ok.error());
  EXPECT_EQ(ok->account.login.failed_logins, 0);
  // Four more are needed before the next lock, not one.
  EXPECT_TRUE(FailsWith(Login("sec.a", kWrong), ErrorCode::kUnauthenticated));
}

TEST_P(AuthServiceTest, TooManyAttemptsFromOneAddressAreRateLimited) {
  deps().auth.login_attempts_per_ip_per_minute = 3;
  AuthService limited(deps());
  MakeUser("sec.a", branch_a_.id, "branch_secretary");
  const std::string here = "203.0.113.1", there = "203.0.113.2";
  const Instant t0 = clock_.Now();

  for (int i = 0; i < 3; ++i) {
    clock_.Set(t0 + seconds(20 * i));
    EXPECT_TRUE(FailsWith(Login(limited, "nobody", kWrong, here), ErrorCode::kUnauthenticated))
        << "attempt " << i + 1;
  }
  clock_.Set(t0 + minutes(1) - microseconds(1));
  const int64_t head = AuditHead();
  auto fourth = Login(limited, "sec.a", kPassword, here);  // even with the right password
  ASSERT_TRUE(FailsWith(fourth, ErrorCode::kRateLimited));
  EXPECT_EQ(fourth.error().message_key, "auth.rate_limited");
  EXPECT_EQ(AuditHead(), head);  // refused before any work

  auto elsewhere = Login(limited, "sec.a", kPassword, there);
  EXPECT_TRUE(elsewhere) << Describe(elsewhere.error());

  // A minute after the first attempt it has left the window (the refused one never counted).
  clock_.Set(t0 + minutes(1));
  auto later = Login(limited, "sec.a", kPassword, here);
  EXPECT_TRUE(later) << Describe(later.error());
  // The window slides: the attempts at 20 s and 40 s still count.
  EXPECT_TRUE(FailsWith(Login(limited, "sec.a", kPassword, here), ErrorCode::kRateLimited));
}

TEST_P(AuthServiceTest, IdleTimeoutEndsTheSessionExactlyAtTheLimit) {
  MakeUser("sec.a", branch_a_.id, "branch_secretary");
  const auto idle = duration_cast<microseconds>(deps().auth.session.idle);
  auto r = Login("sec.a", kPassword);
  ASSERT_TRUE(r) << Describe(r.error());

  clock_.Advance(idle - microseconds(1));
  auto before = auth().Authenticate(r->token, "x");
  ASSERT_TRUE(before) << Describe(before.error());
  EXPECT_EQ(before->session.last_seen_at, clock_.Now());  // aged past the slack: refreshed

  clock_.Advance(idle - microseconds(1));
  ASSERT_TRUE(auth().Authenticate(r->token, "x"));
  clock_.Advance(idle);
  EXPECT_TRUE(FailsWith(auth().Authenticate(r->token, "x"), ErrorCode::kUnauthenticated));
}

TEST_P(AuthServiceTest, LastSeenMovesOnlyWhenOlderThanTheSlack) {
  deps().auth.session.idle = minutes(2);  // slack = min(30 s, idle / 8) = 15 s
  MakeUser("sec.a", branch_a_.id, "branch_secretary");
  auto r = Login("sec.a", kPassword);
  ASSERT_TRUE(r) << Describe(r.error());
  const Instant t0 = clock_.Now();

  clock_.Set(t0 + seconds(15));
  auto within = auth().Authenticate(r->token, "x");
  ASSERT_TRUE(within) << Describe(within.error());
  EXPECT_EQ(within->session.last_seen_at, t0);

  const Instant t1 = t0 + seconds(15) + microseconds(1);
  clock_.Set(t1);
  auto past = auth().Authenticate(r->token, "x");
  ASSERT_TRUE(past) << Describe(past.error());
  EXPECT_EQ(past->session.last_seen_at, t1);

  // A request within the slack is not recorded, so the idle limit counts from t1.
  clock_.Set(t1 + seconds(15));
  auto quiet = auth().Authenticate(r->token, "x");
  ASSERT_TRUE(quiet) << Describe(quiet.error());
  EXPECT_EQ(quiet->session.last_seen_at, t1);
  clock_.Set(t1 + minutes(2));
  EXPECT_TRUE(FailsWith(auth().Authenticate(r->token, "x"), ErrorCode::kUnauthenticated));
}

TEST_P(AuthServiceTest, SessionEndsAtItsAbsoluteExpiryDespiteActivity) {
  deps().auth.session.absolute = hours(2);
  MakeUser("sec.a", branch_a_.id, "branch_secretary");
  auto r = Login("sec.a", kPassword);
  ASSERT_TRUE(r) << Describe(r.error());
  const Instant t0 = clock_.Now();
  EXPECT_EQ(r->session.expires_at, t0 + hours(2));
  for (auto t = minutes(20); t < hours(2); t += minutes(20)) {
    clock_.Set(t0 + t);
    ASSERT_TRUE(auth().Authenticate(r->token, "x")) << "at " << t.count() << " min";
  }
  clock_.Set(t0 + hours(2) - microseconds(1));
  ASSERT_TRUE(auth().Authenticate(r->token, "x"));
  clock_.Set(t0 + hours(2));
  EXPECT_TRUE(FailsWith(auth().Authenticate(r->token, "x"), ErrorCode::kUnauthenticated));
}

TEST_P(AuthServiceTest, LogoutRevokesTheSession) {
  MakeUser("sec.a", branch_a_.id, "branch_secretary");
  auto r = Login("sec.a", kPassword);
  ASSERT_TRUE(r) << Describe(r.error());
  auto who = Must(auth().Authenticate(r->token, "x"), "Authenticate");
  const int64_t head = AuditHead();
  ASSERT_TRUE(auth().Logout(who.actor));
  EXPECT_TRUE(FailsWith(auth().Authenticate(r->token, "x"), ErrorCode::kUnauthenticated));
  auto sessions = auth().Sessions(who.actor);
  ASSERT_TRUE(sessions) << Describe(sessions.error());
  EXPECT_TRUE(sessions->empty());
  auto rec = AuditAfter(head);
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].action, "auth.logout");
  EXPECT_EQ(rec[0].object_id, r->session.id);
  EXPECT_EQ(rec[0].org_id, branch_a_.id);
}

TEST_P(AuthServiceTest, DisablingAnAccountEndsItsSessionsAndRefusesLogin) {
  const auto acc = MakeUser("sec.a", branch_a_.id, "branch_secretary");
  auto r = Login("sec.a", kPassword);
  ASSERT_TRUE(r) << Describe(r.error());
  AccountPatch disable;
  disable.status = "disabled";
  ASSERT_TRUE(users().Update(sys_, acc.id, disable));
  EXPECT_TRUE(FailsWith(auth().Authenticate(r->token, "x"), ErrorCode::kUnauthenticated));
  EXPECT_TRUE(FailsWith(Login("sec.a", kPassword), ErrorCode::kUnauthenticated));
}

TEST_P(AuthServiceTest, ChangePasswordChecksTheOldOneAndThePolicy) {
  MakeUser("cp.user", branch_a_.id, "member");
  auto r = Login("cp.user", kPassword);
  ASSERT_TRUE(r) << Describe(r.error());
  const Actor me = Must(auth().Authenticate(r->token, "x"), "Authenticate").actor;
  const int64_t head = AuditHead();

  auto wrong_old = auth().ChangePassword(me, kWrong, kNewPassword);
  ASSERT_TRUE(FailsWith(wrong_old, ErrorCode::kValidationFailed));
  EXPECT_TRUE(HasDetail(wrong_old.error(), "old_password", "wrong_password"));
  EXPECT_FALSE(HasDetail(wrong_old.error(), "new_password"));
  // A wrong current password counts as a failed login (and is audited); policy refusals
  // below leave nothing.
  EXPECT_EQ(AuditHead(), head + 1);

  struct Case {
    const char* password;
    const char* code;
  };
  for (const Case& c : {Case{"Sh0rt!", "too_short"}, Case{"alllowercaseletters", "classes"},
                        Case{"My-CP.USER-2026", "contains_username"}, Case{kPassword, "reused"}}) {
    auto bad = auth().ChangePassword(me, kPassword, c.password);
    ASSERT_TRUE(FailsWith(bad, ErrorCode::kValidationFailed)) << c.password;
    EXPECT_TRUE(HasDetail(bad.error(), "new_password", c.code))
        << c.password << ": " << Describe(bad.error());
  }
  EXPECT_EQ(AuditHead(), head + 1);
  // The old password still works: nothing changed.
  EXPECT_TRUE(Login("cp.user", kPassword, "192.0.2.11"));
}

TEST_P(AuthServiceTest, GuessingTheOldPasswordFromASessionLocksTheAccount) {
  MakeUser("cp.guess", branch_a_.id, "member");
  auto r = Login("cp.guess", kPassword);
  ASSERT_TRUE(r) << Describe(r.error());
  const Actor me = Must(auth().Authenticate(r->token, "x"), "Authenticate").actor;
  for (int i = 1; i <= 4; ++i)
    EXPECT_TRUE(FailsWith(auth().ChangePassword(me, kWrong, kNewPassword),
                          ErrorCode::kValidationFailed))
        << i;
  EXPECT_TRUE(FailsWith(auth().ChangePassword(me, kWrong, kNewPassword), ErrorCode::kLocked));
  // The lock ended the session and refuses the right password until it expires.
  EXPECT_TRUE(FailsWith(auth().Authenticate(r->token, "x"), ErrorCode::kUnauthenticated));
  EXPECT_TRUE(FailsWith(Login("cp.guess", kPassword, "192.0.2.12"), ErrorCode::kLocked));
  clock_.Advance(minutes(15));
  EXPECT_TRUE(Login("cp.guess", kPassword, "192.0.2.12"));
}

TEST_P(AuthServiceTest, ChangePasswordEndsOtherSessionsButKeepsTheCurrentOne) {
  const auto acc = MakeUser("cp.user", branch_a_.id, "member");
  ASSERT_TRUE(acc.must_change_password);
  auto here = Login("cp.user", kPassword);
  auto there = Login("cp.user", kPassword, "192.0.2.77");
  ASSERT_TRUE(here && there);
  const Actor me = Must(auth().Authenticate(here->token, "x"), "Authenticate").actor;
  clock_.Advance(minutes(1));
  const int64_t head = AuditHead();

  auto changed = auth().ChangePassword(me, kPassword, kNewPassword);
  ASSERT_TRUE(changed) << Describe(changed.error());
  EXPECT_FALSE(changed->must_change_password);
  EXPECT_EQ(changed->password_changed_at, clock_.Now());

  EXPECT_TRUE(auth().Authenticate(here->token, "x"));
  EXPECT_TRUE(FailsWith(auth().Authenticate(there->token, "x"), ErrorCode::kUnauthenticated));
  auto sessions = Must(auth().Sessions(me), "Sessions");
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].id, here->session.id);

  auto rec = AuditAfter(head);
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].action, "auth.password_change");
  EXPECT_EQ(rec[0].org_id, branch_a_.id);
  EXPECT_EQ(rec[0].object_id, acc.id);

  EXPECT_TRUE(FailsWith(Login("cp.user", kPassword), ErrorCode::kUnauthenticated));
  auto again = Login("cp.user", kNewPassword);
  ASSERT_TRUE(again) << Describe(again.error());
  EXPECT_FALSE(again->account.must_change_password);
}

TJ_INSTANTIATE_BACKENDS(AuthServiceTest);

}  // namespace
}  // namespace tj::service::test
