#include "stats/org_index.h"

#include <mutex>

namespace tj::stats {

SubtreeOrgCounts OrgIndex::Contribution(const Entry& e) {
  SubtreeOrgCounts c = e.below;
  if (e.node.status == domain::OrgStatus::kActive) {
    ++c.total;
    ++c.by_type[static_cast<size_t>(e.node.type)];
  }
  return c;
}

void OrgIndex::AddToAncestors(std::optional<int64_t> parent, const SubtreeOrgCounts& c, int sign) {
  // Depth is bounded by the tree (about ten levels); the guard stops a corrupt cycle.
  for (int guard = 0; parent && guard < 1000; ++guard) {
    auto it = entries_.find(*parent);
    if (it == entries_.end()) return;
    auto& b = it->second.below;
    b.total += sign * c.total;
    for (size_t t = 0; t < kOrgTypeCount; ++t) b.by_type[t] += sign * c.by_type[t];
    parent = it->second.node.parent_id;
  }
}

void OrgIndex::Rebuild(const std::vector<OrgNode>& nodes) {
  std::unique_lock lock(mu_);
  entries_.clear();
  entries_.reserve(nodes.size());
  for (const auto& n : nodes) entries_[n.id] = Entry{n, {}};
  for (const auto& [id, e] : entries_) {
    if (e.node.status != domain::OrgStatus::kActive) continue;
    SubtreeOrgCounts self;
    self.total = 1;
    self.by_type[static_cast<size_t>(e.node.type)] = 1;
    AddToAncestors(e.node.parent_id, self, +1);
  }
}

void OrgIndex::Upsert(const OrgNode& node) {
  std::unique_lock lock(mu_);
  UpsertLocked(node);
}

void OrgIndex::Refresh(const std::function<std::optional<OrgNode>()>& load) {
  std::unique_lock lock(mu_);
  if (auto node = load()) UpsertLocked(*node);
}

void OrgIndex::UpsertLocked(const OrgNode& node) {
  auto it = entries_.find(node.id);
  if (it == entries_.end()) {
    Entry e{node, {}};
    AddToAncestors(node.parent_id, Contribution(e), +1);
    entries_.emplace(node.id, e);
    return;
  }
  Entry& e = it->second;
  AddToAncestors(e.node.parent_id, Contribution(e), -1);
  e.node = node;
  AddToAncestors(e.node.parent_id, Contribution(e), +1);
}

std::optional<SubtreeOrgCounts> OrgIndex::Counts(int64_t id) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return std::nullopt;
  return it->second.below;
}

bool OrgIndex::Contains(int64_t ancestor, int64_t id) const {
  std::shared_lock lock(mu_);
  std::optional<int64_t> cur = id;
  for (int guard = 0; cur && guard < 1000; ++guard) {
    if (*cur == ancestor) return true;
    auto it = entries_.find(*cur);
    if (it == entries_.end()) return false;
    cur = it->second.node.parent_id;
  }
  return false;
}

size_t OrgIndex::size() const {
  std::shared_lock lock(mu_);
  return entries_.size();
}

}  // namespace tj::stats
