// Aging out (超龄离团) on both backends with a ManualClock: the daily job records the departure
// of every member who turned 28 and holds no post in office, on the birthday, with history and
// audit, exactly once; cadres stay until their term ends; the upcoming and overdue lists.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/json_writer.h"
#include "service/member_service.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::MemberStatus;
using domain::Role;

class MemberAgeOutTest : public ServiceTest {
 protected:
  // A member whose 28th birthday is `days` days from today.
  store::MemberRow TurningTwentyEightIn(const domain::Org& org, int days) {
    return MakeMember(org, YearsBefore(AddDays(Today(), days), 28));
  }

  store::Cadre Appoint(const store::MemberRow& m, std::optional<Date> term_end) {
    CadreFields f;
    f.member_id = m.member.id;
    f.org_id = m.member.org_id;
    f.post = "secretary";
    f.term_start = FormatDate(AddDays(Today(), -400));
    if (term_end) f.term_end = FormatDate(*term_end);
    return Must(members().CreateCadre(sys_, f), "CreateCadre");
  }

  MemberStatus StatusOf(const store::MemberRow& m) {
    return Must(members().Get(sys_, m.member.id), "Get").member.status;
  }

  int64_t Run(const Actor& a) { return Must(members().RunAgeOut(a), "RunAgeOut"); }
  int64_t Run() { return Run(sys_); }

  std::vector<int64_t> AgingIds(AgingKind kind, int within_days = 90,
                                std::optional<int64_t> org_id = std::nullopt) {
    store::PageRequest page;
    page.size = 100;
    auto p = Must(members().AgingOut(sys_, kind, within_days, org_id, true, page), "AgingOut");
    std::vector<int64_t> out;
    for (const auto& r : p.items) out.push_back(r.member.id);
    EXPECT_EQ(p.total, int64_t(out.size()));
    return out;
  }
};

TEST_P(MemberAgeOutTest, MemberAgesOutOnTheTwentyEighthBirthday) {
  const Date start = Today();
  const Date birthday = AddDays(start, 10);
  auto m = TurningTwentyEightIn(branch_a_, 10);
  auto young = MakeMemberAged(branch_a_, 27, 0);  // 28 in about a year
  const int64_t standing_before = Must(members().Stats(sys_, root_.id), "Stats").stats.total;
  ASSERT_EQ(standing_before, 2);

  // The day before: nothing happens.
  SetToday(AddDays(birthday, -1));
  const int64_t head = AuditHead();
  EXPECT_EQ(Run(), 0);
  EXPECT_EQ(StatusOf(m), MemberStatus::kActive);
  EXPECT_EQ(AuditHead(), head);
  EXPECT_EQ(Must(members().History(sys_, m.member.id), "History").size(), 1u);

  // On the day: aged out as of the birthday, with history and audit.
  SetToday(birthday);
  clock_.Advance(std::chrono::minutes(5));
  EXPECT_EQ(Run(), 1);
  auto after = Must(members().Get(sys_, m.member.id), "Get").member;
  EXPECT_EQ(after.status, MemberStatus::kAgedOut);
  EXPECT_EQ(after.status_date, birthday);
  EXPECT_EQ(StatusOf(young), MemberStatus::kActive);

  auto h = Must(members().History(sys_, m.member.id), "History");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[1].kind, "age_out");
  EXPECT_EQ(h[1].status_from, MemberStatus::kActive);
  EXPECT_EQ(h[1].status_to, MemberStatus::kAgedOut);
  EXPECT_EQ(h[1].effective_date, birthday);
  EXPECT_EQ(h[1].reason, "超龄离团");
  EXPECT_EQ(h[1].at, clock_.Now());

  auto audit = AuditAfter(head);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "member.age_out");
  EXPECT_EQ(audit[0].object_type, "member");
  EXPECT_EQ(audit[0].object_id, m.member.id);
  EXPECT_EQ(audit[0].org_id, branch_a_.id);
  EXPECT_EQ(audit[0].summary, JsonObjectWriter().Str("date", FormatDate(birthday)).str());

  // The statistics follow.
  auto s = Must(members().Stats(sys_, root_.id), "Stats").stats;
  EXPECT_EQ(s.total, standing_before - 1);
  EXPECT_EQ(s.by_status[size_t(MemberStatus::kAgedOut)], 1);

  // Twice is once: the same day and the days after change nothing.
  const int64_t head2 = AuditHead();
  EXPECT_EQ(Run(), 0);
  SetToday(AddDays(birthday, 1));
  EXPECT_EQ(Run(), 0);
  EXPECT_EQ(AuditHead(), head2);
  EXPECT_EQ(Must(members().History(sys_, m.member.id), "History").size(), 2u);
  // An aged-out member's status is final.
  EXPECT_TRUE(
      ViolatesRule(members().ChangeStatus(sys_, m.member.id, "active", FormatDate(Today()), "恢复"),
                   "status_final"));
}

