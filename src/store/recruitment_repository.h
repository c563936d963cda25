// Persistence of recruitment: files (applicants, with sealed ID and phone numbers), their
// sponsors and introducers, class hours and timeline; graduating-cohort sizes; member number
// ranges.
//
// Works on a borrowed Connection inside the caller's transaction; not thread-safe. Methods
// return the store's error on failure (a second open file for the same ID number →
// kConflict with args {"field": "id_number_hash"}).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "base/personal_data.h"
#include "domain/recruitment/applicant.h"
#include "store/database.h"
#include "store/paging.h"

namespace tj::store {

// A sponsor or introducer, with what the file shows of them.
struct FilePerson {
  int64_t member_id = 0;
  std::string name;
  std::optional<std::string> member_no;
};

struct ApplicantRow {
  domain::Applicant applicant;
  std::string org_name;
  std::string org_path;
  std::vector<FilePerson> sponsors;     // filled by Get only
  std::vector<FilePerson> introducers;  // filled by Get only
};

struct ApplicantQuery {
  std::string scope_path;
  std::optional<int64_t> org_id;
  std::vector<domain::Stage> stages;  // empty = any
  std::optional<std::string> name_contains;
  std::optional<Date> talk_overdue_on;  // open files whose talk is overdue on this day
  PageRequest page;
};

struct ClassHourEntry {
  int64_t id = 0;
  Date date;
  int half_hours = 0;
  std::string topic;
  Instant created_at;
  std::string created_by;
};

struct ApplicantEvent {
  int64_t id = 0;
  int64_t applicant_id = 0;
  Instant at;
  std::optional<int64_t> actor_id;
  std::string actor_username;
  std::string kind;  // create, talk, class_hours, advance
  std::optional<domain::Stage> stage_from;
  std::optional<domain::Stage> stage_to;
  std::optional<Date> effective_date;
  std::string data;  // JSON text
  std::optional<int> rule_year;
  std::optional<int> rule_version;
};

struct Cohort {
  int64_t org_id = 0;
  std::string org_name;
  std::string org_path;
  std::optional<domain::SchoolStage> school_stage;  // the org's
  int graduating_year = 0;
  int students = 0;
  int members_before = 0;
  int64_t admitted = 0;  // files admitted against this cohort
  Instant updated_at;
  std::string updated_by;
};

struct RangeRow {
  domain::NumberRange range;
  std::string org_name;
};

inline constexpr size_t kStageCount = 8;

class RecruitmentRepository {
 public:
  RecruitmentRepository(Connection& c, const PersonalDataCipher& cipher) : c_(c), cipher_(cipher) {}

  Result<int64_t> Insert(int64_t org_id, const domain::ApplicantDraft& d, Instant now);
  Result<std::optional<ApplicantRow>> Get(int64_t id);
  // Saves the fields a step changes (talk, stage and its dates, member, end reason).
  Result<void> Save(const domain::Applicant& a, Instant now);
  Result<Page<ApplicantRow>> List(const ApplicantQuery& q);
  // Files per stage (indexed by Stage) and open files whose talk is overdue on `today`.
  Result<std::pair<std::array<int64_t, kStageCount>, int64_t>> Counts(const std::string& scope_path,
                                                                      std::optional<int64_t> org_id,
                                                                      Date today);
  // Whether an open file exists for this ID-number hash.
  Result<bool> OpenFileExists(const std::string& id_number_hash);

  Result<void> SetPeople(int64_t applicant_id, std::string_view role, const std::vector<int64_t>& member_ids);

  Result<void> AddClassHours(int64_t applicant_id, const domain::ClassHourDraft& d, Instant now,
                             std::string_view by);
  Result<std::vector<ClassHourEntry>> ClassHours(int64_t applicant_id);
  // Total half hours of entries dated on or before `up_to`.
  Result<int> HalfHoursUpTo(int64_t applicant_id, Date up_to);

  Result<void> AddEvent(const ApplicantEvent& e);
  Result<std::vector<ApplicantEvent>> Events(int64_t applicant_id);

  // Cohorts. The cohort of a school org and year; the nearest one among `org_ids` (ordered
  // nearest first) for a year; every cohort of orgs in a subtree.
  Result<void> PutCohort(int64_t org_id, int graduating_year, int students, int members_before,
                         Instant now, std::string_view by);
  Result<std::optional<Cohort>> GetCohort(int64_t org_id, int graduating_year);
  Result<std::optional<Cohort>> NearestCohort(const std::vector<int64_t>& org_ids, int graduating_year);
  Result<Page<Cohort>> ListCohorts(const std::string& scope_path, std::optional<int64_t> org_id,
                                   std::optional<int> graduating_year, PageRequest page);
  // Records which cohort an admitted file counts against.
  Result<void> SetQuotaOrg(int64_t applicant_id, int64_t org_id);

  // Number ranges.
  Result<int64_t> InsertRange(const domain::NumberRange& r, Instant now, std::string_view by);
  Result<std::optional<RangeRow>> GetRange(int64_t id);
  // Ranges of the year (and width, if given).
  Result<std::vector<domain::NumberRange>> RangesOf(int year, std::optional<int> width);
  // Ranges of a year (all years when absent) of orgs in the subtree or among `also_org_ids`.
  Result<std::vector<RangeRow>> ListRanges(std::optional<int> year, const std::string& scope_path,
                                           std::optional<int64_t> org_id,
                                           const std::vector<int64_t>& also_org_ids);
  // Takes the next serial of the first range with numbers left among those of `org_ids`
  // (nearest first) for the year, atomically; nullopt when every one is exhausted.
  Result<std::optional<std::pair<domain::NumberRange, int64_t>>> TakeSerial(
      const std::vector<int64_t>& org_ids, int year);
  Result<bool> MemberNoTaken(const std::string& member_no);

 private:
  Connection& c_;
  const PersonalDataCipher& cipher_;
};

}  // namespace tj::store
