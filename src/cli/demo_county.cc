#include "cli/demo_county.h"

#include <cstdlib>
#include <random>
#include <set>
#include <vector>

#include "base/crypto.h"
#include "service/member_import.h"
#include "service/org_service.h"
#include "service/user_service.h"

namespace tj::cli {
namespace {

struct Node {
  std::string name;
  std::string type;
  std::string sector;
  std::string stage;  // empty: none
  std::vector<Node> children;
};

Node Branch(std::string name, std::string sector, std::string stage = "") {
  return {std::move(name), "branch", std::move(sector), std::move(stage), {}};
}

std::vector<Node> Branches(const std::vector<std::string>& names, const std::string& sector,
                           const std::string& stage = "") {
  std::vector<Node> out;
  for (const auto& n : names) out.push_back(Branch(n, sector, stage));
  return out;
}

// A school committee with one general branch a grade and a branch a class.
Node School(std::string name, std::string stage, const std::vector<std::string>& grades,
            int classes) {
  Node school{std::move(name), "committee", "school", stage, {}};
  for (const auto& g : grades) {
    Node grade{g + "团总支", "general_branch", "school", stage, {}};
    for (int k = 1; k <= classes; ++k)
      grade.children.push_back(Branch(g + "（" + std::to_string(k) + "）班团支部", "school", stage));
    school.children.push_back(std::move(grade));
  }
  school.children.push_back(Branch("教工团支部", "school", stage));
  return school;
}

std::vector<Node> County() {
  std::vector<Node> top;
  // Subdistricts: working committees over community branches.
  for (const auto& [sub, communities] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"幸福街道", {"幸福社区", "和平社区", "光明社区"}},
           {"向阳街道", {"向阳社区", "团结社区", "振兴社区"}},
           {"建设街道", {"建设社区", "新华社区", "民主社区"}}}) {
    Node n{sub + "团工委", "working_committee", "community", "", {}};
    for (const auto& c : communities) n.children.push_back(Branch(c + "团支部", "community"));
    top.push_back(std::move(n));
  }
  // Towns and townships: committees over village branches.
  const std::vector<std::pair<std::string, std::vector<std::string>>> rural = {
      {"镇赉镇", {"东风村", "胜利村", "新立村"}},
      {"坦途镇", {"坦途村", "东岗村", "永丰村"}},
      {"东屏镇", {"东屏村", "红光村", "民强村"}},
      {"五棵树镇", {"五棵树村", "新民村", "长发村"}},
      {"黑鱼泡镇", {"黑鱼泡村", "前进村", "合心村"}},
      {"大屯镇", {"大屯村", "富民村", "兴隆村"}},
      {"沿江镇", {"沿江村", "同心村", "农丰村"}},
      {"建平乡", {"建平村", "太平村", "永安村"}},
      {"嘎什根乡", {"嘎什根村", "四家子村", "丰收村"}},
      {"哈吐气蒙古族乡", {"哈吐气村", "巴音村", "查干村"}},
      {"莫莫格蒙古族乡", {"莫莫格村", "白音村", "乌兰村"}},
  };
  for (const auto& [town, villages] : rural) {
    Node n{town + "团委", "committee", "rural", "", {}};
    n.children.push_back(Branch(town + "机关团支部", "agency"));
    for (const auto& v : villages) n.children.push_back(Branch(v + "团支部", "rural"));
    top.push_back(std::move(n));
  }
  // Schools.
  top.push_back(School("镇赉县第一中学团委", "senior_high", {"高一", "高二", "高三"}, 4));
  top.push_back(School("镇赉县第二中学团委", "senior_high", {"高一", "高二", "高三"}, 3));
  top.push_back(School("镇赉县实验中学团委", "junior_high", {"初一", "初二", "初三"}, 4));
  top.push_back(School("镇赉县第三中学团委", "junior_high", {"初一", "初二", "初三"}, 3));
  top.push_back(School("镇赉县职业技术教育中心团委", "vocational", {"一年级", "二年级", "三年级"}, 3));
  top.push_back(Node{"镇赉县第一小学教工团支部", "branch", "school", "primary", {}});
  top.push_back(Node{"镇赉县第二小学教工团支部", "branch", "school", "primary", {}});
  top.push_back(Node{"镇赉县实验小学教工团支部", "branch", "school", "primary", {}});
  // Agencies and enterprises.
  top.push_back(Node{"县直机关团工委", "working_committee", "agency", "",
                     Branches({"县委办公室团支部", "县教育局团支部", "县卫生健康局团支部",
                               "县公安局团支部", "县税务局团支部", "县人民医院团支部",
                               "县司法局团支部"},
                              "agency")});
  top.push_back(Node{"非公企业团工委", "working_committee", "enterprise", "",
                     Branches({"镇赉县农村商业银行团支部", "镇赉县供电公司团支部",
                               "镇赉经济开发区企业联合团支部", "镇赉县电商产业园团支部"},
                              "enterprise")});
  top.push_back(Node{"镇赉县青年志愿者协会团支部", "branch", "social", "", {}});
  return top;
}