TEST_P(MemberAgeOutTest, MissedDaysAgeOutAsOfTheBirthday) {
  // The job did not run for a while (server down): the departure still dates from the
  // birthday, and members of every standing status leave.
  auto active = TurningTwentyEightIn(branch_a_, 3);
  auto mobile = TurningTwentyEightIn(branch_b_, 5);
  auto lost = TurningTwentyEightIn(branch_c_, 7);
  auto withdrawn = TurningTwentyEightIn(branch_c_, 2);
  Must(members().ChangeStatus(sys_, mobile.member.id, "mobile", FormatDate(Today()), "外出"),
       "mobile");
  Must(members().ChangeStatus(sys_, lost.member.id, "lost_contact", FormatDate(Today()), "失联"),
       "lost");
  Must(members().ChangeStatus(sys_, withdrawn.member.id, "withdrawn", FormatDate(Today()), "退团"),
       "withdrawn");
  const Date start = Today();
  SetToday(AddDays(start, 40));
  EXPECT_EQ(Run(), 3);
  EXPECT_EQ(Must(members().Get(sys_, active.member.id), "Get").member.status_date,
            AddDays(start, 3));
  EXPECT_EQ(Must(members().Get(sys_, mobile.member.id), "Get").member.status_date,
            AddDays(start, 5));
  auto h = Must(members().History(sys_, lost.member.id), "History");
  EXPECT_EQ(h.back().status_from, MemberStatus::kLostContact);
  EXPECT_EQ(h.back().effective_date, AddDays(start, 7));
  EXPECT_EQ(StatusOf(withdrawn), MemberStatus::kWithdrawn);  // already gone: untouched
}

TEST_P(MemberAgeOutTest, CadreInOfficeStaysUntilTheTermEnds) {
  const Date birthday = AddDays(Today(), 10);
  const Date term_end = AddDays(birthday, 30);
  auto open_term = TurningTwentyEightIn(branch_a_, 10);
  auto fixed_term = TurningTwentyEightIn(branch_b_, 10);
  auto ended = TurningTwentyEightIn(branch_c_, 10);
  Appoint(open_term, std::nullopt);
  Appoint(fixed_term, term_end);
  Appoint(ended, AddDays(Today(), -1));  // a former cadre: no protection

  SetToday(birthday);
  EXPECT_EQ(Run(), 1);
  EXPECT_EQ(StatusOf(ended), MemberStatus::kAgedOut);
  EXPECT_EQ(StatusOf(open_term), MemberStatus::kActive);
  EXPECT_EQ(StatusOf(fixed_term), MemberStatus::kActive);
  // Overdue, but kept: the list shows them as cadres.
  auto overdue =
      Must(members().AgingOut(sys_, AgingKind::kOverdue, 90, std::nullopt, true, {}), "AgingOut");
  ASSERT_EQ(overdue.total, 2);
  for (const auto& r : overdue.items) EXPECT_TRUE(r.member.is_cadre) << r.member.id;

  // The last day of the term is still in office.
  SetToday(term_end);
  EXPECT_EQ(Run(), 0);
  EXPECT_EQ(StatusOf(fixed_term), MemberStatus::kActive);

  // The day after, the next run ages the cadre out; the open term still protects.
  SetToday(AddDays(term_end, 1));
  const int64_t head = AuditHead();
  EXPECT_EQ(Run(), 1);
  EXPECT_EQ(StatusOf(fixed_term), MemberStatus::kAgedOut);
  EXPECT_EQ(StatusOf(open_term), MemberStatus::kActive);
  auto audit = AuditAfter(head);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "member.age_out");
  EXPECT_EQ(audit[0].object_id, fixed_term.member.id);
  EXPECT_EQ(Run(), 0);
}

// A cadre "stays until the term ends" (DOMAIN.md, Members): the departure recorded after the
// term cannot date from before the term ended, while the member still held the post.
TEST_P(MemberAgeOutTest, CadreDepartureIsNotDatedBeforeTheTermEnded) {
  const Date birthday = AddDays(Today(), 10);
  const Date term_end = AddDays(birthday, 30);
  auto cadre = TurningTwentyEightIn(branch_b_, 10);
  Appoint(cadre, term_end);
  SetToday(AddDays(term_end, 1));
  EXPECT_EQ(Run(), 1);
  auto m = Must(members().Get(sys_, cadre.member.id), "Get").member;
  EXPECT_EQ(m.status, MemberStatus::kAgedOut);
  EXPECT_GE(FormatDate(m.status_date), FormatDate(term_end))
      << "aged out as of the 28th birthday " << FormatDate(birthday) << " while in office until "
      << FormatDate(term_end);
  auto h = Must(members().History(sys_, cadre.member.id), "History");
  ASSERT_TRUE(h.back().effective_date.has_value());
  EXPECT_GE(FormatDate(*h.back().effective_date), FormatDate(term_end));
}

