// Organizational life (三会两制一课, DOMAIN.md): the meetings, league classes and themed days an
// org records, who attended, and each branch's compliance with the year's settings (general
// meeting at least quarterly, committee meeting monthly, a class at least quarterly, each
// member at least four classes a year).
//
// Pure functions and value types; safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/enum_names.h"
#include "base/error.h"
#include "base/time.h"
#include "domain/recruitment/rules.h"

namespace tj::domain {

enum class ActivityKind {
  kGeneralMeeting,    // 支部团员大会
  kCommitteeMeeting,  // 支部委员会
  kGroupMeeting,      // 团小组会
  kClass,             // 团课
  kThemedDay,         // 主题团日
  kPioneerDay,        // 少先队主题队日
  kOther,             // 其他活动
};
EnumNames<ActivityKind> ActivityKindNames();
inline constexpr size_t kActivityKindCount = 7;

enum class Attendance { kPresent, kLeave, kAbsent };  // 出席, 请假, 缺席
EnumNames<Attendance> AttendanceNames();

// What a user submits for an activity (absent = not given).
struct ActivityFields {
  std::optional<std::string> kind;
  std::optional<std::string> held_on;
  std::optional<std::string> place;
  std::optional<std::string> topic;
  std::optional<int64_t> topic_id;
  std::optional<int> class_half_hours;  // classes only
  std::optional<std::string> teacher;   // classes only
  std::optional<std::string> summary;   // minutes or summary
};

struct ActivityDraft {
  ActivityKind kind = ActivityKind::kOther;
  Date held_on;
  std::string place;
  std::string topic;
  std::optional<int64_t> topic_id;
  int class_half_hours = 0;
  std::string teacher;
  std::string summary;
};

// Errors: kValidationFailed naming each field: kind (required, invalid_enum), held_on
// (required, format, in the future), topic (required, at most 200), place (at most 100),
// class_hours (required for classes, 0.5–8 hours; none for others), teacher (required for
// classes, at most 50), summary (at most 5 000).
Result<ActivityDraft> ValidateActivity(const ActivityFields& f, Date today);

// ---- Attachments (photos, minutes, slides) ----

inline constexpr size_t kMaxAttachmentBytes = 5u << 20;  // 5 MiB a file
inline constexpr size_t kMaxAttachments = 9;             // a file

// The content type of an attachment from its first bytes (JPEG, PNG, GIF, WebP, PDF).
// Errors: kValidationFailed naming `file` (empty, too_large with args max, type_not_allowed)
// or `name` (required, too_long).
Result<std::string> CheckAttachment(std::string_view name, std::string_view bytes);

// ---- Compliance ----

enum class Requirement { kGeneralMeeting, kCommitteeMeeting, kClass };
EnumNames<Requirement> RequirementNames();

enum class ComplianceStatus {
  kMet,       // done
  kBehind,    // not yet done, and the period (or year) is still running
  kMissed,    // not done in a period that has ended
  kUpcoming,  // the period has not started
};
EnumNames<ComplianceStatus> ComplianceStatusNames();

struct PeriodCompliance {
  std::string period;  // "2026-Q1" or "2026-03"
  int count = 0;
  ComplianceStatus status = ComplianceStatus::kUpcoming;
};

struct RequirementCompliance {
  Requirement requirement = Requirement::kGeneralMeeting;
  bool monthly = false;          // per month, else per quarter
  int required_per_period = 1;
  std::vector<PeriodCompliance> periods;
  ComplianceStatus status = ComplianceStatus::kMet;  // missed if any ended period missed, else behind if the running one is not met
};

// Activities an org held in a year, counted by kind and month (index month 0 = January).
using MonthCounts = std::array<std::array<int, 12>, kActivityKindCount>;

// A branch's compliance with the three meeting and class requirements in `year` as of `today`
// (periods after today are upcoming; the period holding today is behind until met). A year in
// the past is judged whole; one in the future is all upcoming.
std::vector<RequirementCompliance> BranchCompliance(const MonthCounts& counts, int year, Date today,
                                                     const RuleSet& rules);

// A member's classes in the year against the rule: met at `required`, missed when the year is
// over short of it, else behind.
ComplianceStatus MemberClassStatus(int classes, int required, int year, Date today);

// The overall status of a branch: missed if any requirement or the members' classes missed,
// else behind if any is behind, else met.
ComplianceStatus Overall(const std::vector<RequirementCompliance>& reqs, bool members_missed, bool members_behind);

}  // namespace tj::domain
