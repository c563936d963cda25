// League dues (团费): the standards in force from a date, a member's monthly amount, the
// months a ledger runs over, how a payment covers months, arrears, and each level's share of
// what it collects (DOMAIN.md, Dues). Money is integer fen everywhere.
//
// Pure functions and value types; safe from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/enum_names.h"
#include "base/error.h"
#include "base/time.h"

namespace tj::domain {

enum class DuesCategory {
  kStudent,   // 学生
  kNoIncome,  // 无收入
  kFarmer,    // 农民
  kWaged,     // 有工资收入: by the fixed part of the after-tax monthly wage
};
EnumNames<DuesCategory> DuesCategoryNames();

// The standards from `effective_from` on (a later set replaces an earlier one).
struct DuesStandard {
  Date effective_from;
  int64_t student_fen = 20;           // 0.2 yuan a month
  int64_t no_income_fen = 20;
  int64_t farmer_fen = 50;            // 0.5 yuan
  int64_t low_wage_fen = 300;         // 3 yuan below the threshold
  int64_t wage_threshold_fen = 200000;  // 2 000 yuan
  int wage_per_mille = 2;             // 2‰ of the wage, rounded down to whole yuan
  int64_t max_fen = 2000;             // at most 20 yuan
  int start_offset_months = 1;        // the ledger starts the month after admission
  int branch_keep_percent = 0;        // what a branch keeps of what it collects
  int committee_keep_percent = 50;    // what a committee keeps of what it handles
};

DuesStandard DefaultDuesStandard();

// Errors: kValidationFailed naming fields out of range (amounts 0–100 000 fen, per mille
// 0–100, offset 0–12).
Result<void> ValidateDuesStandard(const DuesStandard& s);

// The standard in force on `day` among `standards` (any order); the defaults when none is.
DuesStandard StandardOn(const std::vector<DuesStandard>& standards, Date day);

// A member's category when none is on record: from the occupation (students, farmers, the
// unemployed; everyone else is waged).
DuesCategory CategoryFromOccupation(std::string_view occupation);

// The monthly amount in fen. A waged member without a wage on record pays the low-wage amount.
int64_t MonthlyDue(DuesCategory c, std::optional<int64_t> wage_fen, const DuesStandard& s);

// A calendar month as a count (year * 12 + month - 1), so months subtract and compare.
using Month = int;
Month MonthOf(Date d);
Month MakeMonth(int year, int month);
std::string FormatMonth(Month m);           // "2026-03"
std::optional<Month> ParseMonth(std::string_view s);
Date FirstDay(Month m);

// The first month a member owes: admission month + the standard's offset.
Month FirstDueMonth(Date join_date, const DuesStandard& s);

// One month of a member's ledger: what is due and what was paid for it (refunds and
// corrections are negative payments).
struct LedgerMonth {
  Month month = 0;
  int64_t due_fen = 0;
  int64_t paid_fen = 0;
  bool settled() const { return paid_fen >= due_fen; }
};

// The months a payment of `months` months covers: the earliest unsettled ones first, then the
// months after the last one in the ledger (paying ahead). `dues_after(m)` gives the due of a
// month past the ledger. Returns (month, amount) pairs.
std::vector<std::pair<Month, int64_t>> AllocatePayment(const std::vector<LedgerMonth>& ledger, int months,
                                                       const std::function<int64_t(Month)>& due_of);

// Consecutive unsettled months ending at `through` (the current or last closed month).
int ConsecutiveArrears(const std::vector<LedgerMonth>& ledger, Month through);

// Each level keeps a share of what it handles (collected by itself plus received from
// below) and remits the rest, so kept + remitted equals the total to the fen.
struct Split {
  int64_t kept_fen = 0;
  int64_t remitted_fen = 0;
};
Split SplitDues(int64_t total_fen, int keep_percent);

}  // namespace tj::domain