TEST_P(MemberAgeOutTest, UpcomingAndOverdueListsAtTheirEdges) {
  auto today28 = TurningTwentyEightIn(branch_a_, 0);
  auto tomorrow = TurningTwentyEightIn(branch_a_, 1);
  auto in90 = TurningTwentyEightIn(branch_b_, 90);
  auto in91 = TurningTwentyEightIn(branch_b_, 91);
  auto yesterday = TurningTwentyEightIn(branch_c_, -1);
  auto long_ago = TurningTwentyEightIn(branch_c_, -400);
  auto gone = TurningTwentyEightIn(branch_c_, -2);
  Must(members().ChangeStatus(sys_, gone.member.id, "deceased", FormatDate(Today()), "病故"),
       "deceased");
  MakeMemberAged(branch_a_, 20);

  using V = std::vector<int64_t>;
  // Oldest first.
  EXPECT_EQ(AgingIds(AgingKind::kUpcoming, 90), (V{tomorrow.member.id, in90.member.id}));
  EXPECT_EQ(AgingIds(AgingKind::kUpcoming, 91),
            (V{tomorrow.member.id, in90.member.id, in91.member.id}));
  EXPECT_EQ(AgingIds(AgingKind::kUpcoming, 1), V{tomorrow.member.id});
  EXPECT_EQ(AgingIds(AgingKind::kOverdue),
            (V{long_ago.member.id, yesterday.member.id, today28.member.id}));
  // Within an org.
  EXPECT_EQ(AgingIds(AgingKind::kUpcoming, 90, branch_b_.id), V{in90.member.id});
  EXPECT_EQ(AgingIds(AgingKind::kOverdue, 90, town1_.id), V{today28.member.id});

  // The job empties the overdue list; the upcoming list moves with the clock.
  EXPECT_EQ(Run(), 3);
  EXPECT_EQ(AgingIds(AgingKind::kOverdue), V{});
  SetToday(AddDays(Today(), 1));
  EXPECT_EQ(AgingIds(AgingKind::kOverdue), V{tomorrow.member.id});
  EXPECT_EQ(AgingIds(AgingKind::kUpcoming, 90), (V{in90.member.id, in91.member.id}));
}

TEST_P(MemberAgeOutTest, BranchSecretaryRunsTheJobForItsBranchOnly) {
  auto a = TurningTwentyEightIn(branch_a_, 0);
  auto b = TurningTwentyEightIn(branch_b_, 0);
  const Actor sec = StaffActor(branch_a_, Role::kBranchSecretary);
  EXPECT_EQ(Run(sec), 1);
  EXPECT_EQ(StatusOf(a), MemberStatus::kAgedOut);
  EXPECT_EQ(StatusOf(b), MemberStatus::kActive);
  EXPECT_EQ(Run(), 1);
  EXPECT_EQ(StatusOf(b), MemberStatus::kAgedOut);
}

TEST_P(MemberAgeOutTest, RunAgesOutMoreThanOnePageOfMembers) {
  // The job pages through the due members 1 000 at a time.
  std::vector<std::pair<int64_t, domain::MemberDraft>> rows;
  for (int i = 0; i < 1100; ++i) {
    NewMember m;
    m.birth = YearsBefore(AddDays(Today(), -(i % 300)), 28);
    auto d = domain::ValidateNewMember(NextFields(m), Today());
    ASSERT_TRUE(d) << Describe(d.error());
    rows.emplace_back(i % 2 ? branch_a_.id : branch_c_.id, std::move(*d));
  }
  ASSERT_EQ(Must(imports().Register(sys_, rows), "Register"), 1100);
  EXPECT_EQ(Run(), 1100);
  EXPECT_EQ(Run(), 0);
  auto c = Conn();
  EXPECT_EQ(Must(c->Query("SELECT COUNT(*) FROM member_history WHERE kind = 'age_out'"), "count")
                .rows.at(0)
                .Int(0),
            1100);
  EXPECT_EQ(Must(members().Stats(sys_, root_.id), "Stats").stats.total, 0);
}

TJ_INSTANTIATE_BACKENDS(MemberAgeOutTest);

}  // namespace
}  // namespace tj::service::test
