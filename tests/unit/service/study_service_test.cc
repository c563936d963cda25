// StudyService on both backends: the episode's open days, once an episode under concurrent
// check-ins (through the group-commit queue and without it), rates and rankings against a
// fresh count from the table (inside and before the index's window), the import's matching
// and its report, scope and permissions.
#include "service/study_service.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "service/checkin_queue.h"
#include "service/transfer_service.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::Role;

class StudyServiceTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    SetToday(DateOf("2026-03-02"));
    season_ = Must(study().CreateSeason(sys_, "2026年春季"), "season").id;
  }
  StudyService study() { return StudyService(deps()); }

  int64_t Episode(std::string title, std::string release, std::string closing) {
    EpisodeFields f{season_, std::move(title), std::move(release), std::move(closing)};
    return Must(study().CreateEpisode(sys_, f), "episode").episode.id;
  }

  // Participants of an org's subtree in an episode, counted in the table.
  int64_t TableCount(int64_t episode, const domain::Org& org) {
    auto c = Conn();
    auto r = Must(c->Query("SELECT COUNT(*) FROM study_checkins s JOIN orgs o ON o.id = s.org_id WHERE s.episode_id = "
                           "$1 AND o.path >= $2 AND o.path < $3",
                           {store::Int(episode), store::Text(org.path), store::Text(domain::SubtreeUpperBound(org.path))}),
                  "count");
    return r.rows.at(0).Int(0);
  }

  domain::MemberFields Fields(const domain::Org& org, std::string name) {
    NewMember m;
    m.birth = AddDays(YearsBefore(Today(), 20), -30);
    m.name = std::move(name);
    (void)org;
    return NextFields(m);
  }

  int64_t season_ = 0;
};

TJ_INSTANTIATE_BACKENDS(StudyServiceTest);

TEST_P(StudyServiceTest, AnEpisodeTakesCheckInsFromItsReleaseDayThroughItsClosingDay) {
  int64_t e = Episode("第1期", "2026-03-02", "2026-03-08");
  int64_t m = MakeMemberAged(branch_a_, 20).member.id;
  SetToday(DateOf("2026-03-01"));
  EXPECT_TRUE(ViolatesRule(study().CheckIn(sys_, e, m), "episode_not_open"));
  SetToday(DateOf("2026-03-02"));
  auto first = Must(study().CheckIn(sys_, e, m), "release day");
  EXPECT_TRUE(first.created);
  SetToday(DateOf("2026-03-08"));
  auto again = Must(study().CheckIn(sys_, e, m), "closing day");
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.checkin.checked_at, first.checkin.checked_at);  // the first one stands
  int64_t other = MakeMemberAged(branch_a_, 21).member.id;
  EXPECT_TRUE(Must(study().CheckIn(sys_, e, other), "closing day, another member").created);
  SetToday(DateOf("2026-03-09"));
  EXPECT_TRUE(ViolatesRule(study().CheckIn(sys_, e, MakeMemberAged(branch_a_, 22).member.id), "episode_not_open"));
  EXPECT_EQ(TableCount(e, root_), 2);
}

TEST_P(StudyServiceTest, AMemberCountsOnceHoweverManyCheckInsArriveAtOnce) {
  int64_t e = Episode("第1期", "2026-03-02", "2026-03-08");
  int64_t m = MakeMemberAged(branch_a_, 20).member.id;
  int64_t n = MakeMemberAged(branch_b_, 20).member.id;
  CheckinQueue queue(deps());
  queue.Start();
  deps().checkins = &queue;
  std::vector<Result<CheckinResult>> results(8, Fail(Error::Internal("not run")));
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] { results[i] = study().CheckIn(sys_, e, i % 2 ? m : n); });
  for (auto& t : threads) t.join();
  queue.Stop();
  deps().checkins = nullptr;
  int created_m = 0, created_n = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i]) << Describe(results[i].error());
    if (results[i]->created) ++(i % 2 ? created_m : created_n);
  }
  EXPECT_EQ(created_m, 1);
  EXPECT_EQ(created_n, 1);
  EXPECT_EQ(TableCount(e, root_), 2);
  EXPECT_EQ(Must(study().Ranking(sys_, e, root_.id), "ranking").first.participants, 2);
  EXPECT_GE(queue.Written().second, 8);
  // Without the queue, each in its own transaction: still once.
  int64_t k = MakeMemberAged(branch_c_, 20).member.id;
  std::vector<std::thread> direct;
  std::atomic<int> created{0};
  for (int i = 0; i < 6; ++i)
    direct.emplace_back([&] {
      auto r = study().CheckIn(sys_, e, k);
      if (r && r->created) ++created;
    });
  for (auto& t : direct) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(TableCount(e, root_), 3);
}

