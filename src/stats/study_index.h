// The Youth Study (青年大学习) participation index: for every episode of a window and every
// org, the distinct members of its subtree who took part, answered from memory in O(1).
//
// Orgs get dense slots with their parent's slot, and each episode a column of subtree counts
// (4 bytes an org). A new participation adds 1 to its org and each ancestor: O(depth), with
// atomic increments under a shared lock, so concurrent check-ins never wait for each other;
// structural changes (episodes, orgs, rebuilds) take the lock exclusively. A participation
// counts in the org the member belonged to when they took part. Episodes released before the
// window are not kept (callers count those from the table). A rebuild from the table always
// yields the same numbers as the incremental updates (tests compare).
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "base/time.h"
#include "stats/slot_tree.h"

namespace tj::stats {

struct StudyOrg {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
};

// Participations of one episode in one org (the org's own, not its subtree's).
// An episode's open days, kept with its column so the check-in path need not read them.
struct StudyEpisode {
  int64_t id = 0;
  Date release_date;
  Date closing_date;
};

struct StudyCount {
  int64_t episode_id = 0;
  int64_t org_id = 0;
  int64_t count = 0;
};

class StudyIndex {
 public:
  // Replaces everything: the orgs, the episodes kept, and the participations counted by org.
  void Rebuild(const std::vector<StudyOrg>& orgs, const std::vector<StudyEpisode>& episodes,
               const std::vector<StudyCount>& counts);
  // Adds an org, or moves it under another parent (its subtree's counts move with it).
  void UpsertOrg(const StudyOrg& org);
  // Starts keeping an episode (no participations yet), or updates its days if kept already.
  void AddEpisode(const StudyEpisode& episode);
  // Keeps an episode with the participations it has by org (replacing any column it had),
  // or (nullopt counts) stops keeping it.
  void SetEpisode(const StudyEpisode& episode, const std::optional<std::vector<StudyCount>>& counts);
  // The days of a kept episode.
  std::optional<StudyEpisode> Episode(int64_t episode_id) const;
  // Counts `n` new participations in `org_id` (negative to take them away). False when the
  // episode or the org is not kept.
  bool Add(int64_t episode_id, int64_t org_id, int n = 1);
  // Distinct participants of the org's subtree; nullopt for an episode or org not kept.
  std::optional<int64_t> Participants(int64_t episode_id, int64_t org_id) const;
  bool HasEpisode(int64_t episode_id) const;
  size_t MemoryBytes() const;

 private:
  void AddUp(std::vector<int32_t>& column, int32_t slot, int32_t n);  // caller holds a lock

  mutable std::shared_mutex mu_;
  SlotTree tree_;
  std::unordered_map<int64_t, std::vector<int32_t>> columns_;  // episode -> subtree counts by slot
  std::unordered_map<int64_t, StudyEpisode> episodes_;
};

}  // namespace tj::stats
