// Recruitment files (发展团员): the applicant's record, the checks of its data and of each
// step's date, member number ranges, and the graduating-class cap that applies to a student
// (DOMAIN.md, Recruitment). The stage order and the rules themselves are in rules.h.
//
// Pure functions and value types; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/resident_id.h"
#include "base/time.h"
#include "domain/member/member.h"
#include "domain/org/org.h"
#include "domain/recruitment/rules.h"

namespace tj::domain {

struct Applicant {
  int64_t id = 0;
  int64_t org_id = 0;  // the branch that keeps the file
  std::string name;
  Gender gender = Gender::kMale;
  Date birth_date;
  std::string ethnicity;
  std::string id_number;             // clear, in memory only
  std::optional<std::string> phone;  // clear, in memory only
  Education education = Education::kJuniorHigh;
  Occupation occupation = Occupation::kStudent;
  std::optional<SchoolStage> school_stage;  // students only
  std::optional<int> graduating_year;
  Date applied_on;
  std::optional<Date> talk_on;
  std::string talk_note;
  Stage stage = Stage::kApplied;
  Date stage_date;
  std::optional<Date> activist_since;
  std::optional<Date> candidate_on;
  std::optional<Date> voted_on;
  std::optional<Date> approved_on;
  std::optional<Date> admitted_on;
  int class_half_hours = 0;  // total of the class-hour entries
  std::optional<int64_t> member_id;
  std::optional<std::string> member_no;
  std::string end_reason;  // why a file was rejected or withdrawn
  Instant created_at;
  Instant updated_at;
};

// An application as a client gave it (absent = not given).
struct ApplicantFields {
  MemberFields person;  // name, id_number, ethnicity, phone, education, occupation
  std::optional<std::string> school_stage;
  std::optional<int64_t> graduating_year;
  std::optional<std::string> applied_on;
  std::optional<std::string> talk_on;
  std::optional<std::string> talk_note;
};

struct ApplicantDraft {
  MemberDraft person;  // join_date and member_no unused
  std::optional<SchoolStage> school_stage;
  std::optional<int> graduating_year;
  Date applied_on;
  std::optional<Date> talk_on;
  std::string talk_note;
};

inline constexpr size_t kMaxNoteChars = 500;

// Validates an application. Errors: kValidationFailed with one detail per problem: the person
// fields as CheckPerson names them; applied_on (required, invalid_format, in_future);
// school_stage (invalid_enum: junior_high, senior_high, vocational or college); graduating_year
// (required with a school stage; out_of_range: the application's year to 8 years after it);
// talk_on (invalid_format, in_future, before_application); talk_note (too_long).
Result<ApplicantDraft> ValidateApplication(const ApplicantFields& f, Date today);

// The talk with the applicant is due within a month of applying (DOMAIN.md step 1).
Date TalkDue(Date applied_on);
// No talk recorded and the due day has passed.
bool TalkOverdue(const Applicant& a, Date today);
// The latest application day whose talk, if not recorded, is overdue on `today` (lists filter
// with applied_on <= this; it agrees with TalkOverdue at month ends).
Date LatestOverdueApplication(Date today);

// A step's date: "YYYY-MM-DD", not in the future, not before the previous step's date.
// Errors: kValidationFailed on `date` (required, invalid_format, in_future, before_previous
// with args {"previous"}).
Result<Date> CheckStepDate(const std::optional<std::string>& text, Date previous, Date today);

// A class-hour entry: a date not in the future nor before the application, 0.5–24 hours
// (given as half hours), a topic of 1–100 characters. Errors: kValidationFailed naming date
// (required, invalid_format, in_future, before_application), hours (required, out_of_range),
// topic (required, too_long).
struct ClassHourFields {
  std::optional<std::string> date;
  std::optional<int> half_hours;
  std::optional<std::string> topic;
};
struct ClassHourDraft {
  Date date;
  int half_hours = 0;
  std::string topic;
};
Result<ClassHourDraft> ValidateClassHours(const ClassHourFields& f, Date applied_on, Date today);

// The graduating-class cap percent for a school stage, if the stage has one (junior and senior
// high).
std::optional<int> CapPercent(SchoolStage stage, const RuleSet& r);

// A member number range allocated to a committee for a year: numbers are the year followed by
// the serial zero-padded to serial_width digits.
struct NumberRange {
  int64_t id = 0;
  int64_t org_id = 0;
  int year = 0;
  int serial_width = 8;
  int64_t first_serial = 1;
  int64_t last_serial = 1;
  int64_t next_serial = 1;  // past last_serial when exhausted
  Instant created_at;
  std::string created_by;

  int64_t issued() const { return next_serial - first_serial; }
  int64_t remaining() const { return last_serial - next_serial + 1; }
};

inline constexpr int kMinSerialWidth = 4;
inline constexpr int kMaxSerialWidth = 12;

// "2026" + "00000015". Assumes a valid range's values.
std::string FormatMemberNo(int year, int serial_width, int64_t serial);

// Errors: kValidationFailed naming year (2000–2100), serial_width (4–12), first_serial
// (1 or more), last_serial (not below first_serial, fewer than width digits).
Result<void> ValidateNumberRange(const NumberRange& r);

// Two ranges of the same year and width that share a serial would issue the same number.
bool Overlaps(const NumberRange& a, const NumberRange& b);

}  // namespace tj::domain
