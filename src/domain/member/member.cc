#include "domain/member/member.h"

#include <algorithm>
#include <charconv>

#include "base/text.h"

namespace tj::domain {
namespace {

constexpr std::pair<MemberStatus, std::string_view> kStatuses[] = {
    {MemberStatus::kActive, "active"},
    {MemberStatus::kMobile, "mobile"},
    {MemberStatus::kLostContact, "lost_contact"},
    {MemberStatus::kAgedOut, "aged_out"},
    {MemberStatus::kWithdrawn, "withdrawn"},
    {MemberStatus::kRemoved, "removed"},
    {MemberStatus::kExpelled, "expelled"},
    {MemberStatus::kDeceased, "deceased"},
    {MemberStatus::kTransferredOut, "transferred_out"},
};
constexpr std::pair<Education, std::string_view> kEducations[] = {
    {Education::kPostgraduate, "postgraduate"},
    {Education::kBachelor, "bachelor"},
    {Education::kAssociate, "associate"},
    {Education::kVocationalSecondary, "vocational_secondary"},
    {Education::kSeniorHigh, "senior_high"},
    {Education::kJuniorHigh, "junior_high"},
    {Education::kPrimary, "primary"},
};
constexpr std::pair<Education, std::string_view> kEducationLabels[] = {
    {Education::kPostgraduate, "研究生"},
    {Education::kBachelor, "大学本科"},
    {Education::kAssociate, "大学专科"},
    {Education::kVocationalSecondary, "中专"},
    {Education::kSeniorHigh, "高中"},
    {Education::kJuniorHigh, "初中"},
    {Education::kPrimary, "小学"},
};
constexpr std::pair<Occupation, std::string_view> kOccupations[] = {
    {Occupation::kStudent, "student"},
    {Occupation::kFarmer, "farmer"},
    {Occupation::kWorker, "worker"},
    {Occupation::kEnterpriseEmployee, "enterprise_employee"},
    {Occupation::kPublicEmployee, "public_employee"},
    {Occupation::kFreelancer, "freelancer"},
    {Occupation::kUnemployed, "unemployed"},
    {Occupation::kOther, "other"},
};
constexpr std::pair<Occupation, std::string_view> kOccupationLabels[] = {
    {Occupation::kStudent, "学生"},
    {Occupation::kFarmer, "农民"},
    {Occupation::kWorker, "工人"},
    {Occupation::kEnterpriseEmployee, "企业职员"},
    {Occupation::kPublicEmployee, "机关事业单位职员"},
    {Occupation::kFreelancer, "自由职业"},
    {Occupation::kUnemployed, "无业"},
    {Occupation::kOther, "其他"},
};
constexpr std::pair<AgeBand, std::string_view> kAgeBands[] = {
    {AgeBand::k14To17, "14_17"},
    {AgeBand::k18To22, "18_22"},
    {AgeBand::k23To25, "23_25"},
    {AgeBand::k26To28, "26_28"},
    {AgeBand::kOther, "other"},
};
constexpr std::pair<Gender, std::string_view> kGenders[] = {
    {Gender::kMale, "male"},
    {Gender::kFemale, "female"},
};

constexpr std::string_view kEthnicities[] = {
    "汉族",     "蒙古族",   "回族",     "藏族",   "维吾尔族", "苗族",     "彝族",
    "壮族",     "布依族",   "朝鲜族",   "满族",   "侗族",     "瑶族",     "白族",
    "土家族",   "哈尼族",   "哈萨克族", "傣族",   "黎族",     "傈僳族",   "佤族",
    "畲族",     "高山族",   "拉祜族",   "水族",   "东乡族",   "纳西族",   "景颇族",
    "柯尔克孜族", "土族",   "达斡尔族", "仫佬族", "羌族",     "布朗族",   "撒拉族",
    "毛南族",   "仡佬族",   "锡伯族",   "阿昌族", "普米族",   "塔吉克族", "怒族",
    "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族",   "裕固族",   "京族",
    "塔塔尔族", "独龙族",   "鄂伦春族", "赫哲族", "门巴族",   "珞巴族",   "基诺族",
};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (one- or two-digit month and day), or YYYY-MM (the 1st).
std::optional<Date> ParseJoinDate(std::string_view s) {
  if (auto d = ParseDate(s)) return d;
  std::string norm(s);
  for (char& c : norm)
    if (c == '/' || c == '.') c = '-';
  int parts[3] = {0, 0, 1};
  int n = 0;
  size_t pos = 0;
  while (n < 3 && pos <= norm.size()) {
    size_t dash = norm.find('-', pos);
    std::string_view part = std::string_view(norm).substr(pos, dash == std::string::npos ? std::string::npos : dash - pos);
    if (!AllDigits(part) || part.size() > 4) return std::nullopt;
    std::from_chars(part.data(), part.data() + part.size(), parts[n++]);
    if (dash == std::string::npos) break;
    pos = dash + 1;
    if (n == 3) return std::nullopt;
  }
  if (n < 2 || norm.size() < 6) return std::nullopt;
  Date d{std::chrono::year(parts[0]), std::chrono::month(static_cast<unsigned>(parts[1])),
         std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!d.ok() || parts[0] < 1900) return std::nullopt;
  return d;
}

std::optional<std::string> NormalizeEthnicity(std::string_view s) {
  std::string t = Trim(s);
  if (IsEthnicity(t)) return t;
  if (IsEthnicity(t + "族")) return t + "族";
  return std::nullopt;
}

Result<MemberDraft> Check(const MemberFields& f, Date today) {
  std::vector<ErrorDetail> details;
  MemberDraft d;
  std::vector<ErrorDetail> person;
  CheckPerson(f, today, d, person);
  // Details in the form's order: name, ID number, ethnicity, then the admission's, then the rest.
  auto rest = std::find_if(person.begin(), person.end(), [](const ErrorDetail& e) {
    return e.field == "phone" || e.field == "education" || e.field == "occupation";
  });
  details.assign(person.begin(), rest);
  bool id_ok = !d.id.number.empty();
  bool join_ok = false;
  std::string join_text = Trim(f.join_date.value_or(""));
  if (join_text.empty()) {
    details.push_back(FieldError("join_date", "required", "common.required"));
  } else if (auto j = ParseJoinDate(join_text); !j) {
    details.push_back(FieldError("join_date", "invalid_format", "member.date_format"));
  } else if (std::chrono::sys_days(*j) > std::chrono::sys_days(today)) {
    details.push_back(FieldError("join_date", "in_future", "member.join_in_future"));
  } else {
    d.join_date = *j;
    join_ok = true;
  }
  if (id_ok && join_ok) {
    int age = AgeOn(d.id.birth_date, d.join_date);
    if (age < kMinAge)
      details.push_back(FieldError("join_date", "before_14th_birthday", "member.join_before_14"));
    else if (age >= kMaxAge)
      details.push_back(FieldError("join_date", "age_out_of_range", "member.join_after_28"));
  }

  std::string no = Trim(f.member_no.value_or(""));
  if (no.empty()) {
    if (join_ok && std::chrono::sys_days(d.join_date) >= std::chrono::sys_days(kMemberNoRequiredFrom))
      details.push_back(FieldError("member_no", "required_since_2017", "member.member_no_required"));
  } else if (!AllDigits(no) || no.size() < 8 || no.size() > 20) {
    details.push_back(FieldError("member_no", "invalid_format", "member.member_no_format"));
  } else if (join_ok && no.substr(0, 4) != std::to_string(int(d.join_date.year()))) {
    details.push_back(FieldError("member_no", "year_mismatch", "member.member_no_year",
                             {{"year", std::to_string(int(d.join_date.year()))}}));
  } else {
    d.member_no = no;
  }
  details.insert(details.end(), rest, person.end());

  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return d;
}

}  // namespace

void CheckPerson(const MemberFields& f, Date today, MemberDraft& d, std::vector<ErrorDetail>& details) {
  d.name = Trim(f.name.value_or(""));
  if (d.name.empty())
    details.push_back(FieldError("name", "required", "common.required"));
  else if (Utf8Length(d.name) > kMaxMemberNameChars)
    details.push_back(FieldError("name", "too_long", "common.too_long",
                             {{"max", std::to_string(kMaxMemberNameChars)}}));

  std::string id_text = Trim(f.id_number.value_or(""));
  if (id_text.empty()) {
    details.push_back(FieldError("id_number", "required", "common.required"));
  } else if (auto id = ParseResidentId(id_text, today); !id) {
    details.push_back(id.error().details.at(0));
  } else {
    d.id = *id;
  }

  std::string eth = Trim(f.ethnicity.value_or(""));
  if (eth.empty()) {
    details.push_back(FieldError("ethnicity", "required", "common.required"));
  } else if (auto e = NormalizeEthnicity(eth)) {
    d.ethnicity = *e;
  } else {
    details.push_back(FieldError("ethnicity", "invalid_enum", "member.ethnicity_unknown"));
  }

  std::string phone = Trim(f.phone.value_or(""));
  if (!phone.empty()) {
    if (!IsValidPhone(phone))
      details.push_back(FieldError("phone", "invalid_format", "member.phone_format"));
    else
      d.phone = phone;
  }

  auto edu = Trim(f.education.value_or(""));
  if (edu.empty())
    details.push_back(FieldError("education", "required", "common.required"));
  else if (auto e = ParseName(EducationNames(), edu))
    d.education = *e;
  else
    details.push_back(FieldError("education", "invalid_enum", "common.invalid_enum"));

  auto occ = Trim(f.occupation.value_or(""));
  if (occ.empty())
    details.push_back(FieldError("occupation", "required", "common.required"));
  else if (auto o = ParseName(OccupationNames(), occ))
    d.occupation = *o;
  else
    details.push_back(FieldError("occupation", "invalid_enum", "common.invalid_enum"));


}

EnumNames<MemberStatus> MemberStatusNames() { return kStatuses; }
EnumNames<Education> EducationNames() { return kEducations; }
EnumNames<Occupation> OccupationNames() { return kOccupations; }
EnumNames<AgeBand> AgeBandNames() { return kAgeBands; }
EnumNames<Gender> GenderNames() { return kGenders; }

std::optional<Education> EducationFromLabel(std::string_view zh) {
  std::string t = Trim(zh);
  if (t == "中职" || t == "中专/中职" || t == "技校") return Education::kVocationalSecondary;
  if (t == "本科") return Education::kBachelor;
  if (t == "专科" || t == "大专") return Education::kAssociate;
  if (t == "硕士" || t == "博士") return Education::kPostgraduate;
  if (t == "小学及以下") return Education::kPrimary;
  return ParseName<Education>(kEducationLabels, t);
}
std::optional<Occupation> OccupationFromLabel(std::string_view zh) {
  return ParseName<Occupation>(kOccupationLabels, Trim(zh));
}
std::string_view EducationLabel(Education e) { return NameOf<Education>(kEducationLabels, e); }
std::string_view OccupationLabel(Occupation o) { return NameOf<Occupation>(kOccupationLabels, o); }

bool IsEthnicity(std::string_view name) {
  return std::find(std::begin(kEthnicities), std::end(kEthnicities), name) != std::end(kEthnicities);
}

bool InStanding(MemberStatus s) {
  return s == MemberStatus::kActive || s == MemberStatus::kMobile ||
         s == MemberStatus::kLostContact;
}

bool StatusChangeAllowed(MemberStatus from, MemberStatus to) {
  return from != to && InStanding(from);
}

AgeBand AgeBandOf(int age) {
  if (age >= 14 && age <= 17) return AgeBand::k14To17;
  if (age >= 18 && age <= 22) return AgeBand::k18To22;
  if (age >= 23 && age <= 25) return AgeBand::k23To25;
  if (age >= 26 && age <= 28) return AgeBand::k26To28;
  return AgeBand::kOther;
}

Result<MemberDraft> ValidateNewMember(const MemberFields& f, Date today) { return Check(f, today); }

Result<MemberDraft> ApplyMemberPatch(const Member& cur, const MemberFields& p, Date today) {
  MemberFields merged;
  merged.name = p.name ? p.name : cur.name;
  merged.ethnicity = p.ethnicity ? p.ethnicity : cur.ethnicity;
  merged.id_number = p.id_number ? p.id_number : cur.id_number;
  merged.join_date = p.join_date ? p.join_date : FormatDate(cur.join_date);
  merged.member_no = p.member_no ? p.member_no : cur.member_no;
  merged.phone = p.phone ? p.phone : cur.phone;
  merged.education = p.education ? *p.education : std::string(NameOf(EducationNames(), cur.education));
  merged.occupation = p.occupation ? *p.occupation : std::string(NameOf(OccupationNames(), cur.occupation));
  return Check(merged, today);
}

Date TwentyEighthBirthday(Date birth) {
  Date d{birth.year() + std::chrono::years(kMaxAge), birth.month(), birth.day()};
  if (!d.ok()) d = Date{d.year(), std::chrono::March, std::chrono::day(1)};  // 29 Feb
  return d;
}

bool DueToAgeOut(const Member& m, Date today) {
  return InStanding(m.status) && !m.is_cadre && AgeOn(m.birth_date, today) >= kMaxAge;
}

}  // namespace tj::domain
