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
#include "store/transfer_repository.h"

namespace tj::service {

struct TransferStart {
  std::optional<int64_t> member_id;         // the sending side names the member...
  std::optional<std::string> member_no;     // ...the receiving side by number and name
  std::optional<std::string> member_name;
  std::optional<int64_t> to_org_id;         // an org of this deployment, or
  std::optional<std::string> external_name; // one outside it (name and code)
  std::optional<std::string> external_code;
  std::optional<std::string> reason;
  std::optional<std::string> note;
};

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
  // Errors: kValidationFailed (member, destination, reason), kNotFound (the member or the
  // destination outside what the caller may name), kForbidden, kConflict (an open transfer
  // of the member), kRuleViolation org_closed / same_org / member_not_in_standing.
  Result<TransferDetail> Start(const Actor& a, const TransferStart& s);
  // Errors: kValidationFailed (action, reason, placed_org_id), kForbidden (the other end's
  // action), kNotFound (placement outside the caller's scope), kRuleViolation transfer_state,
  // placement_outside / org_not_branch / org_closed, kConflict transfer.changed (a concurrent
  // step won).
  Result<TransferDetail> Act(const Actor& a, int64_t id, const TransferStep& s);
  // Expires every open transfer past its due day; the daily job calls it (and a committee
  // staff of the top org may run it). Returns how many. Errors: kForbidden.
  Result<int64_t> ExpireDue(const Actor& a);

 private:
  Result<TransferDetail> Detail(store::Connection& c, int64_t id);
  Deps& d_;
  int expiry_months_;
};

}  // namespace tj::service
