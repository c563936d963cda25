// The registry's statistics index (stats::RegistryIndex behind MemberService::Stats and
// ChildStats) against the database on both backends: after batches of random registry and org
// tree operations, every org's subtree counts equal plain SQL GROUP BY counts over members JOIN
// orgs, and equal an index rebuilt from the tables.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "domain/member/member.h"
#include "service/member_import.h"
#include "service/member_service.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::MemberStatus;
using domain::Role;

std::string Show(const stats::MemberStats& s) {
  std::ostringstream out;
  auto list = [&](const char* name, const auto& a) {
    out << " " << name << "=[";
    for (size_t i = 0; i < a.size(); ++i) out << (i ? "," : "") << a[i];
    out << "]";
  };
  out << "total=" << s.total;
  list("status", s.by_status);
  list("gender", s.by_gender);
  list("sector", s.by_sector);
  list("age", s.by_age_band);
  list("education", s.by_education);
  return out.str();
}

class RegistryStatsTest : public ServiceTest {
 protected:
  class RandomRegistry;

  struct OrgRow {
    int64_t id;
    std::optional<int64_t> parent_id;
    std::string path;
    std::string type;
    std::string status;
  };

  std::vector<OrgRow> AllOrgs() {
    auto c = Conn();
    auto rows =
        Must(c->Query("SELECT id, parent_id, path, type, status FROM orgs ORDER BY id"), "orgs");
    std::vector<OrgRow> out;
    for (const auto& r : rows.rows)
      out.push_back({r.Int(0), r.OptInt(1), r.Str(2), r.Str(3), r.Str(4)});
    return out;
  }

  // The subtree's counts the plain way: one GROUP BY over members JOIN orgs, the subtree as
  // every org whose path starts with this one's, age bands by birth-date bounds on `today`.
  stats::MemberStats SqlStats(const std::string& path, Date today) {
    auto c = Conn();
    auto d = [&](int years) { return store::Text(FormatDate(YearsBefore(today, years))); };
    const std::vector<store::Value> params = {
        store::Text(path + "%"), d(14), d(18), d(23), d(26), d(29)};
    auto rows = Must(c->Query("SELECT m.status, m.gender, o.sector, m.education, "
                              "CASE WHEN m.birth_date > $2 THEN 'other' "
                              "WHEN m.birth_date > $3 THEN '14_17' "
                              "WHEN m.birth_date > $4 THEN '18_22' "
                              "WHEN m.birth_date > $5 THEN '23_25' "
                              "WHEN m.birth_date > $6 THEN '26_28' ELSE 'other' END, "
                              "COUNT(*) FROM members m JOIN orgs o ON o.id = m.org_id "
                              "WHERE o.path LIKE $1 GROUP BY 1, 2, 3, 4, 5",
                              params),
                     "stats query");
    stats::MemberStats s;
    for (const auto& r : rows.rows) {
      const int64_t n = r.Int(5);
      auto status = ParseName(domain::MemberStatusNames(), r.Str(0));
      auto gender = ParseName(domain::GenderNames(), r.Str(1));
      auto sector = ParseName(domain::SectorNames(), r.Str(2));
      auto education = ParseName(domain::EducationNames(), r.Str(3));
      auto band = ParseName(domain::AgeBandNames(), r.Str(4));
      if (!status || !gender || !sector || !education || !band) {
        ADD_FAILURE() << "unreadable row " << r.Str(0) << " " << r.Str(1) << " " << r.Str(2) << " "
                      << r.Str(3) << " " << r.Str(4);
        continue;
      }
      s.by_status[size_t(*status)] += n;
      const std::string st = r.Str(0);
      if (st != "active" && st != "mobile" && st != "lost_contact") continue;
      s.total += n;
      s.by_gender[size_t(*gender)] += n;
      s.by_sector[size_t(*sector)] += n;
      s.by_age_band[size_t(*band)] += n;
      s.by_education[size_t(*education)] += n;
    }
    return s;
  }

