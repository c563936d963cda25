// Organizational life rules: activity fields (class hours 0.5–8 in half hours, teacher for
// classes), and compliance at quarter, month and year edges.
#include "domain/activity/activity.h"

#include <gtest/gtest.h>

namespace tj::domain {
namespace {

Date D(int y, unsigned m, unsigned d) { return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}; }

ActivityFields Class(int half_hours) {
  ActivityFields f;
  f.kind = "class";
  f.held_on = "2026-03-01";
  f.topic = "学习团章";
  f.teacher = "王老师";
  f.class_half_hours = half_hours;
  return f;
}

bool HasDetail(const Error& e, const std::string& field, const std::string& code) {
  for (const auto& d : e.details)
    if (d.field == field && d.code == code) return true;
  return false;
}

TEST(ActivityTest, ClassHoursRunFromHalfAnHourToEightHours) {
  Date today = D(2026, 3, 2);
  EXPECT_TRUE(ValidateActivity(Class(1), today));   // 0.5 h
  EXPECT_TRUE(ValidateActivity(Class(16), today));  // exactly 8 h
  auto over = ValidateActivity(Class(17), today);   // 8.5 h
  ASSERT_FALSE(over);
  EXPECT_TRUE(HasDetail(over.error(), "class_hours", "out_of_range"));
  auto zero = ValidateActivity(Class(0), today);
  ASSERT_FALSE(zero);
  EXPECT_TRUE(HasDetail(zero.error(), "class_hours", "out_of_range"));
  auto f = Class(4);
  f.class_half_hours.reset();
  f.teacher.reset();
  auto missing = ValidateActivity(f, today);
  ASSERT_FALSE(missing);
  EXPECT_TRUE(HasDetail(missing.error(), "class_hours", "required"));
  EXPECT_TRUE(HasDetail(missing.error(), "teacher", "required"));
}

TEST(ActivityTest, OnlyClassesCarryHoursAndTheDayIsNotInTheFuture) {
  ActivityFields f;
  f.kind = "general_meeting";
  f.held_on = "2026-03-03";
  f.topic = "支部大会";
  f.class_half_hours = 4;
  auto e = ValidateActivity(f, D(2026, 3, 2));
  ASSERT_FALSE(e);
  EXPECT_TRUE(HasDetail(e.error(), "class_hours", "not_allowed"));
  EXPECT_TRUE(HasDetail(e.error(), "held_on", "in_future"));
  f.class_half_hours.reset();
  f.held_on = "2026-03-02";  // today
  auto ok = ValidateActivity(f, D(2026, 3, 2));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->kind, ActivityKind::kGeneralMeeting);
  f.kind = "party";
  EXPECT_TRUE(HasDetail(ValidateActivity(f, D(2026, 3, 2)).error(), "kind", "invalid_enum"));
}

const RequirementCompliance& Req(const std::vector<RequirementCompliance>& v, Requirement r) {
  for (const auto& x : v)
    if (x.requirement == r) return x;
  throw std::runtime_error("no requirement");
}

TEST(ActivityTest, AQuarterIsBehindUntilItsLastDayAndMissedTheDayAfter) {
  RuleSet rules = DefaultRules(2026);
  MonthCounts none{};
  // 31 March: the first quarter is still running.
  auto last_day = BranchCompliance(none, 2026, D(2026, 3, 31), rules);
  EXPECT_EQ(Req(last_day, Requirement::kGeneralMeeting).periods[0].status, ComplianceStatus::kBehind);
  EXPECT_EQ(Req(last_day, Requirement::kGeneralMeeting).periods[1].status, ComplianceStatus::kUpcoming);
  EXPECT_EQ(Req(last_day, Requirement::kGeneralMeeting).status, ComplianceStatus::kBehind);
  // 1 April: it has ended without a general meeting.
  auto next_day = BranchCompliance(none, 2026, D(2026, 4, 1), rules);
  EXPECT_EQ(Req(next_day, Requirement::kGeneralMeeting).periods[0].status, ComplianceStatus::kMissed);
  EXPECT_EQ(Req(next_day, Requirement::kGeneralMeeting).periods[1].status, ComplianceStatus::kBehind);
  EXPECT_EQ(Req(next_day, Requirement::kGeneralMeeting).status, ComplianceStatus::kMissed);
  // One general meeting in March meets the quarter.
  MonthCounts one{};
  one[static_cast<size_t>(ActivityKind::kGeneralMeeting)][2] = 1;
  auto met = BranchCompliance(one, 2026, D(2026, 4, 1), rules);
  EXPECT_EQ(Req(met, Requirement::kGeneralMeeting).periods[0].status, ComplianceStatus::kMet);
  EXPECT_EQ(Req(met, Requirement::kGeneralMeeting).periods[0].count, 1);
  EXPECT_EQ(Req(met, Requirement::kGeneralMeeting).periods[0].period, "2026-Q1");
  EXPECT_EQ(Req(met, Requirement::kGeneralMeeting).status, ComplianceStatus::kBehind);  // Q2 running
}

