// TransferService on both backends: completion moves the member and the statistics index
// follows (equal to a rebuild and to the table's counts), two accepts at once (one wins),
// the sending side cannot place, expiry on the injected clock.
#include "service/transfer_service.h"

#include <gtest/gtest.h>

#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::Role;
using domain::TransferState;

class TransferServiceTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    transfers_.emplace(deps());
  }
  void TearDown() override {
    transfers_.reset();
    ServiceTest::TearDown();
  }
  TransferService& transfers() { return *transfers_; }

  TransferStart To(int64_t member_id, int64_t org_id) {
    TransferStart s;
    s.member_id = member_id;
    s.to_org_id = org_id;
    s.reason = "job";
    return s;
  }
  TransferStep Accept(int64_t placed) {
    TransferStep s;
    s.action = "accept";
    s.placed_org_id = placed;
    return s;
  }

  // Members in standing of an org's subtree, counted in the table.
  int64_t CountInStanding(const domain::Org& org) {
    auto c = Conn();
    auto r = Must(c->Query("SELECT COUNT(*) FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.path >= $1 AND "
                           "o.path < $2 AND m.status IN ('active', 'mobile', 'lost_contact')",
                           {store::Text(org.path), store::Text(domain::SubtreeUpperBound(org.path))}),
                  "count");
    return r.rows.at(0).Int(0);
  }
  int64_t IndexInStanding(const domain::Org& org) {
    auto s = Must(members().Stats(sys_, org.id), "stats").stats;
    using domain::MemberStatus;
    auto at = [&](MemberStatus st) { return s.by_status[static_cast<size_t>(st)]; };
    return at(MemberStatus::kActive) + at(MemberStatus::kMobile) + at(MemberStatus::kLostContact);
  }

  std::optional<TransferService> transfers_;
};

TJ_INSTANTIATE_BACKENDS(TransferServiceTest);

TEST_P(TransferServiceTest, CompletionMovesTheMemberAndTheIndexFollows) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(MakeMemberAged(branch_a_, 20 + i).member.id);
  MakeMemberAged(branch_c_, 22);
  for (int i = 0; i < 2; ++i) {
    auto t = Must(transfers().Start(sys_, To(ids[static_cast<size_t>(i)], town2_.id)), "start");
    // The system actor covers the sending committee: it approved for branch and committee.
    EXPECT_EQ(t.row.transfer.state, TransferState::kPendingIn);
    EXPECT_TRUE(t.row.transfer.approvals.committee_needed);
    auto done = Must(transfers().Act(sys_, t.row.transfer.id, Accept(branch_c_.id)), "accept");
    EXPECT_EQ(done.row.transfer.state, TransferState::kCompleted);
  }
  for (const auto& org : {branch_a_, branch_b_, branch_c_, town1_, town2_, root_})
    EXPECT_EQ(IndexInStanding(org), CountInStanding(org)) << org.name;
  EXPECT_EQ(CountInStanding(branch_a_), 1);
  EXPECT_EQ(CountInStanding(branch_c_), 3);
  auto history = Must(members().History(sys_, ids[0]), "history");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].kind, "transfer");
}

TEST_P(TransferServiceTest, OfTwoAcceptsAtOnceOneWins) {
  int64_t m = MakeMemberAged(branch_a_, 20).member.id;
  auto t = Must(transfers().Start(sys_, To(m, town2_.id)), "start");
  int64_t id = t.row.transfer.id;
  std::vector<Result<TransferDetail>> results(2, Fail(Error::Internal("not run")));
  RunWhileAuditHeadHeld({[&] { results[0] = transfers().Act(sys_, id, Accept(branch_c_.id)); },
                         [&] { results[1] = transfers().Act(sys_, id, Accept(branch_c_.id)); }});
  int won = 0;
  for (const auto& r : results) {
    if (r) {
      ++won;
    } else {
      EXPECT_TRUE(r.error().code == ErrorCode::kConflict || r.error().code == ErrorCode::kRuleViolation)
          << Describe(r.error());
    }
  }
  EXPECT_EQ(won, 1);
  auto history = Must(members().History(sys_, m), "history");
  EXPECT_EQ(std::count_if(history.begin(), history.end(), [](const auto& h) { return h.kind == "transfer"; }), 1);
  EXPECT_EQ(IndexInStanding(branch_c_), CountInStanding(branch_c_));
}

TEST_P(TransferServiceTest, TheSendingBranchCannotPlaceTheMember) {
  int64_t m = MakeMemberAged(branch_a_, 20).member.id;
  Actor secretary = StaffActor(branch_a_, Role::kBranchSecretary);
  auto t = Must(transfers().Start(secretary, To(m, town2_.id)), "start");
  EXPECT_EQ(t.row.transfer.state, TransferState::kPendingOut);  // the town committee must approve too
  Actor town1_staff = StaffActor(town1_, Role::kCommitteeStaff);
  auto approved = Must(transfers().Act(town1_staff, t.row.transfer.id, TransferStep{std::string("approve_out"), std::nullopt, std::nullopt}), "approve");
  EXPECT_EQ(approved.row.transfer.state, TransferState::kPendingIn);
  EXPECT_TRUE(FailsWith(transfers().Act(secretary, t.row.transfer.id, Accept(branch_c_.id)), ErrorCode::kForbidden));
  EXPECT_TRUE(FailsWith(transfers().Act(town1_staff, t.row.transfer.id, Accept(branch_c_.id)), ErrorCode::kForbidden));
  // The receiving committee places within its own scope only.
  Actor town2_staff = StaffActor(town2_, Role::kCommitteeStaff);
  EXPECT_TRUE(FailsWith(transfers().Act(town2_staff, t.row.transfer.id, Accept(branch_b_.id)), ErrorCode::kNotFound));
  EXPECT_TRUE(transfers().Act(town2_staff, t.row.transfer.id, Accept(branch_c_.id)));
}

TEST_P(TransferServiceTest, PendingTransfersExpireOnTheDayAfterTheirDueDay) {
  int64_t m = MakeMemberAged(branch_a_, 20).member.id;
  auto t = Must(transfers().Start(sys_, To(m, town2_.id)), "start");
  Date due = t.row.transfer.due_on;
  SetToday(due);
  EXPECT_EQ(Must(transfers().ExpireDue(sys_), "expire"), 0);
  SetToday(AddDays(due, 1));
  EXPECT_EQ(Must(transfers().ExpireDue(sys_), "expire"), 1);
  auto after = Must(transfers().Get(sys_, t.row.transfer.id), "get");
  EXPECT_EQ(after.row.transfer.state, TransferState::kExpired);
  EXPECT_EQ(after.trail.back().action, "expire");
  // The member can be transferred again.
  EXPECT_TRUE(transfers().Start(sys_, To(m, town2_.id)));
}

}  // namespace
}  // namespace tj::service::test
