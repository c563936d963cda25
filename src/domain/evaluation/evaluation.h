// The two systems (两制): the annual evaluation (教育评议) of a branch's members and the annual
// registration (团籍注册); and Party recommendation (推优入党). DOMAIN.md, Organizational life
// and Party recommendation. The configurable numbers (the 优秀 cap, the meeting quorum) are in
// the year's RuleSet; the checks that use them are in recruitment/rules.h.
//
// Pure functions and value types; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/enum_names.h"
#include "base/error.h"
#include "base/time.h"
#include "domain/recruitment/rules.h"

namespace tj::domain {

enum class Grade { kExcellent, kQualified, kBasicallyQualified, kUnqualified };
EnumNames<Grade> GradeNames();

// Members rated 基本合格 or better may register.
bool MayRegister(Grade g);

enum class EvaluationStatus {
  kOpen,       // the branch records attendance and grades
  kSubmitted,  // proposed by the branch committee, waiting for the committee above
  kApproved,   // approved: results on the members' records
};
EnumNames<EvaluationStatus> EvaluationStatusNames();

// One member's line in a branch's evaluation.
struct EvaluationEntry {
  int64_t member_id = 0;
  bool present = false;
  std::optional<Grade> grade;
};

// What the branch submits must hold: every member due is graded (`grades_missing` with
// args {"count"}), more than the quorum of the members due attended the meeting
// (`quorum_not_met`), and 优秀 at most the cap of those rated (`excellent_quota_exceeded`).
// Errors: kRuleViolation naming the first rule broken, in that order.
Result<void> CheckEvaluationSubmission(const std::vector<EvaluationEntry>& entries, const RuleSet& r);

enum class RegistrationState {
  kRegistered,      // registered for the year
  kEligible,        // rated 基本合格 or better, not yet registered
  kNotEvaluated,    // no approved evaluation to go by: follow up
  kUnqualified,     // rated 不合格: follow up
};
EnumNames<RegistrationState> RegistrationStateNames();

// A member's state for year `year`'s registration, from whether they registered and the
// grade of their latest approved evaluation of `year` or `year` − 1 (if any).
RegistrationState RegistrationStateOf(bool registered, std::optional<Grade> latest_grade);

// 推优入党: a member with a Party application older than 6 months (to the day) may be
// nominated. Errors: kRuleViolation "party_application_too_recent" with args {"earliest"}.
Result<void> CheckPartyApplication(Date applied_on, Date nominated_on);

enum class RecommendationStage {
  kNominated,    // by the branch committee
  kRecommended,  // by the general meeting's vote
  kReviewed,     // reviewed and ranked by the committee above
  kDeclined,     // not recommended (vote failed or the committee declined)
};
EnumNames<RecommendationStage> RecommendationStageNames();

}  // namespace tj::domain