Result<int> CreateAll(service::OrgService& orgs, const service::Actor& a, int64_t parent_id,
                      const std::string& parent_code, const std::vector<Node>& nodes) {
  int created = 0;
  int index = 0;
  for (const auto& n : nodes) {
    ++index;
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%02d", index);
    std::string code = parent_code + suffix;
    domain::OrgFields f;
    f.name = n.name;
    f.type = n.type;
    f.sector = n.sector;
    if (!n.stage.empty()) f.school_stage = n.stage;
    f.code = code;
    auto v = orgs.Create(a, parent_id, f);
    if (!v) return Fail(v.error());
    ++created;
    auto sub = CreateAll(orgs, a, v->org.id, code, n.children);
    if (!sub) return sub;
    created += *sub;
  }
  return created;
}

// Members for every branch, in the mix a county has: students in school branches, young
// farmers and workers in villages, employees in agencies and enterprises; valid ID numbers with
// Zhenlai's division code; a few turning 28 soon; a secretary for every branch.
Result<int> CreateDemoMembers(service::Deps& deps, const service::Actor& root, Date today) {
  service::OrgService orgs(deps);
  service::OrgListRequest lr;
  lr.subtree = true;
  lr.type = domain::OrgType::kBranch;
  lr.page.size = 500;
  auto branches = orgs.List(root, lr);
  if (!branches) return Fail(branches.error());
  std::mt19937 rng(220821u);
  auto pick = [&](const auto& list) { return list[rng() % std::size(list)]; };
  static constexpr std::string_view kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                                   "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
                                                   "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
                                                   "包", "白", "于", "董", "吕"};
  static constexpr std::string_view kGiven[] = {"浩", "宇", "轩", "子", "涵", "欣", "怡", "梓", "博", "文",
                                                "佳", "雨", "思", "俊", "明", "丽", "婷", "鑫", "磊", "强",
                                                "静", "敏", "晨", "阳", "雪", "琳", "杰", "鹏", "瑶", "萱"};
  std::set<std::string> used_ids;
  int serial = 0;
  std::vector<std::pair<int64_t, domain::MemberDraft>> rows;
  std::vector<std::pair<int64_t, std::string>> secretaries;
  auto add_member = [&](int64_t org_id, int min_age, int max_age, domain::Occupation occ,
                        domain::Education edu, bool near_28) -> bool {
    int age_days_min = min_age * 365 + 10, age_days_max = max_age * 365 + 300;
    int days = near_28 ? 28 * 365 - 1 - int(rng() % 80)
                       : age_days_min + int(rng() % unsigned(std::max(1, age_days_max - age_days_min)));
    Date birth{std::chrono::sys_days(today) - std::chrono::days(days)};
    // Admission between the 14th birthday and min(today, 27th year).
    int join_after = 14 * 365 + 30;
    int join_span = std::max(1, std::min(days - join_after - 1, 12 * 365));
    Date join{std::chrono::sys_days(birth) + std::chrono::days(join_after + int(rng() % unsigned(join_span)))};
    char buf[32];
    std::string id;
    do {
      std::snprintf(buf, sizeof buf, "220821%04d%02u%02u%03u", int(birth.year()), unsigned(birth.month()),
                    unsigned(birth.day()), unsigned(rng() % 1000));
      std::string first17(buf, 17);
      id = first17 + ResidentIdCheckChar(first17);
    } while (!used_ids.insert(id).second);
    domain::MemberFields f;
    f.name = std::string(pick(kSurnames)) + std::string(pick(kGiven)) +
             (rng() % 2 ? std::string(pick(kGiven)) : "");
    f.id_number = id;
    f.ethnicity = rng() % 10 == 0 ? "蒙古族" : (rng() % 25 == 0 ? "满族" : "汉族");
    f.join_date = FormatDate(join);
    if (int(join.year()) >= 2017) {
      std::snprintf(buf, sizeof buf, "%04d2208%06d", int(join.year()), ++serial);
      f.member_no = buf;
    }
    if (rng() % 4 != 0) {
      std::snprintf(buf, sizeof buf, "13%01u%08u", unsigned(rng() % 10), unsigned(rng() % 100000000));
      f.phone = buf;
    }
    f.education = std::string(NameOf(domain::EducationNames(), edu));
    f.occupation = std::string(NameOf(domain::OccupationNames(), occ));
    auto draft = domain::ValidateNewMember(f, today);
    if (!draft) return false;  // a generated record that breaks a rule is skipped
    rows.emplace_back(org_id, std::move(*draft));
    return true;
  };
  using domain::Education;
  using domain::Occupation;
  for (const auto& item : branches->items) {
    const auto& o = item.org;
    int n = 0;
    size_t first = rows.size();
    if (o.sector == domain::Sector::kSchool) {
      auto stage = o.school_stage.value_or(domain::SchoolStage::kSeniorHigh);
      bool staff = o.name.find("教工") != std::string::npos;
      if (staff) {
        for (n = 0; n < 10; ++n)
          add_member(o.id, 23, 27, Occupation::kPublicEmployee, Education::kBachelor, n == 0);
      } else if (stage == domain::SchoolStage::kJuniorHigh) {
        for (n = 0; n < 25 + int(rng() % 15); ++n)
          add_member(o.id, 14, 15, Occupation::kStudent, Education::kPrimary, false);
      } else {
        for (n = 0; n < 45 + int(rng() % 30); ++n)
          add_member(o.id, 15, 18, Occupation::kStudent, Education::kJuniorHigh, false);
      }
    } else if (o.sector == domain::Sector::kRural) {
      for (n = 0; n < 110 + int(rng() % 60); ++n)
        add_member(o.id, 18, 27, rng() % 3 ? Occupation::kFarmer : Occupation::kWorker,
                   rng() % 3 ? Education::kJuniorHigh : Education::kSeniorHigh, n < 2);
    } else if (o.sector == domain::Sector::kAgency) {
      for (n = 0; n < 25 + int(rng() % 20); ++n)
        add_member(o.id, 22, 27, Occupation::kPublicEmployee,
                   rng() % 4 ? Education::kBachelor : Education::kPostgraduate, n < 1);
    } else if (o.sector == domain::Sector::kEnterprise) {
      for (n = 0; n < 60 + int(rng() % 40); ++n)
        add_member(o.id, 19, 27, Occupation::kEnterpriseEmployee,
                   rng() % 2 ? Education::kAssociate : Education::kBachelor, n < 1);
    } else {
      for (n = 0; n < 70 + int(rng() % 40); ++n)
        add_member(o.id, 16, 27, pick(std::array{Occupation::kFreelancer, Occupation::kWorker,
                                                 Occupation::kEnterpriseEmployee, Occupation::kStudent,
                                                 Occupation::kUnemployed}),
                   pick(std::array{Education::kSeniorHigh, Education::kAssociate,
                                   Education::kVocationalSecondary, Education::kBachelor}),
                   n < 1);
    }
    if (rows.size() > first) secretaries.emplace_back(o.id, rows[first + rows.size() % (rows.size() - first)].second.id.number);
  }
  service::MemberImportService import(deps);
  auto n = import.Register(root, rows);
  if (!n) return Fail(n.error());
  // A secretary for each branch, in office since the start of the year.
  service::MemberService members(deps);
  for (const auto& [org_id, id_number] : secretaries) {
    service::MemberListRequest q;
    q.org_id = org_id;
    q.q = id_number;
    auto found = members.List(root, q);
    if (!found) return Fail(found.error());
    if (found->items.empty()) continue;
    service::CadreFields c;
    c.member_id = found->items[0].member.id;
    c.org_id = org_id;
    c.post = "secretary";
    c.term_start = std::to_string(int(today.year())) + "-01-01";
    if (auto cadre = members.CreateCadre(root, c); !cadre) return Fail(cadre.error());
  }
  return static_cast<int>(*n);
}

}  // namespace

