// A service-layer fixture on both backends: a migrated database, a ManualClock, the stats
// indexes (org tree and registry), the personal-data cipher, every service, and a small org
// tree made through OrgService as the command line's SystemActor:
//
//   root (local_committee)
//   ├── town1 (committee)        ├── branch_a, branch_b (branches)
//   └── town2 (committee)        └── branch_c (branch)
//
// Accounts cost a password hash (~0.1 s) each, so tests make the few they need with
// MakeUser; scope and permission cases can use StaffActor, an Actor bound to an org without
// an account behind it. Members: NextFields builds the fields of a valid new member (unique ID
// and member numbers, a chosen birth date), MakeMember registers one through MemberService.
//
// Thread safety: as BackendTest; the services and the clock are thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "base/error.h"
#include "base/personal_data.h"
#include "base/resident_id.h"
#include "base/time.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/context.h"
#include "service/dues_service.h"
#include "service/study_service.h"
#include "service/member_import.h"
#include "service/member_service.h"
#include "service/org_service.h"
#include "service/user_service.h"
#include "stats/org_index.h"
#include "stats/registry_index.h"
#include "store/audit_repository.h"
#include "store/org_repository.h"
#include "unit/store/backend_fixture.h"

namespace tj {

// So failed expectations on error codes read "not_found" instead of a number.
inline void PrintTo(ErrorCode c, std::ostream* os) { *os << ErrorCodeName(c); }

}  // namespace tj

namespace tj::service::test {

// Meets the password policy (upper, lower, digit, symbol; 16 characters).
inline constexpr char kPassword[] = "Str0ng-Passw0rd!";

// 2026-03-02 09:00 in Shanghai.
inline Instant StartInstant() {
  using namespace std::chrono;
  return Instant(sys_days(year{2026} / March / 2)) + hours(1);
}

inline std::string Describe(const Error& e) {
  std::ostringstream out;
  out << ErrorCodeName(e.code) << " " << e.message_key;
  for (const auto& [k, v] : e.args) out << " " << k << "=" << v;
  for (const auto& d : e.details) out << " [" << d.field << ":" << d.code << "]";
  if (!e.log_detail.empty()) out << " (" << e.log_detail << ")";
  return out.str();
}

// Success when `r` failed with `code`.
template <typename T>
::testing::AssertionResult FailsWith(const Result<T>& r, ErrorCode code) {
  if (r) return ::testing::AssertionFailure() << "succeeded; expected " << ErrorCodeName(code);
  if (r.error().code != code)
    return ::testing::AssertionFailure()
           << "failed with " << Describe(r.error()) << "; expected " << ErrorCodeName(code);
  return ::testing::AssertionSuccess();
}

// Success when `r` failed with kRuleViolation for `rule` (the first detail's code).
template <typename T>
::testing::AssertionResult ViolatesRule(const Result<T>& r, std::string_view rule) {
  if (auto f = FailsWith(r, ErrorCode::kRuleViolation); !f) return f;
  const auto& d = r.error().details;
  if (d.empty() || d.front().code != rule)
    return ::testing::AssertionFailure()
           << "failed with " << Describe(r.error()) << "; expected rule " << rule;
  return ::testing::AssertionSuccess();
}

// True when some detail of `e` names `field` (with `code`, when given).
inline bool HasDetail(const Error& e, std::string_view field, std::string_view code = {}) {
  for (const auto& d : e.details)
    if (d.field == field && (code.empty() || d.code == code)) return true;
  return false;
}

// What a client could tell apart: code, message key, arguments and details.
inline void ExpectIndistinguishable(const Error& a, const Error& b) {
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.message_key, b.message_key);
  EXPECT_EQ(a.args, b.args);
  ASSERT_EQ(a.details.size(), b.details.size());
  for (size_t i = 0; i < a.details.size(); ++i) {
    EXPECT_EQ(a.details[i].field, b.details[i].field);
    EXPECT_EQ(a.details[i].code, b.details[i].code);
    EXPECT_EQ(a.details[i].message_key, b.details[i].message_key);
  }
}

