// League members: their record, statuses and the rules of admission (DOMAIN.md, Members).
//
// A member is 14 to 28: admitted on or after the 14th birthday and before the 28th, not in the
// future; members admitted since 2017-01-01 carry a member number whose first four digits are
// the admission year. Statuses keep their history; some end membership for good. Pure
// functions and value types; safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/enum_names.h"
#include "base/error.h"
#include "base/resident_id.h"
#include "base/time.h"

namespace tj::domain {

enum class MemberStatus {
  kActive,
  kMobile,        // 流动
  kLostContact,   // 失联
  kAgedOut,       // 超龄离团
  kWithdrawn,     // 退团
  kRemoved,       // 除名 (自行脱团)
  kExpelled,      // 开除团籍
  kDeceased,      // 去世
  kTransferredOut,
};
inline constexpr size_t kMemberStatusCount = 9;

enum class Education {
  kPostgraduate,
  kBachelor,
  kAssociate,
  kVocationalSecondary,
  kSeniorHigh,
  kJuniorHigh,
  kPrimary,
};
inline constexpr size_t kEducationCount = 7;

enum class Occupation {
  kStudent,
  kFarmer,
  kWorker,
  kEnterpriseEmployee,
  kPublicEmployee,
  kFreelancer,
  kUnemployed,
  kOther,
};
inline constexpr size_t kOccupationCount = 8;

// Age bands of the statistics: 14–17, 18–22, 23–25, 26–28 (and outside them).
enum class AgeBand { k14To17, k18To22, k23To25, k26To28, kOther };
inline constexpr size_t kAgeBandCount = 5;

EnumNames<MemberStatus> MemberStatusNames();
EnumNames<Education> EducationNames();
EnumNames<Occupation> OccupationNames();
EnumNames<AgeBand> AgeBandNames();
EnumNames<Gender> GenderNames();

// The Chinese labels import files use (学历 and 职业 columns).
std::optional<Education> EducationFromLabel(std::string_view zh);
std::optional<Occupation> OccupationFromLabel(std::string_view zh);
std::string_view EducationLabel(Education e);
std::string_view OccupationLabel(Occupation o);

// The 56 ethnic groups as written on ID cards ("汉族", "蒙古族", ...).
bool IsEthnicity(std::string_view name);

// Still a member (in the register): active, mobile or lost contact.
bool InStanding(MemberStatus s);
// Statuses a member may be changed to from `from`. Ending statuses are final.
bool StatusChangeAllowed(MemberStatus from, MemberStatus to);

AgeBand AgeBandOf(int age);

inline constexpr int kMinAge = 14;
inline constexpr int kMaxAge = 28;

struct Member {
  int64_t id = 0;
  int64_t org_id = 0;
  std::optional<std::string> member_no;
  std::string name;
  Gender gender = Gender::kMale;
  std::string ethnicity;
  Date birth_date;
  Date join_date;
  std::string id_number;            // clear, in memory only
  std::optional<std::string> phone;  // clear, in memory only
  Education education = Education::kSeniorHigh;
  Occupation occupation = Occupation::kStudent;
  MemberStatus status = MemberStatus::kActive;
  Date status_date;
  bool is_cadre = false;  // holds a League post in office (derived)
  Instant created_at;
  Instant updated_at;
};

// A member's fields as a client or an import row gave them (absent = not given).
struct MemberFields {
  std::optional<std::string> name;
  std::optional<std::string> ethnicity;
  std::optional<std::string> id_number;
  std::optional<std::string> join_date;  // YYYY-MM-DD (imports also YYYY-MM)
  std::optional<std::string> member_no;  // "" clears
  std::optional<std::string> phone;      // "" clears
  std::optional<std::string> education;  // code ("bachelor"); imports map labels first
  std::optional<std::string> occupation;
};

// The checked content of a member record (everything but org, status and id).
struct MemberDraft {
  std::string name;
  std::string ethnicity;
  ResidentId id;
  Date join_date;
  std::optional<std::string> member_no;
  std::optional<std::string> phone;
  Education education = Education::kSeniorHigh;
  Occupation occupation = Occupation::kStudent;
};

inline constexpr size_t kMaxMemberNameChars = 50;
inline const Date kMemberNoRequiredFrom{std::chrono::year(2017), std::chrono::January,
                                        std::chrono::day(1)};

// The person part of a record, shared by member records and recruitment files: name, ID
// number, ethnicity, phone, education, occupation (the fields of MemberFields other than
// join_date and member_no). Fills those fields of `d` (d.id.number stays empty when the ID
// number is bad) and appends one detail per problem, with the codes listed below.
void CheckPerson(const MemberFields& f, Date today, MemberDraft& d, std::vector<ErrorDetail>& details);

// Validates a new member. `today` bounds birth and admission dates. Errors:
// kValidationFailed with one detail per problem: name (required, too_long), id_number
// (required, format, birth_date, checksum), ethnicity (required, invalid_enum), join_date
// (required, invalid_format, in_future, before_14th_birthday, age_out_of_range), member_no
// (required_since_2017, invalid_format, year_mismatch), phone (invalid_format), education /
// occupation (required, invalid_enum).
Result<MemberDraft> ValidateNewMember(const MemberFields& f, Date today);

// Applies a patch to a member's current record and validates the result (same errors).
Result<MemberDraft> ApplyMemberPatch(const Member& current, const MemberFields& patch, Date today);

// Whether the member is due to age out on `today`: 28 or older, in standing, holding no post.
bool DueToAgeOut(const Member& m, Date today);
// The member's 28th birthday (the age-out date).
Date TwentyEighthBirthday(Date birth);

}  // namespace tj::domain
