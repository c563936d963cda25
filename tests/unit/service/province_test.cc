// Every member-scale row carries its province (docs/scaling.md), on both backends: the rows
// the app writes get their org's province; a member's transfer carries the member and their
// history to the new province while their participations and payments stay with the org they
// were recorded in; an org's move to another province carries its whole subtree's rows; a
// member who moved provinces cannot take part in an episode twice. On PostgreSQL, where the
// tables are partitioned by province, the statements of a province-scoped member list read
// that province's partition only (EXPLAIN of the very statements the repository ran).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "domain/activity/activity.h"
#include "domain/org/org.h"
#include "store/activity_repository.h"
#include "store/dues_repository.h"
#include "store/member_repository.h"
#include "store/study_repository.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

// Forwards to a connection and keeps each statement and its parameters, so a test can EXPLAIN
// exactly what a repository ran.
class RecordingConnection : public store::Connection {
 public:
  struct Statement {
    std::string sql;
    std::vector<store::Value> params;
  };
  explicit RecordingConnection(store::Connection& c) : c_(c) {}
  store::Dialect dialect() const override { return c_.dialect(); }
  Result<store::Rows> Query(std::string_view sql, std::span<const store::Value> params) override {
    seen.push_back({std::string(sql), {params.begin(), params.end()}});
    return c_.Query(sql, params);
  }
  Result<int64_t> Scan(std::string_view sql, std::span<const store::Value> params,
                       const std::function<void(const store::Row&)>& each) override {
    seen.push_back({std::string(sql), {params.begin(), params.end()}});
    return c_.Scan(sql, params, each);
  }
  Result<void> ExecuteScript(std::string_view sql) override { return c_.ExecuteScript(sql); }
  Result<void> Begin(store::TxMode mode) override { return c_.Begin(mode); }
  Result<void> Commit() override { return c_.Commit(); }
  Result<void> Rollback() override { return c_.Rollback(); }
  Result<int64_t> BulkInsert(std::string_view table, std::span<const std::string> columns,
                             std::span<const std::vector<store::Value>> rows) override {
    return c_.BulkInsert(table, columns, rows);
  }
  bool Healthy() const override { return c_.Healthy(); }

  std::vector<Statement> seen;

 private:
  store::Connection& c_;
};

class ProvinceTest : public ServiceTest {
 protected:
  int64_t Count(const std::string& sql) {
    auto c = Conn();
    return Must(c->Query(sql), sql).rows.at(0).Int(0);
  }