// The value of `r`; throws (failing the test with the error) when it failed.
template <typename T>
T Must(Result<T> r, std::string_view what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + Describe(r.error()));
  return std::move(*r);
}
inline void Must(Result<void> r, std::string_view what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + Describe(r.error()));
}

inline domain::OrgFields OrgFieldsOf(std::string type, std::string code,
                                     std::string sector = "community") {
  domain::OrgFields f;
  f.name = "org " + code;
  f.type = std::move(type);
  f.sector = std::move(sector);
  f.code = std::move(code);
  return f;
}

// Calendar helpers for the date rules.
inline Date AddDays(Date d, int days) {
  return Date(std::chrono::sys_days(d) + std::chrono::days(days));
}
// The same day `n` years earlier (29 February becomes 28 February in a common year).
inline Date YearsBefore(Date d, int n) {
  Date out{d.year() - std::chrono::years(n), d.month(), d.day()};
  return out.ok() ? out : Date{out.year(), std::chrono::February, std::chrono::day(28)};
}
inline Date YearsAfter(Date d, int n) { return YearsBefore(d, -n); }
inline Date DateOf(std::string_view s) {
  auto d = ParseDate(s);
  if (!d) throw std::runtime_error("bad date " + std::string(s));
  return *d;
}
// 09:00 in Shanghai on `d`.
inline Instant MorningOf(Date d) {
  return Instant(std::chrono::sys_days(d)) + std::chrono::hours(1);
}

// A valid resident ID number: division code, birth date, 3-digit sequence (odd = male), check
// character.
inline std::string IdNumber(Date birth, int seq, std::string_view division = "220821") {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6s%04d%02u%02u%03d", std::string(division).c_str(),
                int(birth.year()), unsigned(birth.month()), unsigned(birth.day()), seq % 1000);
  std::string first17(buf);
  return first17 + ResidentIdCheckChar(first17);
}

class ServiceTest : public store::test::MigratedBackendTest {
 protected:
  void SetUp() override {
    MigratedBackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    deps_.emplace(Deps{db(), clock_, index_, TimeZone{}, AuthSettings{}, &cipher_, &registry_, &dues_index_, &gate_, &study_index_});
    orgs_.emplace(*deps_);
    users_.emplace(*deps_);
    auth_.emplace(*deps_);
    audit_.emplace(*deps_);
    members_.emplace(*deps_);
    imports_.emplace(*deps_);
    // What start-up does: the top org, then the indexes from the tables.
    root_ = Must(orgs().EnsureRoot("ROOT", "county committee"), "EnsureRoot");
    Must(orgs().RebuildIndex(), "RebuildIndex");
    Must(members().RebuildIndex(), "registry RebuildIndex");
    Must(DuesService(*deps_).RebuildIndex(), "dues RebuildIndex");
    Must(StudyService(*deps_).RebuildIndex(), "study RebuildIndex");
    sys_ = SystemActor(root_.id, root_.path);
    town1_ = MakeOrg(root_.id, "committee", "T1");
    town2_ = MakeOrg(root_.id, "committee", "T2");
    branch_a_ = MakeOrg(town1_.id, "branch", "A");
    branch_b_ = MakeOrg(town1_.id, "branch", "B");
    branch_c_ = MakeOrg(town2_.id, "branch", "C");
  }

  void TearDown() override {
    imports_.reset();
    members_.reset();
    audit_.reset();
    auth_.reset();
    users_.reset();
    orgs_.reset();
    deps_.reset();
    MigratedBackendTest::TearDown();
  }

  OrgService& orgs() { return *orgs_; }
  UserService& users() { return *users_; }
  AuthService& auth() { return *auth_; }
  AuditService& audit() { return *audit_; }
  MemberService& members() { return *members_; }
  MemberImportService& imports() { return *imports_; }
  Deps& deps() { return *deps_; }
  Date Today() const { return LocalDate(clock_.Now(), TimeZone{}); }
  // Moves the clock to 09:00 on `d`.
  void SetToday(Date d) { clock_.Set(MorningOf(d)); }

