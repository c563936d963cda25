#include "domain/member/member.h"

#include <gtest/gtest.h>

namespace tj::domain {
namespace {

Date D(std::string_view s) { return *ParseDate(s); }

// Born 2008-03-15 in Zhenlai, male.
std::string IdBorn(std::string_view yyyymmdd, char seq_last = '1') {
  std::string s = "220821" + std::string(yyyymmdd) + "12";
  s += seq_last;
  s += ResidentIdCheckChar(s);
  return s;
}

MemberFields Fields(std::string join, std::string no = "") {
  MemberFields f;
  f.name = "李明";
  f.ethnicity = "汉族";
  f.id_number = IdBorn("20080315");
  f.join_date = std::move(join);
  f.member_no = std::move(no);
  f.education = "junior_high";
  f.occupation = "student";
  return f;
}

std::vector<std::string> Codes(const Result<MemberDraft>& r) {
  std::vector<std::string> out;
  if (!r)
    for (const auto& d : r.error().details) out.push_back(d.field + ":" + d.code);
  return out;
}

const Date kToday = D("2026-11-27");

TEST(MemberRulesTest, AdmissionFromThe14thBirthday) {
  EXPECT_EQ(Codes(ValidateNewMember(Fields("2022-03-14", "202200000001"), kToday)),
            std::vector<std::string>{"join_date:before_14th_birthday"});
  EXPECT_TRUE(ValidateNewMember(Fields("2022-03-15", "202200000001"), kToday));
}

TEST(MemberRulesTest, AdmissionBeforeThe28thBirthday) {
  MemberFields f = Fields("2020-05-04", "202000000001");
  f.id_number = IdBorn("19920505");
  EXPECT_TRUE(ValidateNewMember(f, kToday));  // 27 on the day before the 28th birthday
  f.id_number = IdBorn("19920504");
  EXPECT_EQ(Codes(ValidateNewMember(f, kToday)),
            std::vector<std::string>{"join_date:age_out_of_range"});  // the day of it
}

TEST(MemberRulesTest, AdmissionNotInTheFuture) {
  EXPECT_TRUE(ValidateNewMember(Fields("2026-11-27", "202600000009"), kToday));
  EXPECT_EQ(Codes(ValidateNewMember(Fields("2026-11-28", "202600000009"), kToday)),
            std::vector<std::string>{"join_date:in_future"});
}

TEST(MemberRulesTest, MemberNumberRequiredSince2017AndStartsWithTheYear) {
  MemberFields old = Fields("2016-12-31");
  old.id_number = IdBorn("19990101");
  EXPECT_TRUE(ValidateNewMember(old, kToday));  // before 2017: optional
  MemberFields f = Fields("2023-06-01");
  EXPECT_EQ(Codes(ValidateNewMember(f, kToday)),
            std::vector<std::string>{"member_no:required_since_2017"});
  f.member_no = "202200000001";
  EXPECT_EQ(Codes(ValidateNewMember(f, kToday)), std::vector<std::string>{"member_no:year_mismatch"});
  f.member_no = "2023A0000001";
  EXPECT_EQ(Codes(ValidateNewMember(f, kToday)), std::vector<std::string>{"member_no:invalid_format"});
  f.member_no = "202300000001";
  EXPECT_TRUE(ValidateNewMember(f, kToday));
}

TEST(MemberRulesTest, GenderAndBirthDateComeFromTheIdNumber) {
  MemberFields f = Fields("2023-06-01", "202300000001");
  f.id_number = IdBorn("20080315", '2');
  auto d = ValidateNewMember(f, kToday);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->id.gender, Gender::kFemale);
  EXPECT_EQ(d->id.birth_date, D("2008-03-15"));
}

TEST(MemberRulesTest, ReportsEveryBadFieldAtOnce) {
  MemberFields f;
  f.id_number = "220821200803151213";
  f.ethnicity = "火星族";
  f.join_date = "2023-13-01";
  f.phone = "12345";
  f.education = "phd";
  auto codes = Codes(ValidateNewMember(f, kToday));
  EXPECT_EQ(codes, (std::vector<std::string>{"name:required", "id_number:checksum",
                                             "ethnicity:invalid_enum", "join_date:invalid_format",
                                             "phone:invalid_format", "education:invalid_enum",
                                             "occupation:required"}));
}

TEST(MemberRulesTest, AcceptsImportDateFormsAndEthnicityWithoutSuffix) {
  MemberFields f = Fields("2023-06", "202300000001");
  f.ethnicity = "蒙古";
  auto d = ValidateNewMember(f, kToday);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->join_date, D("2023-06-01"));
  EXPECT_EQ(d->ethnicity, "蒙古族");
  f.join_date = "2023/6/9";
  EXPECT_EQ(ValidateNewMember(f, kToday)->join_date, D("2023-06-09"));
}

