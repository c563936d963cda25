#include "stats/study_index.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <thread>

namespace tj::stats {
namespace {

// Root 1 with committees 2 and 3; branches 4 (under 2) and 5 (under 3).
std::vector<StudyOrg> Tree() { return {{1, std::nullopt}, {2, 1}, {3, 1}, {4, 2}, {5, 3}}; }

TEST(StudyIndexTest, CountsParticipantsOfEachSubtreeByEpisode) {
  StudyIndex idx;
  idx.Rebuild(Tree(), {{10, {}, {}}, {11, {}, {}}}, {{10, 4, 3}, {10, 5, 2}, {11, 5, 1}, {12, 4, 7}});
  EXPECT_EQ(idx.Participants(10, 1), 5);
  EXPECT_EQ(idx.Participants(10, 2), 3);
  EXPECT_EQ(idx.Participants(10, 4), 3);
  EXPECT_EQ(idx.Participants(11, 1), 1);
  EXPECT_EQ(idx.Participants(11, 4), 0);
  EXPECT_FALSE(idx.Participants(12, 1));  // an episode not kept
  EXPECT_FALSE(idx.Participants(10, 99));
  EXPECT_TRUE(idx.Add(10, 4));
  EXPECT_EQ(idx.Participants(10, 1), 6);
  EXPECT_FALSE(idx.Add(12, 4));
  idx.AddEpisode({12, {}, {}});
  EXPECT_EQ(idx.Participants(12, 1), 0);
  EXPECT_TRUE(idx.Add(12, 5));
  EXPECT_EQ(idx.Participants(12, 3), 1);
}

TEST(StudyIndexTest, AMovedOrgTakesItsParticipantsAlong) {
  StudyIndex idx;
  idx.Rebuild(Tree(), {{10, {}, {}}}, {{10, 4, 3}});
  idx.UpsertOrg({4, 3});
  EXPECT_EQ(idx.Participants(10, 2), 0);
  EXPECT_EQ(idx.Participants(10, 3), 3);
  EXPECT_EQ(idx.Participants(10, 1), 3);
  idx.UpsertOrg({6, 4});
  EXPECT_EQ(idx.Participants(10, 6), 0);
  idx.Add(10, 6, 2);
  EXPECT_EQ(idx.Participants(10, 3), 5);
}

TEST(StudyIndexTest, ConcurrentCheckInsAreAllCounted) {
  StudyIndex idx;
  idx.Rebuild(Tree(), {{10, {}, {}}}, {});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10000; ++i) idx.Add(10, t % 2 ? 4 : 5);
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(idx.Participants(10, 1), 40000);
  EXPECT_EQ(idx.Participants(10, 2), 20000);
  EXPECT_EQ(idx.Participants(10, 5), 20000);
}

// Random participations, new orgs, moves and episodes applied incrementally equal a rebuild.
TEST(StudyIndexTest, IncrementalUpdatesEqualARebuild) {
  std::mt19937 rng(11);
  std::map<int64_t, StudyOrg> orgs;
  orgs[1] = {1, std::nullopt};
  std::vector<StudyEpisode> episodes = {{100, {}, {}}};
  std::map<std::pair<int64_t, int64_t>, int64_t> counts;  // (episode, org) -> n
  StudyIndex inc;
  inc.Rebuild({orgs[1]}, episodes, {});
  auto below = [&](int64_t root, int64_t id) {
    for (std::optional<int64_t> cur = id; cur; cur = orgs[*cur].parent_id)
      if (*cur == root) return true;
    return false;
  };
  for (int step = 0; step < 5000; ++step) {
    int64_t org = 1 + static_cast<int64_t>(rng() % orgs.size());
    switch (rng() % 8) {
      case 0: {
        int64_t id = static_cast<int64_t>(orgs.size()) + 1;
        orgs[id] = {id, org};
        inc.UpsertOrg(orgs[id]);
        break;
      }
      case 1: {
        int64_t to = 1 + static_cast<int64_t>(rng() % orgs.size());
        if (org == 1 || below(org, to)) break;
        orgs[org].parent_id = to;
        inc.UpsertOrg(orgs[org]);
        break;
      }
      case 2:
        if (rng() % 10 == 0) {
          episodes.push_back({100 + static_cast<int64_t>(episodes.size()), {}, {}});
          inc.AddEpisode(episodes.back());
        }
        break;
      default: {
        int64_t e = episodes[rng() % episodes.size()].id;
        inc.Add(e, org);
        ++counts[{e, org}];
      }
    }
  }
  std::vector<StudyOrg> list;
  for (const auto& [id, o] : orgs) list.push_back(o);
  std::vector<StudyCount> count_list;
  for (const auto& [k, n] : counts) count_list.push_back({k.first, k.second, n});
  StudyIndex rebuilt;
  rebuilt.Rebuild(list, episodes, count_list);
  int compared = 0;
  for (int64_t e : [&] {
         std::vector<int64_t> ids;
         for (const auto& x : episodes) ids.push_back(x.id);
         return ids;
       }())
    for (const auto& [id, o] : orgs) {
      ASSERT_EQ(inc.Participants(e, id), rebuilt.Participants(e, id)) << "episode " << e << " org " << id;
      ++compared;
    }
  EXPECT_GT(compared, 100);
  EXPECT_GT(*rebuilt.Participants(100, 1), 0);
}

}  // namespace
}  // namespace tj::stats
