// A reproducible member import file for benchmarks: a small Zhenlai county org tree (the
// committee, six committees and working committees, fourteen branches) and N rows of members
// as the import template wants them (姓名, 身份证号码, 民族, 入团时间, 团员编号, 手机号码, 学历,
// 职业, 所在团组织编码), written as UTF-8 CSV with a BOM and CRLF, as Excel saves it.
//
// Every row passes the import's validation on `today`: resident ID numbers with Zhenlai's
// (or a neighbouring county's) division code and a correct check character, unique; ages 14
// to 27 at admission; member numbers (year of admission first) for everyone admitted since
// 2017 and some before, unique; mobile numbers for four in five; education and occupation
// as the Chinese labels people type, in the mix of each branch's sector. The same seed gives
// the same bytes. Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/time.h"

namespace tj::bench {

// Who a branch's members are; chooses ages, education and occupation.
enum class Profile { kSeniorHighStudents, kSchoolStaff, kRural, kAgency, kEnterprise, kCommunity };

struct BenchOrg {
  std::string code;
  std::string parent_code;  // empty: directly under the top org
  std::string name;
  std::string type;                       // OrgFields::type ("committee", "branch", ...)
  std::string sector;                     // OrgFields::sector
  std::string school_stage;               // empty: none
  Profile profile = Profile::kCommunity;  // branches only
};

inline constexpr char kTopOrgCode[] = "ZL";
inline constexpr char kTopOrgName[] = "共青团镇赉县委";

// The orgs under the top org, parents before their children.
const std::vector<BenchOrg>& BenchOrgTree();

struct MemberCsv {
  std::string bytes;
  size_t rows = 0;
  size_t with_phone = 0;
  size_t with_member_no = 0;
};

// `rows` members spread over the branches of BenchOrgTree(), valid on `today`.
MemberCsv MakeMemberCsv(size_t rows, uint32_t seed, Date today);

}  // namespace tj::bench
