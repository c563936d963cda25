// The dues statistics index (stats::DuesIndex behind DuesService::Stats) against the tables on
// both backends: after random members, payments, refunds, profile changes, status changes,
// transfers, org moves and a new standard, every org's figures for every month of the window
// equal an index rebuilt from the tables, DuesService::Stats answers the same from the index
// and from the tables, and each branch's figures add up its members' ledgers.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "service/dues_service.h"
#include "service/transfer_service.h"
#include "unit/service/service_fixture.h"

namespace tj::service::test {
namespace {

using domain::Month;

std::string Show(const stats::DuesFigures& f) {
  std::ostringstream out;
  out << "due=" << f.members_due << " paid=" << f.members_paid << " due_fen=" << f.due_fen
      << " paid_fen=" << f.paid_fen;
  return out.str();
}

class DuesStatsTest : public ServiceTest {
 protected:
  DuesService dues() { return DuesService(deps()); }

  std::vector<domain::Org> AllOrgs() {
    auto c = Conn();
    auto rows = Must(c->Query("SELECT id FROM orgs ORDER BY id"), "orgs");
    std::vector<domain::Org> out;
    for (const auto& r : rows.rows) {
      auto o = Must(store::OrgRepository(*c).Get(r.Int(0)), "org");
      out.push_back(*o);
    }
    return out;
  }

  std::vector<int64_t> MembersInStanding() {
    auto c = Conn();
    auto rows = Must(c->Query("SELECT id FROM members WHERE status IN ('active', 'mobile', 'lost_contact') ORDER BY id"),
                     "members");
    std::vector<int64_t> out;
    for (const auto& r : rows.rows) out.push_back(r.Int(0));
    return out;
  }

