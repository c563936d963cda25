#include "stats/dues_index.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace tj::stats {
namespace {

using domain::MakeMonth;
using domain::Month;

// Root 1 with committees 2 and 3; branches 4 (under 2) and 5 (under 3).
std::vector<DuesOrg> Tree() { return {{1, std::nullopt}, {2, 1}, {3, 1}, {4, 2}, {5, 3}}; }

DuesPart Part(int64_t org, Month first, std::vector<DuesMonthPart> months) {
  return DuesPart{org, first, std::move(months)};
}

TEST(DuesIndexTest, SumsMembersAndAmountsUpTheTreeMonthByMonth) {
  DuesIndex idx;
  Month jan = MakeMonth(2026, 1);
  idx.Rebuild(Tree(),
              {Part(4, jan, {{20, 20}, {20, 0}}),          // paid January only
               Part(4, jan + 1, {{300, 300}}),             // due from February, paid
               Part(5, jan, {{50, 30}, {50, 50}})},        // January partly paid
              jan, 12);
  EXPECT_EQ(*idx.Subtree(4, jan), (DuesFigures{1, 1, 20, 20}));
  EXPECT_EQ(*idx.Subtree(4, jan + 1), (DuesFigures{2, 1, 320, 300}));
  EXPECT_EQ(*idx.Subtree(2, jan + 1), (DuesFigures{2, 1, 320, 300}));
  EXPECT_EQ(*idx.Subtree(5, jan), (DuesFigures{1, 0, 50, 30}));
  EXPECT_EQ(*idx.Subtree(1, jan), (DuesFigures{2, 1, 70, 50}));
  EXPECT_EQ(*idx.Subtree(1, jan + 1), (DuesFigures{3, 2, 370, 350}));
  EXPECT_EQ(*idx.Subtree(1, jan + 2), DuesFigures{});
}

TEST(DuesIndexTest, AnswersNothingOutsideTheWindowOrForAnUnknownOrg) {
  DuesIndex idx;
  Month jan = MakeMonth(2026, 1);
  idx.Rebuild(Tree(), {Part(4, jan - 1, {{20, 20}, {20, 20}})}, jan, 12);
  EXPECT_FALSE(idx.Subtree(1, jan - 1));  // the day before the window
  EXPECT_TRUE(idx.Subtree(1, jan));
  EXPECT_TRUE(idx.Subtree(1, jan + 11));  // the window's last month
  EXPECT_FALSE(idx.Subtree(1, jan + 12));
  EXPECT_FALSE(idx.Subtree(99, jan));
  EXPECT_TRUE(idx.Covers(jan + 11));
  EXPECT_FALSE(idx.Covers(jan + 12));
  // The part's month before the window is ignored; its month inside counts.
  EXPECT_EQ(*idx.Subtree(1, jan), (DuesFigures{1, 1, 20, 20}));
}

TEST(DuesIndexTest, AMonthPaidExactlyCountsAsPaidAndAFenShortDoesNot) {
  DuesIndex idx;
  Month jan = MakeMonth(2026, 1);
  idx.Rebuild(Tree(), {Part(4, jan, {{300, 300}}), Part(4, jan, {{300, 299}})}, jan, 1);
  EXPECT_EQ(*idx.Subtree(4, jan), (DuesFigures{2, 1, 600, 599}));
}

TEST(DuesIndexTest, APaymentIsTheOldPartTakenAwayAndTheNewOneAdded) {
  DuesIndex idx;
  Month jan = MakeMonth(2026, 1);
  auto before = Part(5, jan, {{50, 0}, {50, 0}});
  idx.Rebuild(Tree(), {before}, jan, 12);
  auto after = Part(5, jan, {{50, 50}, {50, 0}});
  idx.Apply(before, -1);
  idx.Apply(after, +1);
  EXPECT_EQ(*idx.Subtree(1, jan), (DuesFigures{1, 1, 50, 50}));
  EXPECT_EQ(*idx.Subtree(3, jan + 1), (DuesFigures{1, 0, 50, 0}));
}

TEST(DuesIndexTest, AMovedOrgTakesItsFiguresToTheNewParent) {
  DuesIndex idx;
  Month jan = MakeMonth(2026, 1);
  idx.Rebuild(Tree(), {Part(4, jan, {{20, 20}})}, jan, 12);
  idx.UpsertOrg({4, 3});
  EXPECT_EQ(*idx.Subtree(2, jan), DuesFigures{});
  EXPECT_EQ(*idx.Subtree(3, jan), (DuesFigures{1, 1, 20, 20}));
  EXPECT_EQ(*idx.Subtree(1, jan), (DuesFigures{1, 1, 20, 20}));
  idx.UpsertOrg({6, 4});  // a new branch starts empty
  EXPECT_EQ(*idx.Subtree(6, jan), DuesFigures{});
  idx.Apply(Part(6, jan, {{50, 0}}), +1);
  EXPECT_EQ(*idx.Subtree(3, jan), (DuesFigures{2, 1, 70, 20}));
}

// A new org adds its own row of cells, not room for as many orgs again (the cells are most of
// the index: 24 bytes an org a month).
TEST(DuesIndexTest, ANewOrgGrowsTheMemoryByAFewPercentAtMost) {
  std::vector<DuesOrg> orgs{{1, std::nullopt}};
  for (int64_t id = 2; id <= 10000; ++id) orgs.push_back({id, 1 + (id - 2) / 100});
  DuesIndex idx;
  Month jan = MakeMonth(2025, 1);
  idx.Rebuild(orgs, {Part(9000, jan, {{20, 20}})}, jan, 24);
  size_t before = idx.MemoryBytes();
  for (int64_t id = 10001; id <= 10003; ++id) idx.UpsertOrg({id, 9000});
  EXPECT_LT(idx.MemoryBytes(), before + before / 10);
  EXPECT_EQ(*idx.Subtree(10003, jan), DuesFigures{});
  idx.Apply(Part(10003, jan, {{50, 0}}), +1);
  EXPECT_EQ(*idx.Subtree(1, jan), (DuesFigures{2, 1, 70, 20}));
}

// Random parts added, replaced and removed, and random org moves, give the same figures as a
// rebuild from the final state.
TEST(DuesIndexTest, IncrementalUpdatesEqualARebuild) {
  std::mt19937 rng(7);
  Month first = MakeMonth(2025, 1);
  std::map<int64_t, DuesOrg> orgs;
  orgs[1] = {1, std::nullopt};
  DuesIndex inc;
  inc.Rebuild({orgs[1]}, {}, first, 24);
  auto is_below = [&](int64_t root, int64_t id) {
    for (std::optional<int64_t> cur = id; cur; cur = orgs[*cur].parent_id)
      if (*cur == root) return true;
    return false;
  };
  std::map<int, DuesPart> members;
  auto random_part = [&](int64_t org) {
    DuesPart p{org, first - 3 + static_cast<int>(rng() % 30), {}};
    size_t n = rng() % 30;
    for (size_t k = 0; k < n; ++k) {
      int64_t due = std::array<int64_t, 4>{0, 20, 50, 300}[rng() % 4];
      int64_t paid = std::array<int64_t, 4>{0, due, due / 2, due + 10}[rng() % 4];
      p.months.push_back({due, paid});
    }
    return p;
  };
  for (int step = 0; step < 3000; ++step) {
    int64_t org = 1 + static_cast<int64_t>(rng() % orgs.size());
    switch (rng() % 5) {
      case 0: {  // a new org under a random one
        int64_t id = static_cast<int64_t>(orgs.size()) + 1;
        orgs[id] = {id, org};
        inc.UpsertOrg(orgs[id]);
        break;
      }
      case 1: {  // move an org (not the root, not under itself)
        int64_t target = 1 + static_cast<int64_t>(rng() % orgs.size());
        if (org == 1 || is_below(org, target)) break;
        orgs[org].parent_id = target;
        inc.UpsertOrg(orgs[org]);
        break;
      }
      default: {  // a member's part changes (created, paid, moved, left)
        int m = static_cast<int>(rng() % 200);
        if (auto it = members.find(m); it != members.end()) inc.Apply(it->second, -1);
        if (rng() % 6 == 0) {
          members.erase(m);
        } else {
          members[m] = random_part(org);
          inc.Apply(members[m], +1);
        }
      }
    }
  }
  std::vector<DuesOrg> org_list;
  for (const auto& [id, o] : orgs) org_list.push_back(o);
  std::vector<DuesPart> parts;
  for (const auto& [id, p] : members) parts.push_back(p);
  DuesIndex rebuilt;
  rebuilt.Rebuild(org_list, parts, first, 24);
  int compared = 0;
  for (const auto& [id, o] : orgs)
    for (Month m = first; m < first + 24; ++m) {
      ASSERT_EQ(*inc.Subtree(id, m), *rebuilt.Subtree(id, m)) << "org " << id << " month " << m;
      ++compared;
    }
  EXPECT_GT(compared, 24 * 100);
  EXPECT_GT(rebuilt.Subtree(1, first + 3)->members_due, 0);
}

}  // namespace
}  // namespace tj::stats
