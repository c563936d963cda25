#include "stats/study_index.h"

#include <atomic>
#include <mutex>

namespace tj::stats {

void StudyIndex::AddUp(std::vector<int32_t>& column, int32_t slot, int32_t n) {
  tree_.ForUp(slot, [&](int32_t s) {
    std::atomic_ref<int32_t>(column[static_cast<size_t>(s)]).fetch_add(n, std::memory_order_relaxed);
  });
}

void StudyIndex::Rebuild(const std::vector<StudyOrg>& orgs, const std::vector<StudyEpisode>& episodes,
                         const std::vector<StudyCount>& counts) {
  std::unique_lock lock(mu_);
  tree_.Assign(orgs);
  columns_.clear();
  episodes_.clear();
  for (const auto& e : episodes) {
    columns_[e.id].assign(tree_.size(), 0);
    episodes_[e.id] = e;
  }
  // Each count into its own org, then each org's into its parent's, deepest first.
  for (const auto& c : counts) {
    auto col = columns_.find(c.episode_id);
    int32_t slot = tree_.Slot(c.org_id);
    if (col == columns_.end() || slot == SlotTree::kNone) continue;
    col->second[static_cast<size_t>(slot)] += static_cast<int32_t>(c.count);
  }
  if (columns_.empty()) return;
  tree_.SumUp([&](int32_t slot, int32_t parent) {
    for (auto& [e, col] : columns_) col[static_cast<size_t>(parent)] += col[static_cast<size_t>(slot)];
  });
}

void StudyIndex::UpsertOrg(const StudyOrg& org) {
  std::unique_lock lock(mu_);
  int32_t slot = tree_.Slot(org.id);
  if (slot == SlotTree::kNone) {
    tree_.Add(org.id, org.parent_id);
    for (auto& [e, col] : columns_) col.push_back(0);
    return;
  }
  int32_t parent = tree_.SlotOf(org.parent_id);
  int32_t old_parent = tree_.Parent(slot);
  if (old_parent == parent || !tree_.SetParent(slot, parent)) return;
  // The subtree's counts leave the old ancestors and join the new ones.
  for (auto& [e, col] : columns_) {
    int32_t n = col[static_cast<size_t>(slot)];
    AddUp(col, old_parent, -n);
    AddUp(col, parent, n);
  }
}

void StudyIndex::AddEpisode(const StudyEpisode& episode) {
  std::unique_lock lock(mu_);
  columns_.try_emplace(episode.id, std::vector<int32_t>(tree_.size(), 0));
  episodes_[episode.id] = episode;
}

void StudyIndex::SetEpisode(const StudyEpisode& episode, const std::optional<std::vector<StudyCount>>& counts) {
  std::unique_lock lock(mu_);
  if (!counts) {
    columns_.erase(episode.id);
    episodes_.erase(episode.id);
    return;
  }
  auto& col = columns_[episode.id];
  col.assign(tree_.size(), 0);
  episodes_[episode.id] = episode;
  for (const auto& c : *counts) {
    int32_t slot = tree_.Slot(c.org_id);
    if (c.episode_id == episode.id && slot != SlotTree::kNone) AddUp(col, slot, static_cast<int32_t>(c.count));
  }
}

std::optional<StudyEpisode> StudyIndex::Episode(int64_t episode_id) const {
  std::shared_lock lock(mu_);
  auto it = episodes_.find(episode_id);
  if (it == episodes_.end()) return std::nullopt;
  return it->second;
}

bool StudyIndex::Add(int64_t episode_id, int64_t org_id, int n) {
  std::shared_lock lock(mu_);
  auto col = columns_.find(episode_id);
  int32_t slot = tree_.Slot(org_id);
  if (col == columns_.end() || slot == SlotTree::kNone) return false;
  AddUp(col->second, slot, n);
  return true;
}

std::optional<int64_t> StudyIndex::Participants(int64_t episode_id, int64_t org_id) const {
  std::shared_lock lock(mu_);
  auto col = columns_.find(episode_id);
  int32_t slot = tree_.Slot(org_id);
  if (col == columns_.end() || slot == SlotTree::kNone) return std::nullopt;
  auto& cell = const_cast<int32_t&>(col->second[static_cast<size_t>(slot)]);
  return std::atomic_ref<int32_t>(cell).load(std::memory_order_relaxed);
}

bool StudyIndex::HasEpisode(int64_t episode_id) const {
  std::shared_lock lock(mu_);
  return columns_.contains(episode_id);
}

size_t StudyIndex::MemoryBytes() const {
  std::shared_lock lock(mu_);
  size_t bytes = tree_.MemoryBytes();
  for (const auto& [e, col] : columns_) bytes += col.capacity() * sizeof(int32_t) + 4 * sizeof(void*);
  return bytes;
}

}  // namespace tj::stats
