// Transfers of a member's League relationship (组织关系转接) between orgs, and the graduate
// hand-off (学社衔接): DOMAIN.md, Transfers.
//
// A transfer names the member, where they go and why. The sending side approves (the branch,
// and its committee too when the member leaves the committee's subtree), then the receiving
// side's committee accepts and places the member in a branch. States:
//   pending_out → pending_in → completed
// or rejected (by the sending side) / returned (by the receiving side), each with a reason;
// cancelled by whoever started it while pending; expired when pending past its due day.
// A transfer out of the deployment completes on the sending side's approval (the member's
// status becomes transferred out).
//
// Pure functions and value types; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/enum_names.h"
#include "base/error.h"
#include "base/time.h"

namespace tj::domain {

enum class TransferReason { kJob, kStudy, kMove, kGraduation, kArmy, kAbroad, kOther };
EnumNames<TransferReason> TransferReasonNames();

enum class TransferState { kPendingOut, kPendingIn, kCompleted, kRejected, kReturned, kCancelled, kExpired };
EnumNames<TransferState> TransferStateNames();
bool TransferOpen(TransferState s);

enum class TransferKind {
  kInternal,  // between two orgs of this deployment
  kOut,       // to an org outside it (another county's system)
};
EnumNames<TransferKind> TransferKindNames();

// Who started it.
enum class TransferSide { kSending, kReceiving, kMember };
EnumNames<TransferSide> TransferSideNames();

enum class TransferAction {
  kApproveOut,  // the sending side approves (branch, then committee when needed)
  kReject,      // the sending side refuses
  kAccept,      // the receiving committee accepts and places the member
  kReturn,      // the receiving side sends it back
  kCancel,      // whoever started it withdraws it
  kExpire,      // the daily job
};
EnumNames<TransferAction> TransferActionNames();

// The sending side's approvals a transfer still needs.
struct SendingApprovals {
  bool branch = false;     // the member's branch approved
  bool committee = false;  // the branch's committee approved
  bool committee_needed = false;  // the member leaves the committee's subtree
  bool done() const { return branch && (committee || !committee_needed); }
};

// Whether `action` may be taken in `state`. Errors: kRuleViolation "transfer_state" with args
// {"state","action"}.
Result<void> CheckTransferAction(TransferState state, TransferAction action);

// The state after the sending side's approvals: pending_in when done (completed for a
// transfer out of the deployment), else still pending_out.
TransferState AfterSendingApproval(const SendingApprovals& a, TransferKind kind);

// The last day a transfer started on `started` may stay pending: `months` later.
Date TransferDueDay(Date started, int months);
bool TransferOverdue(TransferState s, Date due, Date today);

inline constexpr int kDefaultTransferExpiryMonths = 3;

struct Transfer {
  int64_t id = 0;
  int64_t member_id = 0;
  TransferKind kind = TransferKind::kInternal;
  TransferReason reason = TransferReason::kOther;
  std::string note;
  int64_t from_org_id = 0;
  std::optional<int64_t> to_org_id;          // internal transfers
  std::string external_name, external_code;  // transfers out of the deployment
  TransferState state = TransferState::kPendingOut;
  TransferSide started_side = TransferSide::kSending;
  Date started_on;
  Date due_on;
  std::optional<int64_t> sending_committee_id;
  SendingApprovals approvals;
  std::optional<int64_t> placed_org_id;
  std::optional<Date> completed_on;
  std::string end_reason;
  Instant created_at;
  std::string created_by;
  Instant updated_at;
};

}  // namespace tj::domain
