// Use cases of League dues (团费): the standards by effective date, a member's dues profile
// (category, wage), the member's monthly ledger, payments that cover the earliest unpaid months
// first, refunds (new rows, never edits), a branch's grid of members × months, arrears lists
// (3 and 6 consecutive unpaid months; 6 is flagged as a sign of 自行脱团, never acted on), each
// org's remittance to the level above with its reconciliation to the fen, and subtree
// statistics for a month.
//
// Ledgers are computed from the member's admission date, their current category and wage, the
// standard in force each month, and the recorded allocations. Every call checks scope, then
// permission; writes run in one transaction with their audit record. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/dues/dues.h"
#include "service/context.h"
#include "stats/dues_index.h"
#include "store/dues_repository.h"

namespace tj::service {

struct StandardFields {
  std::optional<std::string> effective_from;
  std::optional<int64_t> student_fen, no_income_fen, farmer_fen, low_wage_fen, wage_threshold_fen;
  std::optional<int64_t> wage_per_mille, max_fen, start_offset_months;
  std::optional<int64_t> branch_keep_percent, committee_keep_percent;
};

struct MemberLedger {
  store::DuesMember member;
  domain::DuesCategory category = domain::DuesCategory::kStudent;
  int64_t monthly_fen = 0;  // today's monthly amount
  std::vector<domain::LedgerMonth> months;  // from the first due month to this month (and any paid ahead)
  std::vector<store::Payment> payments;
  int arrears_months = 0;   // consecutive unpaid months up to last month
  int64_t owed_fen = 0;     // unpaid through this month
};

struct PaymentFields {
  std::optional<int64_t> months;
  std::optional<std::string> paid_on;
  std::optional<std::string> method;
  std::optional<std::string> receipt_no;
  std::optional<std::string> note;
};

struct GridRow {
  store::DuesMember member;
  int64_t monthly_fen = 0;
  std::vector<domain::LedgerMonth> months;  // the year's twelve months (due 0 before the ledger starts)
  int arrears_months = 0;
};

struct ArrearsRow {
  store::DuesMember member;
  int months = 0;
  int64_t owed_fen = 0;
  bool lapse_sign = false;  // 6 or more: a sign of 自行脱团 for the branch to look into
};

struct DuesStats {
  domain::Org org;
  int64_t members_due = 0;  // members whose ledger runs in the month
  int64_t members_paid = 0;
  int64_t due_fen = 0;
  int64_t paid_fen = 0;
};

struct RemittanceView {
  domain::Org org;
  std::optional<store::Remittance> remittance;
  int64_t children_remitted_fen = 0;  // what the children recorded as remitted
  std::vector<std::string> children_missing;  // open children with no record for the period
  bool reconciles = false;            // received equals that, and kept + remitted the total
};

// These members' parts of the dues index (or every member's, for nullopt) over the window
// [first, first + months), as the tables say on `c` now: each month of their ledger with what
// is due (the category, wage and standard of that month) and what was paid for it; nothing
// for a member not in standing.
Result<std::vector<stats::DuesPart>> DuesPartsOf(store::Connection& c, const store::DuesRepository::MemberIds& member_ids,
                                                domain::Month first, int months);

// The parts of members just created (no payments or dues profiles yet), not yet readable by id.
Result<std::vector<stats::DuesPart>> NewMemberDuesParts(store::Connection& c,
                                                       const std::vector<store::DuesMember>& members,
                                                       domain::Month first, int months);

class DuesService {
 public:
  explicit DuesService(Deps& deps) : d_(deps) {}

  Result<std::vector<store::StoredStandard>> Standards(const Actor& a);
  // Errors: kForbidden unless allowed with a scope of the whole tree; kValidationFailed;
  // kConflict (a standard from that day exists).
  Result<store::StoredStandard> PutStandard(const Actor& a, const StandardFields& f);

  // Errors: kNotFound (member outside scope), kForbidden, kValidationFailed (category, wage).
  // The category and wage apply from month `from` (YYYY-MM, default this month) on; months
  // before it keep what was in force then.
  Result<MemberLedger> SetProfile(const Actor& a, int64_t member_id, const std::optional<std::string>& category,
                                  std::optional<int64_t> wage_fen, bool clear_wage,
                                  const std::optional<std::string>& from);
  Result<MemberLedger> Ledger(const Actor& a, int64_t member_id);
  // A member's own ledger (self-service). Errors: kForbidden without a linked member.
  Result<MemberLedger> OwnLedger(const Actor& a);
  // Errors: kValidationFailed (months 1–24, paid_on, method, receipt_no), kRuleViolation
  // member_not_in_standing.
  Result<MemberLedger> Pay(const Actor& a, int64_t member_id, const PaymentFields& f);
  // Refunds the latest `months` paid months. Errors: as Pay, and kRuleViolation
  // nothing_to_refund; note required.
  Result<MemberLedger> Refund(const Actor& a, int64_t member_id, const PaymentFields& f);

  Result<std::vector<GridRow>> Grid(const Actor& a, int64_t org_id, int year);
  Result<store::Page<ArrearsRow>> Arrears(const Actor& a, std::optional<int64_t> org_id, bool subtree,
                                          int min_months, store::PageRequest page);
  // The org's and each child's numbers for `month`.
  Result<std::pair<DuesStats, std::vector<DuesStats>>> Stats(const Actor& a, std::optional<int64_t> org_id,
                                                             domain::Month month);

  // Records what `org_id` collected and received from its children for the months, what it
  // keeps and what it remits above, once the period has ended; a record is final. Errors:
  // kConflict (already recorded), kForbidden, kValidationFailed (a period of 1–12 months),
  // kRuleViolation period_not_ended.
  Result<RemittanceView> Remit(const Actor& a, int64_t org_id, domain::Month from, domain::Month to);
  // Rebuilds the dues index from the tables, its window this year and last year (at start-up,
  // daily, and after a new standard).
  Result<void> RebuildIndex();

  Result<std::pair<RemittanceView, std::vector<RemittanceView>>> Remittances(const Actor& a,
                                                                             std::optional<int64_t> org_id,
                                                                             domain::Month from, domain::Month to);

 private:
  Result<MemberLedger> LedgerOf(store::Connection& c, const store::DuesMember& m, Date today);
  Result<store::DuesMember> MemberInScope(store::Connection& c, const Actor& a, int64_t member_id);
  Result<RemittanceView> ViewOf(store::Connection& c, const domain::Org& org, domain::Month from, domain::Month to);
  Deps& d_;
};

}  // namespace tj::service
