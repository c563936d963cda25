// The year's League rules as settings (DOMAIN.md: rules marked configurable), and the checks
// of recruitment (发展团员) that use them.
//
// A RuleSet holds one year's values with a version number; every decision made with it
// records that version. Defaults are the national ones; a county changes them per year (the
// demo county's graduating-class caps are 20 % and 40 %). Class hours are counted in half
// hours, so 7.5 hours is 15 and no floating point enters a rule. Pure functions and value
// types; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/enum_names.h"
#include "base/error.h"
#include "base/time.h"

namespace tj::domain {

struct RuleSet {
  int year = 0;
  int version = 1;
  int min_class_half_hours = 16;     // 8 class hours before candidacy
  int min_activist_months = 3;       // as activist before candidacy
  int min_age = 14;                  // on the application date and the vote date
  int max_age = 28;                  // inclusive: refused from the 29th birthday
  int junior_high_cap_percent = 30;  // graduating-class members / students in the cohort
  int senior_high_cap_percent = 60;
  int excellent_cap_percent = 30;    // of those rated in the annual evaluation
  int evaluation_quorum_num = 2;     // attendance must be more than num/den of those due
  int evaluation_quorum_den = 3;
  int min_classes_per_year = 4;      // league classes a member attends a year
  int min_general_meetings_per_quarter = 1;  // 支部团员大会: at least quarterly
  int min_committee_meetings_per_month = 1;  // 支部委员会: monthly
  int min_classes_per_quarter = 1;           // 团课: at least quarterly per branch
};

// Half hours as hours for people: 15 -> "7.5", 16 -> "8".
std::string FormatHalfHours(int half_hours);

// The national defaults for `year`.
RuleSet DefaultRules(int year);

// Checks a rule set an administrator submits. Errors: kValidationFailed naming each field
// out of its range (percentages 1–100, hours 0–200 half hours, ages 6–40 with min < max, …).
Result<void> ValidateRules(const RuleSet& r);

enum class Stage {
  kApplied,         // 入团申请人
  kActivist,        // 入团积极分子
  kCandidate,       // 发展对象
  kBranchApproved,  // 支部大会通过
  kApproved,        // 上级团委批准
  kAdmitted,        // 入团（宣誓，编号）
  kRejected,
  kWithdrawn,
};
EnumNames<Stage> StageNames();

// The next stage in order, or rejected/withdrawn from any open stage; admitted, rejected and
// withdrawn are final. Errors: kRuleViolation "stage_order".
Result<void> CheckTransition(Stage from, Stage to);

// Age on `on` within [min_age, max_age]. Errors: kRuleViolation "age_out_of_range".
Result<void> CheckAge(Date birth, Date on, const RuleSet& r);

// Class hours before candidacy. Errors: kRuleViolation "insufficient_class_hours" with args
// {"required","actual"} in hours ("8", "7.5").
Result<void> CheckClassHours(int half_hours, const RuleSet& r);

// At least min_activist_months from becoming an activist to `candidate_on` (to the day: named
// 2026-01-31 → 2026-04-30 is three months when April has no 31st). Errors: kRuleViolation
// "activist_period_too_short" with args {"months","since"}.
Result<void> CheckActivistPeriod(Date activist_since, Date candidate_on, const RuleSet& r);

// 1–2 sponsors; at the candidate stage exactly 2 introducers, all full members (in standing,
// not the applicant). Errors: kRuleViolation "introducers_invalid".
Result<void> CheckSponsors(size_t sponsors);
Result<void> CheckIntroducers(size_t introducers, size_t of_them_full_members);

// The branch general meeting's vote: more than half of the members with a vote present, and
// more than half of those present voting yes. Errors: kRuleViolation "vote_failed" with
// args {"present","eligible","yes"}.
Result<void> CheckVote(int eligible, int present, int yes);

// The graduating-class cap: floor(cap % × cohort) members; `members_after` counts those
// already in the cohort plus this admission. Errors: kRuleViolation "quota_exceeded" with args
// {"cap","count"}.
int QuotaCap(int cap_percent, int cohort_students);
Result<void> CheckQuota(int cap_percent, int cohort_students, int members_after);

// 优秀 at most excellent_cap_percent of those rated: floor(cap % × rated). Errors:
// kRuleViolation "excellent_quota_exceeded".
Result<void> CheckExcellentShare(int excellent, int rated, const RuleSet& r);

// Evaluation meetings need more than quorum_num/quorum_den of the members due present.
// Errors: kRuleViolation "quorum_not_met".
Result<void> CheckEvaluationQuorum(int present, int due, const RuleSet& r);

}  // namespace tj::domain
