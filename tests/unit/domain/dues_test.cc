#include "domain/dues/dues.h"

#include <gtest/gtest.h>

namespace tj::domain {
namespace {

Date D(std::string_view s) { return *ParseDate(s); }

const DuesStandard kStd = DefaultDuesStandard();

TEST(DuesTest, StudentsNoIncomeAndFarmers) {
  EXPECT_EQ(MonthlyDue(DuesCategory::kStudent, std::nullopt, kStd), 20);
  EXPECT_EQ(MonthlyDue(DuesCategory::kNoIncome, std::nullopt, kStd), 20);
  EXPECT_EQ(MonthlyDue(DuesCategory::kFarmer, std::nullopt, kStd), 50);
}

TEST(DuesTest, WagesAtEachBracketEdge) {
  auto waged = [](int64_t wage_fen) { return MonthlyDue(DuesCategory::kWaged, wage_fen, kStd); };
  EXPECT_EQ(waged(199999), 300);    // 1 999.99 yuan: below 2 000
  EXPECT_EQ(waged(200000), 400);    // 2 000 × 2‰ = 4 yuan
  EXPECT_EQ(waged(999900), 1900);   // 9 999 × 2‰ = 19.998 → 19 yuan
  EXPECT_EQ(waged(1000000), 2000);  // 10 000 → 20 yuan
  EXPECT_EQ(waged(1500000), 2000);  // 30 yuan, capped at 20
  EXPECT_EQ(waged(249900), 400);    // 4.998 → 4 yuan
  EXPECT_EQ(MonthlyDue(DuesCategory::kWaged, std::nullopt, kStd), 300);
}

TEST(DuesTest, TheStandardInForceOnADay) {
  DuesStandard later = kStd;
  later.effective_from = D("2026-07-01");
  later.farmer_fen = 60;
  std::vector<DuesStandard> all{later, kStd};
  EXPECT_EQ(StandardOn(all, D("2026-06-30")).farmer_fen, 50);
  EXPECT_EQ(StandardOn(all, D("2026-07-01")).farmer_fen, 60);
  EXPECT_EQ(StandardOn({}, D("2026-07-01")).farmer_fen, 50);
}

TEST(DuesTest, MonthsCountAndPrint) {
  EXPECT_EQ(FormatMonth(MonthOf(D("2026-03-31"))), "2026-03");
  EXPECT_EQ(MonthOf(D("2026-01-01")) - MonthOf(D("2025-12-31")), 1);
  EXPECT_EQ(ParseMonth("2026-12"), MakeMonth(2026, 12));
  EXPECT_FALSE(ParseMonth("2026-13").has_value());
  EXPECT_FALSE(ParseMonth("2026-1").has_value());
  EXPECT_EQ(FirstDay(MakeMonth(2026, 2)), D("2026-02-01"));
  // Admitted in March: the ledger starts in April.
  EXPECT_EQ(FormatMonth(FirstDueMonth(D("2026-03-15"), kStd)), "2026-04");
}

TEST(DuesTest, APaymentCoversTheEarliestUnpaidMonthsFirst) {
  Month jan = MakeMonth(2026, 1);
  std::vector<LedgerMonth> ledger{{jan, 20, 20}, {jan + 1, 20, 0}, {jan + 2, 20, 10}, {jan + 3, 20, 0}};
  auto due = [](Month) { return int64_t{20}; };
  auto three = AllocatePayment(ledger, 3, due);
  ASSERT_EQ(three.size(), 3u);
  EXPECT_EQ(three[0], (std::pair<Month, int64_t>{jan + 1, 20}));
  EXPECT_EQ(three[1], (std::pair<Month, int64_t>{jan + 2, 10}));
  EXPECT_EQ(three[2], (std::pair<Month, int64_t>{jan + 3, 20}));
  // A year paid ahead runs past the ledger's last month.
  auto year = AllocatePayment(ledger, 12, due);
  ASSERT_EQ(year.size(), 12u);
  EXPECT_EQ(year.back().first, jan + 12);  // 3 owed, then 9 ahead
}

TEST(DuesTest, ArrearsCountTheUnpaidMonthsUpToNow) {
  Month jan = MakeMonth(2026, 1);
  std::vector<LedgerMonth> ledger;
  for (int i = 0; i < 9; ++i) ledger.push_back({jan + i, 20, i < 3 ? 20 : 0});
  EXPECT_EQ(ConsecutiveArrears(ledger, jan + 8), 6);
  EXPECT_EQ(ConsecutiveArrears(ledger, jan + 5), 3);
  EXPECT_EQ(ConsecutiveArrears(ledger, jan + 2), 0);
}

TEST(DuesTest, KeptAndRemittedAddUpToTheFen) {
  auto s = SplitDues(1001, 50);
  EXPECT_EQ(s.kept_fen, 500);
  EXPECT_EQ(s.remitted_fen, 501);
  EXPECT_EQ(s.kept_fen + s.remitted_fen, 1001);
  EXPECT_EQ(SplitDues(999, 0).remitted_fen, 999);
  EXPECT_EQ(SplitDues(999, 100).kept_fen, 999);
}

}  // namespace
}  // namespace tj::domain
