#include "stats/slot_tree.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tj::stats {
namespace {

struct Org {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
};

std::vector<int64_t> Up(const SlotTree& t, int64_t id) {
  std::vector<int64_t> out;
  t.ForUp(t.Slot(id), [&](int32_t s) { out.push_back(t.Id(s)); });
  return out;
}

TEST(SlotTreeTest, KeepsDenseAndFarIdsAndTheirParents) {
  SlotTree t;
  constexpr int64_t kFar = 9'000'000'000'000;
  t.Assign(std::vector<Org>{{5, 1}, {1, std::nullopt}, {kFar, 5}, {7, 42}, {5, 7}});
  EXPECT_EQ(t.size(), 4u);  // the repeated 5 keeps its first slot and parent
  EXPECT_EQ(Up(t, kFar), (std::vector<int64_t>{kFar, 5, 1}));
  EXPECT_EQ(Up(t, 7), (std::vector<int64_t>{7}));  // parent 42 is not kept: a top org
  EXPECT_EQ(t.Slot(2), SlotTree::kNone);
  EXPECT_EQ(t.Slot(-3), SlotTree::kNone);
  EXPECT_EQ(t.Slot(kFar + 1), SlotTree::kNone);
  int32_t added = t.Add(8, kFar);
  EXPECT_EQ(t.Add(8, 1), added);  // kept already: unchanged
  EXPECT_EQ(Up(t, 8), (std::vector<int64_t>{8, kFar, 5, 1}));
}

// An id beyond the flat array at first (kept in the map) is still found once the array has
// grown past it: orgs read by depth bring large ids early.
TEST(SlotTreeTest, FindsAnEarlyLargeIdAfterTheFlatArrayGrowsPastIt) {
  SlotTree t;
  std::vector<Org> orgs{{1, std::nullopt}, {100000, 1}};
  for (int64_t id = 2; id < 60000; ++id) orgs.push_back({id, 100000});
  t.Assign(orgs);
  ASSERT_EQ(t.size(), 60000u);
  EXPECT_EQ(t.Id(t.Slot(100000)), 100000);
  EXPECT_EQ(Up(t, 59999), (std::vector<int64_t>{59999, 100000, 1}));
  for (int64_t id = 60000; id < 100000; ++id) t.Add(id, 7);
  t.Add(100001, 100000);
  EXPECT_EQ(Up(t, 100001), (std::vector<int64_t>{100001, 100000, 1}));
  for (int64_t id = 1; id <= 100001; ++id) ASSERT_EQ(t.Id(t.Slot(id)), id) << id;
}

TEST(SlotTreeTest, RefusesToPutAnOrgBelowItself) {
  SlotTree t;
  t.Assign(std::vector<Org>{{1, std::nullopt}, {2, 1}, {3, 2}, {4, 4}});
  EXPECT_EQ(Up(t, 4), (std::vector<int64_t>{4}));  // its own parent: a top org
  EXPECT_FALSE(t.SetParent(t.Slot(2), t.Slot(3)));
  EXPECT_FALSE(t.SetParent(t.Slot(2), t.Slot(2)));
  EXPECT_EQ(Up(t, 3), (std::vector<int64_t>{3, 2, 1}));
  EXPECT_TRUE(t.SetParent(t.Slot(2), t.Slot(4)));
  EXPECT_EQ(Up(t, 3), (std::vector<int64_t>{3, 2, 4}));
}

TEST(SlotTreeTest, BottomUpPutsEveryChildBeforeItsParent) {
  SlotTree t;
  std::vector<Org> orgs{{1, std::nullopt}};
  for (int64_t id = 2; id <= 3000; ++id) orgs.push_back({id, (id * 7919) % (id - 1) + 1});
  t.Assign(orgs);
  auto order = t.BottomUp();
  ASSERT_EQ(order.size(), t.size());
  std::vector<size_t> at(order.size());
  for (size_t i = 0; i < order.size(); ++i) at[static_cast<size_t>(order[i])] = i;
  for (int32_t s = 0; s < static_cast<int32_t>(t.size()); ++s) {
    if (t.Parent(s) != SlotTree::kNone) {
      EXPECT_LT(at[static_cast<size_t>(s)], at[static_cast<size_t>(t.Parent(s))]);
    }
  }
  EXPECT_EQ(t.Id(order.back()), 1);
}

}  // namespace
}  // namespace tj::stats