  // Rows whose province is not the one the rule gives them, table by table; all zero when the
  // columns are right. Also counts the rows, so a check over empty tables cannot pass.
  void ExpectProvincesRight(const std::string& when) {
    auto c = Conn();
    auto orgs = Must(c->Query("SELECT path, province_id FROM orgs"), "orgs");
    for (const auto& r : orgs.rows)
      EXPECT_EQ(r.OptInt(1), domain::ProvinceOf(r.Str(0))) << when << ": org " << r.Str(0);
    const std::pair<const char*, const char*> wrong[] = {
        {"members", "SELECT COUNT(*) FROM members m JOIN orgs o ON o.id = m.org_id "
                    "WHERE m.province_id IS NULL OR m.province_id <> o.province_id"},
        {"member_history", "SELECT COUNT(*) FROM member_history h JOIN members m ON m.id = h.member_id "
                           "WHERE h.province_id IS NULL OR h.province_id <> m.province_id"},
        {"member_keys", "SELECT COUNT(*) FROM members m LEFT JOIN member_keys k ON k.id = m.id "
                        "WHERE k.id IS NULL OR k.province_id <> m.province_id "
                        "OR k.id_number_hash <> m.id_number_hash"},
        {"study_checkins", "SELECT COUNT(*) FROM study_checkins x JOIN orgs o ON o.id = x.org_id "
                           "WHERE x.province_id IS NULL OR x.province_id <> o.province_id"},
        {"dues_payments", "SELECT COUNT(*) FROM dues_payments p JOIN orgs o ON o.id = p.org_id "
                          "WHERE p.province_id IS NULL OR p.province_id <> o.province_id"},
        {"dues_allocations", "SELECT COUNT(*) FROM dues_allocations a JOIN dues_payments p ON p.id = a.payment_id "
                             "WHERE a.province_id IS NULL OR a.province_id <> p.province_id"},
        {"activity_attendance",
         "SELECT COUNT(*) FROM activity_attendance x JOIN activities a ON a.id = x.activity_id "
         "JOIN orgs o ON o.id = a.org_id WHERE x.province_id IS NULL OR x.province_id <> o.province_id"},
    };
    for (const auto& [table, sql] : wrong) {
      EXPECT_GT(Count(std::string("SELECT COUNT(*) FROM ") + table), 0) << when << ": " << table;
      EXPECT_EQ(Count(sql), 0) << when << ": " << table;
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM member_keys"), Count("SELECT COUNT(*) FROM members")) << when;
  }

  int64_t province_of(const std::string& table, const std::string& where) {
    return Count("SELECT province_id FROM " + table + " WHERE " + where);
  }

  // A participation, a payment of two months and an attendance of `m` in their org.
  void RecordActivityOf(const store::MemberRow& m, int64_t episode) {
    auto c = Conn();
    Must(c->Begin(store::TxMode::kWrite), "begin");
    store::Checkin ci;
    ci.episode_id = episode;
    ci.member_id = m.member.id;
    ci.org_id = m.member.org_id;
    ci.checked_at = clock_.Now();
    ci.source = "api";
    ci.recorded_by = "test";
    EXPECT_EQ(Must(store::StudyRepository(*c).InsertCheckins({ci}), "checkin").size(), 1u);
    store::Payment p;
    p.member_id = m.member.id;
    p.org_id = m.member.org_id;
    p.paid_on = Today();
    p.amount_fen = 100;
    p.months = 2;
    p.created_at = clock_.Now();
    p.created_by = "test";
    p.allocations = {{domain::MonthOf(Today()), 50}, {domain::MonthOf(Today()) + 1, 50}};
    Must(store::DuesRepository(*c).InsertPayment(p, clock_.Now()), "payment");
    domain::ActivityDraft d;
    d.kind = domain::ActivityKind::kOther;
    d.held_on = Today();
    d.topic = "主题团日";
    store::ActivityRepository activities(*c);
    int64_t a = Must(activities.Insert(m.member.org_id, d, {}, clock_.Now(), "test"), "activity");
    Must(activities.SetAttendance(a, {{m.member.id, domain::Attendance::kPresent}}, {}, 0), "attendance");
    Must(c->Commit(), "commit");
  }

  int64_t NewEpisode(const std::string& name) {
    auto c = Conn();
    store::StudyRepository study(*c);
    int64_t season = Must(study.InsertSeason(name, clock_.Now(), "test"), "season");
    store::Episode e;
    e.season_id = season;
    e.title = name;
    e.release_date = Today();
    e.closing_date = AddDays(Today(), 6);
    e.created_at = clock_.Now();
    e.created_by = "test";
    return Must(study.InsertEpisode(e), "episode");
  }
};

TEST_P(ProvinceTest, RowsCarryTheirOrgsProvinceThroughTransfersAndMoves) {
  const int64_t episode = NewEpisode("第一季");
  auto a = MakeMember(branch_a_, YearsBefore(Today(), 20));
  auto c1 = MakeMember(branch_c_, YearsBefore(Today(), 21));
  RecordActivityOf(a, episode);
  RecordActivityOf(c1, episode);
  ExpectProvincesRight("recorded");
  EXPECT_EQ(province_of("members", "id = " + std::to_string(a.member.id)), town1_.id);
  EXPECT_EQ(province_of("members", "id = " + std::to_string(c1.member.id)), town2_.id);
  EXPECT_EQ(province_of("orgs", "id = " + std::to_string(root_.id)), root_.id);  // its own

  // A transfer to the other province: the member and their history move; what was recorded in
  // the old org stays there.
  {
    auto c = Conn();
    Must(c->Begin(store::TxMode::kWrite), "begin");
    Must(store::MemberRepository(*c, cipher_).SetOrg(a.member.id, branch_c_.id, clock_.Now()), "SetOrg");
    Must(c->Commit(), "commit");
  }
  ExpectProvincesRight("after the transfer");
  const std::string of_a = "member_id = " + std::to_string(a.member.id);
  EXPECT_EQ(province_of("members", "id = " + std::to_string(a.member.id)), town2_.id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM member_history WHERE " + of_a + " AND province_id <> " +
                  std::to_string(town2_.id)),
            0);
  EXPECT_EQ(province_of("study_checkins", of_a), town1_.id);
  EXPECT_EQ(province_of("dues_payments", of_a), town1_.id);

