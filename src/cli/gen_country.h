// The synthetic country of `tuanjian gen`: a League of the nation's shape (DOMAIN.md, Scale and
// Organization tree), made one province at a time, for benchmarks and demonstrations at scale.
//
// Scale 1.0 is the nation (2 790 counties, ~4.4 M orgs, ~75 M members), 0.1 the benchmark
// size, 0.0003 one county. Provinces (the real 31 division codes and committee names), cities
// and counties are local committees whose org codes are their 6-digit division codes (province
// 2 digits + city 2 + county 2: 220000, 220100, 220102; the county's is the one members' ID
// numbers start with; municipalities have no city level); under each county come
// schools, towns and townships, agencies, enterprises, subdistricts and social orgs with an
// uneven fan-out (a few big schools and towns, many small branches) down to general branches
// and branches; in the branches members of the nation's sector mix with valid, nationally
// unique resident ID numbers of their county, member numbers, phones, education and occupation
// of their sector and a few statuses besides active; and their Youth Study participation in
// the latest episodes. Every org and member is one the app's own rules accept
// (domain::ValidateNewOrg, CheckPlacement, ValidateNewMember on `today`).
//
// The same (scale, seed, today) gives the same provinces, value for value: each province draws
// from its own generator seeded from (seed, its division code), with the generator and the
// draws written out here (no std:: distributions, whose results differ between libraries), so
// provinces can be made on several threads in any order. Pure functions and value types, no
// I/O; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/resident_id.h"
#include "base/time.h"
#include "domain/member/member.h"
#include "domain/org/org.h"

namespace tj::cli::gen {

struct CountryOptions {
  double scale = 0.0003;  // (0, 1]
  uint64_t seed = 1;
  Date today;        // the generation date: ages, admissions, statuses and episodes
  int episodes = 1;  // Youth Study episodes, 0 to kMaxEpisodes
  TimeZone zone;     // the deployment's zone, for the participations' times
};

inline constexpr double kMaxScale = 1.0;
inline constexpr int kMaxEpisodes = 52;

// National targets at scale 1.
inline constexpr int kNationCounties = 2790;
inline constexpr int kNationCities = 310;
inline constexpr int kCountyMembers = 26'900;
inline constexpr int kCountyOrgs = 1'577;

// The member sector mix of the nation, in per mille: students (school), rural, enterprise,
// agency, community, social and other.
struct SectorShare {
  domain::Sector sector;
  int per_mille;
};
inline constexpr SectorShare kSectorMix[] = {
    {domain::Sector::kSchool, 590},    {domain::Sector::kRural, 180},
    {domain::Sector::kEnterprise, 80}, {domain::Sector::kAgency, 60},
    {domain::Sector::kCommunity, 60},  {domain::Sector::kSocial, 20},
    {domain::Sector::kOther, 10},
};

// One of the 31 provincial-level divisions.
struct ProvinceInfo {
  std::string_view code;        // "22"
  std::string_view name;        // "吉林省"
  std::string_view committee;   // "共青团吉林省委"
  std::string_view short_name;  // "团省委"
  int counties;                 // real county-level divisions (weights of the spread)
  int cities;                   // real prefecture-level divisions
  bool municipality;  // 北京, 天津, 上海, 重庆: districts directly under the province
};

// The 31 divisions in code order.
const std::vector<ProvinceInfo>& Provinces();

// Where a province stands in a country of some scale.
struct ProvincePlan {
  int index = 0;  // in the country's output order, from 0
  ProvinceInfo info;
  int cities = 0;
  int counties = 0;
};

struct CountryPlan {
  int counties = 0;                     // max(1, round(2790 F))
  int cities = 0;                       // max(provinces, round(310 F))
  std::vector<ProvincePlan> provinces;  // min(31, counties) of them, in code order
};

// The country's shape at `scale`: which provinces (Jilin first when there are few, the others
// by size), and their cities and counties spread by the real divisions' sizes (largest
// remainder), every province at least one county and one city, no city without a county.
CountryPlan PlanCountry(double scale);

// An org, in its province's list (parents before children).
struct Org {
  std::string code;
  int parent = -1;  // index in Province::orgs; -1: the top org
  std::string name;
  std::string short_name;  // empty: none
  domain::OrgType type = domain::OrgType::kBranch;
  domain::Sector sector = domain::Sector::kOther;
  std::optional<domain::SchoolStage> stage;
  int depth = 1;  // below the top org (a province is 1)
};

struct Member {
  int32_t org = 0;  // index in Province::orgs: a branch or general branch
  std::string name;
  std::string id_number;  // 18 characters
  Gender gender = Gender::kMale;
  Date birth_date;
  std::string_view ethnicity;  // "汉族" (static storage)
  Date join_date;
  std::string member_no;  // empty: none
  std::string phone;      // empty: none
  domain::Education education = domain::Education::kSeniorHigh;
  domain::Occupation occupation = domain::Occupation::kStudent;
  domain::MemberStatus status = domain::MemberStatus::kActive;
  Date status_date;  // the admission for active members
};

// A Youth Study participation.
struct Checkin {
  int32_t member = 0;   // index in Province::members
  int32_t episode = 0;  // index in Episodes()
  Instant at;
};

struct Province {
  ProvincePlan plan;
  std::vector<Org> orgs;          // [0] is the province committee
  std::vector<Member> members;    // by org
  std::vector<Checkin> checkins;  // by episode, then member
};

// Generates one province of the plan. Deterministic in (plan, options).
Province GenerateProvince(const ProvincePlan& plan, const CountryOptions& options);

struct Episode {
  std::string title;
  Date release_date;
  Date closing_date;
};

// The Youth Study episodes, oldest first: weekly, the last released two days before `today`
// and open for a week (so it is open today and the server's index keeps it).
std::vector<Episode> Episodes(Date today, int count);
// The season the episodes belong to ("青年大学习2026年（生成数据）").
std::string SeasonName(Date today);

// The member number of the `serial`th admission of `year` in the county with `division`:
// the year and a 12-digit serial (division code and a 6-digit count), as
// domain::FormatMemberNo writes the registry's numbers.
std::string MemberNumber(int year, std::string_view division, int64_t serial);

}  // namespace tj::cli::gen
