// AuditService and AppendAudit on both backends: the chain verifies (also under concurrent
// writers), tampering is found, and listing keeps to the caller's scope.
#include "service/audit_service.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using namespace std::chrono;
using domain::Role;

class AuditServiceTest : public ServiceTest {
 protected:
  store::Page<store::AuditListItem> List(const Actor& a, AuditListRequest r = {}) {
    r.page.size = 1000;
    return Must(audit().List(a, r), "audit List");
  }
  static std::set<int64_t> OrgIds(const store::Page<store::AuditListItem>& page) {
    std::set<int64_t> out;
    for (const auto& item : page.items) out.insert(item.record.org_id.value_or(0));
    return out;
  }
};

TEST_P(AuditServiceTest, SetUpWritesFormAChainThatVerifies) {
  auto rec = AuditAfter(0);
  ASSERT_EQ(rec.size(), 6u);  // the root and five orgs
  for (size_t i = 0; i < rec.size(); ++i) {
    EXPECT_EQ(rec[i].id, int64_t(i) + 1);
    EXPECT_EQ(rec[i].action, "org.create");
    EXPECT_EQ(rec[i].actor_username, "system");
    EXPECT_FALSE(rec[i].actor_id.has_value());
    if (i > 0) {
      EXPECT_EQ(rec[i].prev_hash, rec[i - 1].hash);
    }
  }
  EXPECT_EQ(rec[0].org_id, root_.id);
  EXPECT_EQ(rec[5].org_id, branch_c_.id);
  auto v = audit().VerifyChain();
  ASSERT_TRUE(v) << Describe(v.error());
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->checked, 6);
  EXPECT_FALSE(v->first_bad_id.has_value());
}

TEST_P(AuditServiceTest, VerifyNeedsThePermission) {
  EXPECT_TRUE(
      FailsWith(audit().Verify(StaffActor(root_, Role::kCommitteeStaff)), ErrorCode::kForbidden));
  auto v = audit().Verify(sys_);
  ASSERT_TRUE(v) << Describe(v.error());
  EXPECT_TRUE(v->ok);
}

TEST_P(AuditServiceTest, VerifyFindsAnAlteredRecordAndARemovedTail) {
  auto c = Conn();
  const std::string on = IsPostgresql() ? " ON audit_log" : "";
  // What an operator with database access could do once the guards are gone.
  ASSERT_TRUE(c->ExecuteScript("DROP TRIGGER audit_log_no_update" + on +
                               "; DROP TRIGGER audit_log_no_delete" + on));
  ASSERT_TRUE(c->Query("DELETE FROM audit_log WHERE id = 6"));
  auto tail = Must(audit().VerifyChain(), "VerifyChain");
  EXPECT_FALSE(tail.ok);
  EXPECT_EQ(tail.first_bad_id, 6);

  ASSERT_TRUE(c->Query("UPDATE audit_log SET summary = '{}' WHERE id = 3"));
  auto altered = Must(audit().VerifyChain(), "VerifyChain");
  EXPECT_FALSE(altered.ok);
  EXPECT_EQ(altered.first_bad_id, 3);
  EXPECT_EQ(altered.checked, 2);
}

