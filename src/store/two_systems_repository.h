// Persistence of the two systems (两制) and Party recommendation: branch evaluations with
// their entries, registration campaigns and registrations, Party recommendations.
//
// Works on a borrowed Connection inside the caller's transaction; not thread-safe. Methods
// return the store's error on failure (a second evaluation of a branch for a year, a second
// campaign for a year, a second open recommendation of a member → kConflict).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/evaluation/evaluation.h"
#include "store/database.h"
#include "store/paging.h"

namespace tj::store {

struct Evaluation {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_name;
  std::string org_path;
  int year = 0;
  domain::EvaluationStatus status = domain::EvaluationStatus::kOpen;
  std::optional<Date> meeting_date;
  std::optional<int> rule_year;
  std::optional<int> rule_version;
  std::optional<Instant> submitted_at;
  std::string submitted_by;
  std::optional<Instant> approved_at;
  std::string approved_by;
  std::string returned_note;
  Instant created_at;
  std::string created_by;
  Instant updated_at;
  // Counted from the entries.
  int due = 0;
  int present = 0;
  int rated = 0;
  int excellent = 0;
};

struct EvaluationLine {
  domain::EvaluationEntry entry;
  std::string name;
  std::optional<std::string> member_no;
};

struct EvaluationQuery {
  std::string scope_path;
  std::optional<int64_t> org_id;
  std::optional<int> year;
  std::optional<domain::EvaluationStatus> status;
  PageRequest page;
};

// Counts of a subtree for the progress view.
struct EvaluationProgress {
  int64_t branches = 0;  // open branches holding members in standing
  int64_t started = 0;
  int64_t submitted = 0;
  int64_t approved = 0;
  int64_t members_due = 0;
  int64_t members_rated = 0;
};

// A member's approved result.
struct MemberGrade {
  int year = 0;
  domain::Grade grade = domain::Grade::kQualified;
  std::string org_name;
  std::optional<Instant> approved_at;
};

struct RegistrationCampaign {
  int year = 0;
  Date opens_on;
  Date deadline;
  Instant created_at;
  std::string created_by;
};

struct RegistrationLine {
  int64_t member_id = 0;
  std::string name;
  std::optional<std::string> member_no;
  int64_t org_id = 0;
  std::string org_name;
  std::optional<Date> registered_on;
  std::optional<domain::Grade> grade;  // the latest approved of year or year - 1
  std::optional<int> grade_year;
  domain::RegistrationState state = domain::RegistrationState::kNotEvaluated;
  // Filled by LinesOf only.
  std::string org_path;
  bool in_standing = true;
};

struct RegistrationQuery {
  int year = 0;
  std::string scope_path;
  std::optional<int64_t> org_id;
  std::optional<domain::RegistrationState> state;
  PageRequest page;
};

struct Recommendation {
  int64_t id = 0;
  int64_t member_id = 0;
  std::string member_name;
  std::optional<std::string> member_no;
  int64_t org_id = 0;
  std::string org_name;
  std::string org_path;
  int year = 0;
  Date party_applied_on;
  domain::RecommendationStage stage = domain::RecommendationStage::kNominated;
  Date nominated_on;
  std::string reason;
  std::optional<Date> voted_on;
  std::optional<int> eligible, present, yes;
  std::optional<Date> reviewed_on;
  std::optional<int> rank;
  std::string note;
  Instant created_at;
  std::string created_by;
  Instant updated_at;
};

struct RecommendationQuery {
  std::string scope_path;
  std::optional<int64_t> org_id;
  std::optional<int> year;
  std::optional<domain::RecommendationStage> stage;
  std::optional<int64_t> member_id;
  PageRequest page;
};

class TwoSystemsRepository {
 public:
  explicit TwoSystemsRepository(Connection& c) : c_(c) {}

  // Evaluations.
  Result<int64_t> InsertEvaluation(int64_t org_id, int year, Instant now, std::string_view by,
                                   const std::vector<int64_t>& member_ids);
  Result<std::optional<Evaluation>> GetEvaluation(int64_t id);
  Result<std::vector<EvaluationLine>> Lines(int64_t evaluation_id);
  Result<void> SaveEntries(int64_t evaluation_id, const std::vector<domain::EvaluationEntry>& entries);
  // Saves status, meeting date, rule version, submitted/approved marks and the returned note.
  Result<void> SaveEvaluation(const Evaluation& e, Instant now);
  Result<Page<Evaluation>> ListEvaluations(const EvaluationQuery& q);
  Result<EvaluationProgress> Progress(const std::string& subtree_path, int year);
  Result<std::vector<MemberGrade>> MemberGrades(int64_t member_id);

  // Registration.
  Result<void> InsertCampaign(const RegistrationCampaign& c);
  Result<std::optional<RegistrationCampaign>> GetCampaign(int year);
  Result<std::vector<RegistrationCampaign>> Campaigns();
  Result<Page<RegistrationLine>> RegistrationLines(const RegistrationQuery& q);
  // The lines of these members (any state), for checks before registering.
  Result<std::vector<RegistrationLine>> LinesOf(int year, const std::vector<int64_t>& member_ids);
  Result<void> Register(int64_t member_id, int year, int64_t org_id, Date on, std::string_view by, Instant now);
  // Members in standing and registered ones among them, in a subtree.
  Result<std::pair<int64_t, int64_t>> RegistrationCounts(const std::string& subtree_path, int year);

  // Party recommendations.
  Result<int64_t> InsertRecommendation(const Recommendation& r, Instant now);
  Result<std::optional<Recommendation>> GetRecommendation(int64_t id);
  Result<void> SaveRecommendation(const Recommendation& r, Instant now);
  Result<Page<Recommendation>> ListRecommendations(const RecommendationQuery& q);

 private:
  Connection& c_;
};

}  // namespace tj::store
