#include "domain/transfer/transfer.h"

namespace tj::domain {
namespace {

constexpr std::pair<TransferReason, std::string_view> kReasons[] = {
    {TransferReason::kJob, "job"},           {TransferReason::kStudy, "study"},
    {TransferReason::kMove, "move"},         {TransferReason::kGraduation, "graduation"},
    {TransferReason::kArmy, "army"},         {TransferReason::kAbroad, "abroad"},
    {TransferReason::kOther, "other"},
};
constexpr std::pair<TransferState, std::string_view> kStates[] = {
    {TransferState::kPendingOut, "pending_out"}, {TransferState::kPendingIn, "pending_in"},
    {TransferState::kCompleted, "completed"},    {TransferState::kRejected, "rejected"},
    {TransferState::kReturned, "returned"},      {TransferState::kCancelled, "cancelled"},
    {TransferState::kExpired, "expired"},
};
constexpr std::pair<TransferKind, std::string_view> kKinds[] = {
    {TransferKind::kInternal, "internal"},
    {TransferKind::kOut, "out"},
};
constexpr std::pair<TransferSide, std::string_view> kSides[] = {
    {TransferSide::kSending, "sending"},
    {TransferSide::kReceiving, "receiving"},
    {TransferSide::kMember, "member"},
};
constexpr std::pair<TransferAction, std::string_view> kActions[] = {
    {TransferAction::kApproveOut, "approve_out"}, {TransferAction::kReject, "reject"},
    {TransferAction::kAccept, "accept"},          {TransferAction::kReturn, "return"},
    {TransferAction::kCancel, "cancel"},          {TransferAction::kExpire, "expire"},
};

}  // namespace

EnumNames<TransferReason> TransferReasonNames() { return kReasons; }
EnumNames<TransferState> TransferStateNames() { return kStates; }
EnumNames<TransferKind> TransferKindNames() { return kKinds; }
EnumNames<TransferSide> TransferSideNames() { return kSides; }
EnumNames<TransferAction> TransferActionNames() { return kActions; }

bool TransferOpen(TransferState s) { return s == TransferState::kPendingOut || s == TransferState::kPendingIn; }

Result<void> CheckTransferAction(TransferState state, TransferAction action) {
  bool ok = false;
  switch (action) {
    case TransferAction::kApproveOut:
    case TransferAction::kReject:
      ok = state == TransferState::kPendingOut;
      break;
    case TransferAction::kAccept:
    case TransferAction::kReturn:
      ok = state == TransferState::kPendingIn;
      break;
    case TransferAction::kCancel:
    case TransferAction::kExpire:
      ok = TransferOpen(state);
      break;
  }
  if (ok) return {};
  return Fail(Error::Rule("transfer_state", "transfer.state",
                          {{"state", "@transfer_state." + std::string(NameOf(TransferStateNames(), state))},
                           {"action", "@transfer_action." + std::string(NameOf(TransferActionNames(), action))}}));
}

TransferState AfterSendingApproval(const SendingApprovals& a, TransferKind kind) {
  if (!a.done()) return TransferState::kPendingOut;
  return kind == TransferKind::kOut ? TransferState::kCompleted : TransferState::kPendingIn;
}

Date TransferDueDay(Date started, int months) { return AddMonths(started, months); }

bool TransferOverdue(TransferState s, Date due, Date today) {
  return TransferOpen(s) && std::chrono::sys_days(today) > std::chrono::sys_days(due);
}

}  // namespace tj::domain
