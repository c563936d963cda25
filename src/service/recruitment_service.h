// Use cases of recruitment (发展团员): filing an application, the talk, class hours, each step
// of the stage machine with the year's rules, admission (quota, member number, member record),
// graduating-cohort quotas and member number ranges.
//
// Every call checks the caller's data scope first (a file of an org outside it answers
// kNotFound), then the permission. Steps run in one write transaction with their timeline
// entry (naming the rule version that decided) and audit record; admission also writes the new
// member, its history and audit record, and updates the statistics index after commit.
// Thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "domain/recruitment/applicant.h"
#include "service/context.h"
#include "store/recruitment_repository.h"

namespace tj::service {

struct ApplicantListRequest {
  std::optional<int64_t> org_id;
  bool subtree = true;
  std::optional<std::string> stage;  // a stage, "open", or "all" (default)
  std::optional<std::string> q;
  bool talk_overdue = false;
  store::PageRequest page;
};

struct StageCounts {
  std::array<int64_t, store::kStageCount> by_stage{};
  int64_t talk_overdue = 0;
};

struct ApplicantDetail {
  store::ApplicantRow row;
  std::vector<store::ClassHourEntry> class_hours;
  std::vector<store::ApplicantEvent> timeline;
};

// A step: the target stage, its date, and the data that stage takes.
struct AdvanceRequest {
  std::optional<std::string> to;
  std::optional<std::string> date;
  std::optional<std::vector<int64_t>> sponsor_ids;
  std::optional<std::vector<int64_t>> introducer_ids;
  std::optional<int64_t> eligible;
  std::optional<int64_t> present;
  std::optional<int64_t> yes;
  std::optional<std::string> reason;
};

struct QuotaFields {
  std::optional<int64_t> org_id;
  std::optional<int64_t> graduating_year;
  std::optional<int64_t> students;
  std::optional<int64_t> members_before;
};

// A school's cohort with its cap under the rules in force today.
struct QuotaView {
  store::Cohort cohort;
  int cap_percent = 0;
  int cap = 0;
  int rule_year = 0;
  int rule_version = 0;
  int64_t used() const { return cohort.members_before + cohort.admitted; }
  int64_t remaining() const { return std::max<int64_t>(0, cap - used()); }
};

struct RangeFields {
  std::optional<int64_t> org_id;
  std::optional<int64_t> year;
  std::optional<int64_t> serial_width;
  std::optional<int64_t> first_serial;
  std::optional<int64_t> last_serial;
};

class RecruitmentService {
 public:
  explicit RecruitmentService(Deps& deps) : d_(deps) {}

  // Errors: kNotFound (org outside scope), kForbidden, kBadRequest (unknown stage filter).
  Result<store::Page<store::ApplicantRow>> List(const Actor& a, const ApplicantListRequest& r);
  Result<StageCounts> Counts(const Actor& a, std::optional<int64_t> org_id, bool subtree);
  // Errors: kValidationFailed (fields; org_id required), kNotFound (org), kForbidden,
  // kRuleViolation age_out_of_range / org_closed / org_not_branch, kConflict
  // applicant.already_member or an open file (field id_number).
  Result<store::ApplicantRow> Create(const Actor& a, std::optional<int64_t> org_id,
                                     const domain::ApplicantFields& f);
  Result<ApplicantDetail> Get(const Actor& a, int64_t id);
  // Errors: kValidationFailed (date, note), kRuleViolation stage_order for ended files.
  Result<store::ApplicantRow> RecordTalk(const Actor& a, int64_t id,
                                         const std::optional<std::string>& date,
                                         const std::optional<std::string>& note);
  Result<store::ApplicantRow> AddClassHours(const Actor& a, int64_t id,
                                            const domain::ClassHourFields& f);
  // Errors: kValidationFailed (to, date, the stage's fields), kForbidden (approve/admit
  // without the permission or not from above), kRuleViolation as docs/api.md lists.
  Result<store::ApplicantRow> Advance(const Actor& a, int64_t id, const AdvanceRequest& r);

  bool MayReveal(const Actor& a) const { return a.Can(domain::Permission::kMemberReveal); }
  // Records that `a` saw the clear numbers of these files. Errors: kForbidden.
  Result<void> AuditReveal(const Actor& a, const std::vector<const store::ApplicantRow*>& rows);

  Result<store::Page<QuotaView>> Quotas(const Actor& a, std::optional<int64_t> org_id, bool subtree,
                                        std::optional<int> graduating_year, store::PageRequest page);
  // Errors: kValidationFailed, kNotFound (org), kForbidden, kRuleViolation not_school (the
  // org has no junior or senior high school stage).
  Result<QuotaView> PutQuota(const Actor& a, const QuotaFields& f);

  Result<std::vector<store::RangeRow>> Ranges(const Actor& a, std::optional<int> year,
                                              std::optional<int64_t> org_id, bool subtree);
  // Errors: kForbidden unless allowed with a scope of the whole tree; kValidationFailed;
  // kNotFound (org); kRuleViolation range_org_branch; kConflict number_range.overlap.
  Result<store::RangeRow> CreateRange(const Actor& a, const RangeFields& f);

 private:
  Result<store::ApplicantRow> InScope(store::Connection& c, const Actor& a, int64_t id);
  Deps& d_;
};

}  // namespace tj::service
