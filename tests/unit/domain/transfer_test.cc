#include "domain/transfer/transfer.h"

#include <gtest/gtest.h>

namespace tj::domain {
namespace {

Date D(std::string_view s) { return *ParseDate(s); }

std::string Rule(const Result<void>& r) { return r ? "ok" : r.error().details.at(0).code; }

TEST(TransferTest, EachActionInItsStateOnly) {
  using A = TransferAction;
  using S = TransferState;
  EXPECT_EQ(Rule(CheckTransferAction(S::kPendingOut, A::kApproveOut)), "ok");
  EXPECT_EQ(Rule(CheckTransferAction(S::kPendingOut, A::kReject)), "ok");
  EXPECT_EQ(Rule(CheckTransferAction(S::kPendingOut, A::kAccept)), "transfer_state");
  EXPECT_EQ(Rule(CheckTransferAction(S::kPendingIn, A::kAccept)), "ok");
  EXPECT_EQ(Rule(CheckTransferAction(S::kPendingIn, A::kReturn)), "ok");
  EXPECT_EQ(Rule(CheckTransferAction(S::kPendingIn, A::kApproveOut)), "transfer_state");
  for (auto open : {S::kPendingOut, S::kPendingIn}) {
    EXPECT_EQ(Rule(CheckTransferAction(open, A::kCancel)), "ok");
    EXPECT_EQ(Rule(CheckTransferAction(open, A::kExpire)), "ok");
  }
  for (auto ended : {S::kCompleted, S::kRejected, S::kReturned, S::kCancelled, S::kExpired})
    for (auto a : {A::kApproveOut, A::kReject, A::kAccept, A::kReturn, A::kCancel, A::kExpire})
      EXPECT_EQ(Rule(CheckTransferAction(ended, a)), "transfer_state");
}

TEST(TransferTest, TheCommitteeApprovesTooWhenTheMemberLeavesItsSubtree) {
  SendingApprovals a;
  a.branch = true;
  EXPECT_EQ(AfterSendingApproval(a, TransferKind::kInternal), TransferState::kPendingIn);
  a.committee_needed = true;
  EXPECT_EQ(AfterSendingApproval(a, TransferKind::kInternal), TransferState::kPendingOut);
  a.committee = true;
  EXPECT_EQ(AfterSendingApproval(a, TransferKind::kInternal), TransferState::kPendingIn);
  // Out of the deployment: nobody receives here, so the sending side's approval completes it.
  EXPECT_EQ(AfterSendingApproval(a, TransferKind::kOut), TransferState::kCompleted);
  a.branch = false;
  EXPECT_EQ(AfterSendingApproval(a, TransferKind::kOut), TransferState::kPendingOut);
}

TEST(TransferTest, PendingTransfersExpireAfterTheirDueDay) {
  Date due = TransferDueDay(D("2026-01-31"), kDefaultTransferExpiryMonths);
  EXPECT_EQ(due, D("2026-04-30"));
  EXPECT_FALSE(TransferOverdue(TransferState::kPendingIn, due, D("2026-04-30")));
  EXPECT_TRUE(TransferOverdue(TransferState::kPendingIn, due, D("2026-05-01")));
  EXPECT_FALSE(TransferOverdue(TransferState::kCompleted, due, D("2026-05-01")));
}

}  // namespace
}  // namespace tj::domain
