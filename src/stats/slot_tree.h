// The org tree as the statistics indexes keep it: every org a dense slot (0, 1, 2, ...) and
// each slot its parent's slot, so an index stores its figures in flat arrays by slot and adds
// a change to an org and its ancestors by following parent slots, without a hash lookup a level.
//
// Org ids map to slots through a flat array while the ids stay dense (database identities
// do), and through a hash map for any id far beyond the others, so a stray large id costs a
// map entry rather than gigabytes. Not thread-safe: each index guards its tree with its own
// lock.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace tj::stats {

class SlotTree {
 public:
  static constexpr int32_t kNone = -1;
  // Depth is bounded by the tree (about ten levels); walks stop here on a corrupt cycle.
  static constexpr int kMaxDepth = 1000;

  // Replaces the tree. `orgs` is any range of values with `id` and `parent_id`; slots follow
  // their order, a repeated id keeps its first slot, and a parent that is not in the range
  // makes a top org.
  template <typename Range>
  void Assign(const Range& orgs) {
    Clear();
    for (const auto& o : orgs) Insert(o.id);
    for (const auto& o : orgs) {
      auto slot = static_cast<size_t>(Slot(o.id));
      int32_t parent = SlotOf(o.parent_id);
      if (parent_[slot] == kNone && parent != static_cast<int32_t>(slot)) parent_[slot] = parent;
    }
  }
  void Clear();
  // The slot of an org, kNone when it is not kept.
  int32_t Slot(int64_t id) const {
    if (id >= 0 && static_cast<uint64_t>(id) < dense_.size()) return dense_[static_cast<size_t>(id)];
    auto it = sparse_.find(id);
    return it == sparse_.end() ? kNone : it->second;
  }
  int32_t Parent(int32_t slot) const { return parent_[static_cast<size_t>(slot)]; }
  int64_t Id(int32_t slot) const { return id_of_[static_cast<size_t>(slot)]; }
  size_t size() const { return parent_.size(); }
  // Keeps a new org under `parent_id` (a top org when that is not kept) and returns its slot;
  // for an org kept already, returns its slot and changes nothing.
  int32_t Add(int64_t id, std::optional<int64_t> parent_id);
  // The slot `parent_id` names (kNone for none or an org not kept).
  int32_t SlotOf(std::optional<int64_t> parent_id) const { return parent_id ? Slot(*parent_id) : kNone; }
  // Moves a slot under another parent slot. False (and nothing changes) when that would put it
  // below itself.
  bool SetParent(int32_t slot, int32_t parent);
  // Calls f(slot) for `slot` and each of its ancestors, nearest first.
  template <typename F>
  void ForUp(int32_t slot, F&& f) const {
    for (int guard = 0; slot != kNone && guard < kMaxDepth; ++guard) {
      f(slot);
      slot = parent_[static_cast<size_t>(slot)];
    }
  }
  // Every slot, deepest first, so adding each slot's figures into its parent's in this order
  // turns per-org figures into subtree figures in one pass.
  std::vector<int32_t> BottomUp() const;
  // That pass: calls add(slot, parent) for every slot with a parent, deepest first.
  template <typename F>
  void SumUp(F&& add) const {
    for (int32_t slot : BottomUp())
      if (int32_t parent = Parent(slot); parent != kNone) add(slot, parent);
  }
  size_t MemoryBytes() const;

 private:
  void Insert(int64_t id);

  std::vector<int32_t> dense_;                    // id -> slot, kNone for a gap
  std::unordered_map<int64_t, int32_t> sparse_;  // ids far beyond the dense range
  std::vector<int32_t> parent_;                   // slot -> parent slot
  std::vector<int64_t> id_of_;                    // slot -> id
};

}  // namespace tj::stats
