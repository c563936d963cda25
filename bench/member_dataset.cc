#include "member_dataset.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <span>
#include <string_view>
#include <unordered_set>

#include "base/resident_id.h"
#include "sheet/sheet.h"

namespace tj::bench {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// Surnames common in Jilin, with the Mongolian families' 包, 白 and 韩 among them.
constexpr std::string_view kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
    "邓", "曹", "包", "白", "于", "董", "吕", "姜", "崔", "金", "孟", "秦", "鲍", "佟"};
constexpr std::string_view kCompoundSurnames[] = {"欧阳", "司马", "上官", "诸葛"};
constexpr std::string_view kGiven[] = {
    "浩", "宇", "轩", "子", "涵", "欣", "怡", "梓", "博", "文", "佳", "雨", "思", "俊", "明",
    "丽", "婷", "鑫", "磊", "强", "静", "敏", "晨", "阳", "雪", "琳", "杰", "鹏", "瑶", "萱",
    "一", "诺", "泽", "睿", "嘉", "航", "颖", "悦", "铭", "凯", "新", "春", "海", "红", "艳"};
constexpr std::string_view kMongolianNames[] = {"其其格", "巴特尔", "乌云", "苏日娜", "额尔敦",
                                                "斯琴",   "朝鲁",   "萨仁", "图雅",   "宝音"};
// Zhenlai first; then the other counties of Baicheng whose young people work in Zhenlai.
constexpr std::string_view kNeighbourDivisions[] = {"220802", "220822", "220881", "220882"};

struct Weighted {
  std::string_view label;
  int weight;
};

// Education as typed in the 学历 column: the template's labels, and the short forms people use.
constexpr Weighted kEduStudents[] = {{"初中", 9}, {"小学", 1}};
constexpr Weighted kEduStaff[] = {{"大学本科", 7}, {"研究生", 2}, {"本科", 1}};
constexpr Weighted kEduRural[] = {{"初中", 6}, {"高中", 3}, {"中专", 1}};
constexpr Weighted kEduAgency[] = {{"大学本科", 6}, {"研究生", 2}, {"大学专科", 1}, {"本科", 1}};
constexpr Weighted kEduEnterprise[] = {
    {"大学专科", 4}, {"大学本科", 3}, {"中专", 1}, {"高中", 1}, {"大专", 1}};
constexpr Weighted kEduCommunity[] = {{"高中", 4},     {"大学专科", 2}, {"中专", 1},
                                      {"大学本科", 2}, {"初中", 1},     {"中职", 1}};

constexpr Weighted kOccStudents[] = {{"学生", 1}};
constexpr Weighted kOccStaff[] = {{"机关事业单位职员", 1}};
constexpr Weighted kOccRural[] = {{"农民", 6}, {"工人", 2}, {"自由职业", 1}, {"无业", 1}};
constexpr Weighted kOccAgency[] = {{"机关事业单位职员", 1}};
constexpr Weighted kOccEnterprise[] = {{"企业职员", 4}, {"工人", 1}};
constexpr Weighted kOccCommunity[] = {{"自由职业", 3}, {"工人", 2}, {"企业职员", 2},
                                      {"学生", 2},     {"无业", 1}, {"其他", 1}};

constexpr Weighted kEthnicities[] = {{"汉族", 870},  {"蒙古族", 70}, {"满族", 20}, {"回族", 15},
                                     {"朝鲜族", 10}, {"锡伯族", 5},  {"汉", 10}};

struct ProfileMix {
  int min_age;  // on `today`
  int max_age;
  std::span<const Weighted> education;
  std::span<const Weighted> occupation;
  int weight;  // rows a branch of this kind gets, relative to the others
};

ProfileMix MixOf(Profile p) {
  switch (p) {
    case Profile::kSeniorHighStudents:
      return {15, 18, kEduStudents, kOccStudents, 3};
    case Profile::kSchoolStaff:
      return {23, 27, kEduStaff, kOccStaff, 1};
    case Profile::kRural:
      return {18, 27, kEduRural, kOccRural, 4};
    case Profile::kAgency:
      return {22, 27, kEduAgency, kOccAgency, 1};
    case Profile::kEnterprise:
      return {19, 27, kEduEnterprise, kOccEnterprise, 3};
    case Profile::kCommunity:
      return {16, 27, kEduCommunity, kOccCommunity, 2};
  }
  return {18, 27, kEduCommunity, kOccCommunity, 1};
}

