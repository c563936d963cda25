#include "cli/gen_country.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <unordered_set>

namespace tj::cli::gen {
namespace {

using domain::MemberStatus;
using domain::OrgType;
using domain::Sector;

const Date kToday = *ParseDate("2026-05-20");

CountryOptions Options(double scale, uint64_t seed, int episodes = 2) {
  CountryOptions o;
  o.scale = scale;
  o.seed = seed;
  o.today = kToday;
  o.episodes = episodes;
  return o;
}

std::vector<Province> Country(const CountryOptions& o) {
  std::vector<Province> out;
  for (const auto& p : PlanCountry(o.scale).provinces) out.push_back(GenerateProvince(p, o));
  return out;
}

// The two countries most tests look at, made once.
const std::vector<Province>& County() {
  static const auto kCountry = Country(Options(0.0003, 7));
  return kCountry;
}
const std::vector<Province>& SixCounties() {
  static const auto kCountry = Country(Options(0.002, 7));
  return kCountry;
}

bool SameOrg(const Org& a, const Org& b) {
  return a.code == b.code && a.parent == b.parent && a.name == b.name &&
         a.short_name == b.short_name && a.type == b.type && a.sector == b.sector &&
         a.stage == b.stage && a.depth == b.depth;
}

bool SameMember(const Member& a, const Member& b) {
  return a.org == b.org && a.name == b.name && a.id_number == b.id_number && a.gender == b.gender &&
         a.birth_date == b.birth_date && a.ethnicity == b.ethnicity && a.join_date == b.join_date &&
         a.member_no == b.member_no && a.phone == b.phone && a.education == b.education &&
         a.occupation == b.occupation && a.status == b.status && a.status_date == b.status_date;
}

bool SameProvince(const Province& a, const Province& b) {
  if (a.orgs.size() != b.orgs.size() || a.members.size() != b.members.size() ||
      a.checkins.size() != b.checkins.size())
    return false;
  for (size_t i = 0; i < a.orgs.size(); ++i)
    if (!SameOrg(a.orgs[i], b.orgs[i])) return false;
  for (size_t i = 0; i < a.members.size(); ++i)
    if (!SameMember(a.members[i], b.members[i])) return false;
  for (size_t i = 0; i < a.checkins.size(); ++i)
    if (a.checkins[i].member != b.checkins[i].member ||
        a.checkins[i].episode != b.checkins[i].episode || a.checkins[i].at != b.checkins[i].at)
      return false;
  return true;
}

// The division code of the county an org belongs to: its nearest local committee's code.
std::string CountyCode(const Province& p, int org) {
  while (org >= 0) {
    const auto& o = p.orgs[static_cast<size_t>(org)];
    if (o.type == OrgType::kLocalCommittee) return o.code;
    org = o.parent;
  }
  return "";
}

TEST(GenCountryTest, PlansTheNationsShapeAtEachScale) {
  struct Case {
    double scale;
    int counties, provinces, cities;
  };
  for (const auto& c : {Case{1.0, 2790, 31, 310}, Case{0.1, 279, 31, 31}, Case{0.002, 6, 6, 6},
                        Case{0.0003, 1, 1, 1}}) {
    SCOPED_TRACE(c.scale);
    const auto plan = PlanCountry(c.scale);
    EXPECT_EQ(plan.counties, c.counties);
    ASSERT_EQ(static_cast<int>(plan.provinces.size()), c.provinces);
    EXPECT_EQ(plan.cities, c.cities);
    int counties = 0, cities = 0;
    std::set<std::string_view> codes;
    for (const auto& p : plan.provinces) {
      EXPECT_GE(p.cities, 1);
      EXPECT_GE(p.counties, p.cities) << p.info.code;
      counties += p.counties;
      cities += p.cities;
      codes.insert(p.info.code);
    }
    EXPECT_EQ(counties, c.counties);
    EXPECT_EQ(cities, c.cities);
    EXPECT_EQ(codes.size(), plan.provinces.size());
  }
  // One county is Jilin's; the nation has every province, about ten cities and ninety counties
  // in a large one.
  EXPECT_EQ(PlanCountry(0.0003).provinces.at(0).info.code, "22");
  for (const auto& p : PlanCountry(1.0).provinces)
    if (p.info.code == "51") {
      EXPECT_GT(p.counties, 150);
      EXPECT_GE(p.cities, 15);
    }
}

TEST(GenCountryTest, TheSameSeedGivesTheSameProvinceAndAnotherSeedAnother) {
  const auto plan = PlanCountry(0.0003).provinces.at(0);
  const auto a = GenerateProvince(plan, Options(0.0003, 7));
  const auto b = GenerateProvince(plan, Options(0.0003, 7));
  EXPECT_TRUE(SameProvince(a, b));
  EXPECT_TRUE(SameProvince(a, County().at(0)));
  const auto c = GenerateProvince(plan, Options(0.0003, 8));
  EXPECT_FALSE(SameProvince(a, c));
  ASSERT_FALSE(c.members.empty());
  EXPECT_NE(a.members[0].id_number, c.members[0].id_number);
  // A province does not depend on which others are made, nor in what order.
  const auto six = PlanCountry(0.002);
  const auto last = GenerateProvince(six.provinces.back(), Options(0.002, 7));
  EXPECT_TRUE(SameProvince(last, SixCounties().back()));
}

TEST(GenCountryTest, EveryOrgIsOneTheAppAccepts) {
  for (const auto* country : {&County(), &SixCounties()}) {
    std::set<std::string> codes;
    for (const auto& p : *country) {
      ASSERT_FALSE(p.orgs.empty());
      EXPECT_EQ(p.orgs[0].parent, -1);
      EXPECT_EQ(p.orgs[0].code, std::string(p.plan.info.code) + "0000");
      EXPECT_EQ(p.orgs[0].name, p.plan.info.committee);
      for (size_t i = 0; i < p.orgs.size(); ++i) {
        const auto& o = p.orgs[i];
        SCOPED_TRACE(o.code + " " + o.name);
        EXPECT_TRUE(codes.insert(o.code).second) << "code used twice";
        // The top org above the provinces is a local committee.
        OrgType parent_type = OrgType::kLocalCommittee;
        if (o.parent >= 0) {
          ASSERT_LT(o.parent, static_cast<int>(i)) << "parents come before their children";
          const auto& parent = p.orgs[static_cast<size_t>(o.parent)];
          parent_type = parent.type;
          EXPECT_EQ(o.depth, parent.depth + 1);
        } else {
          EXPECT_EQ(i, 0u);
        }
        EXPECT_TRUE(domain::CheckPlacement(parent_type, o.type).has_value());
        domain::OrgFields f;
        f.name = o.name;
        f.short_name = o.short_name;
        f.type = std::string(NameOf(domain::OrgTypeNames(), o.type));
        f.sector = std::string(NameOf(domain::SectorNames(), o.sector));
        if (o.stage) f.school_stage = std::string(NameOf(domain::SchoolStageNames(), *o.stage));
        f.code = o.code;
        EXPECT_TRUE(domain::ValidateNewOrg(f).has_value());
        // School committees say their stage.
        if (o.type == OrgType::kCommittee && o.sector == Sector::kSchool) {
          EXPECT_TRUE(o.stage.has_value());
        }
        // Local committees: 6-digit division codes of their province; a province's ends in
        // 0000, a city's in 00, a county's not.
        if (o.type == OrgType::kLocalCommittee) {
          EXPECT_EQ(o.code.size(), 6u);
          EXPECT_EQ(o.code.find_first_not_of("0123456789"), std::string::npos);
          EXPECT_EQ(o.code.substr(0, 2), p.plan.info.code);
          const bool county = o.code.substr(4) != "00";
          EXPECT_EQ(o.depth == 1, o.code.substr(2) == "0000");
          // Only counties hold grassroots orgs; only they are not provinces or cities.
          for (size_t k = i + 1; k < p.orgs.size(); ++k)
            if (p.orgs[k].parent == static_cast<int>(i) &&
                p.orgs[k].type != OrgType::kLocalCommittee) {
              EXPECT_TRUE(county);
              break;
            }
        }
      }
      for (const auto& m : p.members) {
        domain::Org holder;
        holder.type = p.orgs[static_cast<size_t>(m.org)].type;
        EXPECT_TRUE(domain::CheckHoldsMembers(holder).has_value());
      }
    }
  }
}

TEST(GenCountryTest, ACountyHasAboutTheNationsOrgsAndMembersInItsSectorMix) {
  int64_t orgs = 0, members = 0, counties = 0;
  std::map<Sector, int64_t> by_sector;
  std::map<OrgType, int64_t> by_type;
  for (const auto& p : SixCounties()) {
    orgs += static_cast<int64_t>(p.orgs.size());
    members += static_cast<int64_t>(p.members.size());
    counties += p.plan.counties;
    for (const auto& o : p.orgs) ++by_type[o.type];
    for (const auto& m : p.members) ++by_sector[p.orgs[static_cast<size_t>(m.org)].sector];
  }
  ASSERT_EQ(counties, 6);
  EXPECT_NEAR(static_cast<double>(orgs) / static_cast<double>(counties), kCountyOrgs,
              kCountyOrgs * 0.1);
  EXPECT_NEAR(static_cast<double>(members) / static_cast<double>(counties), kCountyMembers,
              kCountyMembers * 0.1);
  // Committees and branches in the nation's proportions: ~70 grassroots committees a county.
  EXPECT_NEAR(
      static_cast<double>(by_type[OrgType::kCommittee] + by_type[OrgType::kWorkingCommittee]) /
          static_cast<double>(counties),
      68, 20);
  EXPECT_GT(by_type[OrgType::kGeneralBranch], 0);
  const double per_branch =
      static_cast<double>(members) / static_cast<double>(by_type[OrgType::kBranch]);
  EXPECT_NEAR(per_branch, 17.0, 2.5);
  for (const auto& share : kSectorMix) {
    SCOPED_TRACE(std::string(NameOf(domain::SectorNames(), share.sector)));
    EXPECT_NEAR(100.0 * static_cast<double>(by_sector[share.sector]) / static_cast<double>(members),
                share.per_mille / 10.0, 3.0);
  }
  // One county alone, too.
  int64_t school = 0;
  const auto& one = County().at(0);
  for (const auto& m : one.members)
    school += one.orgs[static_cast<size_t>(m.org)].sector == Sector::kSchool;
  EXPECT_NEAR(100.0 * static_cast<double>(school) / static_cast<double>(one.members.size()), 59, 3);
}

TEST(GenCountryTest, EveryMemberIsOneTheAppAccepts) {
  std::unordered_set<std::string> ids, numbers;
  int64_t members = 0, with_phone = 0, active = 0, aged_out = 0;
  for (const auto& p : SixCounties()) {
    for (const auto& m : p.members) {
      SCOPED_TRACE(m.name + " " + m.id_number);
      ++members;
      auto id = ParseResidentId(m.id_number, kToday);
      ASSERT_TRUE(id.has_value());
      EXPECT_TRUE(ids.insert(m.id_number).second) << "ID number used twice";
      EXPECT_EQ(id->birth_date, m.birth_date);
      EXPECT_EQ(id->gender, m.gender);
      EXPECT_EQ(id->division_code, CountyCode(p, m.org));
      const int age = AgeOn(m.birth_date, kToday);
      EXPECT_GE(age, domain::kMinAge);
      EXPECT_LE(age, domain::kMaxAge);
      if (m.status == MemberStatus::kAgedOut) {
        EXPECT_EQ(age, domain::kMaxAge);
        EXPECT_EQ(m.status_date, domain::TwentyEighthBirthday(m.birth_date));
        ++aged_out;
      }
      // Students are young; the others are not pupils.
      const auto& org = p.orgs[static_cast<size_t>(m.org)];
      if (m.occupation == domain::Occupation::kStudent) {
        EXPECT_LE(age, 22);
        EXPECT_NE(m.education, domain::Education::kBachelor);
        EXPECT_NE(m.education, domain::Education::kPostgraduate);
      }
      if (org.stage == domain::SchoolStage::kJuniorHigh) {
        EXPECT_LE(age, 15);
      }
      if (org.sector == Sector::kRural) {
        EXPECT_GE(age, 18);
      }
      EXPECT_TRUE(domain::IsEthnicity(m.ethnicity));
      EXPECT_FALSE(Before(m.status_date, m.join_date));
      EXPECT_FALSE(Before(kToday, m.status_date));
      if (m.status == MemberStatus::kActive) {
        EXPECT_EQ(m.status_date, m.join_date);
      }
      active += m.status == MemberStatus::kActive;
      // Everything the member form and the import check: admission after the 14th birthday and
      // before the 28th, member number of the admission year, phone, education, occupation.
      domain::MemberFields f;
      f.name = m.name;
      f.ethnicity = std::string(m.ethnicity);
      f.id_number = m.id_number;
      f.join_date = FormatDate(m.join_date);
      f.member_no = m.member_no;
      f.phone = m.phone;
      f.education = std::string(NameOf(domain::EducationNames(), m.education));
      f.occupation = std::string(NameOf(domain::OccupationNames(), m.occupation));
      auto draft = domain::ValidateNewMember(f, kToday);
      EXPECT_TRUE(draft.has_value())
          << (draft ? ""
                    : draft.error().details.at(0).field + ": " + draft.error().details.at(0).code);
      if (!m.member_no.empty()) {
        EXPECT_TRUE(numbers.insert(m.member_no).second) << "member number used twice";
      } else {
        EXPECT_TRUE(Before(m.join_date, domain::kMemberNoRequiredFrom));
      }
      if (!m.phone.empty()) {
        ++with_phone;
        EXPECT_TRUE(IsValidPhone(m.phone));
        EXPECT_EQ(m.phone.size(), 11u);
      }
    }
  }
  ASSERT_GT(members, 100'000);
  EXPECT_NEAR(static_cast<double>(with_phone) / static_cast<double>(members), 0.8, 0.02);
  EXPECT_NEAR(static_cast<double>(active) / static_cast<double>(members), 0.935, 0.02);
  EXPECT_GT(aged_out, 0);
}

TEST(GenCountryTest, AboutFortyPerCentOfTheMembersInStandingTakePartInEachEpisode) {
  const auto episodes = Episodes(kToday, 2);
  ASSERT_EQ(episodes.size(), 2u);
  for (const auto* country : {&County(), &SixCounties()}) {
    std::vector<int64_t> participants(episodes.size());
    int64_t standing = 0;
    for (const auto& p : *country) {
      std::set<std::pair<int32_t, int32_t>> seen;
      for (const auto& m : p.members) standing += domain::InStanding(m.status);
      for (const auto& c : p.checkins) {
        ASSERT_LT(static_cast<size_t>(c.episode), episodes.size());
        const auto& m = p.members.at(static_cast<size_t>(c.member));
        EXPECT_TRUE(domain::InStanding(m.status));
        EXPECT_TRUE(seen.insert({c.episode, c.member}).second) << "twice in one episode";
        const auto& e = episodes[static_cast<size_t>(c.episode)];
        const Date day = LocalDate(c.at, TimeZone{});
        EXPECT_FALSE(Before(day, e.release_date));
        EXPECT_FALSE(Before(e.closing_date, day));
        EXPECT_TRUE(Before(day, kToday)) << "participations are in the past";
        EXPECT_FALSE(Before(day, m.join_date));
        ++participants[static_cast<size_t>(c.episode)];
      }
      // By episode, then member.
      for (size_t k = 1; k < p.checkins.size(); ++k)
        EXPECT_TRUE(std::pair(p.checkins[k - 1].episode, p.checkins[k - 1].member) <
                    std::pair(p.checkins[k].episode, p.checkins[k].member));
    }
    for (int64_t n : participants) {
      const double rate = static_cast<double>(n) / static_cast<double>(standing);
      EXPECT_GE(rate, 0.35);
      EXPECT_LE(rate, 0.45);
    }
  }
}

TEST(GenCountryTest, EpisodesAreWeeklyTheLastOpenToday) {
  const auto e = Episodes(kToday, 3);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[2].release_date, *ParseDate("2026-05-18"));
  EXPECT_EQ(e[2].closing_date, *ParseDate("2026-05-24"));
  EXPECT_EQ(e[1].release_date, *ParseDate("2026-05-11"));
  EXPECT_EQ(e[0].release_date, *ParseDate("2026-05-04"));
  EXPECT_NE(e[0].title, e[1].title);
  EXPECT_EQ(e[2].title, "青年大学习2026年第20期");
  EXPECT_TRUE(Episodes(kToday, 0).empty());
}

TEST(GenCountryTest, MemberNumbersFollowTheRegistrysFormat) {
  EXPECT_EQ(MemberNumber(2024, "220821", 15), "2024220821000015");
  EXPECT_EQ(MemberNumber(2017, "110101", 999'999), "2017110101999999");
}

}  // namespace
}  // namespace tj::cli::gen
