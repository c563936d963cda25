#include "domain/evaluation/evaluation.h"

#include <gtest/gtest.h>

namespace tj::domain {
namespace {

Date D(std::string_view s) { return *ParseDate(s); }

std::string Rule(const Result<void>& r) { return r ? "ok" : r.error().details.at(0).code; }

// `n` members due, `present` of them present, grades given in order (the rest qualified).
std::vector<EvaluationEntry> Entries(int n, int present, int excellent, int ungraded = 0) {
  std::vector<EvaluationEntry> out;
  for (int i = 0; i < n; ++i) {
    EvaluationEntry e;
    e.member_id = i + 1;
    e.present = i < present;
    if (i >= n - ungraded) e.grade.reset();
    else e.grade = i < excellent ? Grade::kExcellent : Grade::kQualified;
    out.push_back(e);
  }
  return out;
}

const RuleSet kRules = DefaultRules(2025);

TEST(EvaluationTest, MoreThanTwoThirdsMustAttend) {
  EXPECT_EQ(Rule(CheckEvaluationSubmission(Entries(6, 4, 0), kRules)), "quorum_not_met");  // exactly 2/3
  EXPECT_EQ(Rule(CheckEvaluationSubmission(Entries(6, 5, 0), kRules)), "ok");
  EXPECT_EQ(Rule(CheckEvaluationSubmission(Entries(3, 2, 0), kRules)), "quorum_not_met");
  EXPECT_EQ(Rule(CheckEvaluationSubmission(Entries(3, 3, 0), kRules)), "ok");
}

TEST(EvaluationTest, ExcellentAtMostTheCapOfThoseRated) {
  // 30 % of 10 = 3.
  EXPECT_EQ(Rule(CheckEvaluationSubmission(Entries(10, 10, 3), kRules)), "ok");
  auto over = CheckEvaluationSubmission(Entries(10, 10, 4), kRules);
  EXPECT_EQ(Rule(over), "excellent_quota_exceeded");
  EXPECT_EQ(over.error().args.at("cap"), "3");
  // 30 % of 9 = 2.7, rounded down.
  EXPECT_EQ(Rule(CheckEvaluationSubmission(Entries(9, 9, 3), kRules)), "excellent_quota_exceeded");
  RuleSet twenty = kRules;
  twenty.excellent_cap_percent = 20;
  EXPECT_EQ(Rule(CheckEvaluationSubmission(Entries(10, 10, 2), twenty)), "ok");
  EXPECT_EQ(Rule(CheckEvaluationSubmission(Entries(10, 10, 3), twenty)), "excellent_quota_exceeded");
}

TEST(EvaluationTest, EveryMemberDueIsGradedFirst) {
  auto r = CheckEvaluationSubmission(Entries(10, 2, 9, 2), kRules);
  EXPECT_EQ(Rule(r), "grades_missing");  // reported before the quorum and the cap
  EXPECT_EQ(r.error().args.at("count"), "2");
}

TEST(EvaluationTest, BasicallyQualifiedOrBetterMayRegister) {
  EXPECT_EQ(RegistrationStateOf(false, Grade::kExcellent), RegistrationState::kEligible);
  EXPECT_EQ(RegistrationStateOf(false, Grade::kBasicallyQualified), RegistrationState::kEligible);
  EXPECT_EQ(RegistrationStateOf(false, Grade::kUnqualified), RegistrationState::kUnqualified);
  EXPECT_EQ(RegistrationStateOf(false, std::nullopt), RegistrationState::kNotEvaluated);
  EXPECT_EQ(RegistrationStateOf(true, Grade::kUnqualified), RegistrationState::kRegistered);
}

TEST(EvaluationTest, APartyApplicationSixMonthsOldToTheDay) {
  EXPECT_EQ(Rule(CheckPartyApplication(D("2025-07-10"), D("2026-01-09"))), "party_application_too_recent");
  EXPECT_EQ(Rule(CheckPartyApplication(D("2025-07-10"), D("2026-01-10"))), "ok");
  // A month without the 31st: six months from 31 August end on the last of February.
  auto r = CheckPartyApplication(D("2025-08-31"), D("2026-02-27"));
  EXPECT_EQ(Rule(r), "party_application_too_recent");
  EXPECT_EQ(r.error().args.at("earliest"), "2026-02-28");
  EXPECT_EQ(Rule(CheckPartyApplication(D("2025-08-31"), D("2026-02-28"))), "ok");
}

}  // namespace
}  // namespace tj::domain
