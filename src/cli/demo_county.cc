#include "cli/demo_county.h"

#include <cstdlib>
#include <vector>

#include "base/crypto.h"
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

}  // namespace

Result<DemoResult> CreateDemoCounty(service::Deps& deps, const service::Actor& root) {
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

  const char* fixed = std::getenv("TUANJIAN_INITIAL_PASSWORD");
  out.admin_password = fixed && *fixed ? fixed : "Tj-" + crypto::RandomToken(12) + "9a";
  service::UserService users(deps);
  service::NewAccountRequest admin;
  admin.username = "admin";
  admin.display_name = "团县委管理员";
  admin.org_id = root.org_id;
  admin.roles = std::vector<std::string>{"system_admin", "committee_staff"};
  admin.password = out.admin_password;
  if (auto acc = users.Create(root, admin); !acc) return Fail(acc.error());
  return out;
}

}  // namespace tj::cli