TEST_P(StudyServiceTest, RatesAndRankingsEqualAFreshCountAfterRandomCheckIns) {
  std::mt19937 rng(2026);
  std::vector<const domain::Org*> branches = {&branch_a_, &branch_b_, &branch_c_};
  std::vector<int64_t> members;
  for (int i = 0; i < 30; ++i) members.push_back(MakeMemberAged(*branches[rng() % 3], 16 + static_cast<int>(rng() % 10)).member.id);
  // One episode inside the index's window, one released before it (counted from the table).
  int64_t now_e = Episode("第2期", "2026-02-23", "2026-03-08");
  int64_t old_e = Episode("2024年第1期", "2024-03-04", "2024-03-10");
  ASSERT_TRUE(deps().study->HasEpisode(now_e));
  ASSERT_FALSE(deps().study->HasEpisode(old_e));
  for (int i = 0; i < 40; ++i) (void)study().CheckIn(sys_, now_e, members[rng() % members.size()]);
  // The old episode's participations, as an import after the fact would have recorded them.
  std::vector<store::Checkin> old_rows;
  for (int i = 0; i < 10; ++i) {
    int64_t id = members[rng() % members.size()];
    auto row = Must(members_->Get(sys_, id), "member");
    old_rows.push_back({old_e, id, row.member.org_id, MorningOf(DateOf("2024-03-05")), "import", "test"});
  }
  Must(RecordCheckins(deps(), old_rows), "old participations");
  // A transfer later does not move a past participation.
  TransferService transfers(deps());
  TransferStart s;
  s.member_id = members[0];
  s.to_org_id = town2_.id;
  s.reason = "job";
  auto t = Must(transfers.Start(sys_, s), "transfer");
  TransferStep accept;
  accept.action = "accept";
  accept.placed_org_id = branch_c_.id;
  Must(transfers.Act(sys_, t.row.transfer.id, accept), "accept");
  for (int64_t e : {now_e, old_e}) {
    SCOPED_TRACE(e == now_e ? "in the window" : "before the window");
    auto rk = Must(study().Ranking(sys_, e, root_.id), "ranking");
    EXPECT_EQ(rk.first.participants, TableCount(e, root_));
    EXPECT_EQ(rk.first.members, 30);
    ASSERT_EQ(rk.second.size(), 2u);
    for (const auto& child : rk.second) EXPECT_EQ(child.participants, TableCount(e, child.org));
    EXPECT_GE(rk.second[0].rate_permille(), rk.second[1].rate_permille());
    auto town = Must(study().Ranking(sys_, e, town1_.id), "town ranking");
    for (const auto& child : town.second) EXPECT_EQ(child.participants, TableCount(e, child.org));
  }
  // The live index equals one rebuilt from the table.
  stats::StudyIndex fresh;
  Deps rebuilt = deps();
  rebuilt.study = &fresh;
  rebuilt.gate = nullptr;
  Must(StudyService(rebuilt).RebuildIndex(), "rebuild");
  for (const auto* org : {&root_, &town1_, &town2_, &branch_a_, &branch_b_, &branch_c_})
    EXPECT_EQ(deps().study->Participants(now_e, org->id), fresh.Participants(now_e, org->id)) << org->code;
  auto trend = Must(study().Trend(sys_, town1_.id, std::nullopt, 12), "trend");
  ASSERT_EQ(trend.second.size(), 2u);
  EXPECT_EQ(trend.second[0].episode.id, old_e);  // oldest first
  EXPECT_EQ(trend.second[1].participants, TableCount(now_e, town1_));
}