class Generator {
 public:
  Generator(uint32_t seed, Date today) : rng_(seed), today_(today) {}

  std::vector<std::string> Row(const BenchOrg& branch, MemberCsv& stats) {
    const ProfileMix mix = MixOf(branch.profile);
    // Age on `today` in whole years, then a day within that year of life.
    const int age = Uniform(mix.min_age, mix.max_age);
    const int alive = age * 365 + age / 4 + Uniform(1, 360);
    const Date birth{sys_days(today_) - days(alive)};
    // Admitted from 14 years and 10 days (14 years are at most 5 114 days) to 27 years and 300
    // days (28 years are at least 10 226 days), and before today.
    const int join_from = 14 * 365 + 10;
    const int join_to = std::min(alive - 1, 27 * 365 + 300);
    const Date join{sys_days(birth) + days(Uniform(join_from, std::max(join_from, join_to)))};

    const bool male = rng_() % 2 == 0;
    std::string id = IdNumber(birth, male);
    std::string ethnicity(Pick(kEthnicities));
    std::string name = Name(ethnicity);

    char buf[40];
    const unsigned y = static_cast<unsigned>(int(join.year()));
    const unsigned m = unsigned(join.month());
    const unsigned d = unsigned(join.day());
    // Most files carry ISO dates; some were typed or saved by Excel as 2019/9/1 or 2019.09.01.
    switch (rng_() % 20) {
      case 0:
      case 1:
        std::snprintf(buf, sizeof buf, "%u/%u/%u", y, m, d);
        break;
      case 2:
        std::snprintf(buf, sizeof buf, "%u.%02u.%02u", y, m, d);
        break;
      default:
        std::snprintf(buf, sizeof buf, "%u-%02u-%02u", y, m, d);
    }
    std::string join_text = buf;

    std::string member_no;
    if (y >= 2017 || rng_() % 5 < 2) {
      std::snprintf(buf, sizeof buf, "%u220821%06u", y, ++member_serial_);
      member_no = buf;
      ++stats.with_member_no;
    }
    std::string phone;
    if (rng_() % 5 != 0) {
      static constexpr char kSecond[] = "35789";
      std::snprintf(buf, sizeof buf, "1%c%09u", kSecond[rng_() % 5], unsigned(rng_() % 1000000000));
      phone = buf;
      ++stats.with_phone;
    }
    return {std::move(name),
            std::move(id),
            std::move(ethnicity),
            std::move(join_text),
            std::move(member_no),
            std::move(phone),
            std::string(Pick(mix.education)),
            std::string(Pick(mix.occupation)),
            branch.code};
  }

  // A branch, the busier kinds more often.
  size_t PickBranch(const std::vector<size_t>& branches, const std::vector<BenchOrg>& tree) {
    if (!pick_branch_) {
      std::vector<int> weights;
      for (size_t i : branches) weights.push_back(MixOf(tree[i].profile).weight);
      pick_branch_.emplace(weights.begin(), weights.end());
    }
    return branches[(*pick_branch_)(rng_)];
  }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  std::string_view Pick(std::span<const Weighted> table) {
    int total = 0;
    for (const auto& w : table) total += w.weight;
    int k = Uniform(0, total - 1);
    for (const auto& w : table) {
      if (k < w.weight) return w.label;
      k -= w.weight;
    }
    return table.back().label;
  }

  template <size_t N>
  std::string_view Pick(const std::string_view (&list)[N]) {
    return list[rng_() % N];
  }

  std::string Name(const std::string& ethnicity) {
    if (ethnicity == "蒙古族" && rng_() % 2 == 0)
      return std::string(Pick(kSurnames)) + std::string(Pick(kMongolianNames));
    std::string name(rng_() % 100 == 0 ? Pick(kCompoundSurnames) : Pick(kSurnames));
    name += Pick(kGiven);
    if (rng_() % 3 != 0) name += Pick(kGiven);
    return name;
  }

