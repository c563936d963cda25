#include "cli/demo_activity.h"

#include <map>
#include <string>
#include <vector>

#include "base/resident_id.h"
#include "service/member_service.h"
#include "service/org_service.h"
#include "service/recruitment_service.h"
#include "service/rule_service.h"
#include "service/activity_service.h"
#include "service/checkin_queue.h"
#include "service/dues_service.h"
#include "service/study_service.h"
#include "service/transfer_service.h"
#include "service/two_systems_service.h"

namespace tj::cli {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Date DaysAgo(Date today, int n) { return Date(sys_days(today) - days(n)); }
std::string Day(Date d) { return FormatDate(d); }
std::string DayAgo(Date today, int n) { return FormatDate(DaysAgo(today, n)); }

// Every org of the tree, by name (the first of a name in tree order) and by id.
struct Tree {
  std::vector<domain::Org> orgs;
  const domain::Org* Named(std::string_view name, std::string_view under_path = "/") const {
    for (const auto& o : orgs)
      if (o.name == name && domain::InSubtree(under_path, o.path)) return &o;
    return nullptr;
  }
};

Result<Tree> LoadTree(service::Deps& deps, const service::Actor& root) {
  service::OrgService orgs(deps);
  Tree t;
  service::OrgListRequest r;
  r.subtree = true;
  r.page.size = 500;
  for (int64_t page = 1;; ++page) {
    r.page.page = page;
    auto list = orgs.List(root, r);
    if (!list) return Fail(list.error());
    for (auto& item : list->items) t.orgs.push_back(std::move(item.org));
    if (page * r.page.size >= list->total) break;
  }
  return t;
}

Result<std::vector<int64_t>> MemberIds(service::Deps& deps, const service::Actor& root, int64_t org_id, int n) {
  service::MemberListRequest q;
  q.org_id = org_id;
  q.subtree = false;
  q.page.size = n;
  auto list = service::MemberService(deps).List(root, q);
  if (!list) return Fail(list.error());
  std::vector<int64_t> ids;
  for (const auto& m : list->items) ids.push_back(m.member.id);
  return ids;
}

// A valid ID number for someone born on `birth` (Zhenlai's division code).
std::string IdNumber(Date birth, int seq) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "220821%04d%02u%02u%03d", int(birth.year()), unsigned(birth.month()),
                unsigned(birth.day()), seq % 1000);
  std::string first17(buf, 17);
  return first17 + ResidentIdCheckChar(first17);
}

Result<void> CountyRules(service::Deps& deps, const service::Actor& root, int year) {
  service::RuleService rules(deps);
  for (int y = year - 1; y <= year + 1; ++y) {
    auto current = rules.Get(root, y);
    if (!current) return Fail(current.error());
    if (current->rules.version > 0) continue;
    service::RuleFields f;
    f.junior_high_cap_percent = 20;
    f.senior_high_cap_percent = 40;
    if (auto r = rules.Put(root, y, f); !r) return Fail(r.error());
  }
  return {};
}

// Number ranges for this year and last for each committee directly under the top org, and
// cohort sizes of the junior and senior high schools.
Result<void> RangesAndCohorts(service::Deps& deps, const service::Actor& root, const Tree& tree, Date today) {
  service::RecruitmentService recruitment(deps);
  int year = int(today.year());
  int block = 0;
  std::string top_path = root.org_path;
  for (const auto& o : tree.orgs) {
    bool direct = o.path.size() > top_path.size() && o.path.compare(0, top_path.size(), top_path) == 0 &&
                  o.path.find('/', top_path.size()) == o.path.size() - 1;
    if (!direct || o.type == domain::OrgType::kBranch) continue;
    ++block;
    for (int y : {year - 1, year}) {
      service::RangeFields f{o.id, y, 8, block * 1000 + 1, block * 1000 + 500};
      if (auto r = recruitment.CreateRange(root, f); !r) return Fail(r.error());
    }
    if (o.school_stage != domain::SchoolStage::kJuniorHigh && o.school_stage != domain::SchoolStage::kSeniorHigh)
      continue;
    bool junior = o.school_stage == domain::SchoolStage::kJuniorHigh;
    // The graduating class of this school year, and next year's.
    int first = year + (unsigned(today.month()) >= 7 ? 1 : 0);
    for (int k = 0; k < 2; ++k) {
      int students = (junior ? 420 : 380) - 20 * k;
      int before = students * (junior ? 15 : 30) / 100;
      service::QuotaFields q{o.id, first + k, students, before};
      if (auto r = recruitment.PutQuota(root, q); !r) return Fail(r.error());
    }
  }
  return {};
}

