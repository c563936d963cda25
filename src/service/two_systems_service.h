// Use cases of the two systems (两制) and Party recommendation (推优入党):
// - a branch's annual evaluation: opened with the branch's members in standing, attendance and
//   a proposed grade per member, submitted under the year's rules (every member graded, the
//   meeting's quorum, the 优秀 cap; the rule version is recorded), approved or returned by the
//   committee above; approval puts each grade on the member's history;
// - the year's registration: opened by the top committee; members rated 基本合格 or better
//   registered by their branch or a committee above; the others listed for follow-up; rates
//   per subtree with the children's;
// - Party recommendation: nomination of a member whose Party application is older than six
//   months, the general meeting's vote, review and ranking by the committee above; each step
//   on the member's history.
//
// Every call checks the caller's data scope first (outside it: kNotFound), then the
// permission; writes run in one transaction with their audit record. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/evaluation/evaluation.h"
#include "service/context.h"
#include "store/two_systems_repository.h"

namespace tj::service {

struct EvaluationDetail {
  store::Evaluation evaluation;
  std::vector<store::EvaluationLine> lines;
  int excellent_cap = 0;  // under the rules in force for the evaluation's year
  bool quorum_met = false;
};

struct EntryFields {
  int64_t member_id = 0;
  std::optional<bool> present;
  std::optional<std::string> grade;  // "" clears
};

struct ProgressRow {
  domain::Org org;
  store::EvaluationProgress progress;
};

struct RegistrationRate {
  domain::Org org;
  int64_t members = 0;
  int64_t registered = 0;
};

struct NominationFields {
  std::optional<int64_t> member_id;
  std::optional<std::string> party_applied_on;
  std::optional<std::string> date;
  std::optional<std::string> reason;
};

struct VoteFields {
  std::optional<std::string> date;
  std::optional<int64_t> eligible, present, yes;
};

struct ReviewFields {
  std::optional<std::string> date;
  std::optional<std::string> decision;  // accepted | declined
  std::optional<int64_t> rank;
  std::optional<std::string> note;
};

class TwoSystemsService {
 public:
  explicit TwoSystemsService(Deps& deps) : d_(deps) {}

  // --- Evaluation
  Result<store::Page<store::Evaluation>> ListEvaluations(const Actor& a, std::optional<int64_t> org_id,
                                                         bool subtree, std::optional<int> year,
                                                         std::optional<std::string> status,
                                                         store::PageRequest page);
  // The subtree's progress and each child's. Errors: kNotFound (org), kForbidden.
  Result<std::pair<ProgressRow, std::vector<ProgressRow>>> Progress(const Actor& a,
                                                                     std::optional<int64_t> org_id,
                                                                     int year);
  // Errors: kValidationFailed (org_id, year), kNotFound, kForbidden, kRuleViolation
  // org_not_branch / org_closed / no_members, kConflict evaluation.exists.
  Result<EvaluationDetail> OpenEvaluation(const Actor& a, std::optional<int64_t> org_id,
                                          std::optional<int64_t> year);
  Result<EvaluationDetail> GetEvaluation(const Actor& a, int64_t id);
  // While open. Errors: kValidationFailed (meeting_date; entries[i] member not in the
  // evaluation, grade unknown), kRuleViolation evaluation_not_open.
  Result<EvaluationDetail> SaveEntries(const Actor& a, int64_t id,
                                       const std::optional<std::string>& meeting_date,
                                       const std::vector<EntryFields>& entries);
  // Errors: kRuleViolation evaluation_not_open, meeting_date_missing, grades_missing,
  // quorum_not_met, excellent_quota_exceeded.
  Result<EvaluationDetail> Submit(const Actor& a, int64_t id);
  // The committee above. Errors: kForbidden, kRuleViolation evaluation_not_submitted;
  // Return needs a note (kValidationFailed).
  Result<EvaluationDetail> Approve(const Actor& a, int64_t id);
  Result<EvaluationDetail> Return(const Actor& a, int64_t id, const std::optional<std::string>& note);
  // A member's approved grades, newest year first.
  Result<std::vector<store::MemberGrade>> MemberGrades(const Actor& a, int64_t member_id);

  // --- Registration
  Result<std::vector<store::RegistrationCampaign>> Campaigns(const Actor& a);
  // Errors: kForbidden unless allowed with a scope of the whole tree; kValidationFailed
  // (year, opens_on, deadline not before opens_on); kConflict registration.campaign_exists.
  Result<store::RegistrationCampaign> OpenCampaign(const Actor& a, std::optional<int64_t> year,
                                                   const std::optional<std::string>& opens_on,
                                                   const std::optional<std::string>& deadline);
  Result<store::Page<store::RegistrationLine>> Lines(const Actor& a, int year, std::optional<int64_t> org_id,
                                                     bool subtree, std::optional<std::string> state,
                                                     store::PageRequest page);
  // Registers the members (all or none). Members already registered are left as they are.
  // Errors: kNotFound (a member outside scope), kForbidden, kRuleViolation
  // registration_not_open, not_eligible (args {"names"}); kValidationFailed (date, member_ids).
  Result<int64_t> Register(const Actor& a, int year, const std::vector<int64_t>& member_ids,
                           const std::optional<std::string>& date);
  Result<std::pair<RegistrationRate, std::vector<RegistrationRate>>> Rates(const Actor& a,
                                                                           std::optional<int64_t> org_id,
                                                                           int year);

  // --- Party recommendation
  Result<store::Page<store::Recommendation>> Recommendations(const Actor& a, std::optional<int64_t> org_id,
                                                             bool subtree, std::optional<int> year,
                                                             std::optional<std::string> stage,
                                                             std::optional<int64_t> member_id,
                                                             store::PageRequest page);
  Result<store::Recommendation> Nominate(const Actor& a, const NominationFields& f);
  Result<store::Recommendation> RecordVote(const Actor& a, int64_t id, const VoteFields& f);
  Result<store::Recommendation> Review(const Actor& a, int64_t id, const ReviewFields& f);

 private:
  Result<store::Evaluation> EvaluationInScope(store::Connection& c, const Actor& a, int64_t id);
  Result<EvaluationDetail> Detail(store::Connection& c, store::Evaluation e);
  Result<store::Recommendation> RecommendationInScope(store::Connection& c, const Actor& a, int64_t id);
  Deps& d_;
};

}  // namespace tj::service
