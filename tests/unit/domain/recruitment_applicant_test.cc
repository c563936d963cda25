#include "domain/recruitment/applicant.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tj::domain {
namespace {

Date D(std::string_view s) { return *ParseDate(s); }

const Date kToday = D("2026-06-15");

// "field:code" of every detail, in order.
std::vector<std::string> Codes(const Error& e) {
  std::vector<std::string> out;
  for (const auto& d : e.details) out.push_back(d.field + ":" + d.code);
  return out;
}

ApplicantFields Valid() {
  ApplicantFields f;
  f.person.name = "李小青";
  f.person.id_number = "220821201003013315";
  f.person.ethnicity = "汉族";
  f.person.education = "junior_high";
  f.person.occupation = "student";
  f.school_stage = "junior_high";
  f.graduating_year = 2027;
  f.applied_on = "2025-09-01";
  return f;
}

TEST(ApplicantTest, AValidApplicationKeepsItsData) {
  auto d = ValidateApplication(Valid(), kToday);
  ASSERT_TRUE(d) << Codes(d.error()).size();
  EXPECT_EQ(d->person.name, "李小青");
  EXPECT_EQ(d->person.id.birth_date, D("2010-03-01"));
  EXPECT_EQ(d->school_stage, SchoolStage::kJuniorHigh);
  EXPECT_EQ(d->graduating_year, 2027);
  EXPECT_EQ(d->applied_on, D("2025-09-01"));
  EXPECT_FALSE(d->talk_on.has_value());
}

TEST(ApplicantTest, ReportsEveryBadFieldAtOnce) {
  ApplicantFields f = Valid();
  f.person.name = "";
  f.person.id_number = "220821201003013316";  // wrong check character
  f.applied_on = "2026-06-16";                // tomorrow
  f.school_stage = "primary";
  f.graduating_year.reset();
  f.talk_on = "2026-13-01";
  auto d = ValidateApplication(f, kToday);
  ASSERT_FALSE(d);
  EXPECT_EQ(Codes(d.error()),
            (std::vector<std::string>{"name:required", "id_number:checksum", "applied_on:in_future",
                                      "school_stage:invalid_enum", "graduating_year:required",
                                      "talk_on:invalid_format"}));
}

TEST(ApplicantTest, GraduatingYearFromTheApplicationsYearToEightYearsOn) {
  ApplicantFields f = Valid();
  f.graduating_year = 2025;
  EXPECT_TRUE(ValidateApplication(f, kToday));
  f.graduating_year = 2033;
  EXPECT_TRUE(ValidateApplication(f, kToday));
  f.graduating_year = 2024;
  EXPECT_EQ(Codes(ValidateApplication(f, kToday).error()),
            std::vector<std::string>{"graduating_year:out_of_range"});
  f.graduating_year = 2034;
  EXPECT_FALSE(ValidateApplication(f, kToday));
}

TEST(ApplicantTest, TheTalkIsDueAMonthAfterApplyingAndOverdueOnlyAfterThat) {
  EXPECT_EQ(TalkDue(D("2026-01-31")), D("2026-02-28"));
  Applicant a;
  a.applied_on = D("2026-05-15");
  EXPECT_EQ(TalkDue(a.applied_on), D("2026-06-15"));
  EXPECT_FALSE(TalkOverdue(a, D("2026-06-15")));  // the due day itself
  EXPECT_TRUE(TalkOverdue(a, D("2026-06-16")));
  a.talk_on = D("2026-06-20");  // late, but recorded
  EXPECT_FALSE(TalkOverdue(a, D("2026-06-21")));
  a.talk_on.reset();
  a.stage = Stage::kWithdrawn;  // an ended file needs no talk
  EXPECT_FALSE(TalkOverdue(a, D("2026-06-21")));
}

TEST(ApplicantTest, AStepIsNotBeforeThePreviousOneNorInTheFuture) {
  EXPECT_TRUE(CheckStepDate("2026-03-01", D("2026-03-01"), kToday));
  EXPECT_TRUE(CheckStepDate("2026-06-15", D("2026-03-01"), kToday));
  auto before = CheckStepDate("2026-02-28", D("2026-03-01"), kToday);
  ASSERT_FALSE(before);
  EXPECT_EQ(Codes(before.error()), std::vector<std::string>{"date:before_previous"});
  EXPECT_EQ(before.error().details[0].args.at("previous"), "2026-03-01");
  EXPECT_EQ(Codes(CheckStepDate("2026-06-16", D("2026-03-01"), kToday).error()),
            std::vector<std::string>{"date:in_future"});
  EXPECT_EQ(Codes(CheckStepDate(std::nullopt, D("2026-03-01"), kToday).error()),
            std::vector<std::string>{"date:required"});
}

TEST(ApplicantTest, ClassHoursAreHalfHourStepsFromHalfAnHourToADay) {
  Date applied = D("2025-09-01");
  EXPECT_TRUE(ValidateClassHours({"2025-09-01", 1, "团课"}, applied, kToday));
  EXPECT_TRUE(ValidateClassHours({"2025-09-01", 48, "团课"}, applied, kToday));
  EXPECT_EQ(Codes(ValidateClassHours({"2025-09-01", 49, "团课"}, applied, kToday).error()),
            std::vector<std::string>{"hours:out_of_range"});
  EXPECT_EQ(Codes(ValidateClassHours({"2025-09-01", 0, "团课"}, applied, kToday).error()),
            std::vector<std::string>{"hours:out_of_range"});
  EXPECT_EQ(Codes(ValidateClassHours({"2025-08-31", std::nullopt, ""}, applied, kToday).error()),
            (std::vector<std::string>{"date:before_application", "hours:required", "topic:required"}));
}

TEST(ApplicantTest, MemberNumbersAreTheYearAndAZeroPaddedSerial) {
  EXPECT_EQ(FormatMemberNo(2026, 8, 15), "202600000015");
  EXPECT_EQ(FormatMemberNo(2026, 4, 9999), "20269999");
  EXPECT_EQ(FormatMemberNo(2026, 12, 1), "2026000000000001");
}

TEST(ApplicantTest, NumberRangesStayWithinTheirWidth) {
  NumberRange r;
  r.year = 2026, r.serial_width = 4, r.first_serial = 1, r.last_serial = 9999;
  EXPECT_TRUE(ValidateNumberRange(r));
  r.last_serial = 10000;
  EXPECT_EQ(Codes(ValidateNumberRange(r).error()), std::vector<std::string>{"last_serial:out_of_range"});
  r.last_serial = 0;
  EXPECT_FALSE(ValidateNumberRange(r));
  r.serial_width = 3, r.last_serial = 10;
  EXPECT_EQ(Codes(ValidateNumberRange(r).error()), std::vector<std::string>{"serial_width:out_of_range"});
}

TEST(ApplicantTest, RangesOverlapOnlyInTheSameYearAndWidth) {
  NumberRange a, b;
  a.year = b.year = 2026;
  a.serial_width = b.serial_width = 8;
  a.first_serial = 1, a.last_serial = 100;
  b.first_serial = 100, b.last_serial = 200;
  EXPECT_TRUE(Overlaps(a, b));
  b.first_serial = 101;
  EXPECT_FALSE(Overlaps(a, b));
  b.first_serial = 50, b.serial_width = 6;
  EXPECT_FALSE(Overlaps(a, b));
  b.serial_width = 8, b.year = 2027;
  EXPECT_FALSE(Overlaps(a, b));
}

TEST(ApplicantTest, OnlyJuniorAndSeniorHighHaveACap) {
  RuleSet r = DefaultRules(2026);
  r.junior_high_cap_percent = 20;
  r.senior_high_cap_percent = 40;
  EXPECT_EQ(CapPercent(SchoolStage::kJuniorHigh, r), 20);
  EXPECT_EQ(CapPercent(SchoolStage::kSeniorHigh, r), 40);
  EXPECT_FALSE(CapPercent(SchoolStage::kVocational, r).has_value());
  EXPECT_FALSE(CapPercent(SchoolStage::kCollege, r).has_value());
}

}  // namespace
}  // namespace tj::domain
