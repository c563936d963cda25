// Persistence of League dues: standards by effective date, members' dues profiles (category
// and wage on the member's row), payments and the months they cover, remittances.
//
// Works on a borrowed Connection inside the caller's transaction; not thread-safe. Payments
// and remittances are only ever inserted (refunds and corrections are new rows).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/dues/dues.h"
#include "domain/member/member.h"
#include "store/database.h"
#include "store/paging.h"
#include "store/where.h"

namespace tj::store {

struct StoredStandard {
  domain::DuesStandard standard;
  Instant created_at;
  std::string created_by;
};

// What dues need to know of a member.
struct DuesMember {
  int64_t member_id = 0;
  std::string name;
  std::optional<std::string> member_no;
  int64_t org_id = 0;
  std::string org_name;
  std::string org_path;
  std::string occupation;
  Date join_date;
  domain::MemberStatus status = domain::MemberStatus::kActive;
  std::optional<domain::DuesCategory> category;  // on record; else from the occupation
  std::optional<int64_t> wage_fen;
};

enum class PaymentKind { kPayment, kRefund };
EnumNames<PaymentKind> PaymentKindNames();
enum class PaymentMethod { kCash, kBank, kOther };
EnumNames<PaymentMethod> PaymentMethodNames();

struct Payment {
  int64_t id = 0;
  int64_t member_id = 0;
  int64_t org_id = 0;
  PaymentKind kind = PaymentKind::kPayment;
  Date paid_on;
  PaymentMethod method = PaymentMethod::kCash;
  std::string receipt_no;
  int64_t amount_fen = 0;  // negative for refunds
  int months = 0;
  std::string note;
  Instant created_at;
  std::string created_by;
  std::vector<std::pair<domain::Month, int64_t>> allocations;  // filled by MemberPayments
};

struct Remittance {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_name;
  domain::Month from_month = 0;
  domain::Month to_month = 0;
  int64_t collected_fen = 0;
  int64_t received_fen = 0;
  int64_t kept_fen = 0;
  int64_t remitted_fen = 0;
  int keep_percent = 0;
  Instant created_at;
  std::string created_by;
};

// A member's category and wage from a month on.
struct DuesProfile {
  domain::Month from_month = 0;
  std::optional<domain::DuesCategory> category;
  std::optional<int64_t> wage_fen;
};

// What the dues index needs of a member in standing besides their profiles and payments.
// `occupation` points into the row being read: valid during the callback only.
struct LedgerFacts {
  int64_t member_id = 0;
  int64_t org_id = 0;
  std::string_view occupation;
  Date join_date;
};

class DuesRepository {
 public:
  // The members with ids in [first, last].
  struct IdRange {
    int64_t first = 0;
    int64_t last = 0;
  };
  // Some members by id, or a range of ids. Ids are read in chunks of 500, each a query; a
  // range through a cursor (Connection::Scan), so a range is read inside a transaction.
  using MemberIds = std::variant<std::vector<int64_t>, IdRange>;

  explicit DuesRepository(Connection& c) : c_(c) {}

  Result<std::vector<StoredStandard>> Standards();
  Result<void> InsertStandard(const domain::DuesStandard& s, Instant now, std::string_view by);

  // Records the member's category and wage from `from` on (replacing one from that month) and
  // keeps the latest on the member's row.
  Result<void> SetProfile(int64_t member_id, domain::Month from, std::optional<domain::DuesCategory> category,
                          std::optional<int64_t> wage_fen, Instant now, std::string_view by);
  // Each member's profiles, oldest first.
  Result<std::map<int64_t, std::vector<DuesProfile>>> Profiles(const MemberIds& member_ids);
  // The same streamed, each(member_id, profile) by member and month, without holding them.
  Result<void> Profiles(const MemberIds& member_ids,
                        const std::function<void(int64_t member_id, const DuesProfile&)>& each);
  Result<std::optional<DuesMember>> Member(int64_t member_id);
  // These members in any status, in no particular order, with only what their ledgers
  // need: no name, member number, or org name and path (a third of the reading at national size,
  // for the index and its updates).
  Result<std::vector<DuesMember>> LedgerMembers(const MemberIds& member_ids);
  // The members in standing with ids in the range, in no particular order, streamed with only
  // what the dues index needs (a rebuild reads every member this way, holding none).
  Result<void> LedgerMembersInStanding(IdRange range,
                                       const std::function<void(const LedgerFacts&)>& each);
  // Members in standing of orgs in the subtree (or of one org), by org and name.
  Result<std::vector<DuesMember>> Members(const std::string& scope_path, std::optional<int64_t> org_id);

  Result<int64_t> InsertPayment(const Payment& p, Instant now);
  // Paid per month (allocations summed, refunds negative) of each of these members.
  Result<std::map<int64_t, std::map<domain::Month, int64_t>>> Paid(const MemberIds& member_ids);
  // The same for the months in [from, to) only, streamed by member and month: what the dues
  // index's window needs.
  Result<void> Paid(
      const MemberIds& member_ids, domain::Month from, domain::Month to,
      const std::function<void(int64_t member_id, domain::Month month, int64_t paid_fen)>& each);
  Result<std::vector<Payment>> MemberPayments(int64_t member_id);
  // Payments recorded for members of exactly this org between two days (inclusive).
  Result<int64_t> Collected(int64_t org_id, Date from, Date to);

  Result<int64_t> InsertRemittance(const Remittance& r);
  // The remittances of these orgs for exactly this period.
  Result<std::vector<Remittance>> Remittances(const std::vector<int64_t>& org_ids, domain::Month from,
                                              domain::Month to);

 private:
  // Runs `select` + the conditions of `also` + a filter on `column` for the ids or the range
  // (see MemberIds) + `tail`, calling `each` for every row.
  Result<void> ForMembers(const MemberIds& ids, std::string_view select, std::string_view column,
                          const Where& also, std::string_view tail,
                          const std::function<void(const Row&)>& each);

  Connection& c_;
};

}  // namespace tj::store