// Recruitment files in a junior high graduating class, one at each stage.
Result<int> Recruitment(service::Deps& deps, const service::Actor& root, const Tree& tree, Date today) {
  const domain::Org* school = tree.Named("镇赉县实验中学团委");
  const domain::Org* branch = school ? tree.Named("初三（1）班团支部", school->path) : nullptr;
  if (!branch) return 0;
  auto people = MemberIds(deps, root, branch->id, 2);
  if (!people) return Fail(people.error());
  if (people->size() < 2) return 0;
  service::RecruitmentService recruitment(deps);
  int graduating = int(today.year()) + (unsigned(today.month()) >= 7 ? 1 : 0);
  static constexpr std::string_view kNames[] = {"赵子涵", "钱思远", "孙雨桐", "李浩然", "周欣怡",
                                                "吴俊熙", "郑梓萱", "王博文"};
  // stage index: 0 applied, 1 applied (talk overdue), 2 activist, 3 candidate,
  // 4 branch approved, 5 approved, 6 admitted, 7 rejected
  int made = 0;
  for (int k = 0; k < 8; ++k) {
    Date birth = DaysAgo(YearsBefore(today, 15), 40 + 17 * k);
    domain::ApplicantFields f;
    f.person.name = std::string(kNames[k]);
    f.person.id_number = IdNumber(birth, 201 + 2 * k);
    f.person.ethnicity = k == 3 ? "蒙古族" : "汉族";
    f.person.education = "primary";
    f.person.occupation = "student";
    f.school_stage = "junior_high";
    f.graduating_year = graduating;
    int applied = k == 0 ? 10 : k == 1 ? 40 : k == 7 ? 100 : 200;
    f.applied_on = DayAgo(today, applied);
    if (k >= 2) {
      f.talk_on = DayAgo(today, applied - 10);
      f.talk_note = "了解入团动机，学习团章";
    }
    auto file = recruitment.Create(root, branch->id, f);
    if (!file) return Fail(file.error());
    ++made;
    int64_t id = file->applicant.id;
    auto step = [&](std::string to, int ago) {
      service::AdvanceRequest r;
      r.to = std::move(to);
      r.date = DayAgo(today, ago);
      return r;
    };
    if (k == 7) {
      auto r = step("rejected", 50);
      r.reason = "本人学习任务重，暂缓入团";
      if (auto a = recruitment.Advance(root, id, r); !a) return Fail(a.error());
      continue;
    }
    if (k < 2) continue;
    auto activist = step("activist", 180);
    activist.sponsor_ids = std::vector<int64_t>{(*people)[0]};
    if (auto a = recruitment.Advance(root, id, activist); !a) return Fail(a.error());
    for (int ago : {150, 120}) {
      domain::ClassHourFields h{DayAgo(today, ago), 8, ago == 150 ? "团章学习" : "团史与光荣传统"};
      if (auto a = recruitment.AddClassHours(root, id, h); !a) return Fail(a.error());
    }
    if (k < 3) continue;
    auto candidate = step("candidate", 60);
    candidate.introducer_ids = std::vector<int64_t>{(*people)[0], (*people)[1]};
    if (auto a = recruitment.Advance(root, id, candidate); !a) return Fail(a.error());
    if (k < 4) continue;
    auto vote = step("branch_approved", 20);
    vote.eligible = 36, vote.present = 31, vote.yes = 30;
    if (auto a = recruitment.Advance(root, id, vote); !a) return Fail(a.error());
    if (k < 5) continue;
    if (auto a = recruitment.Advance(root, id, step("approved", 10)); !a) return Fail(a.error());
    if (k < 6) continue;
    if (auto a = recruitment.Advance(root, id, step("admitted", 5)); !a) return Fail(a.error());
  }
  return made;
}