Result<DemoResult> CreateDemoCounty(service::Deps& deps, const service::Actor& root, bool with_activity) {
  service::OrgService orgs(deps);
  DemoResult out;
  auto top = orgs.Get(root, root.org_id);
  if (!top) return Fail(top.error());
  if (top->child_count > 0) return out;

  domain::OrgFields rename;
  rename.name = "共青团镇赉县委";
  rename.short_name = "团县委";
  if (auto r = orgs.Update(root, root.org_id, rename); !r) return Fail(r.error());
  auto created = CreateAll(orgs, root, root.org_id, top->org.code, County());
  if (!created) return Fail(created.error());
  out.orgs = *created;
  auto members = CreateDemoMembers(deps, root, deps.Today());
  if (!members) return Fail(members.error());
  out.members = *members;

  auto password = CreateFirstAdmin(deps, root, "团县委管理员");
  if (!password) return Fail(password.error());
  out.admin_password = std::move(*password);
  if (with_activity) {
    auto activity = CreateDemoActivity(deps, root);
    if (!activity) return Fail(activity.error());
    out.activity = *activity;
  }
  return out;
}

Result<std::string> CreateFirstAdmin(service::Deps& deps, const service::Actor& root,
                                     const std::string& display_name) {
  const char* fixed = std::getenv("TUANJIAN_INITIAL_PASSWORD");
  std::string password = fixed && *fixed ? fixed : "Tj-" + crypto::RandomToken(12) + "9a";
  service::UserService users(deps);
  service::NewAccountRequest admin;
  admin.username = "admin";
  admin.display_name = display_name;
  admin.org_id = root.org_id;
  admin.roles = std::vector<std::string>{"system_admin", "committee_staff"};
  admin.password = password;
  if (auto acc = users.Create(root, admin); !acc) return Fail(acc.error());
  return password;
}

}  // namespace tj::cli
