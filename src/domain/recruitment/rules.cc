#include "domain/recruitment/rules.h"

namespace tj::domain {
namespace {

constexpr std::pair<Stage, std::string_view> kStages[] = {
    {Stage::kApplied, "applied"},
    {Stage::kActivist, "activist"},
    {Stage::kCandidate, "candidate"},
    {Stage::kBranchApproved, "branch_approved"},
    {Stage::kApproved, "approved"},
    {Stage::kAdmitted, "admitted"},
    {Stage::kRejected, "rejected"},
    {Stage::kWithdrawn, "withdrawn"},
};

bool Final(Stage s) {
  return s == Stage::kAdmitted || s == Stage::kRejected || s == Stage::kWithdrawn;
}


}  // namespace

std::string FormatHalfHours(int half_hours) {
  std::string s = std::to_string(half_hours / 2);
  if (half_hours % 2) s += ".5";
  return s;
}

RuleSet DefaultRules(int year) {
  RuleSet r;
  r.year = year;
  return r;
}

Result<void> ValidateRules(const RuleSet& r) {
  std::vector<ErrorDetail> details;
  auto range = [&](std::string_view field, int v, int lo, int hi) {
    if (v < lo || v > hi)
      details.push_back(FieldError(std::string(field), "out_of_range", "rules.out_of_range",
                                   {{"min", std::to_string(lo)}, {"max", std::to_string(hi)}}));
  };
  range("year", r.year, 2000, 2100);
  range("min_class_half_hours", r.min_class_half_hours, 0, 200);
  range("min_activist_months", r.min_activist_months, 0, 24);
  range("min_age", r.min_age, 6, 40);
  range("max_age", r.max_age, 6, 40);
  range("junior_high_cap_percent", r.junior_high_cap_percent, 1, 100);
  range("senior_high_cap_percent", r.senior_high_cap_percent, 1, 100);
  range("excellent_cap_percent", r.excellent_cap_percent, 1, 100);
  range("evaluation_quorum_den", r.evaluation_quorum_den, 1, 100);
  range("evaluation_quorum_num", r.evaluation_quorum_num, 1, r.evaluation_quorum_den);
  range("min_classes_per_year", r.min_classes_per_year, 0, 52);
  range("min_general_meetings_per_quarter", r.min_general_meetings_per_quarter, 0, 13);
  range("min_committee_meetings_per_month", r.min_committee_meetings_per_month, 0, 5);
  range("min_classes_per_quarter", r.min_classes_per_quarter, 0, 13);
  if (r.min_age >= r.max_age)
    details.push_back(FieldError("max_age", "not_above_min", "rules.max_age_not_above_min"));
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return {};
}

EnumNames<Stage> StageNames() { return kStages; }

Result<void> CheckTransition(Stage from, Stage to) {
  bool ok = !Final(from) &&
            (to == Stage::kRejected || to == Stage::kWithdrawn ||
             static_cast<int>(to) == static_cast<int>(from) + 1);
  if (ok) return {};
  return Fail(Error::Rule("stage_order", "recruitment.stage_order",
                          {{"from", "@recruitment_stage." + std::string(NameOf(StageNames(), from))},
                           {"to", "@recruitment_stage." + std::string(NameOf(StageNames(), to))}}));
}

Result<void> CheckAge(Date birth, Date on, const RuleSet& r) {
  int age = AgeOn(birth, on);
  if (age >= r.min_age && age <= r.max_age) return {};
  return Fail(Error::Rule("age_out_of_range", "recruitment.age_out_of_range",
                          {{"age", std::to_string(age)},
                           {"min", std::to_string(r.min_age)},
                           {"max", std::to_string(r.max_age)}}));
}

Result<void> CheckClassHours(int half_hours, const RuleSet& r) {
  if (half_hours >= r.min_class_half_hours) return {};
  return Fail(Error::Rule("insufficient_class_hours", "recruitment.insufficient_class_hours",
                          {{"required", FormatHalfHours(r.min_class_half_hours)}, {"actual", FormatHalfHours(half_hours)}}));
}

Result<void> CheckActivistPeriod(Date activist_since, Date candidate_on, const RuleSet& r) {
  Date earliest = AddMonths(activist_since, r.min_activist_months);
  if (std::chrono::sys_days(candidate_on) >= std::chrono::sys_days(earliest)) return {};
  return Fail(Error::Rule("activist_period_too_short", "recruitment.activist_period_too_short",
                          {{"months", std::to_string(r.min_activist_months)},
                           {"since", FormatDate(activist_since)},
                           {"earliest", FormatDate(earliest)}}));
}

Result<void> CheckSponsors(size_t sponsors) {
  if (sponsors >= 1 && sponsors <= 2) return {};
  return Fail(Error::Rule("introducers_invalid", "recruitment.sponsors_count"));
}

Result<void> CheckIntroducers(size_t introducers, size_t of_them_full_members) {
  if (introducers == 2 && of_them_full_members == 2) return {};
  return Fail(Error::Rule("introducers_invalid", "recruitment.introducers_invalid"));
}

Result<void> CheckVote(int eligible, int present, int yes) {
  // Integer comparisons: "more than half" is 2 * x > n.
  if (eligible > 0 && 2 * present > eligible && 2 * yes > present && yes <= present &&
      present <= eligible)
    return {};
  return Fail(Error::Rule("vote_failed", "recruitment.vote_failed",
                          {{"eligible", std::to_string(eligible)},
                           {"present", std::to_string(present)},
                           {"yes", std::to_string(yes)}}));
}

int QuotaCap(int cap_percent, int cohort_students) {
  return cohort_students <= 0 ? 0 : cap_percent * cohort_students / 100;
}

Result<void> CheckQuota(int cap_percent, int cohort_students, int members_after) {
  int cap = QuotaCap(cap_percent, cohort_students);
  if (members_after <= cap) return {};
  return Fail(Error::Rule("quota_exceeded", "recruitment.quota_exceeded",
                          {{"cap", std::to_string(cap)}, {"count", std::to_string(members_after)}}));
}

Result<void> CheckExcellentShare(int excellent, int rated, const RuleSet& r) {
  int cap = rated <= 0 ? 0 : r.excellent_cap_percent * rated / 100;
  if (excellent <= cap) return {};
  return Fail(Error::Rule("excellent_quota_exceeded", "evaluation.excellent_quota_exceeded",
                          {{"cap", std::to_string(cap)}, {"count", std::to_string(excellent)}}));
}

Result<void> CheckEvaluationQuorum(int present, int due, const RuleSet& r) {
  // present / due > num / den, in integers.
  if (due > 0 && present * r.evaluation_quorum_den > due * r.evaluation_quorum_num) return {};
  return Fail(Error::Rule("quorum_not_met", "evaluation.quorum_not_met",
                          {{"present", std::to_string(present)}, {"due", std::to_string(due)}}));
}

}  // namespace tj::domain