// Last year's evaluation in one town's branches: two approved, one waiting, one still open;
// this year's registration of the members the approved ones allow.
Result<std::pair<int, int>> TwoSystems(service::Deps& deps, const service::Actor& root, const Tree& tree, Date today) {
  const domain::Org* town = tree.Named("镇赉镇团委");
  if (!town) return std::pair{0, 0};
  std::vector<const domain::Org*> branches;
  for (const auto& o : tree.orgs)
    if (o.type == domain::OrgType::kBranch && domain::InSubtree(town->path, o.path) && o.id != town->id)
      branches.push_back(&o);
  service::TwoSystemsService svc(deps);
  int year = int(today.year()) - 1;
  std::string meeting = std::to_string(year) + "-12-20";
  int evaluations = 0;
  std::vector<int64_t> approved_members;
  for (size_t b = 0; b < branches.size() && b < 4; ++b) {
    auto e = svc.OpenEvaluation(root, branches[b]->id, year);
    if (!e) return Fail(e.error());
    ++evaluations;
    if (b == 3) continue;  // still open
    int due = static_cast<int>(e->lines.size());
    int excellent = std::max(0, due * 30 / 100 - 1);
    std::vector<service::EntryFields> entries;
    for (int i = 0; i < due; ++i) {
      service::EntryFields f;
      f.member_id = e->lines[static_cast<size_t>(i)].entry.member_id;
      f.present = i % 10 != 9;  // nine in ten attend
      f.grade = i < excellent ? "excellent" : i == due - 1 ? "unqualified" : i == due - 2 ? "basically_qualified" : "qualified";
      entries.push_back(std::move(f));
    }
    if (auto r = svc.SaveEntries(root, e->evaluation.id, meeting, entries); !r) return Fail(r.error());
    // The county submits for the demo's branches, acting as their branch committee would.
    if (auto r = svc.Submit(root, e->evaluation.id); !r) return Fail(r.error());
    if (b == 2) continue;  // waiting for approval
    if (auto r = svc.Approve(root, e->evaluation.id); !r) return Fail(r.error());
    for (int i = 0; i + 1 < due; ++i) approved_members.push_back(entries[static_cast<size_t>(i)].member_id);
  }
  int registered = 0;
  auto campaign = svc.OpenCampaign(root, int(today.year()), std::to_string(int(today.year())) + "-01-01",
                                   std::to_string(int(today.year())) + "-03-31");
  if (!campaign) return Fail(campaign.error());
  // Most of the eligible have registered; the rest are left for the branch to follow up.
  approved_members.resize(approved_members.size() * 4 / 5);
  if (!approved_members.empty()) {
    auto n = svc.Register(root, int(today.year()), approved_members, Day(today));
    if (!n) return Fail(n.error());
    registered = static_cast<int>(*n);
  }
  return std::pair{evaluations, registered};
}

// Party recommendations in the county agencies: one nominated, one recommended, two reviewed.
Result<int> Party(service::Deps& deps, const service::Actor& root, const Tree& tree, Date today) {
  const domain::Org* branch = tree.Named("县教育局团支部");
  if (!branch) return 0;
  auto members = MemberIds(deps, root, branch->id, 6);
  if (!members) return Fail(members.error());
  service::TwoSystemsService svc(deps);
  int made = 0;
  for (size_t k = 0; k < members->size() && k < 4; ++k) {
    service::NominationFields n{(*members)[k], DayAgo(today, 300 + 20 * int(k)), DayAgo(today, 60),
                                "工作积极，表现突出"};
    auto p = svc.Nominate(root, n);
    if (!p) return Fail(p.error());
    ++made;
    if (k == 0) continue;
    service::VoteFields v{DayAgo(today, 30), 28, 25, 24};
    if (auto r = svc.RecordVote(root, p->id, v); !r) return Fail(r.error());
    if (k == 1) continue;
    service::ReviewFields rv{DayAgo(today, 10), "accepted", static_cast<int64_t>(k - 1), "同意推荐"};
    if (auto r = svc.Review(root, p->id, rv); !r) return Fail(r.error());
  }
  return made;
}