  // A unique valid number; the sequence's parity carries the gender (odd = male).
  std::string IdNumber(Date birth, bool male) {
    std::string_view division = rng_() % 100 < 85 ? "220821" : Pick(kNeighbourDivisions);
    for (;;) {
      unsigned seq = 1 + unsigned(rng_() % 499) * 2;  // odd, 1..997
      if (!male) seq += 1;                            // even, 2..998
      char buf[24];
      std::snprintf(buf, sizeof buf, "%.6s%04d%02u%02u%03u", division.data(), int(birth.year()),
                    unsigned(birth.month()), unsigned(birth.day()), seq);
      std::string id(buf, 17);
      id += ResidentIdCheckChar(id);
      if (used_ids_.insert(id).second) return id;
    }
  }

  std::mt19937 rng_;
  Date today_;
  unsigned member_serial_ = 0;
  std::unordered_set<std::string> used_ids_;
  std::optional<std::discrete_distribution<size_t>> pick_branch_;
};

BenchOrg Org(std::string code, std::string parent, std::string name, std::string type,
             std::string sector, std::string stage = "", Profile p = Profile::kCommunity) {
  return {std::move(code),
          std::move(parent),
          std::move(name),
          std::move(type),
          std::move(sector),
          std::move(stage),
          p};
}

}  // namespace

const std::vector<BenchOrg>& BenchOrgTree() {
  static const std::vector<BenchOrg> kTree = {
      Org("ZL-01", "", "镇赉镇团委", "committee", "rural"),
      Org("ZL-01-01", "ZL-01", "镇赉镇机关团支部", "branch", "agency", "", Profile::kAgency),
      Org("ZL-01-02", "ZL-01", "东风村团支部", "branch", "rural", "", Profile::kRural),
      Org("ZL-01-03", "ZL-01", "胜利村团支部", "branch", "rural", "", Profile::kRural),
      Org("ZL-02", "", "坦途镇团委", "committee", "rural"),
      Org("ZL-02-01", "ZL-02", "坦途村团支部", "branch", "rural", "", Profile::kRural),
      Org("ZL-02-02", "ZL-02", "东岗村团支部", "branch", "rural", "", Profile::kRural),
      Org("ZL-03", "", "镇赉县第一中学团委", "committee", "school", "senior_high"),
      Org("ZL-03-01", "ZL-03", "高一（1）班团支部", "branch", "school", "senior_high",
          Profile::kSeniorHighStudents),
      Org("ZL-03-02", "ZL-03", "高二（1）班团支部", "branch", "school", "senior_high",
          Profile::kSeniorHighStudents),
      Org("ZL-03-03", "ZL-03", "高三（1）班团支部", "branch", "school", "senior_high",
          Profile::kSeniorHighStudents),
      Org("ZL-03-04", "ZL-03", "教工团支部", "branch", "school", "senior_high",
          Profile::kSchoolStaff),
      Org("ZL-04", "", "县直机关团工委", "working_committee", "agency"),
      Org("ZL-04-01", "ZL-04", "县教育局团支部", "branch", "agency", "", Profile::kAgency),
      Org("ZL-04-02", "ZL-04", "县人民医院团支部", "branch", "agency", "", Profile::kAgency),
      Org("ZL-05", "", "非公企业团工委", "working_committee", "enterprise"),
      Org("ZL-05-01", "ZL-05", "镇赉县农村商业银行团支部", "branch", "enterprise", "",
          Profile::kEnterprise),
      Org("ZL-05-02", "ZL-05", "镇赉县电商产业园团支部", "branch", "enterprise", "",
          Profile::kEnterprise),
      Org("ZL-06", "", "幸福街道团工委", "working_committee", "community"),
      Org("ZL-06-01", "ZL-06", "幸福社区团支部", "branch", "community", "", Profile::kCommunity),
  };
  return kTree;
}

MemberCsv MakeMemberCsv(size_t rows, uint32_t seed, Date today) {
  const auto& tree = BenchOrgTree();
  std::vector<size_t> branches;
  for (size_t i = 0; i < tree.size(); ++i)
    if (tree[i].type == "branch") branches.push_back(i);
  Generator gen(seed, today);
  MemberCsv out;
  sheet::Table t;
  t.header = {"姓名",     "身份证号码", "民族", "入团时间",      "团员编号",
              "手机号码", "学历",       "职业", "所在团组织编码"};
  t.rows.reserve(rows);
  for (size_t r = 0; r < rows; ++r)
    t.rows.push_back(gen.Row(tree[gen.PickBranch(branches, tree)], out));
  out.rows = rows;
  out.bytes = sheet::WriteCsv(t);
  return out;
}

}  // namespace tj::bench
