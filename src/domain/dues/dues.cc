#include "domain/dues/dues.h"

#include <algorithm>
#include <charconv>

namespace tj::domain {
namespace {

constexpr std::pair<DuesCategory, std::string_view> kCategories[] = {
    {DuesCategory::kStudent, "student"},
    {DuesCategory::kNoIncome, "no_income"},
    {DuesCategory::kFarmer, "farmer"},
    {DuesCategory::kWaged, "waged"},
};


}  // namespace

EnumNames<DuesCategory> DuesCategoryNames() { return kCategories; }

DuesStandard DefaultDuesStandard() {
  DuesStandard s;
  s.effective_from = Date{std::chrono::year(2000), std::chrono::January, std::chrono::day(1)};
  return s;
}

Result<void> ValidateDuesStandard(const DuesStandard& s) {
  std::vector<ErrorDetail> details;
  auto range = [&](std::string_view field, int64_t v, int64_t lo, int64_t hi) {
    if (v < lo || v > hi)
      details.push_back(FieldError(std::string(field), "out_of_range", "common.out_of_range",
                                   {{"min", std::to_string(lo)}, {"max", std::to_string(hi)}}));
  };
  range("student_fen", s.student_fen, 0, 100000);
  range("no_income_fen", s.no_income_fen, 0, 100000);
  range("farmer_fen", s.farmer_fen, 0, 100000);
  range("low_wage_fen", s.low_wage_fen, 0, 100000);
  range("wage_threshold_fen", s.wage_threshold_fen, 0, 100000000);
  range("wage_per_mille", s.wage_per_mille, 0, 100);
  range("max_fen", s.max_fen, 0, 100000);
  range("start_offset_months", s.start_offset_months, 0, 12);
  range("branch_keep_percent", s.branch_keep_percent, 0, 100);
  range("committee_keep_percent", s.committee_keep_percent, 0, 100);
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return {};
}

DuesStandard StandardOn(const std::vector<DuesStandard>& standards, Date day) {
  const DuesStandard* best = nullptr;
  for (const auto& s : standards)
    if (!Before(day, s.effective_from) && (!best || Before(best->effective_from, s.effective_from))) best = &s;
  return best ? *best : DefaultDuesStandard();
}

DuesCategory CategoryFromOccupation(std::string_view occupation) {
  if (occupation == "student") return DuesCategory::kStudent;
  if (occupation == "farmer") return DuesCategory::kFarmer;
  if (occupation == "unemployed") return DuesCategory::kNoIncome;
  return DuesCategory::kWaged;
}

int64_t MonthlyDue(DuesCategory c, std::optional<int64_t> wage_fen, const DuesStandard& s) {
  switch (c) {
    case DuesCategory::kStudent:
      return s.student_fen;
    case DuesCategory::kNoIncome:
      return s.no_income_fen;
    case DuesCategory::kFarmer:
      return s.farmer_fen;
    case DuesCategory::kWaged:
      break;
  }
  if (!wage_fen || *wage_fen < s.wage_threshold_fen) return s.low_wage_fen;
  // wage × per mille, rounded down to whole yuan (100 fen), at most the cap.
  int64_t yuan = *wage_fen * s.wage_per_mille / 1000 / 100;
  return std::min(yuan * 100, s.max_fen);
}

Month MonthOf(Date d) { return int(d.year()) * 12 + int(unsigned(d.month())) - 1; }
Month MakeMonth(int year, int month) { return year * 12 + month - 1; }

std::string FormatMonth(Month m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", m / 12, m % 12 + 1);
  return buf;
}

std::optional<Month> ParseMonth(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  int y = 0, mo = 0;
  auto r1 = std::from_chars(s.data(), s.data() + 4, y);
  auto r2 = std::from_chars(s.data() + 5, s.data() + 7, mo);
  if (r1.ec != std::errc() || r1.ptr != s.data() + 4 || r2.ec != std::errc() || r2.ptr != s.data() + 7)
    return std::nullopt;
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12) return std::nullopt;
  return MakeMonth(y, mo);
}

Date FirstDay(Month m) {
  return Date{std::chrono::year(m / 12), std::chrono::month(unsigned(m % 12 + 1)), std::chrono::day(1)};
}

Month FirstDueMonth(Date join_date, const DuesStandard& s) { return MonthOf(join_date) + s.start_offset_months; }

std::vector<std::pair<Month, int64_t>> AllocatePayment(const std::vector<LedgerMonth>& ledger, int months,
                                                       const std::function<int64_t(Month)>& due_of) {
  std::vector<std::pair<Month, int64_t>> out;
  std::vector<LedgerMonth> sorted = ledger;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.month < b.month; });
  for (const auto& m : sorted) {
    if (static_cast<int>(out.size()) == months) return out;
    if (!m.settled()) out.emplace_back(m.month, m.due_fen - m.paid_fen);
  }
  Month next = sorted.empty() ? 0 : sorted.back().month + 1;
  while (static_cast<int>(out.size()) < months && !sorted.empty()) {
    out.emplace_back(next, due_of(next));
    ++next;
  }
  return out;
}

int ConsecutiveArrears(const std::vector<LedgerMonth>& ledger, Month through) {
  std::vector<LedgerMonth> sorted = ledger;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.month > b.month; });
  int n = 0;
  for (const auto& m : sorted) {
    if (m.month > through) continue;
    if (m.settled()) break;
    ++n;
  }
  return n;
}

Split SplitDues(int64_t total_fen, int keep_percent) {
  Split s;
  s.kept_fen = total_fen * keep_percent / 100;
  s.remitted_fen = total_fen - s.kept_fen;
  return s;
}

}  // namespace tj::domain