  // Once an episode, though the new province holds no participation of theirs.
  {
    auto c = Conn();
    Must(c->Begin(store::TxMode::kWrite), "begin");
    store::Checkin again{episode, a.member.id, branch_c_.id, clock_.Now(), "api", "test"};
    EXPECT_TRUE(Must(store::StudyRepository(*c).InsertCheckins({again}), "checkin").empty());
    Must(c->Commit(), "commit");
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM study_checkins WHERE " + of_a), 1);

  // Town 2's branch moves under town 1: everything recorded in it follows, allocations too.
  auto moved = Must(orgs().Move(sys_, branch_c_.id, town1_.id), "Move");
  EXPECT_EQ(moved.org.path, town1_.path + std::to_string(branch_c_.id) + "/");
  ExpectProvincesRight("after the move");
  const std::string of_c1 = "member_id = " + std::to_string(c1.member.id);
  EXPECT_EQ(province_of("members", "id = " + std::to_string(c1.member.id)), town1_.id);
  EXPECT_EQ(province_of("study_checkins", of_c1), town1_.id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM dues_allocations WHERE " + of_c1 + " AND province_id = " +
                  std::to_string(town1_.id)),
            2);

  // A branch moved to the top org's child level becomes a province of its own.
  auto top = Must(orgs().Move(sys_, branch_a_.id, root_.id), "Move under the top org");
  (void)top;
  ExpectProvincesRight("after a move up");
  EXPECT_EQ(province_of("orgs", "id = " + std::to_string(branch_a_.id)), branch_a_.id);
  EXPECT_EQ(province_of("study_checkins", of_a), branch_a_.id);  // recorded in branch A
}

TEST_P(ProvinceTest, AProvinceScopedListReadsOneMemberPartition) {
  auto a = MakeMember(branch_a_, YearsBefore(Today(), 20));
  MakeMember(branch_c_, YearsBefore(Today(), 21));
  auto c = Conn();
  RecordingConnection rec(*c);
  store::MemberQuery q;
  q.scope_path = town1_.path;
  q.today = Today();
  auto page = Must(store::MemberRepository(rec, cipher_).List(q), "List");
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items.at(0).member.id, a.member.id);
  ASSERT_FALSE(rec.seen.empty());
  if (!IsPostgresql()) GTEST_SKIP() << "SQLite's tables are not partitioned";

  // The partition town 1's members are in, and the partitions each statement scanned: EXPLAIN
  // ANALYZE names every scan node; one a run-time pruning skipped reads "never executed".
  const std::string partition =
      Must(c->Query("SELECT tableoid::regclass::text FROM members WHERE id = $1", {store::Int(a.member.id)}),
           "partition")
          .rows.at(0)
          .Str(0);
  for (const auto& s : rec.seen) {
    auto plan = Must(c->Query("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + s.sql, s.params), s.sql);
    std::string text;
    std::set<std::string> ran;
    for (const auto& r : plan.rows) {
      const std::string line = r.Str(0);
      text += line + "\n";
      auto at = line.find(" on members_p");
      if (at != std::string::npos && line.find("never executed") == std::string::npos)
        ran.insert(line.substr(at + 4, partition.size()));
    }
    EXPECT_EQ(ran, std::set<std::string>{partition}) << text;
  }
  // The list over the whole country reads them all.
  RecordingConnection all(*c);
  q.scope_path = root_.path;
  EXPECT_EQ(Must(store::MemberRepository(all, cipher_).List(q), "List").total, 2);
  auto plan = Must(c->Query("EXPLAIN (COSTS OFF) " + all.seen.at(0).sql, all.seen.at(0).params), "explain");
  int scans = 0;
  for (const auto& r : plan.rows) scans += r.Str(0).find(" on members_p") != std::string::npos;
  EXPECT_EQ(scans, 16);
}

TJ_INSTANTIATE_BACKENDS(ProvinceTest);

}  // namespace
}  // namespace tj::service::test