  // Stats and ChildStats of every org equal the SQL counts (age bands as of the index's day),
  // and an index rebuilt from the tables on that day holds the same numbers.
  void ExpectStatsMatchDatabase(std::string_view when) {
    SCOPED_TRACE(std::string(when));
    const Date day = registry_.today();
    const auto orgs = AllOrgs();
    std::map<int64_t, stats::MemberStats> expected;
    for (const auto& o : orgs) expected[o.id] = SqlStats(o.path, day);

    int64_t in_standing = 0;
    {
      auto c = Conn();
      in_standing = Must(c->Query("SELECT COUNT(*) FROM members WHERE status IN "
                                  "('active', 'mobile', 'lost_contact')"),
                         "count")
                        .rows.at(0)
                        .Int(0);
    }
    EXPECT_EQ(expected[root_.id].total, in_standing);

    for (const auto& o : orgs) {
      auto s = members().Stats(sys_, o.id);
      ASSERT_TRUE(s) << Describe(s.error());
      EXPECT_EQ(s->org.id, o.id);
      EXPECT_EQ(s->stats, expected[o.id])
          << "org " << o.id << " " << o.path << "\n live: " << Show(s->stats)
          << "\n  sql: " << Show(expected[o.id]);

      auto kids = members().ChildStats(sys_, o.id);
      ASSERT_TRUE(kids) << Describe(kids.error());
      std::set<int64_t> want, got;
      for (const auto& k : orgs)
        if (k.parent_id == o.id && k.status == "active") want.insert(k.id);
      for (const auto& k : *kids) {
        got.insert(k.org.id);
        EXPECT_EQ(k.stats, expected[k.org.id])
            << "child " << k.org.id << " of " << o.id << "\n live: " << Show(k.stats)
            << "\n  sql: " << Show(expected[k.org.id]);
      }
      EXPECT_EQ(got, want) << "active children of org " << o.id;
    }

    // A fresh index, rebuilt from the tables on the same day.
    ManualClock same_day(MorningOf(day));
    stats::RegistryIndex fresh;
    stats::OrgIndex fresh_orgs;
    Deps d{db(), same_day, fresh_orgs, TimeZone{}, AuthSettings{}, &cipher_, &fresh};
    Must(MemberService(d).RebuildIndex(), "fresh RebuildIndex");
    EXPECT_EQ(fresh.today(), day);
    for (const auto& o : orgs) {
      auto live = registry_.Subtree(o.id);
      auto rebuilt = fresh.Subtree(o.id);
      ASSERT_TRUE(live.has_value()) << "org " << o.id << " missing from the live index";
      ASSERT_TRUE(rebuilt.has_value()) << "org " << o.id << " missing from the rebuilt index";
      EXPECT_EQ(*live, *rebuilt) << "org " << o.id << "\n live: " << Show(*live)
                                 << "\n rebuilt: " << Show(*rebuilt);
    }
  }
};

// Random operations on the registry and the tree; the seed is fixed so a failure reproduces.
class RegistryStatsTest::RandomRegistry {
 public:
  RandomRegistry(RegistryStatsTest& t, uint32_t seed) : t_(t), rng_(seed) {}

  void Step() {
    const int dice = Uniform(0, 99);
    if (dice < 30) return CreateMember();
    if (dice < 40) return RegisterBatch();
    if (dice < 58) return ChangeStatus();
    if (dice < 66) return UpdateMember();
    if (dice < 72) return CreateOrg();
    if (dice < 77) return MoveBranch();
    if (dice < 80) return CloseBranch();
    if (dice < 85) return ChangeSector();
    if (dice < 90) return AppointCadre();
    if (dice < 94) return AgeOut();
    return CreateMember();
  }

