// Use cases of organizational life (三会两制一课): recording meetings, league classes and themed
// days with attendance (class attendance credits applicants' class hours), the yearly topic
// lists committees keep, compliance of branches with the year's settings and its roll-up for
// committees, branches' monthly reports and their review by the committee above, and the
// year's figures per subtree (activities and participants by kind).
//
// Every call checks scope (404 outside), then permission (403); writes run in one transaction
// with their audit record. A month whose report is submitted or accepted is closed to changes
// until the report is returned. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/activity/activity.h"
#include "service/context.h"
#include "store/activity_repository.h"

namespace tj::service {

struct ActivityInput {
  domain::ActivityFields fields;
  std::optional<int64_t> org_id;  // creation only
  std::optional<std::vector<std::pair<int64_t, std::string>>> attendance;  // member id, status
  std::optional<std::vector<int64_t>> applicants;                          // classes only
  std::optional<std::vector<std::string>> guests;
  bool clear_topic_id = false;  // "topic_id": null takes the topic off the list
};

struct ActivityDetail {
  store::ActivityRow row;
  std::vector<store::AttendanceRow> attendance;
  std::vector<store::ActivityApplicant> applicants;
  std::vector<store::ActivityFile> files;
};

struct ActivityListRequest {
  std::optional<int64_t> org_id;
  bool subtree = true;
  std::vector<std::string> kinds;
  std::optional<std::string> from, to, q;
  store::PageRequest page;
};

struct RosterMember {
  int64_t member_id = 0;
  std::string name;
  std::optional<std::string> member_no;
};
struct RosterApplicant {
  int64_t applicant_id = 0;
  std::string name;
  std::string stage;
};
struct Roster {
  std::vector<RosterMember> members;        // in standing, of the org's subtree
  std::vector<RosterApplicant> applicants;  // open files of the org's subtree (for classes)
};

struct OrgYearTotals {
  domain::Org org;
  store::KindTotals totals;
};

struct MemberClassCount {
  int64_t member_id = 0;
  std::string name;
  std::optional<std::string> member_no;
  int classes = 0;
  domain::ComplianceStatus status = domain::ComplianceStatus::kBehind;
};

struct BranchComplianceView {
  domain::Org org;
  int year = 0;
  std::vector<domain::RequirementCompliance> requirements;
  int classes_required = 0;
  std::vector<MemberClassCount> members;
  int64_t members_met = 0;
  domain::ComplianceStatus status = domain::ComplianceStatus::kMet;
};

// A branch in an overview: its overall status and what it misses or is behind on.
struct BranchSummary {
  domain::Org org;
  domain::ComplianceStatus status = domain::ComplianceStatus::kMet;
  std::vector<std::string> missed;  // requirement keys and "member_classes"
  std::vector<std::string> behind;
  int64_t members = 0, members_met = 0;
};

struct ComplianceCount {
  domain::Org org;
  int64_t branches = 0, met = 0, behind = 0, missed = 0, upcoming = 0;
};

struct ComplianceOverview {
  ComplianceCount total;
  std::vector<ComplianceCount> children;
  std::vector<BranchSummary> branches;  // every branch of the subtree, missed first
};

class ActivityService {
 public:
  explicit ActivityService(Deps& deps) : d_(deps) {}

  Result<store::Page<store::ActivityRow>> List(const Actor& a, const ActivityListRequest& r);
  Result<ActivityDetail> Get(const Actor& a, int64_t id);
  // Errors: kNotFound (org, member or applicant outside scope), kForbidden, kValidationFailed
  // (fields; attendance of someone not in standing in the org's subtree; applicants at
  // anything but a class, or before their application date), kRuleViolation month_reported.
  Result<ActivityDetail> Create(const Actor& a, const ActivityInput& in);
  Result<ActivityDetail> Update(const Actor& a, int64_t id, const ActivityInput& in);
  Result<void> Delete(const Actor& a, int64_t id);
  // Photos and documents (JPEG, PNG, GIF, WebP, PDF; 5 MiB each, 9 an activity). Errors: as
  // Update, kValidationFailed (CheckAttachment; too_many).
  Result<store::ActivityFile> AddFile(const Actor& a, int64_t activity_id, const std::string& name,
                                      std::string_view bytes);
  Result<std::pair<store::ActivityFile, std::string>> File(const Actor& a, int64_t activity_id, int64_t file_id);
  Result<void> DeleteFile(const Actor& a, int64_t activity_id, int64_t file_id);
  Result<Roster> RosterOf(const Actor& a, int64_t org_id);

  // The topics of `year` the caller's org and the committees above it keep.
  Result<std::vector<store::Topic>> Topics(const Actor& a, int year);
  Result<store::Topic> CreateTopic(const Actor& a, int year, const std::string& title, bool required);
  // Errors: kConflict when an activity uses it.
  Result<void> DeleteTopic(const Actor& a, int64_t id);

  // Activities and participants by kind in `year`, of the org's subtree and each child's.
  Result<std::pair<OrgYearTotals, std::vector<OrgYearTotals>>> Stats(const Actor& a, std::optional<int64_t> org_id,
                                                                     int year);

  // Errors: kNotFound, kForbidden, kValidationFailed (org_id not a branch).
  Result<BranchComplianceView> Branch(const Actor& a, int64_t org_id, int year);
  Result<ComplianceOverview> Overview(const Actor& a, std::optional<int64_t> org_id, int year);

  Result<store::Page<store::ReportRow>> Reports(const Actor& a, std::optional<int64_t> org_id, bool subtree,
                                                std::optional<std::string> month, std::optional<std::string> state,
                                                store::PageRequest page);
  // Errors: kValidationFailed (month format, a month not yet begun), kConflict (submitted or
  // accepted already).
  Result<store::ReportRow> Submit(const Actor& a, int64_t org_id, const std::string& month, const std::string& note);
  // Errors: kNotFound, kForbidden (not the committee above), kValidationFailed (action; a
  // return needs a comment), kConflict (not waiting for review).
  Result<store::ReportRow> Review(const Actor& a, int64_t id, const std::string& action, const std::string& comment);

  // The classes the caller (a member) attended in `year`, and the yearly requirement.
  Result<std::pair<std::vector<store::ActivityRow>, int>> OwnClasses(const Actor& a, int year);

 private:
  Result<ActivityDetail> Save(const Actor& a, std::optional<int64_t> id, const ActivityInput& in);
  Result<ActivityDetail> DetailOf(store::Connection& c, int64_t id);
  Deps& d_;
};

}  // namespace tj::service