// Graduation dates of the graduating classes' branches, and a hand-off branch in one town.
Result<void> Graduation(service::Deps& deps, const service::Actor& root, const Tree& tree, Date today) {
  service::OrgService orgs(deps);
  int june_year = int(today.year()) + (unsigned(today.month()) >= 7 ? 1 : 0);
  std::string june = std::to_string(june_year) + "-06-30";
  for (const auto& o : tree.orgs) {
    if (o.type != domain::OrgType::kBranch || o.sector != domain::Sector::kSchool) continue;
    if (o.name.find("初三") == std::string::npos && o.name.find("高三") == std::string::npos) continue;
    domain::OrgFields f;
    f.graduation_date = june;
    if (auto r = orgs.Update(root, o.id, f); !r) return Fail(r.error());
  }
  const domain::Org* town = tree.Named("镇赉镇团委");
  if (!town) return {};
  domain::OrgFields h;
  h.name = "镇赉镇学社衔接临时团支部";
  h.type = "branch";
  h.sector = "community";
  h.purpose = "handoff";
  h.code = town->code + "-handoff";
  if (auto r = orgs.Create(root, town->id, h); !r) return Fail(r.error());
  return {};
}

// Transfers in 东屏镇: one waiting for the town to approve, one waiting for the receiving town,
// one completed.
Result<int> Transfers(service::Deps& deps, const service::Actor& root, const Tree& tree) {
  const domain::Org* from = tree.Named("东屏村团支部");
  const domain::Org* to_town = tree.Named("五棵树镇团委");
  const domain::Org* to_branch = to_town ? tree.Named("新民村团支部", to_town->path) : nullptr;
  if (!from || !to_branch) return 0;
  auto people = MemberIds(deps, root, from->id, 3);
  if (!people) return Fail(people.error());
  service::TransferService transfers(deps);
  service::Actor branch_actor = root;  // acting as the branch: only the branch approves at start
  branch_actor.org_id = from->id;
  branch_actor.org_path = from->path;
  int made = 0;
  for (size_t k = 0; k < people->size(); ++k) {
    service::TransferStart s;
    s.member_id = (*people)[k];
    s.to_org_id = k == 0 ? to_town->id : to_branch->id;
    s.reason = k == 2 ? "move" : "job";
    s.note = k == 0 ? "到五棵树镇务工" : "";
    auto t = transfers.Start(k == 0 ? branch_actor : root, s);
    if (!t) return Fail(t.error());
    ++made;
    if (k == 2) {
      service::TransferStep accept{std::string("accept"), to_branch->id, std::nullopt};
      if (auto r = transfers.Act(root, t->row.transfer.id, accept); !r) return Fail(r.error());
    }
  }
  return made;
}

// Dues in 镇赉镇's villages: most members paid through last month, some three months behind,
// a few more than six; the branches and the town remit last month's collection.
Result<int> Dues(service::Deps& deps, const service::Actor& root, const Tree& tree, Date today) {
  const domain::Org* town = tree.Named("镇赉镇团委");
  if (!town) return 0;
  service::DuesService dues(deps);
  int payments = 0;
  domain::Month last = domain::MonthOf(today) - 1;
  std::vector<const domain::Org*> branches;
  for (const auto& o : tree.orgs)
    if (o.type == domain::OrgType::kBranch && o.parent_id == town->id && o.purpose == domain::OrgPurpose::kRegular)
      branches.push_back(&o);
  for (const auto* b : branches) {
    auto ids = MemberIds(deps, root, b->id, 200);
    if (!ids) return Fail(ids.error());
    for (size_t i = 0; i < ids->size(); ++i) {
      auto ledger = dues.Ledger(root, (*ids)[i]);
      if (!ledger) return Fail(ledger.error());
      int owed = 0;
      for (const auto& m : ledger->months)
        if (m.month <= last && !m.settled()) ++owed;
      int behind = i % 10 == 9 ? 7 : i % 10 == 8 ? 3 : 0;  // one in ten far behind, one in ten a quarter
      int months = std::min(24, owed - behind);
      if (months <= 0) continue;
      service::PaymentFields p{months, FormatDate(domain::FirstDay(last)), std::string(i % 3 ? "cash" : "bank"),
                               "ZL" + std::to_string(b->id) + "-" + std::to_string(i + 1), std::nullopt};
      if (auto r = dues.Pay(root, (*ids)[i], p); !r) return Fail(r.error());
      ++payments;
    }
  }
  for (const auto* b : branches)
    if (auto r = dues.Remit(root, b->id, last, last); !r) return Fail(r.error());
  if (auto r = dues.Remit(root, town->id, last, last); !r) return Fail(r.error());
  return payments;
}