  domain::Org MakeOrg(int64_t parent, std::string type, std::string code) {
    return Must(orgs().Create(sys_, parent, OrgFieldsOf(std::move(type), std::move(code))),
                "Create org")
        .org;
  }

  domain::Org GetOrg(int64_t id) { return Must(orgs().Get(sys_, id), "Get org").org; }

  // An account made by the system administrator, with password kPassword.
  domain::Account MakeUser(std::string username, int64_t org_id, std::string role) {
    NewAccountRequest r;
    r.username = std::move(username);
    r.org_id = org_id;
    r.roles = std::vector<std::string>{std::move(role)};
    r.password = kPassword;
    return Must(users().Create(sys_, r), "Create user");
  }

  // The actor AuthService::Authenticate builds for `acc` (without a session).
  static Actor ActorFor(const domain::Account& acc) {
    Actor a;
    a.user_id = acc.id;
    a.username = acc.username;
    a.roles = acc.roles;
    a.org_id = acc.org_id;
    a.org_path = acc.org_path;
    a.client_address = "192.0.2.10";
    return a;
  }

  // An actor bound to `org` with one role and no account behind it.
  static Actor StaffActor(const domain::Org& org, domain::Role role) {
    Actor a;
    a.username = "staff";
    a.roles = {role};
    a.org_id = org.id;
    a.org_path = org.path;
    a.client_address = "192.0.2.20";
    return a;
  }