  int64_t aged_out() const { return aged_out_; }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v.at(size_t(Uniform(0, int(v.size()) - 1)));
  }

  std::vector<RegistryStatsTest::OrgRow> Orgs(std::string_view type, bool active_only = true) {
    std::vector<RegistryStatsTest::OrgRow> out;
    for (auto& o : t_.AllOrgs())
      if (o.type == type && (!active_only || o.status == "active")) out.push_back(o);
    return out;
  }

  std::vector<int64_t> MemberIds(bool in_standing) {
    auto c = t_.Conn();
    auto rows = Must(c->Query(in_standing ? "SELECT id FROM members WHERE status IN ('active', "
                                            "'mobile', 'lost_contact') ORDER BY id"
                                          : "SELECT id FROM members ORDER BY id"),
                     "member ids");
    std::vector<int64_t> out;
    for (const auto& r : rows.rows) out.push_back(r.Int(0));
    return out;
  }

  ServiceTest::NewMember RandomMember() {
    ServiceTest::NewMember m;
    // Ages 14 to 29, many of them close to 28 so that the clock's advances age some out.
    const int age = Uniform(0, 2) == 0 ? Uniform(26, 29) : Uniform(14, 29);
    m.birth = AddDays(YearsBefore(t_.Today(), age), -Uniform(0, 364));
    m.gender = Uniform(0, 1) ? Gender::kMale : Gender::kFemale;
    m.education = std::string(domain::EducationNames()[size_t(Uniform(0, 6))].second);
    m.occupation = std::string(domain::OccupationNames()[size_t(Uniform(0, 7))].second);
    return m;
  }

  void CreateMember() {
    auto branches = Orgs("branch");
    if (branches.empty()) return;
    const auto& b = Pick(branches);
    auto r = t_.members().Create(t_.sys_, b.id, t_.NextFields(RandomMember()));
    ASSERT_TRUE(r) << Describe(r.error());
  }

  void RegisterBatch() {
    auto branches = Orgs("branch");
    if (branches.empty()) return;
    std::vector<std::pair<int64_t, domain::MemberDraft>> rows;
    const int n = Uniform(1, 6);
    for (int i = 0; i < n; ++i) {
      auto draft = domain::ValidateNewMember(t_.NextFields(RandomMember()), t_.Today());
      ASSERT_TRUE(draft) << Describe(draft.error());
      rows.emplace_back(Pick(branches).id, std::move(*draft));
    }
    auto r = t_.imports().Register(t_.sys_, rows);
    ASSERT_TRUE(r) << Describe(r.error());
    EXPECT_EQ(*r, n);
  }

  void ChangeStatus() {
    static constexpr std::string_view kTo[] = {"active",    "mobile",  "lost_contact",
                                               "withdrawn", "removed", "expelled",
                                               "deceased",  "mobile",  "lost_contact"};
    if (Uniform(0, 9) == 0) {  // a member whose status is final refuses
      auto all = MemberIds(false);
      auto standing = MemberIds(true);
      std::vector<int64_t> ended;
      std::set_difference(all.begin(), all.end(), standing.begin(), standing.end(),
                          std::back_inserter(ended));
      if (!ended.empty()) {
        auto r = t_.members().ChangeStatus(t_.sys_, Pick(ended), "active", FormatDate(t_.Today()),
                                           "随机");
        EXPECT_TRUE(ViolatesRule(r, "status_final"));
        return;
      }
    }
    auto ids = MemberIds(true);
    if (ids.empty()) return;
    const int64_t id = Pick(ids);
    auto cur = Must(t_.members().Get(t_.sys_, id), "Get");
    std::string_view to = kTo[size_t(Uniform(0, int(std::size(kTo)) - 1))];
    if (to == NameOf(domain::MemberStatusNames(), cur.member.status)) to = "withdrawn";
    auto r = t_.members().ChangeStatus(t_.sys_, id, to, FormatDate(t_.Today()), "随机变更");
    ASSERT_TRUE(r) << Describe(r.error());
  }

  void UpdateMember() {
    auto ids = MemberIds(true);
    if (ids.empty()) return;
    const int64_t id = Pick(ids);
    domain::MemberFields patch;
    if (Uniform(0, 1)) {
      patch.education = std::string(domain::EducationNames()[size_t(Uniform(0, 6))].second);
    } else {
      // A corrected ID number: another birth date and gender (the admission stays valid).
      auto cur = Must(t_.members().Get(t_.sys_, id), "Get");
      Date birth = AddDays(cur.member.birth_date, -Uniform(0, 200));
      patch.id_number = t_.FreshIdNumber(birth, Uniform(0, 1) ? Gender::kMale : Gender::kFemale);
    }
    auto r = t_.members().Update(t_.sys_, id, patch);
    ASSERT_TRUE(r) << Describe(r.error());
  }

  std::string RandomSector() {
    return std::string(domain::SectorNames()[size_t(Uniform(0, 6))].second);
  }

  void CreateOrg() {
    ++org_counter_;
    if (Uniform(0, 3) == 0) {
      auto f = OrgFieldsOf("committee", "RC" + std::to_string(org_counter_), RandomSector());
      auto r = t_.orgs().Create(t_.sys_, t_.root_.id, f);
      ASSERT_TRUE(r) << Describe(r.error());
      return;
    }
    auto committees = Orgs("committee");
    if (committees.empty()) return;
    auto f = OrgFieldsOf("branch", "RB" + std::to_string(org_counter_), RandomSector());
    auto r = t_.orgs().Create(t_.sys_, Pick(committees).id, f);
    ASSERT_TRUE(r) << Describe(r.error());
  }

  void MoveBranch() {
    auto branches = Orgs("branch");
    auto committees = Orgs("committee");
    if (branches.empty() || committees.size() < 2) return;
    const auto& b = Pick(branches);
    const auto& to = Pick(committees);
    if (b.parent_id == to.id) return;
    auto r = t_.orgs().Move(t_.sys_, b.id, to.id);
    ASSERT_TRUE(r) << Describe(r.error());
  }

  void CloseBranch() {
    auto branches = Orgs("branch");
    if (branches.size() < 3) return;
    auto r = t_.orgs().Close(t_.sys_, Pick(branches).id, "随机撤销");
    // A branch holding members may be refused (the has_members rule); an empty one closes.
    if (!r) {
      EXPECT_TRUE(ViolatesRule(r, "has_members")) << Describe(r.error());
    }
  }

  void ChangeSector() {
    auto all = t_.AllOrgs();
    const auto& o = Pick(all);
    if (o.status != "active") return;
    domain::OrgFields patch;
    patch.sector = RandomSector();
    auto r = t_.orgs().Update(t_.sys_, o.id, patch);
    ASSERT_TRUE(r) << Describe(r.error());
  }

  void AppointCadre() {
    auto ids = MemberIds(true);
    if (ids.empty()) return;
    auto m = Must(t_.members().Get(t_.sys_, Pick(ids)), "Get");
    CadreFields f;
    f.member_id = m.member.id;
    f.org_id = m.member.org_id;
    f.post = "secretary";
    f.term_start = FormatDate(AddDays(t_.Today(), -Uniform(0, 300)));
    if (Uniform(0, 2)) f.term_end = FormatDate(AddDays(t_.Today(), Uniform(0, 200)));
    auto r = t_.members().CreateCadre(t_.sys_, f);
    ASSERT_TRUE(r) << Describe(r.error());
  }

  // A few days pass (the index keeps the day it was built on) and the age-out job runs.
  void AgeOut() {
    t_.clock_.Advance(std::chrono::hours(24 * Uniform(1, 60)));
    auto n = t_.members().RunAgeOut(t_.sys_);
    ASSERT_TRUE(n) << Describe(n.error());
    aged_out_ += *n;
  }

  RegistryStatsTest& t_;
  std::mt19937 rng_;
  int org_counter_ = 0;
  int64_t aged_out_ = 0;
};

