// Persistence of organizational life: activities (meetings, classes, themed days) with their
// attendance, applicants at classes and guests; committees' yearly topic lists; branches'
// monthly reports; and the counts compliance and the year's figures are computed from.
//
// Works on a borrowed Connection inside the caller's transaction; not thread-safe.
#pragma once

#include <map>
#include <tuple>
#include <optional>
#include <string>
#include <vector>

#include "domain/activity/activity.h"
#include "domain/dues/dues.h"
#include "store/database.h"
#include "store/paging.h"

namespace tj::store {

struct Topic {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_name;
  int year = 0;
  std::string title;
  bool required = false;
  Instant created_at;
  std::string created_by;
};

struct AttendanceRow {
  int64_t member_id = 0;
  std::string name;
  std::optional<std::string> member_no;
  domain::Attendance status = domain::Attendance::kPresent;
};

struct ActivityApplicant {
  int64_t applicant_id = 0;
  std::string name;
};

struct ActivityFile {
  int64_t id = 0;
  int64_t activity_id = 0;
  std::string name;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;
  Instant created_at;
  std::string created_by;
};

struct ActivityRow {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_name;
  std::string org_path;
  domain::ActivityDraft draft;
  std::optional<std::string> topic_title;  // of topic_id
  bool topic_required = false;
  std::vector<std::string> guests;
  int participants = 0;  // present members + applicants + guests
  int present = 0, leave = 0, absent = 0;
  Instant created_at;
  std::string created_by;
  Instant updated_at;
};

struct ActivityQuery {
  std::string scope_path;
  std::optional<int64_t> only_org;
  std::vector<domain::ActivityKind> kinds;  // empty = any
  std::optional<Date> from, to;
  std::optional<std::string> topic_contains;
  PageRequest page;
};

// Activities of one org by kind and month of a year, for compliance.
using OrgMonthCounts = std::map<int64_t, domain::MonthCounts>;

// Per kind: activities held and participants.
struct KindTotals {
  std::array<int64_t, domain::kActivityKindCount> count{};
  std::array<int64_t, domain::kActivityKindCount> participants{};
};

// An org's totals, with its path (for attributing them to subtrees).
struct OrgTotals {
  std::string path;
  KindTotals totals;
};

struct ReportRow {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_name;
  std::string org_path;
  domain::Month month = 0;
  std::string state;  // submitted, accepted, returned
  std::array<int64_t, domain::kActivityKindCount> counts{};
  int64_t participants = 0;
  std::string note, comment;
  Instant submitted_at;
  std::string submitted_by;
  std::optional<Instant> reviewed_at;
  std::optional<std::string> reviewed_by;
};

struct ReportQuery {
  std::string scope_path;
  std::optional<int64_t> only_org;
  std::optional<domain::Month> month;
  std::optional<std::string> state;
  PageRequest page;
};

// What checking an attendee needs.
struct PersonCheck {
  std::string status;    // a member's status or an applicant's stage
  std::string org_path;
  std::optional<Date> applied_on;  // applicants
};

class ActivityRepository {
 public:
  explicit ActivityRepository(Connection& c) : c_(c) {}

  Result<std::map<int64_t, PersonCheck>> MemberChecks(const std::vector<int64_t>& member_ids);
  Result<std::map<int64_t, PersonCheck>> ApplicantChecks(const std::vector<int64_t>& applicant_ids);
  // Members in standing (id, name, member number) and open applicants (id, name, stage) of a
  // subtree, by name.
  Result<std::vector<std::tuple<int64_t, std::string, std::optional<std::string>>>> RosterMembers(
      const std::string& path);
  Result<std::vector<std::tuple<int64_t, std::string, std::string>>> RosterApplicants(const std::string& path);
  // Class hours credited to applicants from a class: files still open get them afresh (what the
  // class credited before is replaced); closed files keep what they were credited.
  Result<void> CreditClassHours(int64_t activity_id, const std::vector<int64_t>& applicant_ids,
                                const domain::ActivityDraft& d, Instant now, std::string_view by);
  // Classes a member attended (present) in the months [from, to], newest first.
  Result<std::vector<ActivityRow>> ClassesOf(int64_t member_id, domain::Month from, domain::Month to);

  Result<int64_t> InsertTopic(int64_t org_id, int year, const std::string& title, bool required, Instant now,
                              std::string_view by);
  // Topics of `year` set by the orgs `org_ids` (the caller's org and its ancestors).
  Result<std::vector<Topic>> Topics(int year, const std::vector<int64_t>& org_ids);
  Result<std::optional<Topic>> GetTopic(int64_t id);
  Result<bool> TopicUsed(int64_t id);
  Result<void> DeleteTopic(int64_t id);

  Result<int64_t> Insert(int64_t org_id, const domain::ActivityDraft& d, const std::vector<std::string>& guests,
                         Instant now, std::string_view by);
  Result<void> Update(int64_t id, const domain::ActivityDraft& d, const std::vector<std::string>& guests, Instant now);
  // Replaces the attendance and the applicants, and sets the participant count.
  Result<void> SetAttendance(int64_t id, const std::vector<std::pair<int64_t, domain::Attendance>>& members,
                             const std::vector<int64_t>& applicants, int guests);
  Result<void> Delete(int64_t id);
  Result<std::optional<ActivityRow>> Get(int64_t id);
  Result<std::vector<AttendanceRow>> Attendance(int64_t id);
  Result<std::vector<ActivityApplicant>> Applicants(int64_t id);
  Result<int64_t> InsertFile(const ActivityFile& f, std::string_view bytes);
  Result<std::vector<ActivityFile>> Files(int64_t activity_id);
  // The file and its bytes; nullopt when the activity has no such file.
  Result<std::optional<std::pair<ActivityFile, std::string>>> File(int64_t activity_id, int64_t file_id);
  Result<void> DeleteFile(int64_t file_id);
  Result<Page<ActivityRow>> List(const ActivityQuery& q);

  // Activities of the orgs in the subtree (or of one org) in `year`, by org, kind and month.
  Result<OrgMonthCounts> MonthCountsOf(const std::string& scope_path, std::optional<int64_t> only_org, int year);
  // Classes each member in standing of the subtree (or of one org) attended (present) in
  // `year`, with the member's org: member id -> (org id, classes).
  Result<std::map<int64_t, std::pair<int64_t, int>>> MemberClasses(const std::string& scope_path,
                                                                   std::optional<int64_t> only_org, int year);
  // Activities and participants by org and kind in the months [from, to].
  Result<std::map<int64_t, OrgTotals>> Totals(const std::string& scope_path, domain::Month from, domain::Month to);

  Result<std::optional<ReportRow>> GetReport(int64_t id);
  Result<std::optional<ReportRow>> ReportOf(int64_t org_id, domain::Month month);
  // Inserts or (for a returned report) replaces the submission.
  Result<int64_t> SubmitReport(const ReportRow& r);
  Result<void> ReviewReport(int64_t id, const std::string& state, const std::string& comment, Instant now,
                            std::string_view by);
  Result<Page<ReportRow>> Reports(const ReportQuery& q);

 private:
  Connection& c_;
};

}  // namespace tj::store