TEST_P(StudyServiceTest, TheImportMatchesMembersAndReportsTheRest) {
  int64_t e = Episode("第1期", "2026-03-02", "2026-03-08");
  auto fa = Fields(branch_a_, "张三");
  auto a = Must(members().Create(sys_, branch_a_.id, fa), "a");
  auto fb = Fields(branch_b_, "李四");
  auto b = Must(members().Create(sys_, branch_b_.id, fb), "b");
  auto fc = Fields(branch_c_, "王五");
  Must(members().Create(sys_, branch_c_.id, fc), "c (another town)");
  auto fd = Fields(branch_a_, "赵六");
  auto d = Must(members().Create(sys_, branch_a_.id, fd), "d");
  Must(members().ChangeStatus(sys_, d.member.id, "withdrawn", "2026-03-01", "退团"), "withdraw d");
  std::string csv = "姓名,身份证号码,团员编号,所在组织,学习时间\n";
  csv += "张三," + *fa.id_number + ",,A,2026-03-02 20:15\n";          // by ID number
  csv += "李四,," + fb.member_no.value_or("") + ",B,2026/3/3 8:05\n";  // by member number
  csv += "张三," + *fa.id_number + ",,A,2026-03-04\n";                // twice in the list
  csv += "王五," + *fc.id_number + ",,C,2026-03-02 21:00\n";          // outside town 1
  csv += "李四改," + *fb.id_number + ",,B,2026-03-02 21:00\n";        // the name does not match
  csv += "赵六," + *fd.id_number + ",,A,2026-03-02 21:00\n";          // not in standing
  csv += "无名,110101200001011234,,A,2026-03-02 21:00\n";             // nobody
  Actor town1 = StaffActor(town1_, Role::kCommitteeStaff);
  auto rep = Must(study().Import(town1, e, csv), "import");
  EXPECT_EQ(rep.rows, 7);
  EXPECT_EQ(rep.matched, 3);
  EXPECT_EQ(rep.created, 2);
  EXPECT_EQ(rep.already, 1);
  ASSERT_EQ(rep.unmatched.size(), 4u);
  EXPECT_EQ(rep.unmatched[0].row, 4);
  EXPECT_EQ(rep.unmatched[0].reason, "not_found");
  EXPECT_EQ(rep.unmatched[1].reason, "name_mismatch");
  EXPECT_EQ(rep.unmatched[2].reason, "not_in_standing");
  EXPECT_EQ(rep.unmatched[3].reason, "not_found");
  EXPECT_EQ(TableCount(e, root_), 2);
  auto list = Must(study().Participants(sys_, e, branch_b_.id, true, {}), "participants");
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(list.items[0].checkin.member_id, b.member.id);
  EXPECT_EQ(list.items[0].checkin.source, "import");
  (void)a;
  // A time outside the episode, or one that cannot be read, imports nothing and names the row.
  std::string bad = "姓名,团员编号,学习时间\n李四," + fb.member_no.value_or("") + ",2026-03-10 08:00\n张三,X,昨天\n";
  auto refused = study().Import(town1, e, bad);
  ASSERT_TRUE(FailsWith(refused, ErrorCode::kValidationFailed));
  ASSERT_EQ(refused.error().details.size(), 2u);
  EXPECT_EQ(refused.error().details[0].field, "学习时间");
  EXPECT_EQ(refused.error().details[0].row, 1);
  EXPECT_EQ(refused.error().details[0].code, "outside_episode");
  EXPECT_EQ(refused.error().details[1].row, 2);
  EXPECT_EQ(refused.error().details[1].code, "invalid_format");
  auto no_numbers = study().Import(town1, e, "姓名,学习时间\n张三,2026-03-02\n");
  ASSERT_TRUE(FailsWith(no_numbers, ErrorCode::kValidationFailed));
  EXPECT_EQ(no_numbers.error().details[0].code, "missing_column");
  EXPECT_EQ(TableCount(e, root_), 2);
}

TEST_P(StudyServiceTest, ScopeAndPermissions) {
  int64_t e = Episode("第1期", "2026-03-02", "2026-03-08");
  int64_t in_c = MakeMemberAged(branch_c_, 20).member.id;
  int64_t in_a = MakeMemberAged(branch_a_, 20).member.id;
  Actor town1 = StaffActor(town1_, Role::kCommitteeStaff);
  EXPECT_TRUE(FailsWith(study().CheckIn(town1, e, in_c), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(study().CreateEpisode(town1, {season_, "x", "2026-03-09", "2026-03-15"}), ErrorCode::kForbidden));
  Actor self = StaffActor(branch_a_, Role::kMember);
  self.member_id = in_a;
  auto own = Must(study().CheckIn(self, e, std::nullopt), "own check-in");
  EXPECT_EQ(own.checkin.source, "self");
  EXPECT_TRUE(FailsWith(study().CheckIn(self, e, in_a), ErrorCode::kForbidden));  // members check in themselves only
  auto mine = Must(study().OwnStudies(self, 12), "own studies");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_TRUE(mine[0].second.has_value());
  EXPECT_TRUE(FailsWith(study().CheckIn(sys_, e + 1000, in_a), ErrorCode::kNotFound));
}

}  // namespace
}  // namespace tj::service::test