  // Every org and month of the window: the live index equals one rebuilt from the tables;
  // Stats from the index equals Stats from the tables; branches equal their ledgers.
  void ExpectIndexMatchesTables(const std::string& when) {
    SCOPED_TRACE(when);
    stats::DuesIndex fresh;
    Deps rebuilt = deps();
    rebuilt.dues = &fresh;
    rebuilt.gate = nullptr;
    Must(DuesService(rebuilt).RebuildIndex(), "rebuild");
    ASSERT_EQ(fresh.first_month(), deps().dues->first_month());
    Deps tables = deps();
    tables.dues = nullptr;
    tables.gate = nullptr;
    Month first = fresh.first_month();
    int compared = 0;
    for (const auto& org : AllOrgs()) {
      for (Month m = first; m < first + fresh.months(); ++m) {
        auto live = deps().dues->Subtree(org.id, m);
        ASSERT_TRUE(live) << org.code << " " << domain::FormatMonth(m);
        ASSERT_EQ(*live, *fresh.Subtree(org.id, m))
            << org.code << " " << domain::FormatMonth(m) << ": " << Show(*live) << " vs " << Show(*fresh.Subtree(org.id, m));
        ++compared;
      }
    }
    EXPECT_GT(compared, 24 * 5);
    // Stats: index and tables, at the root and each child, for a few months.
    for (Month m : {first, first + 13, first + 14, first + 23}) {
      auto a = Must(dues().Stats(sys_, std::nullopt, m), "stats index");
      auto b = Must(DuesService(tables).Stats(sys_, std::nullopt, m), "stats tables");
      auto same = [&](const DuesStats& x, const DuesStats& y) {
        EXPECT_EQ(x.org.id, y.org.id);
        EXPECT_EQ(x.members_due, y.members_due) << x.org.code << " " << domain::FormatMonth(m);
        EXPECT_EQ(x.members_paid, y.members_paid) << x.org.code << " " << domain::FormatMonth(m);
        EXPECT_EQ(x.due_fen, y.due_fen) << x.org.code << " " << domain::FormatMonth(m);
        EXPECT_EQ(x.paid_fen, y.paid_fen) << x.org.code << " " << domain::FormatMonth(m);
      };
      same(a.first, b.first);
      ASSERT_EQ(a.second.size(), b.second.size());
      for (size_t i = 0; i < a.second.size(); ++i) same(a.second[i], b.second[i]);
    }
    // Each branch against its members' ledgers (the grid) for every month of the window.
    int this_year = static_cast<int>(Today().year());
    for (int year : {this_year - 1, this_year}) {
      for (const auto* branch : {&branch_a_, &branch_b_, &branch_c_}) {
        auto grid = Must(dues().Grid(sys_, branch->id, year), "grid");
        for (int k = 0; k < 12; ++k) {
          stats::DuesFigures sum;
          for (const auto& row : grid) {
            const auto& l = row.months[static_cast<size_t>(k)];
            if (l.due_fen == 0 && l.paid_fen == 0) continue;  // before the member's ledger
            ++sum.members_due;
            if (l.settled()) ++sum.members_paid;
            sum.due_fen += l.due_fen;
            sum.paid_fen += l.paid_fen;
          }
          EXPECT_EQ(*deps().dues->Subtree(branch->id, domain::MakeMonth(year, k + 1)), sum)
              << branch->code << " " << year << " month " << k + 1;
        }
      }
    }
  }
};

TJ_INSTANTIATE_BACKENDS(DuesStatsTest);

TEST_P(DuesStatsTest, TheWindowIsLastYearAndThisYear) {
  EXPECT_EQ(deps().dues->first_month(), domain::MakeMonth(2025, 1));
  EXPECT_EQ(deps().dues->months(), 24);
  EXPECT_TRUE(deps().dues->Covers(domain::MakeMonth(2026, 12)));
  EXPECT_FALSE(deps().dues->Covers(domain::MakeMonth(2027, 1)));
  // A month outside the window comes from the tables, with the same rules.
  NewMember nm;
  nm.birth = YearsBefore(Today(), 20);
  nm.join = *ParseDate("2024-05-15");  // owes from June 2024
  auto m = MakeMember(branch_a_, nm);
  PaymentFields pay;
  pay.months = 3;
  pay.paid_on = FormatDate(Today());
  Must(dues().Pay(sys_, m.member.id, pay), "pay");
  auto old = Must(dues().Stats(sys_, branch_a_.id, domain::MakeMonth(2024, 6)), "stats 2024");
  EXPECT_EQ(old.first.members_due, 1);
  EXPECT_EQ(old.first.members_paid, 1);  // the earliest unpaid months are covered first
  EXPECT_EQ(old.first.due_fen, 20);
  EXPECT_EQ(old.first.paid_fen, 20);
  auto before = Must(dues().Stats(sys_, branch_a_.id, domain::MakeMonth(2024, 5)), "stats May 2024");
  EXPECT_EQ(before.first.members_due, 0);
  auto unpaid = Must(dues().Stats(sys_, branch_a_.id, domain::MakeMonth(2024, 9)), "stats September 2024");
  EXPECT_EQ(unpaid.first.members_due, 1);
  EXPECT_EQ(unpaid.first.members_paid, 0);
}

TEST_P(DuesStatsTest, RandomWritesKeepTheIndexEqualToTheTables) {
  std::mt19937 rng(2026);
  TransferService transfers(deps());
  auto pick = [&](const auto& v) { return v[rng() % v.size()]; };
  std::vector<const domain::Org*> branches = {&branch_a_, &branch_b_, &branch_c_};
  for (int i = 0; i < 12; ++i) {
    NewMember nm;
    nm.birth = AddDays(YearsBefore(Today(), 16 + static_cast<int>(rng() % 10)), -static_cast<int>(rng() % 300));
    nm.join = AddDays(Today(), -static_cast<int>(rng() % 900));
    MakeMember(*pick(branches), nm);
  }
  ExpectIndexMatchesTables("members created");
  for (int step = 0; step < 60; ++step) {
    auto ids = MembersInStanding();
    ASSERT_FALSE(ids.empty());
    int64_t id = pick(ids);
    PaymentFields pay;
    pay.paid_on = FormatDate(Today());
    switch (rng() % 8) {
      case 0:
      case 1:
      case 2:
        pay.months = 1 + static_cast<int64_t>(rng() % 14);
        Must(dues().Pay(sys_, id, pay), "pay");
        break;
      case 3:
        pay.months = 1 + static_cast<int64_t>(rng() % 2);
        pay.note = "收错";
        (void)dues().Refund(sys_, id, pay);  // nothing_to_refund when nothing was paid
        break;
      case 4: {
        Month from = domain::MakeMonth(2025, 1) + static_cast<int>(rng() % 20);
        int64_t wage = std::array<int64_t, 4>{150000, 200000, 999900, 1500000}[rng() % 4];
        Must(dues().SetProfile(sys_, id, std::string("waged"), wage, false, domain::FormatMonth(from)), "profile");
        break;
      }
      case 5:
        Must(members().ChangeStatus(sys_, id, rng() % 2 ? "lost_contact" : "withdrawn", FormatDate(Today()), "测试"),
             "status");
        break;
      case 6: {
        TransferStart s;
        s.member_id = id;
        s.to_org_id = town2_.id;
        s.reason = "job";
        auto t = transfers.Start(sys_, s);
        if (!t) break;  // already on its way
        TransferStep accept;
        accept.action = "accept";
        accept.placed_org_id = branch_c_.id;
        (void)transfers.Act(sys_, t->row.transfer.id, accept);
        break;
      }
      case 7:
        MakeMemberAged(*pick(branches), 15 + static_cast<int>(rng() % 10));
        break;
    }
    if (step % 20 == 19) ExpectIndexMatchesTables("step " + std::to_string(step));
  }
  // A branch moves to the other town; its figures go with it.
  Must(orgs().Move(sys_, branch_b_.id, town2_.id), "move");
  ExpectIndexMatchesTables("org moved");
  auto before = *deps().dues->Subtree(root_.id, domain::MakeMonth(2026, 2));
  // A new standard re-prices every month from its day.
  StandardFields sf;
  sf.effective_from = "2026-01-01";
  sf.student_fen = 30;
  Must(dues().PutStandard(sys_, sf), "standard");
  ExpectIndexMatchesTables("new standard");
  EXPECT_NE(*deps().dues->Subtree(root_.id, domain::MakeMonth(2026, 2)), before);
}

// The rebuild reads each member's payments of the window's months only, and their profiles and
// the standards once: ledgers that start before the window or run past it, profiles and
// standards from before it, a standard changing the first due month from a mid-month day, and
// payments outside the window must count as the ledgers say.
TEST_P(DuesStatsTest, TheRebuildFollowsLedgersAcrossTheWindowsEdges) {
  auto standard = [&](const char* from, int64_t offset, int64_t student, int64_t farmer,
                      int64_t no_income) {
    StandardFields sf;
    sf.effective_from = from;
    sf.start_offset_months = offset;
    sf.student_fen = student;
    sf.farmer_fen = farmer;
    sf.no_income_fen = no_income;
    Must(dues().PutStandard(sys_, sf), std::string("standard ") + from);
  };
  standard("2024-03-15", 0, 25, 50, 20);  // before the window, due from the month of admission
  standard("2025-06-10", 2, 30, 60, 20);  // mid-month: amounts from July, offset from the 10th
  standard("2026-02-01", 1, 30, 60, 10);
  struct Joined {
    const char* join;
    const char* occupation;
    const domain::Org* org;
  };
  std::vector<int64_t> ids;
  for (const auto& j :
       {Joined{"2023-05-20", "worker", &branch_a_}, Joined{"2024-03-15", "student", &branch_a_},
        Joined{"2025-06-09", "farmer", &branch_b_}, Joined{"2025-06-10", "farmer", &branch_b_},
        Joined{"2025-06-10", "unemployed", &branch_c_}, Joined{"2026-02-28", "student", &branch_c_},
        Joined{"2026-03-02", "worker", &branch_c_}, Joined{"2024-11-30", "student", &branch_a_}}) {
    NewMember nm;
    nm.birth = YearsBefore(Today(), 20);
    nm.join = DateOf(j.join);
    nm.occupation = j.occupation;
    ids.push_back(MakeMember(*j.org, nm).member.id);
  }
  ExpectIndexMatchesTables("members of every standard");
  // Profiles from before the window, inside it (one with no category: the occupation's again),
  // and after this month.
  Must(dues().SetProfile(sys_, ids[0], std::string("waged"), 999900, false, std::string("2024-06")),
       "profile");
  Must(dues().SetProfile(sys_, ids[0], std::string(""), 1500000, false, std::string("2025-09")),
       "profile");
  Must(dues().SetProfile(sys_, ids[0], std::string("student"), std::nullopt, true,
                         std::string("2026-05")),
       "profile");
  Must(dues().SetProfile(sys_, ids[3], std::string("no_income"), std::nullopt, false,
                         std::string("2025-12")),
       "profile");
  Must(dues().SetProfile(sys_, ids[1], std::string("waged"), 250000, false, std::string("2024-01")),
       "profile");
  // Payments of months before the window, across it, and past its end.
  PaymentFields pay;
  pay.paid_on = FormatDate(Today());
  pay.months = 24;
  Must(dues().Pay(sys_, ids[0], pay), "pay");  // 2023-06 to 2025-05
  Must(dues().Pay(sys_, ids[0], pay), "pay");  // 2025-06 to 2027-05
  pay.months = 5;
  Must(dues().Pay(sys_, ids[2], pay), "pay");
  Must(dues().Pay(sys_, ids[5], pay), "pay");  // this month and four ahead
  pay.months = 2;
  pay.note = "收错";
  Must(dues().Refund(sys_, ids[2], pay), "refund");
  Must(members().ChangeStatus(sys_, ids[4], "lost_contact", FormatDate(Today()), "测试"),
       "status");
  Must(members().ChangeStatus(sys_, ids[7], "withdrawn", FormatDate(Today()), "测试"), "status");
  ExpectIndexMatchesTables("profiles, payments and statuses");
  // The window's last month: all in standing are due (one of the eight withdrew), and in branch
  // A only the member who paid past the window's end has settled it.
  EXPECT_EQ(deps().dues->Subtree(root_.id, domain::MakeMonth(2026, 12))->members_due, 7);
  EXPECT_EQ(deps().dues->Subtree(branch_a_.id, domain::MakeMonth(2026, 12))->members_paid, 1);
}

}  // namespace
}  // namespace tj::service::test