// Organizational life in 镇赉镇's village branches this year: the county's topic list, a
// committee meeting each month, a general meeting and a league class each quarter (one branch
// in three skips last quarter's general meeting), a themed day for 五四; most members present.
// Last month's reports: most submitted, one returned, the rest accepted.
Result<int> OrgLife(service::Deps& deps, const service::Actor& root, const Tree& tree, Date today) {
  const domain::Org* town = tree.Named("镇赉镇团委");
  if (!town) return 0;
  service::ActivityService life(deps);
  int year = static_cast<int>(today.year());
  auto topic = life.CreateTopic(root, year, "学习贯彻团的二十大精神", true);
  if (!topic) return Fail(topic.error());
  if (auto t = life.CreateTopic(root, year, "五四青年节主题团日", false); !t) return Fail(t.error());
  int this_month = static_cast<int>(static_cast<unsigned>(today.month()));
  int recorded = 0;
  size_t index = 0;
  for (const auto& o : tree.orgs) {
    if (o.type != domain::OrgType::kBranch || o.parent_id != town->id || o.purpose != domain::OrgPurpose::kRegular)
      continue;
    auto ids = MemberIds(deps, root, o.id, 200);
    if (!ids) return Fail(ids.error());
    auto attend = [&](int seed) {
      std::vector<std::pair<int64_t, std::string>> out;
      for (size_t i = 0; i < ids->size(); ++i)
        out.emplace_back((*ids)[i], (i + static_cast<size_t>(seed)) % 7 == 0 ? "leave" : (i + static_cast<size_t>(seed)) % 11 == 0 ? "absent" : "present");
      return out;
    };
    auto record = [&](std::string kind, int month, int day, std::string topic_text, std::optional<int64_t> topic_id,
                      int seed) -> Result<void> {
      Date held{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                std::chrono::day{static_cast<unsigned>(day)}};
      if (Before(today, held)) return {};
      service::ActivityInput in;
      in.org_id = o.id;
      in.fields.kind = kind;
      in.fields.held_on = FormatDate(held);
      in.fields.topic = std::move(topic_text);
      in.fields.topic_id = topic_id;
      in.fields.place = "村委会会议室";
      if (kind == "class") {
        in.fields.class_half_hours = 4;
        in.fields.teacher = "镇团委书记";
      }
      in.attendance = attend(seed);
      if (auto r = life.Create(root, in); !r) return Fail(r.error());
      ++recorded;
      return {};
    };
    for (int m = 1; m <= this_month; ++m) {
      if (auto r = record("committee_meeting", m, 5, "支委会：研究本月工作", std::nullopt, m); !r) return Fail(r.error());
      bool quarter_end = m % 3 == 0;
      bool skips = index % 3 == 2 && (m + 2) / 3 == (this_month + 2) / 3 - 1;  // last quarter's meeting
      if (quarter_end && !skips)
        if (auto r = record("general_meeting", m, 20, "支部团员大会", topic->id, m + 1); !r) return Fail(r.error());
      if (m % 3 == 2)
        if (auto r = record("class", m, 15, "团课：团的历史与团章", topic->id, m + 2); !r) return Fail(r.error());
      if (m == 5)
        if (auto r = record("themed_day", m, 4, "五四青年节主题团日", std::nullopt, m + 3); !r) return Fail(r.error());
    }
    if (this_month > 1) {
      auto report = life.Submit(root, o.id, domain::FormatMonth(domain::MakeMonth(year, this_month - 1)), "");
      if (!report) return Fail(report.error());
      if (index % 4 == 1) {
        if (auto r = life.Review(root, report->id, "return", "请补充会议记录"); !r) return Fail(r.error());
      } else if (index % 4 != 3) {
        if (auto r = life.Review(root, report->id, "accept", ""); !r) return Fail(r.error());
      }
    }
    ++index;
  }
  return recorded;
}

