// Persistence of transfers (table transfers) and their trail (transfer_events).
//
// Works on a borrowed Connection inside the caller's transaction; not thread-safe. Save is
// conditional on the state the caller read, so of two concurrent steps on one transfer only the
// first to commit changes it (the other gets kConflict "transfer.changed"). A second open
// transfer of a member is kConflict from the unique index.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/transfer/transfer.h"
#include "store/database.h"
#include "store/paging.h"

namespace tj::store {

struct TransferRow {
  domain::Transfer transfer;
  std::string member_name;
  std::optional<std::string> member_no;
  std::string from_org_name, from_org_path;
  std::string to_org_name, to_org_path;  // empty for transfers out of the deployment
  std::string placed_org_name;
};

enum class TransferDirection { kAny, kIncoming, kOutgoing };

struct TransferQuery {
  std::string scope_path;                      // from or to an org in this subtree
  std::optional<int64_t> org_id;               // ...or this org only
  TransferDirection direction = TransferDirection::kAny;
  std::vector<domain::TransferState> states;   // empty = any
  std::optional<int64_t> member_id;
  std::optional<Date> overdue_on;              // open and past the due day on this day
  PageRequest page;
};

struct TransferEvent {
  int64_t id = 0;
  int64_t transfer_id = 0;
  Instant at;
  std::optional<int64_t> actor_id;
  std::string actor_username;
  std::string action;  // start, approve_out, reject, accept, return, cancel, expire
  std::optional<domain::TransferState> state_from;
  domain::TransferState state_to = domain::TransferState::kPendingOut;
  std::string note;
};

// A member of a school branch whose class has graduated, not yet handed off.
struct GraduateRow {
  int64_t member_id = 0;
  std::string name;
  std::optional<std::string> member_no;
  int64_t org_id = 0;
  std::string org_name;
  Date graduation_date;
};

class TransferRepository {
 public:
  explicit TransferRepository(Connection& c) : c_(c) {}

  Result<int64_t> Insert(const domain::Transfer& t, Instant now);
  Result<std::optional<TransferRow>> Get(int64_t id);
  // Saves state, approvals, placement, completion and end reason if the state is still
  // `expected`. Errors: kConflict "transfer.changed" otherwise.
  Result<void> Save(const domain::Transfer& t, domain::TransferState expected, Instant now);
  Result<Page<TransferRow>> List(const TransferQuery& q);
  Result<void> AddEvent(const TransferEvent& e);
  Result<std::vector<TransferEvent>> Events(int64_t transfer_id);
  // Members in standing of branches in the subtree (or of one org) whose graduation date is
  // on or before `on`, without an open transfer; by branch and name.
  Result<Page<GraduateRow>> Graduates(const std::string& scope_path, std::optional<int64_t> org_id, Date on,
                                      PageRequest page);
  // Open transfers whose due day is before `today`.
  Result<std::vector<int64_t>> Overdue(Date today);

 private:
  Connection& c_;
};

}  // namespace tj::store
