#include "stats/org_index.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace tj::stats {
namespace {

using domain::OrgStatus;
using domain::OrgType;

TEST(OrgIndexTest, CountsActiveOrgsBelowByType) {
  OrgIndex idx;
  idx.Rebuild({{1, std::nullopt, OrgType::kLocalCommittee, OrgStatus::kActive},
               {2, 1, OrgType::kCommittee, OrgStatus::kActive},
               {3, 2, OrgType::kBranch, OrgStatus::kActive},
               {4, 2, OrgType::kBranch, OrgStatus::kClosed}});
  auto root = *idx.Counts(1);
  EXPECT_EQ(root.total, 2);
  EXPECT_EQ(root.by_type[size_t(OrgType::kBranch)], 1);
  EXPECT_EQ(idx.Counts(3)->total, 0);
  EXPECT_FALSE(idx.Counts(99));
  EXPECT_TRUE(idx.Contains(1, 3));
  EXPECT_FALSE(idx.Contains(3, 1));
}

// Random creates, moves, type changes and closes applied incrementally give the same counts
// as a rebuild from the final table.
TEST(OrgIndexTest, IncrementalUpdatesEqualARebuild) {
  std::mt19937 rng(42);
  std::map<int64_t, OrgNode> table;
  OrgIndex inc;
  table[1] = {1, std::nullopt, OrgType::kLocalCommittee, OrgStatus::kActive};
  inc.Upsert(table[1]);
  int64_t next = 2;
  auto subtree_of = [&](int64_t root, int64_t id) {
    for (std::optional<int64_t> cur = id; cur; cur = table[*cur].parent_id)
      if (*cur == root) return true;
    return false;
  };
  for (int step = 0; step < 3000; ++step) {
    int op = int(rng() % 4);
    auto pick = [&] {
      auto it = table.begin();
      std::advance(it, rng() % table.size());
      return it->first;
    };
    if (op == 0 || table.size() < 5) {
      OrgNode n{next++, pick(), OrgType(rng() % 5), OrgStatus::kActive};
      table[n.id] = n;
      inc.Upsert(n);
    } else if (op == 1) {
      int64_t id = pick(), parent = pick();
      if (id == 1 || subtree_of(id, parent)) continue;
      table[id].parent_id = parent;
      inc.Upsert(table[id]);
    } else if (op == 2) {
      int64_t id = pick();
      table[id].type = OrgType(rng() % 5);
      inc.Upsert(table[id]);
    } else {
      int64_t id = pick();
      table[id].status = table[id].status == OrgStatus::kActive ? OrgStatus::kClosed : OrgStatus::kActive;
      inc.Upsert(table[id]);
    }
  }
  std::vector<OrgNode> nodes;
  for (const auto& [id, n] : table) nodes.push_back(n);
  OrgIndex rebuilt;
  rebuilt.Rebuild(nodes);
  ASSERT_EQ(rebuilt.size(), inc.size());
  for (const auto& [id, n] : table) EXPECT_EQ(*inc.Counts(id), *rebuilt.Counts(id)) << id;
  EXPECT_GT(rebuilt.Counts(1)->total, 100);
}

}  // namespace
}  // namespace tj::stats
