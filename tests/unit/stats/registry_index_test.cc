#include "stats/registry_index.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace tj::stats {
namespace {

using domain::Education;
using domain::MemberStatus;
using domain::Sector;

const Date kToday = *ParseDate("2026-11-27");

// Counts a subtree the slow way, straight from the lists.
MemberStats BruteForce(const std::map<int64_t, RegistryOrg>& orgs,
                       const std::map<int64_t, MemberFacts>& members, int64_t root) {
  auto in_subtree = [&](int64_t id) {
    for (std::optional<int64_t> cur = id; cur;) {
      if (*cur == root) return true;
      auto it = orgs.find(*cur);
      cur = it == orgs.end() ? std::nullopt : it->second.parent_id;
    }
    return false;
  };
  MemberStats s;
  for (const auto& [id, m] : members) {
    if (!in_subtree(m.org_id)) continue;
    ++s.by_status[size_t(m.status)];
    if (!domain::InStanding(m.status)) continue;
    ++s.total;
    ++s.by_gender[size_t(m.gender)];
    ++s.by_sector[size_t(orgs.at(m.org_id).sector)];
    ++s.by_age_band[size_t(domain::AgeBandOf(AgeOn(m.birth_date, kToday)))];
    ++s.by_education[size_t(m.education)];
  }
  return s;
}

TEST(RegistryIndexTest, CountsASmallTree) {
  RegistryIndex idx;
  idx.Rebuild({{1, std::nullopt, Sector::kOther}, {2, 1, Sector::kSchool}, {3, 1, Sector::kRural}},
              {{2, MemberStatus::kActive, Gender::kFemale, *ParseDate("2010-01-01"), Education::kJuniorHigh},
               {3, MemberStatus::kMobile, Gender::kMale, *ParseDate("2000-01-01"), Education::kBachelor},
               {3, MemberStatus::kDeceased, Gender::kMale, *ParseDate("2000-01-01"), Education::kBachelor}},
              kToday);
  auto root = *idx.Subtree(1);
  EXPECT_EQ(root.total, 2);
  EXPECT_EQ(root.by_status[size_t(MemberStatus::kDeceased)], 1);
  EXPECT_EQ(root.by_sector[size_t(Sector::kSchool)], 1);
  EXPECT_EQ(root.by_age_band[size_t(domain::AgeBand::k14To17)], 1);
  EXPECT_EQ(root.by_age_band[size_t(domain::AgeBand::k26To28)], 1);
  EXPECT_EQ(idx.Subtree(2)->total, 1);
  EXPECT_FALSE(idx.Subtree(9));
  EXPECT_FALSE(idx.InStanding(9));
}

// A move that would put an org below itself is refused and changes no count.
TEST(RegistryIndexTest, RefusesAMoveBelowItself) {
  RegistryIndex idx;
  idx.Rebuild({{1, std::nullopt, Sector::kOther}, {2, 1, Sector::kRural}, {3, 2, Sector::kRural}},
              {{3, MemberStatus::kActive, Gender::kMale, *ParseDate("2004-05-06"), Education::kBachelor}}, kToday);
  idx.UpsertOrg({2, 3, Sector::kRural});
  EXPECT_EQ(idx.Subtree(1)->total, 1);
  EXPECT_EQ(idx.Subtree(2)->total, 1);
  EXPECT_EQ(idx.Subtree(3)->total, 1);
  // A sector change alone moves the org's own members between sectors, here and above.
  idx.UpsertOrg({3, 2, Sector::kEnterprise});
  EXPECT_EQ(idx.Subtree(1)->by_sector[size_t(Sector::kRural)], 0);
  EXPECT_EQ(idx.Subtree(1)->by_sector[size_t(Sector::kEnterprise)], 1);
}

// Thousands of random member changes, org creations, moves and sector changes: after every
// batch each subtree equals a brute-force count, and a rebuild equals the incremental index.
TEST(RegistryIndexTest, IncrementalUpdatesMatchABruteForceCount) {
  std::mt19937 rng(7u);
  std::map<int64_t, RegistryOrg> orgs{{1, {1, std::nullopt, Sector::kOther}}};
  std::map<int64_t, MemberFacts> members;
  RegistryIndex idx;
  idx.Rebuild({orgs[1]}, {}, kToday);
  int64_t next_org = 2, next_member = 1;
  auto pick_org = [&] {
    auto it = orgs.begin();
    std::advance(it, rng() % orgs.size());
    return it->first;
  };
  auto random_facts = [&](int64_t org) {
    int year = 1995 + int(rng() % 18);
    return MemberFacts{org, MemberStatus(rng() % domain::kMemberStatusCount), Gender(rng() % 2),
                       Date{std::chrono::year(year), std::chrono::month(unsigned(1 + rng() % 12)),
                            std::chrono::day(unsigned(1 + rng() % 28))},
                       Education(rng() % domain::kEducationCount)};
  };
  for (int batch = 0; batch < 20; ++batch) {
    for (int step = 0; step < 200; ++step) {
      auto op = rng() % 10;
      if (op == 0) {
        RegistryOrg o{next_org++, pick_org(), Sector(rng() % kSectorCount)};
        orgs[o.id] = o;
        idx.UpsertOrg(o);
      } else if (op == 1 && orgs.size() > 2) {
        int64_t id = pick_org(), parent = pick_org();
        bool cycle = false;
        for (std::optional<int64_t> cur = parent; cur; cur = orgs[*cur].parent_id)
          if (*cur == id) cycle = true;
        if (id == 1 || cycle) continue;
        orgs[id].parent_id = parent;
        if (rng() % 2) orgs[id].sector = Sector(rng() % kSectorCount);
        idx.UpsertOrg(orgs[id]);
      } else if (op < 6 || members.empty()) {
        MemberFacts f = random_facts(pick_org());
        members[next_member++] = f;
        idx.ApplyMember(std::nullopt, f);
      } else {
        auto it = members.begin();
        std::advance(it, rng() % members.size());
        MemberFacts after = it->second;
        after.status = MemberStatus(rng() % domain::kMemberStatusCount);
        if (rng() % 3 == 0) after.org_id = pick_org();
        idx.ApplyMember(it->second, after);
        it->second = after;
      }
    }
    for (const auto& [id, o] : orgs) {
      auto expected = BruteForce(orgs, members, id);
      ASSERT_EQ(*idx.Subtree(id), expected) << id;
      ASSERT_EQ(*idx.InStanding(id), expected.total) << id;
    }
  }
  std::vector<RegistryOrg> org_list;
  for (const auto& [id, o] : orgs) org_list.push_back(o);
  std::vector<MemberFacts> member_list;
  for (const auto& [id, m] : members) member_list.push_back(m);
  RegistryIndex rebuilt;
  rebuilt.Rebuild(org_list, member_list, kToday);
  for (const auto& [id, o] : orgs) EXPECT_EQ(*rebuilt.Subtree(id), *idx.Subtree(id));
  EXPECT_GT(idx.Subtree(1)->total, 500);
}

}  // namespace
}  // namespace tj::stats