  Result<LoginResult> Login(AuthService& svc, const std::string& username,
                            const std::string& password,
                            const std::string& address = "192.0.2.10") {
    return svc.Login({username, password, address, "gtest"});
  }
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& address = "192.0.2.10") {
    return Login(auth(), username, password, address);
  }

  // The id of the last audit record (0 when the log is empty).
  int64_t AuditHead() {
    auto c = Conn();
    return Must(store::AuditRepository(*c).Head(), "audit head").last_id;
  }

  // Audit records with id > after, in id order.
  std::vector<domain::AuditRecord> AuditAfter(int64_t after) {
    auto c = Conn();
    return Must(store::AuditRepository(*c).Scan(after, 100000), "audit scan");
  }

  // Runs each of `fns` on a thread of its own while another write transaction holds the audit
  // chain's head for `hold`. Every service write appends to the chain last, so the writes
  // started meanwhile do their reads and checks and then queue behind the head: their
  // transactions overlap, as they do under load, instead of happening one after another.
  void RunWhileAuditHeadHeld(const std::vector<std::function<void()>>& fns,
                             std::chrono::milliseconds hold = std::chrono::milliseconds(500)) {
    auto c = Conn();
    Must(c->Begin(store::TxMode::kWrite), "Begin");
    if (auto r = c->Query("UPDATE audit_head SET last_id = last_id WHERE id = 1"); !r)
      throw std::runtime_error("hold audit_head: " + Describe(r.error()));
    std::vector<std::thread> threads;
    for (const auto& f : fns) threads.emplace_back(f);
    std::this_thread::sleep_for(hold);
    (void)c->Rollback();
    for (auto& t : threads) t.join();
  }

  // Expects the index kept by the services to equal one rebuilt from the table.
  void ExpectIndexMatchesRebuild() {
    stats::OrgIndex fresh;
    Deps d{db(), clock_, fresh, TimeZone{}, AuthSettings{}};
    Must(OrgService(d).RebuildIndex(), "RebuildIndex");
    auto c = Conn();
    auto nodes = Must(store::OrgRepository(*c).AllNodes(), "AllNodes");
    EXPECT_EQ(index_.size(), fresh.size());
    EXPECT_EQ(index_.size(), nodes.size());
    for (const auto& n : nodes) {
      auto live = index_.Counts(n.id);
      auto rebuilt = fresh.Counts(n.id);
      ASSERT_TRUE(live.has_value()) << "org " << n.id << " missing from the live index";
      ASSERT_TRUE(rebuilt.has_value()) << "org " << n.id;
      EXPECT_EQ(live->total, rebuilt->total) << "org " << n.id;
      EXPECT_EQ(live->by_type, rebuilt->by_type) << "org " << n.id;
    }
  }

  // --- Members -----------------------------------------------------------------------------

  // An ID number not handed out before in this test, for someone born on `birth`.
  std::string FreshIdNumber(Date birth, Gender g = Gender::kMale) {
    int& k = seq_by_birth_[FormatDate(birth)];
    int seq = 2 * (k++ % 500) + (g == Gender::kMale ? 1 : 0);
    if (seq == 0) seq = 998;  // keeps "000" out: sequence numbers start at 001
    return IdNumber(birth, seq);
  }
  // A member number for an admission in `year`, not handed out before in this test.
  std::string FreshMemberNo(int year) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d%08d", year, ++member_no_counter_);
    return buf;
  }

  struct NewMember {
    Date birth;
    Gender gender = Gender::kMale;
    std::optional<Date> join;  // default: the 14th birthday (or today if that is later)
    std::string name;          // default: "团员N"
    std::optional<std::string> phone;
    std::string education = "senior_high";
    std::string occupation = "student";
    std::string ethnicity = "汉族";
  };

  // The fields of a valid new member (the member number when the rules require one).
  domain::MemberFields NextFields(const NewMember& m) {
    domain::MemberFields f;
    ++name_counter_;
    f.name = m.name.empty() ? "团员" + std::to_string(name_counter_) : m.name;
    f.ethnicity = m.ethnicity;
    f.id_number = FreshIdNumber(m.birth, m.gender);
    Date join = m.join.value_or(YearsAfter(m.birth, 14));
    if (!Date{m.birth.year() + std::chrono::years(14), m.birth.month(), m.birth.day()}.ok())
      join = AddDays(join, 1);  // a 29 February birth turns 14 on 1 March
    if (std::chrono::sys_days(join) > std::chrono::sys_days(Today())) join = Today();
    f.join_date = FormatDate(join);
    if (std::chrono::sys_days(join) >= std::chrono::sys_days(domain::kMemberNoRequiredFrom))
      f.member_no = FreshMemberNo(int(join.year()));
    f.phone = m.phone;
    f.education = m.education;
    f.occupation = m.occupation;
    return f;
  }

  domain::MemberFields NextFields(Date birth) {
    NewMember m;
    m.birth = birth;
    return NextFields(m);
  }

  // A member registered in `org` by the system actor.
  store::MemberRow MakeMember(const domain::Org& org, const NewMember& m) {
    return Must(members().Create(sys_, org.id, NextFields(m)), "Create member");
  }
  store::MemberRow MakeMember(const domain::Org& org, Date birth) {
    return Must(members().Create(sys_, org.id, NextFields(birth)), "Create member");
  }
  // A member in `org` who is `age` today (born `age` years and `days_after` days ago).
  store::MemberRow MakeMemberAged(const domain::Org& org, int age, int days_after = 100,
                                  Gender g = Gender::kMale) {
    NewMember m;
    m.birth = AddDays(YearsBefore(Today(), age), -days_after);
    m.gender = g;
    return MakeMember(org, m);
  }

  ManualClock clock_{StartInstant()};
  stats::OrgIndex index_;
  PersonalDataCipher cipher_{{{1, PersonalDataCipher::NewKey()}}, 1, PersonalDataCipher::NewKey()};
  stats::RegistryIndex registry_;
  stats::DuesIndex dues_index_;
  stats::IndexGate gate_;
  stats::StudyIndex study_index_;
  std::optional<Deps> deps_;
  std::optional<OrgService> orgs_;
  std::optional<UserService> users_;
  std::optional<AuthService> auth_;
  std::optional<AuditService> audit_;
  std::optional<MemberService> members_;
  std::optional<MemberImportService> imports_;
  std::map<std::string, int> seq_by_birth_;
  int member_no_counter_ = 0;
  int name_counter_ = 0;

  domain::Org root_, town1_, town2_, branch_a_, branch_b_, branch_c_;
  Actor sys_;
};

}  // namespace tj::service::test