TEST_P(RegistryStatsTest, IndexEqualsDatabaseAfterRandomBatches) {
  RandomRegistry ops(*this, 20260302);
  constexpr int kBatches = 10;  // 3 000 random operations in all
  constexpr int kStepsPerBatch = 300;
  for (int batch = 1; batch <= kBatches; ++batch) {
    for (int i = 0; i < kStepsPerBatch; ++i) {
      ops.Step();
      if (HasFatalFailure()) FAIL() << "batch " << batch << " step " << i;
    }
    ExpectStatsMatchDatabase("batch " + std::to_string(batch));
    // The daily rebuild moves the index to today; the counts still equal the tables.
    Must(members().RebuildIndex(), "RebuildIndex");
    EXPECT_EQ(registry_.today(), Today());
    ExpectStatsMatchDatabase("batch " + std::to_string(batch) + " after the daily rebuild");
  }
  // The operations reached what they were meant to.
  auto c = Conn();
  auto count = [&](const char* sql) { return Must(c->Query(sql), sql).rows.at(0).Int(0); };
  EXPECT_GT(count("SELECT COUNT(*) FROM members"), 300);
  EXPECT_GT(count("SELECT COUNT(*) FROM members WHERE status = 'aged_out'"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM members WHERE status NOT IN ('active', 'aged_out')"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM orgs WHERE status = 'closed'"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM orgs"), 15);
  EXPECT_EQ(count("SELECT COUNT(*) FROM members WHERE status = 'aged_out'"), ops.aged_out());
}

TEST_P(RegistryStatsTest, StatsCountAMemberByStatusGenderSectorAgeBandAndEducation) {
  domain::OrgFields school = OrgFieldsOf("branch", "S1", "school");
  auto s1 = Must(orgs().Create(sys_, town2_.id, school), "school branch").org;
  NewMember girl;
  girl.birth = AddDays(YearsBefore(Today(), 16), -10);
  girl.gender = Gender::kFemale;
  girl.education = "junior_high";
  auto m = MakeMember(s1, girl);
  MakeMemberAged(branch_a_, 24);

  auto town = Must(members().Stats(sys_, town2_.id), "Stats").stats;
  EXPECT_EQ(town.total, 1);
  EXPECT_EQ(town.by_status[size_t(MemberStatus::kActive)], 1);
  EXPECT_EQ(town.by_gender[size_t(Gender::kFemale)], 1);
  EXPECT_EQ(town.by_sector[size_t(domain::Sector::kSchool)], 1);
  EXPECT_EQ(town.by_age_band[size_t(domain::AgeBand::k14To17)], 1);
  EXPECT_EQ(town.by_education[size_t(domain::Education::kJuniorHigh)], 1);
  EXPECT_EQ(Must(members().Stats(sys_, root_.id), "Stats").stats.total, 2);

  // Out of standing: counted by status only.
  Must(members().ChangeStatus(sys_, m.member.id, "withdrawn", FormatDate(Today()), "本人申请"),
       "ChangeStatus");
  town = Must(members().Stats(sys_, town2_.id), "Stats").stats;
  EXPECT_EQ(town.total, 0);
  EXPECT_EQ(town.by_status[size_t(MemberStatus::kWithdrawn)], 1);
  EXPECT_EQ(town.by_gender[size_t(Gender::kFemale)], 0);
  ExpectStatsMatchDatabase("after the change");

  // Scope: a branch secretary reads its own branch only.
  const Actor sec = StaffActor(branch_a_, Role::kBranchSecretary);
  EXPECT_EQ(Must(members().Stats(sec, branch_a_.id), "Stats").stats.total, 1);
  EXPECT_TRUE(FailsWith(members().Stats(sec, town1_.id), ErrorCode::kNotFound));
  EXPECT_TRUE(FailsWith(members().ChildStats(sec, town2_.id), ErrorCode::kNotFound));
}

// An org holding members in standing cannot be closed (DOMAIN.md, Organization tree: members
// belong to a branch; CheckClose has the has_members rule), else its members would sit in a
// closed org that ChildStats and new registrations no longer reach.
TEST_P(RegistryStatsTest, ClosingABranchThatHoldsMembersIsRefused) {
  MakeMemberAged(branch_b_, 20);
  const int64_t head = AuditHead();
  auto r = orgs().Close(sys_, branch_b_.id, "合并");
  EXPECT_TRUE(ViolatesRule(r, "has_members"));
  EXPECT_EQ(GetOrg(branch_b_.id).status, domain::OrgStatus::kActive);
  EXPECT_EQ(AuditHead(), head);
}

TJ_INSTANTIATE_BACKENDS(RegistryStatsTest);

}  // namespace
}  // namespace tj::service::test
