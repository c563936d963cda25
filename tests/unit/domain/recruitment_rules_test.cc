#include "domain/recruitment/rules.h"

#include <gtest/gtest.h>

namespace tj::domain {
namespace {

Date D(std::string_view s) { return *ParseDate(s); }

std::string Rule(const Result<void>& r) { return r ? "ok" : r.error().details.at(0).code; }

const RuleSet kRules = DefaultRules(2026);

TEST(RecruitmentRulesTest, EightClassHoursPassSevenAndAHalfFail) {
  EXPECT_EQ(Rule(CheckClassHours(16, kRules)), "ok");
  auto r = CheckClassHours(15, kRules);
  EXPECT_EQ(Rule(r), "insufficient_class_hours");
  EXPECT_EQ(r.error().args.at("required"), "8");
  EXPECT_EQ(r.error().args.at("actual"), "7.5");
}

TEST(RecruitmentRulesTest, ActivistPeriodIsThreeMonthsToTheDay) {
  EXPECT_EQ(Rule(CheckActivistPeriod(D("2026-01-15"), D("2026-04-15"), kRules)), "ok");
  EXPECT_EQ(Rule(CheckActivistPeriod(D("2026-01-15"), D("2026-04-14"), kRules)),
            "activist_period_too_short");
  // A month without the 31st: three months from 30 November end on the last of February.
  EXPECT_EQ(Rule(CheckActivistPeriod(D("2025-11-30"), D("2026-02-28"), kRules)), "ok");
  EXPECT_EQ(Rule(CheckActivistPeriod(D("2025-11-30"), D("2026-02-27"), kRules)),
            "activist_period_too_short");
}

TEST(RecruitmentRulesTest, AgeFromThe14thBirthdayUntilThe29th) {
  Date birth = D("2012-05-04");
  EXPECT_EQ(Rule(CheckAge(birth, D("2026-05-03"), kRules)), "age_out_of_range");  // 13
  EXPECT_EQ(Rule(CheckAge(birth, D("2026-05-04"), kRules)), "ok");                // 14
  Date older = D("1997-05-04");
  EXPECT_EQ(Rule(CheckAge(older, D("2026-05-03"), kRules)), "ok");                // 28
  EXPECT_EQ(Rule(CheckAge(older, D("2026-05-04"), kRules)), "age_out_of_range");  // 29
}

TEST(RecruitmentRulesTest, AVoteNeedsMoreThanHalfPresentAndMoreThanHalfOfThemYes) {
  EXPECT_EQ(Rule(CheckVote(10, 5, 5)), "vote_failed");  // exactly half present
  EXPECT_EQ(Rule(CheckVote(10, 6, 4)), "ok");
  EXPECT_EQ(Rule(CheckVote(10, 6, 3)), "vote_failed");  // exactly half of those present
  EXPECT_EQ(Rule(CheckVote(3, 2, 2)), "ok");
  EXPECT_EQ(Rule(CheckVote(0, 0, 0)), "vote_failed");
  EXPECT_EQ(Rule(CheckVote(10, 11, 8)), "vote_failed");  // more present than eligible
}

TEST(RecruitmentRulesTest, TheCapsLastFreePlaceAdmitsAndTheNextIsRefused) {
  // Demo county: senior high 40 % of 101 students = 40 places.
  EXPECT_EQ(QuotaCap(40, 101), 40);
  EXPECT_EQ(Rule(CheckQuota(40, 101, 40)), "ok");
  auto over = CheckQuota(40, 101, 41);
  EXPECT_EQ(Rule(over), "quota_exceeded");
  EXPECT_EQ(over.error().args.at("cap"), "40");
  EXPECT_EQ(QuotaCap(20, 0), 0);
}

TEST(RecruitmentRulesTest, SponsorsAndIntroducers) {
  EXPECT_EQ(Rule(CheckSponsors(0)), "introducers_invalid");
  EXPECT_EQ(Rule(CheckSponsors(1)), "ok");
  EXPECT_EQ(Rule(CheckSponsors(2)), "ok");
  EXPECT_EQ(Rule(CheckSponsors(3)), "introducers_invalid");
  EXPECT_EQ(Rule(CheckIntroducers(2, 2)), "ok");
  EXPECT_EQ(Rule(CheckIntroducers(2, 1)), "introducers_invalid");
  EXPECT_EQ(Rule(CheckIntroducers(1, 1)), "introducers_invalid");
}

TEST(RecruitmentRulesTest, StagesMoveOneStepOrEndAndFinalStagesStay) {
  EXPECT_EQ(Rule(CheckTransition(Stage::kApplied, Stage::kActivist)), "ok");
  EXPECT_EQ(Rule(CheckTransition(Stage::kApplied, Stage::kCandidate)), "stage_order");
  EXPECT_EQ(Rule(CheckTransition(Stage::kCandidate, Stage::kRejected)), "ok");
  EXPECT_EQ(Rule(CheckTransition(Stage::kApproved, Stage::kAdmitted)), "ok");
  EXPECT_EQ(Rule(CheckTransition(Stage::kAdmitted, Stage::kWithdrawn)), "stage_order");
  EXPECT_EQ(Rule(CheckTransition(Stage::kRejected, Stage::kActivist)), "stage_order");
}

TEST(EvaluationRulesTest, ExcellentAtMostThirtyPercentOfThoseRated) {
  EXPECT_EQ(Rule(CheckExcellentShare(3, 10, kRules)), "ok");
  EXPECT_EQ(Rule(CheckExcellentShare(4, 10, kRules)), "excellent_quota_exceeded");
  EXPECT_EQ(Rule(CheckExcellentShare(2, 9, kRules)), "ok");  // floor(2.7) = 2
  EXPECT_EQ(Rule(CheckExcellentShare(3, 9, kRules)), "excellent_quota_exceeded");
}

TEST(EvaluationRulesTest, QuorumIsMoreThanTwoThirds) {
  EXPECT_EQ(Rule(CheckEvaluationQuorum(6, 9, kRules)), "quorum_not_met");  // exactly 2/3
  EXPECT_EQ(Rule(CheckEvaluationQuorum(7, 9, kRules)), "ok");
  EXPECT_EQ(Rule(CheckEvaluationQuorum(0, 0, kRules)), "quorum_not_met");
}

TEST(RuleSetTest, DefaultsAreNationalAndSettingsAreChecked) {
  RuleSet r = DefaultRules(2026);
  EXPECT_EQ(r.junior_high_cap_percent, 30);
  EXPECT_EQ(r.senior_high_cap_percent, 60);
  EXPECT_TRUE(ValidateRules(r));
  r.junior_high_cap_percent = 20;  // the demo county
  r.senior_high_cap_percent = 40;
  EXPECT_TRUE(ValidateRules(r));
  r.excellent_cap_percent = 0;
  r.min_age = 30;
  auto bad = ValidateRules(r);
  ASSERT_FALSE(bad);
  std::vector<std::string> fields;
  for (const auto& d : bad.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"excellent_cap_percent", "max_age"}));
}

}  // namespace
}  // namespace tj::domain
