#include "stats/study_index.h"

#include <atomic>
#include <mutex>

namespace tj::stats {
namespace {

constexpr int kMaxDepth = 1000;  // the tree is about ten levels; the guard stops a corrupt cycle

}  // namespace

void StudyIndex::AddUp(std::vector<int32_t>& column, int32_t slot, int32_t n) {
  for (int guard = 0; slot != kNoParent && guard < kMaxDepth; ++guard) {
    std::atomic_ref<int32_t>(column[static_cast<size_t>(slot)]).fetch_add(n, std::memory_order_relaxed);
    slot = parent_[static_cast<size_t>(slot)];
  }
}

void StudyIndex::Rebuild(const std::vector<StudyOrg>& orgs, const std::vector<StudyEpisode>& episodes,
                         const std::vector<StudyCount>& counts) {
  std::unique_lock lock(mu_);
  slot_of_.clear();
  slot_of_.reserve(orgs.size());
  for (const auto& o : orgs) slot_of_.try_emplace(o.id, static_cast<int32_t>(slot_of_.size()));
  parent_.assign(slot_of_.size(), kNoParent);
  for (const auto& o : orgs) {
    if (!o.parent_id) continue;
    auto p = slot_of_.find(*o.parent_id);
    if (p != slot_of_.end()) parent_[static_cast<size_t>(slot_of_[o.id])] = p->second;
  }
  columns_.clear();
  episodes_.clear();
  for (const auto& e : episodes) {
    columns_[e.id].assign(slot_of_.size(), 0);
    episodes_[e.id] = e;
  }
  for (const auto& c : counts) {
    auto col = columns_.find(c.episode_id);
    auto slot = slot_of_.find(c.org_id);
    if (col == columns_.end() || slot == slot_of_.end()) continue;
    AddUp(col->second, slot->second, static_cast<int32_t>(c.count));
  }
}

void StudyIndex::UpsertOrg(const StudyOrg& org) {
  std::unique_lock lock(mu_);
  int32_t parent = kNoParent;
  if (org.parent_id)
    if (auto p = slot_of_.find(*org.parent_id); p != slot_of_.end()) parent = p->second;
  auto it = slot_of_.find(org.id);
  if (it == slot_of_.end()) {
    int32_t slot = static_cast<int32_t>(parent_.size());
    slot_of_.emplace(org.id, slot);
    parent_.push_back(parent);
    for (auto& [e, col] : columns_) col.push_back(0);
    return;
  }
  int32_t slot = it->second;
  if (parent_[static_cast<size_t>(slot)] == parent) return;
  // The subtree's counts leave the old ancestors and join the new ones.
  for (auto& [e, col] : columns_) {
    int32_t n = col[static_cast<size_t>(slot)];
    AddUp(col, parent_[static_cast<size_t>(slot)], -n);
    AddUp(col, parent, n);
  }
  parent_[static_cast<size_t>(slot)] = parent;
}

void StudyIndex::AddEpisode(const StudyEpisode& episode) {
  std::unique_lock lock(mu_);
  columns_.try_emplace(episode.id, std::vector<int32_t>(parent_.size(), 0));
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
  col.assign(parent_.size(), 0);
  episodes_[episode.id] = episode;
  for (const auto& c : *counts) {
    auto slot = slot_of_.find(c.org_id);
    if (c.episode_id == episode.id && slot != slot_of_.end()) AddUp(col, slot->second, static_cast<int32_t>(c.count));
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
  auto slot = slot_of_.find(org_id);
  if (col == columns_.end() || slot == slot_of_.end()) return false;
  AddUp(col->second, slot->second, n);
  return true;
}

std::optional<int64_t> StudyIndex::Participants(int64_t episode_id, int64_t org_id) const {
  std::shared_lock lock(mu_);
  auto col = columns_.find(episode_id);
  auto slot = slot_of_.find(org_id);
  if (col == columns_.end() || slot == slot_of_.end()) return std::nullopt;
  auto& cell = const_cast<int32_t&>(col->second[static_cast<size_t>(slot->second)]);
  return std::atomic_ref<int32_t>(cell).load(std::memory_order_relaxed);
}

bool StudyIndex::HasEpisode(int64_t episode_id) const {
  std::shared_lock lock(mu_);
  return columns_.contains(episode_id);
}

size_t StudyIndex::MemoryBytes() const {
  std::shared_lock lock(mu_);
  size_t bytes = parent_.capacity() * sizeof(int32_t) +
                 slot_of_.size() * (sizeof(int64_t) + sizeof(int32_t) + 2 * sizeof(void*)) +
                 slot_of_.bucket_count() * sizeof(void*);
  for (const auto& [e, col] : columns_) bytes += col.capacity() * sizeof(int32_t) + 4 * sizeof(void*);
  return bytes;
}

}  // namespace tj::stats
