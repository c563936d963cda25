#include "domain/evaluation/evaluation.h"

namespace tj::domain {
namespace {

constexpr std::pair<Grade, std::string_view> kGrades[] = {
    {Grade::kExcellent, "excellent"},
    {Grade::kQualified, "qualified"},
    {Grade::kBasicallyQualified, "basically_qualified"},
    {Grade::kUnqualified, "unqualified"},
};

constexpr std::pair<EvaluationStatus, std::string_view> kStatuses[] = {
    {EvaluationStatus::kOpen, "open"},
    {EvaluationStatus::kSubmitted, "submitted"},
    {EvaluationStatus::kApproved, "approved"},
};

constexpr std::pair<RegistrationState, std::string_view> kStates[] = {
    {RegistrationState::kRegistered, "registered"},
    {RegistrationState::kEligible, "eligible"},
    {RegistrationState::kNotEvaluated, "not_evaluated"},
    {RegistrationState::kUnqualified, "unqualified"},
};

constexpr std::pair<RecommendationStage, std::string_view> kRecommendationStages[] = {
    {RecommendationStage::kNominated, "nominated"},
    {RecommendationStage::kRecommended, "recommended"},
    {RecommendationStage::kReviewed, "reviewed"},
    {RecommendationStage::kDeclined, "declined"},
};

}  // namespace

EnumNames<Grade> GradeNames() { return kGrades; }
EnumNames<EvaluationStatus> EvaluationStatusNames() { return kStatuses; }
EnumNames<RegistrationState> RegistrationStateNames() { return kStates; }
EnumNames<RecommendationStage> RecommendationStageNames() { return kRecommendationStages; }

bool MayRegister(Grade g) { return g != Grade::kUnqualified; }

Result<void> CheckEvaluationSubmission(const std::vector<EvaluationEntry>& entries, const RuleSet& r) {
  int due = static_cast<int>(entries.size());
  int present = 0, rated = 0, excellent = 0;
  for (const auto& e : entries) {
    if (e.present) ++present;
    if (e.grade) ++rated;
    if (e.grade == Grade::kExcellent) ++excellent;
  }
  if (rated < due)
    return Fail(Error::Rule("grades_missing", "evaluation.grades_missing",
                            {{"count", std::to_string(due - rated)}}));
  if (auto q = CheckEvaluationQuorum(present, due, r); !q) return q;
  return CheckExcellentShare(excellent, rated, r);
}

RegistrationState RegistrationStateOf(bool registered, std::optional<Grade> latest_grade) {
  if (registered) return RegistrationState::kRegistered;
  if (!latest_grade) return RegistrationState::kNotEvaluated;
  return MayRegister(*latest_grade) ? RegistrationState::kEligible : RegistrationState::kUnqualified;
}

Result<void> CheckPartyApplication(Date applied_on, Date nominated_on) {
  Date earliest = AddMonths(applied_on, 6);
  if (std::chrono::sys_days(nominated_on) >= std::chrono::sys_days(earliest)) return {};
  return Fail(Error::Rule("party_application_too_recent", "party.application_too_recent",
                          {{"earliest", FormatDate(earliest)}, {"applied_on", FormatDate(applied_on)}}));
}

}  // namespace tj::domain