TEST_P(AuditServiceTest, ConcurrentWritersLeaveAGaplessChain) {
  constexpr int kThreads = 4, kEach = 25;
  const int64_t head = AuditHead();
  std::mutex mu;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string code = "W" + std::to_string(t) + "_" + std::to_string(i);
        auto r = orgs().Create(sys_, town1_.id, OrgFieldsOf("branch", code));
        if (!r) {
          std::lock_guard lock(mu);
          failures.push_back(code + ": " + Describe(r.error()));
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures.front();

  const int64_t n = head + kThreads * kEach;
  auto v = audit().VerifyChain();
  ASSERT_TRUE(v) << Describe(v.error());
  EXPECT_TRUE(v->ok) << "first bad id " << v->first_bad_id.value_or(0);
  EXPECT_EQ(v->checked, n);
  EXPECT_EQ(AuditHead(), n);
  auto rec = AuditAfter(0);
  ASSERT_EQ(rec.size(), size_t(n));
  std::set<int64_t> created;
  for (size_t i = 0; i < rec.size(); ++i) {
    EXPECT_EQ(rec[i].id, int64_t(i) + 1);
    if (int64_t(i) >= head) {
      EXPECT_EQ(rec[i].action, "org.create");
      created.insert(rec[i].org_id.value_or(0));
    }
  }
  EXPECT_EQ(created.size(), size_t(kThreads * kEach));
  EXPECT_EQ(orgs().Get(sys_, town1_.id)->subtree.total, 2 + kThreads * kEach);
  ExpectIndexMatchesRebuild();
}

TEST_P(AuditServiceTest, ListKeepsToTheCallersScope) {
  // A failed login for an unknown name concerns no org.
  ASSERT_TRUE(FailsWith(Login("ghost", "Wr0ng-Passw0rd!"), ErrorCode::kUnauthenticated));
  const int64_t total = AuditHead();

  const Actor staff1 = StaffActor(town1_, Role::kCommitteeStaff);
  auto mine = List(staff1);
  EXPECT_EQ(mine.total, 3);
  EXPECT_EQ(OrgIds(mine), (std::set<int64_t>{town1_.id, branch_a_.id, branch_b_.id}));

  const Actor staff2 = StaffActor(town2_, Role::kCommitteeStaff);
  EXPECT_EQ(OrgIds(List(staff2)), (std::set<int64_t>{town2_.id, branch_c_.id}));

  AuditListRequest other;
  other.org_id = town2_.id;
  auto refused = audit().List(staff1, other);
  ASSERT_TRUE(FailsWith(refused, ErrorCode::kNotFound));
  ExpectIndistinguishable(refused.error(), orgs().Get(staff1, 987654).error());

  // The top org sees everything, the orgless record included; staff at the top see it too.
  auto all = List(sys_);
  EXPECT_EQ(all.total, total);
  EXPECT_TRUE(OrgIds(all).contains(0));
  EXPECT_TRUE(OrgIds(List(StaffActor(root_, Role::kCommitteeStaff))).contains(0));
  // Asking for an org (even the top one) lists records about orgs only.
  AuditListRequest top;
  top.org_id = root_.id;
  EXPECT_FALSE(OrgIds(List(sys_, top)).contains(0));
  EXPECT_EQ(List(sys_, other).total, 2);
  other.subtree = false;
  EXPECT_EQ(OrgIds(List(sys_, other)), std::set<int64_t>{town2_.id});

  AuditListRequest failed;
  failed.action = "auth.login_failed";
  EXPECT_EQ(List(sys_, failed).total, 1);
  EXPECT_EQ(List(staff1, failed).total, 0);

  EXPECT_TRUE(FailsWith(audit().List(StaffActor(branch_a_, Role::kBranchSecretary), {}),
                        ErrorCode::kForbidden));
}

TEST_P(AuditServiceTest, DateFiltersUseTheLocalDay) {
  // Set-up ran at 2026-03-02 09:00 in Shanghai; the next day there starts 15 hours later.
  clock_.Advance(hours(15) - microseconds(1));
  MakeOrg(town1_.id, "branch", "LATE_02");
  clock_.Advance(microseconds(1));
  MakeOrg(town1_.id, "branch", "EARLY_03");

  AuditListRequest on3;
  on3.from = year{2026} / March / 3;
  auto day3 = List(sys_, on3);
  ASSERT_EQ(day3.total, 1);
  EXPECT_EQ(day3.items[0].record.at, clock_.Now());

  AuditListRequest on2;
  on2.from = year{2026} / March / 2;
  on2.to = year{2026} / March / 2;
  EXPECT_EQ(List(sys_, on2).total, 7);
}

TJ_INSTANTIATE_BACKENDS(AuditServiceTest);

}  // namespace
}  // namespace tj::service::test
