// Use cases of transfers (组织关系转接): start one from the sending side or the receiving side,
// the sending side's approvals, rejection, acceptance and placement by the receiving
// committee, return, cancellation, expiry (the daily job), lists of incoming and outgoing
// transfers and a transfer's trail.
//
// A caller sees a transfer when its scope holds either end; each action belongs to one end (the
// other end answers kForbidden, anyone else kNotFound). Steps run in one write transaction
// with the trail entry and audit record; completion moves the member (history, audit, and the
// statistics index after commit). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/transfer/transfer.h"
#include "service/context.h"
#include "service/index_update.h"
#include "store/transfer_repository.h"

namespace tj::service {

struct TransferStart {
  std::optional<int64_t> member_id;         // the sending side names the member...
  std::optional<std::string> member_no;     // ...the receiving side by number and name
  std::optional<std::string> member_name;
  std::optional<int64_t> to_org_id;         // an org of this deployment (or its code), or
  std::optional<std::string> to_org_code;
  std::optional<std::string> external_name; // one outside it (name and code)
  std::optional<std::string> external_code;
  std::optional<std::string> reason;
  std::optional<std::string> note;
};

// A start request after its own checks (destination, reason, member named).
struct ValidStart {
  TransferStart raw;
  domain::TransferReason reason = domain::TransferReason::kOther;
  std::string note, external_name, external_code, member_no, member_name;
};
// Errors: kValidationFailed naming each bad field.
Result<ValidStart> CheckStart(const TransferStart& s);

struct TransferStep {
  std::optional<std::string> action;  // approve_out, reject, accept, return, cancel
  std::optional<int64_t> placed_org_id;  // accept
  std::optional<std::string> reason;     // reject, return (required), cancel
};

struct TransferListRequest {
  std::optional<int64_t> org_id;
  bool subtree = true;
  std::optional<std::string> direction;  // incoming, outgoing, or both (default)
  std::optional<std::string> state;      // a state, "open", or all (default)
  bool overdue = false;
  std::optional<int64_t> member_id;
  store::PageRequest page;
};

struct TransferDetail {
  store::TransferRow row;
  std::vector<store::TransferEvent> trail;
};

class TransferService {
 public:
  TransferService(Deps& deps, int expiry_months = domain::kDefaultTransferExpiryMonths)
      : d_(deps), expiry_months_(expiry_months) {}

  Result<store::Page<store::TransferRow>> List(const Actor& a, const TransferListRequest& r);
  Result<TransferDetail> Get(const Actor& a, int64_t id);
  // An org of this deployment by its code, as a transfer's destination (id, name, type only
  // matter to the caller). Errors: kForbidden unless the caller may start transfers;
  // kNotFound.
  Result<domain::Org> Destination(const Actor& a, std::string_view code);
  // A member's own transfers, newest first (self-service). Errors: kForbidden.
  Result<std::vector<TransferDetail>> Own(const Actor& a);
  // Errors: kValidationFailed (member, destination, reason), kNotFound (the member or the
  // destination outside what the caller may name), kForbidden, kConflict (an open transfer
  // of the member), kRuleViolation org_closed / same_org / member_not_in_standing.
  Result<TransferDetail> Start(const Actor& a, const TransferStart& s);
  // Errors: kValidationFailed (action, reason, placed_org_id), kForbidden (the other end's
  // action), kNotFound (placement outside the caller's scope), kRuleViolation transfer_state,
  // placement_outside / org_not_branch / org_closed, kConflict transfer.changed (a concurrent
  // step won).
  Result<TransferDetail> Act(const Actor& a, int64_t id, const TransferStep& s);
  // Graduates of school branches (graduation date on or before `on`, default today) in the
  // caller's scope, in standing and not in an open transfer: the hand-off list.
  Result<store::Page<store::GraduateRow>> Graduates(const Actor& a, std::optional<int64_t> org_id, bool subtree,
                                                    std::optional<Date> on, store::PageRequest page);
  // Starts one transfer a member to the same destination, all or none (the graduate hand-off
  // in bulk). Errors: as Start, the failing member named as member_ids[i]; kValidationFailed
  // for none or more than 500 members.
  Result<std::vector<TransferDetail>> StartBulk(const Actor& a, const std::vector<int64_t>& member_ids,
                                                const TransferStart& base);
  // Expires every open transfer past its due day; the daily job calls it (and a committee
  // staff of the top org may run it). Returns how many. Errors: kForbidden.
  Result<int64_t> ExpireDue(const Actor& a);

 private:
  Result<TransferDetail> StartIn(store::Connection& c, const Actor& a, const ValidStart& v,
                                 IndexUpdate& idx);
  Result<TransferDetail> Detail(store::Connection& c, int64_t id);
  Deps& d_;
  int expiry_months_;
};

}  // namespace tj::service
