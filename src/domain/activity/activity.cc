#include "domain/activity/activity.h"

#include <chrono>
#include <cstdio>

#include "base/date_field.h"
#include "base/text.h"

namespace tj::domain {
namespace {

constexpr std::pair<ActivityKind, std::string_view> kKinds[] = {
    {ActivityKind::kGeneralMeeting, "general_meeting"},
    {ActivityKind::kCommitteeMeeting, "committee_meeting"},
    {ActivityKind::kGroupMeeting, "group_meeting"},
    {ActivityKind::kClass, "class"},
    {ActivityKind::kThemedDay, "themed_day"},
    {ActivityKind::kPioneerDay, "pioneer_day"},
    {ActivityKind::kOther, "other"},
};
constexpr std::pair<Attendance, std::string_view> kAttendance[] = {
    {Attendance::kPresent, "present"},
    {Attendance::kLeave, "leave"},
    {Attendance::kAbsent, "absent"},
};
constexpr std::pair<Requirement, std::string_view> kRequirements[] = {
    {Requirement::kGeneralMeeting, "general_meeting"},
    {Requirement::kCommitteeMeeting, "committee_meeting"},
    {Requirement::kClass, "class"},
};
constexpr std::pair<ComplianceStatus, std::string_view> kStatuses[] = {
    {ComplianceStatus::kMet, "met"},
    {ComplianceStatus::kBehind, "behind"},
    {ComplianceStatus::kMissed, "missed"},
    {ComplianceStatus::kUpcoming, "upcoming"},
};

constexpr int kMaxClassHalfHours = 16;  // 8 hours in one class

std::string Text(const std::optional<std::string>& s) { return Trim(s.value_or("")); }

}  // namespace

EnumNames<ActivityKind> ActivityKindNames() { return kKinds; }
EnumNames<Attendance> AttendanceNames() { return kAttendance; }
EnumNames<Requirement> RequirementNames() { return kRequirements; }
EnumNames<ComplianceStatus> ComplianceStatusNames() { return kStatuses; }

Result<std::string> CheckAttachment(std::string_view name_in, std::string_view bytes) {
  std::vector<ErrorDetail> details;
  std::string name = Trim(name_in);
  if (name.empty()) details.push_back(FieldError("name", "required", "common.required"));
  else if (Utf8Length(name) > 100) details.push_back(FieldError("name", "too_long", "common.too_long", {{"max", "100"}}));
  std::string type;
  auto starts = [&](std::string_view magic, size_t at = 0) {
    return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
  };
  if (starts("\xFF\xD8\xFF")) type = "image/jpeg";
  else if (starts("\x89PNG\r\n\x1A\n")) type = "image/png";
  else if (starts("GIF87a") || starts("GIF89a")) type = "image/gif";
  else if (starts("RIFF") && starts("WEBP", 8)) type = "image/webp";
  else if (starts("%PDF-")) type = "application/pdf";
  if (bytes.empty())
    details.push_back(FieldError("file", "empty", "activity.file_empty"));
  else if (bytes.size() > kMaxAttachmentBytes)
    details.push_back(FieldError("file", "too_large", "activity.file_too_large", {{"max", "5 MiB"}}));
  else if (type.empty())
    details.push_back(FieldError("file", "type_not_allowed", "activity.file_type"));
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return type;
}

Result<ActivityDraft> ValidateActivity(const ActivityFields& f, Date today) {
  std::vector<ErrorDetail> details;
  ActivityDraft d;
  std::string kind = Text(f.kind);
  if (kind.empty())
    details.push_back(FieldError("kind", "required", "common.required"));
  else if (auto k = ParseName(ActivityKindNames(), kind))
    d.kind = *k;
  else
    details.push_back(FieldError("kind", "invalid_enum", "common.invalid_enum"));
  if (auto day = DayField("held_on", f.held_on, today, true, details)) d.held_on = *day;
  d.topic = Text(f.topic);
  if (d.topic.empty())
    details.push_back(FieldError("topic", "required", "common.required"));
  else if (Utf8Length(d.topic) > 200)
    details.push_back(FieldError("topic", "too_long", "common.too_long", {{"max", "200"}}));
  d.topic_id = f.topic_id;
  d.place = Text(f.place);
  if (Utf8Length(d.place) > 100)
    details.push_back(FieldError("place", "too_long", "common.too_long", {{"max", "100"}}));
  d.summary = Text(f.summary);
  if (Utf8Length(d.summary) > 5000)
    details.push_back(FieldError("summary", "too_long", "common.too_long", {{"max", "5000"}}));
  d.teacher = Text(f.teacher);
  bool is_class = kind == "class";
  if (is_class) {
    if (!f.class_half_hours)
      details.push_back(FieldError("class_hours", "required", "common.required"));
    else if (*f.class_half_hours < 1 || *f.class_half_hours > kMaxClassHalfHours)
      details.push_back(FieldError("class_hours", "out_of_range", "activity.class_hours_range"));
    else
      d.class_half_hours = *f.class_half_hours;
    if (d.teacher.empty())
      details.push_back(FieldError("teacher", "required", "common.required"));
    else if (Utf8Length(d.teacher) > 50)
      details.push_back(FieldError("teacher", "too_long", "common.too_long", {{"max", "50"}}));
  } else if (!kind.empty()) {
    if (f.class_half_hours && *f.class_half_hours != 0)
      details.push_back(FieldError("class_hours", "not_allowed", "activity.hours_for_classes_only"));
    d.teacher.clear();
  }
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return d;
}

std::vector<RequirementCompliance> BranchCompliance(const MonthCounts& counts, int year, Date today,
                                                     const RuleSet& rules) {
  int this_year = static_cast<int>(today.year());
  int this_month = static_cast<int>(static_cast<unsigned>(today.month()));  // 1–12
  // The status of the period [first, last] (months 1–12) with `count` against `required`.
  auto status_of = [&](int first, int last, int count, int required) {
    if (count >= required) return ComplianceStatus::kMet;
    if (year < this_year || (year == this_year && last < this_month)) return ComplianceStatus::kMissed;
    if (year > this_year || first > this_month) return ComplianceStatus::kUpcoming;
    return ComplianceStatus::kBehind;
  };
  auto requirement = [&](Requirement r, ActivityKind kind, bool monthly, int required) {
    RequirementCompliance rc;
    rc.requirement = r;
    rc.monthly = monthly;
    rc.required_per_period = required;
    int span = monthly ? 1 : 3;
    bool missed = false, behind = false;
    for (int first = 1; first <= 12; first += span) {
      int last = first + span - 1;
      PeriodCompliance p;
      char name[32];
      if (monthly)
        std::snprintf(name, sizeof name, "%04d-%02d", year, first);
      else
        std::snprintf(name, sizeof name, "%04d-Q%d", year, (first + 2) / 3);
      p.period = name;
      for (int m = first; m <= last; ++m) p.count += counts[static_cast<size_t>(kind)][static_cast<size_t>(m - 1)];
      p.status = status_of(first, last, p.count, required);
      missed = missed || p.status == ComplianceStatus::kMissed;
      behind = behind || p.status == ComplianceStatus::kBehind;
      rc.periods.push_back(std::move(p));
    }
    rc.status = missed ? ComplianceStatus::kMissed : behind ? ComplianceStatus::kBehind : ComplianceStatus::kMet;
    if (year > this_year) rc.status = ComplianceStatus::kUpcoming;
    return rc;
  };
  return {requirement(Requirement::kGeneralMeeting, ActivityKind::kGeneralMeeting, false,
                      rules.min_general_meetings_per_quarter),
          requirement(Requirement::kCommitteeMeeting, ActivityKind::kCommitteeMeeting, true,
                      rules.min_committee_meetings_per_month),
          requirement(Requirement::kClass, ActivityKind::kClass, false, rules.min_classes_per_quarter)};
}

ComplianceStatus MemberClassStatus(int classes, int required, int year, Date today) {
  if (classes >= required) return ComplianceStatus::kMet;
  int this_year = static_cast<int>(today.year());
  if (year < this_year) return ComplianceStatus::kMissed;
  if (year > this_year) return ComplianceStatus::kUpcoming;
  return ComplianceStatus::kBehind;
}

ComplianceStatus Overall(const std::vector<RequirementCompliance>& reqs, bool members_missed, bool members_behind) {
  bool missed = members_missed, behind = members_behind, upcoming = true;
  for (const auto& r : reqs) {
    missed = missed || r.status == ComplianceStatus::kMissed;
    behind = behind || r.status == ComplianceStatus::kBehind;
    upcoming = upcoming && r.status == ComplianceStatus::kUpcoming;
  }
  if (missed) return ComplianceStatus::kMissed;
  if (behind) return ComplianceStatus::kBehind;
  if (upcoming && !reqs.empty()) return ComplianceStatus::kUpcoming;
  return ComplianceStatus::kMet;
}

}  // namespace tj::domain
