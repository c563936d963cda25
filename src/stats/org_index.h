// The in-memory org-tree index: parent links and, for every org, counts of the active orgs
// below it by type, kept current as orgs are created, changed, moved and closed.
//
// Built from the orgs table at start-up (Rebuild) and then updated after each committed
// write (Upsert), so subtree figures come from memory instead of recursive SQL; a rebuild
// from the table always yields the same counts as the incremental updates (tests compare).
// Updates cost O(depth). Thread-safe: readers share a lock, writers take it exclusively.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "domain/org/org.h"

namespace tj::stats {

struct OrgNode {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  domain::OrgType type = domain::OrgType::kBranch;
  domain::OrgStatus status = domain::OrgStatus::kActive;
};

inline constexpr size_t kOrgTypeCount = 5;

// Active orgs strictly below an org, in total and by type (indexed by OrgType).
struct SubtreeOrgCounts {
  int64_t total = 0;
  std::array<int64_t, kOrgTypeCount> by_type{};
  bool operator==(const SubtreeOrgCounts&) const = default;
};

class OrgIndex {
 public:
  // Replaces the whole index. Nodes may come in any order; a node whose parent is missing
  // is treated as a root.
  void Rebuild(const std::vector<OrgNode>& nodes);
  // Adds a node or applies a change to an existing one (type, status or parent).
  void Upsert(const OrgNode& node);
  // Upserts the node `load` reads, calling it under the index's write lock: writers that
  // commit in one order but reach the index in another still leave the latest committed
  // state, because each reads it afresh. `load` returns nullopt to leave the index unchanged.
  void Refresh(const std::function<std::optional<OrgNode>()>& load);
  // nullopt for an unknown id.
  std::optional<SubtreeOrgCounts> Counts(int64_t id) const;
  // True when `id` is `ancestor` or lies below it.
  bool Contains(int64_t ancestor, int64_t id) const;
  size_t size() const;

 private:
  struct Entry {
    OrgNode node;
    SubtreeOrgCounts below;  // active orgs strictly below
  };
  // What `e` contributes to each of its ancestors: everything below it, plus itself if active.
  static SubtreeOrgCounts Contribution(const Entry& e);
  void UpsertLocked(const OrgNode& node);
  void AddToAncestors(std::optional<int64_t> parent, const SubtreeOrgCounts& c, int sign);

  mutable std::shared_mutex mu_;
  std::unordered_map<int64_t, Entry> entries_;
};

}  // namespace tj::stats
