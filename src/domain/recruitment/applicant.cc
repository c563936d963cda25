#include "domain/recruitment/applicant.h"

#include "base/date_field.h"
#include "base/text.h"

namespace tj::domain {
namespace {


}  // namespace

Result<ApplicantDraft> ValidateApplication(const ApplicantFields& f, Date today) {
  std::vector<ErrorDetail> details;
  ApplicantDraft d;
  CheckPerson(f.person, today, d.person, details);

  auto applied = DayField("applied_on", f.applied_on, today, true, details);
  if (applied) d.applied_on = *applied;

  std::string stage = Trim(f.school_stage.value_or(""));
  if (!stage.empty()) {
    auto s = ParseName(SchoolStageNames(), stage);
    if (!s || *s == SchoolStage::kPrimary)
      details.push_back(FieldError("school_stage", "invalid_enum", "common.invalid_enum"));
    else
      d.school_stage = *s;
  }
  if (f.graduating_year) {
    int from = applied ? int(applied->year()) : int(today.year());
    if (*f.graduating_year < from || *f.graduating_year > from + 8)
      details.push_back(FieldError("graduating_year", "out_of_range", "common.out_of_range",
                                   {{"min", std::to_string(from)}, {"max", std::to_string(from + 8)}}));
    else
      d.graduating_year = static_cast<int>(*f.graduating_year);
  } else if (!stage.empty()) {
    details.push_back(FieldError("graduating_year", "required", "common.required"));
  }

  auto talk = DayField("talk_on", f.talk_on, today, false, details);
  if (talk && applied && Before(*talk, *applied))
    details.push_back(FieldError("talk_on", "before_application", "recruitment.talk_before_application"));
  else if (talk)
    d.talk_on = talk;
  d.talk_note = Trim(f.talk_note.value_or(""));
  if (Utf8Length(d.talk_note) > kMaxNoteChars)
    details.push_back(FieldError("talk_note", "too_long", "common.too_long",
                                 {{"max", std::to_string(kMaxNoteChars)}}));

  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return d;
}

Date TalkDue(Date applied_on) { return AddMonths(applied_on, 1); }

bool TalkOverdue(const Applicant& a, Date today) {
  bool open = a.stage != Stage::kAdmitted && a.stage != Stage::kRejected &&
              a.stage != Stage::kWithdrawn;
  return open && !a.talk_on && Before(TalkDue(a.applied_on), today);
}

Date LatestOverdueApplication(Date today) {
  using std::chrono::days;
  using std::chrono::sys_days;
  // TalkDue is monotonic in the application day, so step from a month back to the boundary.
  Date d = AddMonths(today, -1);
  while (!Before(TalkDue(d), today)) d = Date(sys_days(d) - days(1));
  while (Before(TalkDue(Date(sys_days(d) + days(1))), today)) d = Date(sys_days(d) + days(1));
  return d;
}

Result<Date> CheckStepDate(const std::optional<std::string>& text, Date previous, Date today) {
  std::vector<ErrorDetail> details;
  auto d = DayField("date", text, today, true, details);
  if (d && Before(*d, previous))
    details.push_back(FieldError("date", "before_previous", "recruitment.date_before_previous",
                                 {{"previous", FormatDate(previous)}}));
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return *d;
}

Result<ClassHourDraft> ValidateClassHours(const ClassHourFields& f, Date applied_on, Date today) {
  std::vector<ErrorDetail> details;
  ClassHourDraft d;
  auto date = DayField("date", f.date, today, true, details);
  if (date && Before(*date, applied_on))
    details.push_back(FieldError("date", "before_application", "recruitment.class_before_application",
                                 {{"applied_on", FormatDate(applied_on)}}));
  else if (date)
    d.date = *date;
  if (f.half_hours && (*f.half_hours < 1 || *f.half_hours > 48))
    details.push_back(FieldError("hours", "out_of_range", "recruitment.class_hours_range"));
  else if (!f.half_hours)
    details.push_back(FieldError("hours", "required", "common.required"));
  else
    d.half_hours = *f.half_hours;
  d.topic = Trim(f.topic.value_or(""));
  if (d.topic.empty())
    details.push_back(FieldError("topic", "required", "common.required"));
  else if (Utf8Length(d.topic) > 100)
    details.push_back(FieldError("topic", "too_long", "common.too_long", {{"max", "100"}}));
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return d;
}

std::optional<int> CapPercent(SchoolStage stage, const RuleSet& r) {
  if (stage == SchoolStage::kJuniorHigh) return r.junior_high_cap_percent;
  if (stage == SchoolStage::kSeniorHigh) return r.senior_high_cap_percent;
  return std::nullopt;
}

std::string FormatMemberNo(int year, int serial_width, int64_t serial) {
  std::string s = std::to_string(serial);
  if (s.size() < static_cast<size_t>(serial_width))
    s.insert(0, static_cast<size_t>(serial_width) - s.size(), '0');
  return std::to_string(year) + s;
}

Result<void> ValidateNumberRange(const NumberRange& r) {
  std::vector<ErrorDetail> details;
  auto range = [&](std::string_view field, int64_t v, int64_t lo, int64_t hi) {
    if (v >= lo && v <= hi) return true;
    details.push_back(FieldError(std::string(field), "out_of_range", "common.out_of_range",
                                 {{"min", std::to_string(lo)}, {"max", std::to_string(hi)}}));
    return false;
  };
  range("year", r.year, 2000, 2100);
  if (range("serial_width", r.serial_width, kMinSerialWidth, kMaxSerialWidth)) {
    int64_t max = 1;
    for (int i = 0; i < r.serial_width; ++i) max *= 10;
    if (range("first_serial", r.first_serial, 1, max - 1))
      range("last_serial", r.last_serial, r.first_serial, max - 1);
  }
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return {};
}

bool Overlaps(const NumberRange& a, const NumberRange& b) {
  return a.year == b.year && a.serial_width == b.serial_width &&
         a.first_serial <= b.last_serial && b.first_serial <= a.last_serial;
}

}  // namespace tj::domain