TEST(ActivityTest, CommitteeMeetingsAreCountedByMonthAndClassesByQuarter) {
  RuleSet rules = DefaultRules(2026);
  MonthCounts c{};
  c[static_cast<size_t>(ActivityKind::kCommitteeMeeting)][0] = 1;  // January only
  c[static_cast<size_t>(ActivityKind::kClass)][1] = 1;             // a class in February
  auto v = BranchCompliance(c, 2026, D(2026, 3, 1), rules);
  const auto& committee = Req(v, Requirement::kCommitteeMeeting);
  ASSERT_EQ(committee.periods.size(), 12u);
  EXPECT_EQ(committee.periods[0].status, ComplianceStatus::kMet);
  EXPECT_EQ(committee.periods[1].status, ComplianceStatus::kMissed);  // February ended without one
  EXPECT_EQ(committee.periods[2].status, ComplianceStatus::kBehind);
  EXPECT_EQ(committee.periods[1].period, "2026-02");
  const auto& classes = Req(v, Requirement::kClass);
  ASSERT_EQ(classes.periods.size(), 4u);
  EXPECT_EQ(classes.periods[0].status, ComplianceStatus::kMet);
  // Two general meetings a quarter when the year's settings ask for two.
  rules.min_general_meetings_per_quarter = 2;
  MonthCounts g{};
  g[static_cast<size_t>(ActivityKind::kGeneralMeeting)][0] = 1;
  EXPECT_EQ(Req(BranchCompliance(g, 2026, D(2026, 4, 1), rules), Requirement::kGeneralMeeting).periods[0].status,
            ComplianceStatus::kMissed);
  g[static_cast<size_t>(ActivityKind::kGeneralMeeting)][2] = 1;
  EXPECT_EQ(Req(BranchCompliance(g, 2026, D(2026, 4, 1), rules), Requirement::kGeneralMeeting).periods[0].status,
            ComplianceStatus::kMet);
}

TEST(ActivityTest, APastYearIsJudgedWholeAndAFutureOneIsUpcoming) {
  RuleSet rules = DefaultRules(2025);
  MonthCounts none{};
  auto past = BranchCompliance(none, 2025, D(2026, 1, 1), rules);
  EXPECT_EQ(Req(past, Requirement::kClass).periods[3].status, ComplianceStatus::kMissed);  // Q4 2025 over
  auto last_day = BranchCompliance(none, 2025, D(2025, 12, 31), rules);
  EXPECT_EQ(Req(last_day, Requirement::kClass).periods[3].status, ComplianceStatus::kBehind);
  auto future = BranchCompliance(none, 2027, D(2026, 6, 1), rules);
  EXPECT_EQ(Req(future, Requirement::kClass).status, ComplianceStatus::kUpcoming);
  EXPECT_EQ(Overall(future, false, false), ComplianceStatus::kUpcoming);
}

TEST(ActivityTest, AMemberNeedsTheYearsClassesByTheLastDayOfTheYear) {
  EXPECT_EQ(MemberClassStatus(4, 4, 2026, D(2026, 3, 1)), ComplianceStatus::kMet);
  EXPECT_EQ(MemberClassStatus(3, 4, 2026, D(2026, 12, 31)), ComplianceStatus::kBehind);
  EXPECT_EQ(MemberClassStatus(3, 4, 2026, D(2027, 1, 1)), ComplianceStatus::kMissed);
  EXPECT_EQ(MemberClassStatus(0, 0, 2026, D(2026, 1, 1)), ComplianceStatus::kMet);
}

TEST(ActivityTest, ABranchIsMissedWhenAnythingMissedElseBehind) {
  RuleSet rules = DefaultRules(2026);
  MonthCounts all{};
  for (size_t m = 0; m < 12; ++m) {
    all[static_cast<size_t>(ActivityKind::kGeneralMeeting)][m] = 1;
    all[static_cast<size_t>(ActivityKind::kCommitteeMeeting)][m] = 1;
    all[static_cast<size_t>(ActivityKind::kClass)][m] = 1;
  }
  auto done = BranchCompliance(all, 2026, D(2026, 12, 31), rules);
  EXPECT_EQ(Overall(done, false, false), ComplianceStatus::kMet);
  EXPECT_EQ(Overall(done, false, true), ComplianceStatus::kBehind);
  EXPECT_EQ(Overall(done, true, false), ComplianceStatus::kMissed);
}

TEST(ActivityTest, AttachmentsAreKnownImagesOrPdfUpToFiveMebibytes) {
  EXPECT_EQ(*CheckAttachment("合影.jpg", std::string("\xFF\xD8\xFF\xE0rest", 8)), "image/jpeg");
  EXPECT_EQ(*CheckAttachment("a.png", std::string("\x89PNG\r\n\x1A\n....", 12)), "image/png");
  EXPECT_EQ(*CheckAttachment("a.webp", std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(*CheckAttachment("纪要.pdf", "%PDF-1.7\n"), "application/pdf");
  // The name says PDF, the bytes do not: refused.
  auto html = CheckAttachment("x.pdf", "<html><script>");
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().details[0].code, "type_not_allowed");
  std::string exactly(kMaxAttachmentBytes, 'x');
  exactly.replace(0, 5, "%PDF-");
  EXPECT_TRUE(CheckAttachment("big.pdf", exactly));
  exactly.push_back('x');
  EXPECT_EQ(CheckAttachment("big.pdf", exactly).error().details[0].code, "too_large");
  EXPECT_EQ(CheckAttachment("empty.pdf", "").error().details[0].code, "empty");
  EXPECT_EQ(CheckAttachment("", "%PDF-").error().details[0].field, "name");
}

}  // namespace
}  // namespace tj::domain