TEST(MemberRulesTest, AgeOutIsDueOnThe28thBirthdayUnlessACadre) {
  Member m;
  m.birth_date = D("1998-11-27");
  EXPECT_FALSE(DueToAgeOut(m, D("2026-11-26")));
  EXPECT_TRUE(DueToAgeOut(m, D("2026-11-27")));
  m.is_cadre = true;
  EXPECT_FALSE(DueToAgeOut(m, D("2026-11-27")));
  m.is_cadre = false;
  m.status = MemberStatus::kWithdrawn;
  EXPECT_FALSE(DueToAgeOut(m, D("2026-11-27")));
  EXPECT_EQ(TwentyEighthBirthday(D("1998-11-27")), D("2026-11-27"));
  EXPECT_EQ(TwentyEighthBirthday(D("2000-02-29")), D("2028-02-29"));
  EXPECT_EQ(TwentyEighthBirthday(D("2004-02-29")), D("2032-02-29"));
  EXPECT_EQ(TwentyEighthBirthday(D("1996-02-29")), D("2024-02-29"));
}

TEST(MemberRulesTest, EndingStatusesAreFinal) {
  EXPECT_TRUE(StatusChangeAllowed(MemberStatus::kActive, MemberStatus::kMobile));
  EXPECT_TRUE(StatusChangeAllowed(MemberStatus::kLostContact, MemberStatus::kActive));
  EXPECT_FALSE(StatusChangeAllowed(MemberStatus::kActive, MemberStatus::kActive));
  EXPECT_FALSE(StatusChangeAllowed(MemberStatus::kDeceased, MemberStatus::kActive));
  EXPECT_FALSE(StatusChangeAllowed(MemberStatus::kAgedOut, MemberStatus::kActive));
}

TEST(MemberRulesTest, AgeBandsMatchTheStatistics) {
  EXPECT_EQ(AgeBandOf(13), AgeBand::kOther);
  EXPECT_EQ(AgeBandOf(14), AgeBand::k14To17);
  EXPECT_EQ(AgeBandOf(17), AgeBand::k14To17);
  EXPECT_EQ(AgeBandOf(18), AgeBand::k18To22);
  EXPECT_EQ(AgeBandOf(25), AgeBand::k23To25);
  EXPECT_EQ(AgeBandOf(28), AgeBand::k26To28);
  EXPECT_EQ(AgeBandOf(29), AgeBand::kOther);
}

TEST(MemberRulesTest, ImportLabelsMapToCodes) {
  EXPECT_EQ(EducationFromLabel("大学本科"), Education::kBachelor);
  EXPECT_EQ(EducationFromLabel("中职"), Education::kVocationalSecondary);
  EXPECT_EQ(OccupationFromLabel("机关事业单位职员"), Occupation::kPublicEmployee);
  EXPECT_FALSE(OccupationFromLabel("宇航员"));
  EXPECT_TRUE(IsEthnicity("基诺族"));
}

}  // namespace
}  // namespace tj::domain