// Youth Study: this season's last eight weekly episodes (Monday to Sunday, this week's open),
// and participations of about 25 % to 60 % of the members depending on the town, counted in
// their branches. Returns (episodes, participations).
Result<std::pair<int, int>> YouthStudy(service::Deps& deps, const service::Actor& root, const Tree& tree, Date today) {
  service::StudyService study(deps);
  auto season = study.CreateSeason(root, std::to_string(static_cast<int>(today.year())) + "年青年大学习");
  if (!season) return Fail(season.error());
  int weekday = static_cast<int>(std::chrono::weekday(sys_days(today)).iso_encoding());  // 1 = Monday
  Date monday = DaysAgo(today, weekday - 1);
  std::vector<store::Episode> episodes;
  for (int k = 7; k >= 0; --k) {
    Date release = DaysAgo(monday, 7 * k);
    service::EpisodeFields f{season->id, "第" + std::to_string(8 - k) + "期", FormatDate(release),
                             FormatDate(Date(sys_days(release) + days(6)))};
    auto e = study.CreateEpisode(root, f);
    if (!e) return Fail(e.error());
    episodes.push_back(e->episode);
  }
  std::vector<store::Checkin> rows;
  int town_index = 0;
  for (const auto& town : tree.orgs) {
    if (town.depth != 1) continue;
    int percent = 25 + (town_index++ * 7) % 36;  // 25 % to 60 %, town by town
    for (const auto& b : tree.orgs) {
      if (b.type != domain::OrgType::kBranch || !domain::InSubtree(town.path, b.path)) continue;
      auto ids = MemberIds(deps, root, b.id, 500);
      if (!ids) return Fail(ids.error());
      for (size_t e = 0; e < episodes.size(); ++e)
        for (size_t i = 0; i < ids->size(); ++i) {
          uint64_t h = static_cast<uint64_t>((*ids)[i]) * 2654435761u + e * 40503u;
          if (static_cast<int>(h % 100) >= percent) continue;
          Date day = Date(sys_days(episodes[e].release_date) + days(static_cast<int>(h % 5)));
          if (Before(today, day)) day = today;
          Instant at = Instant(sys_days(day)) + std::chrono::hours(12) + std::chrono::minutes(static_cast<int>(h % 600));
          rows.push_back({episodes[e].id, (*ids)[i], b.id, at, "import", "demo"});
        }
    }
  }
  auto created = service::RecordCheckins(deps, rows);
  if (!created) return Fail(created.error());
  return std::pair{static_cast<int>(episodes.size()), static_cast<int>(rows.size())};
}

}  // namespace

Result<DemoActivity> CreateDemoActivity(service::Deps& deps, const service::Actor& root) {
  Date today = deps.Today();
  DemoActivity out;
  auto tree = LoadTree(deps, root);
  if (!tree) return Fail(tree.error());
  if (auto r = CountyRules(deps, root, int(today.year())); !r) return Fail(r.error());
  if (auto r = RangesAndCohorts(deps, root, *tree, today); !r) return Fail(r.error());
  auto files = Recruitment(deps, root, *tree, today);
  if (!files) return Fail(files.error());
  out.applicants = *files;
  auto two = TwoSystems(deps, root, *tree, today);
  if (!two) return Fail(two.error());
  out.evaluations = two->first;
  out.registered = two->second;
  auto party = Party(deps, root, *tree, today);
  if (!party) return Fail(party.error());
  out.recommendations = *party;
  if (auto r = Graduation(deps, root, *tree, today); !r) return Fail(r.error());
  auto transfers = Transfers(deps, root, *tree);
  if (!transfers) return Fail(transfers.error());
  out.transfers = *transfers;
  auto payments = Dues(deps, root, *tree, today);
  if (!payments) return Fail(payments.error());
  out.payments = *payments;
  auto life = OrgLife(deps, root, *tree, today);
  if (!life) return Fail(life.error());
  out.activities = *life;
  auto study = YouthStudy(deps, root, *tree, today);
  if (!study) return Fail(study.error());
  out.episodes = study->first;
  out.checkins = study->second;
  return out;
}

}  // namespace tj::cli
