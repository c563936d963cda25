#include "stats/slot_tree.h"

#include <algorithm>

namespace tj::stats {

void SlotTree::Clear() {
  dense_.clear();
  sparse_.clear();
  parent_.clear();
  id_of_.clear();
}

void SlotTree::Insert(int64_t id) {
  if (Slot(id) != kNone) return;
  auto slot = static_cast<int32_t>(parent_.size());
  // Ids go into the flat array while it stays within a few times the number of orgs.
  size_t limit = 4 * (parent_.size() + 1) + 4096;
  if (id >= 0 && static_cast<uint64_t>(id) < limit) {
    if (static_cast<size_t>(id) >= dense_.size()) {
      size_t grown = std::max(static_cast<size_t>(id) + 1, dense_.size() + dense_.size() / 2);
      dense_.resize(std::min(grown, limit), kNone);
      // Ids kept in the map while they were beyond the flat array move into it, so that
      // Slot(), which looks in the array first, finds them.
      for (auto it = sparse_.begin(); it != sparse_.end();) {
        if (it->first >= 0 && static_cast<uint64_t>(it->first) < dense_.size()) {
          dense_[static_cast<size_t>(it->first)] = it->second;
          it = sparse_.erase(it);
        } else {
          ++it;
        }
      }
    }
    dense_[static_cast<size_t>(id)] = slot;
  } else {
    sparse_.emplace(id, slot);
  }
  parent_.push_back(kNone);
  id_of_.push_back(id);
}

int32_t SlotTree::Add(int64_t id, std::optional<int64_t> parent_id) {
  if (int32_t s = Slot(id); s != kNone) return s;
  int32_t parent = SlotOf(parent_id);
  Insert(id);
  int32_t slot = static_cast<int32_t>(parent_.size() - 1);
  parent_[static_cast<size_t>(slot)] = parent;
  return slot;
}

bool SlotTree::SetParent(int32_t slot, int32_t parent) {
  bool below_itself = false;
  ForUp(parent, [&](int32_t s) { below_itself = below_itself || s == slot; });
  if (below_itself) return false;
  parent_[static_cast<size_t>(slot)] = parent;
  return true;
}

std::vector<int32_t> SlotTree::BottomUp() const {
  // Depth of every slot: walk up to a slot of known depth (or the top), then number the path
  // on the way down; each slot is numbered once.
  std::vector<int32_t> depth(parent_.size(), -1);
  std::vector<int32_t> path;
  int32_t deepest = 0;
  for (size_t start = 0; start < parent_.size(); ++start) {
    path.clear();
    int32_t d = -1;
    for (int32_t cur = static_cast<int32_t>(start); cur != kNone && static_cast<int>(path.size()) < kMaxDepth;
         cur = parent_[static_cast<size_t>(cur)]) {
      if (depth[static_cast<size_t>(cur)] >= 0) {
        d = depth[static_cast<size_t>(cur)];
        break;
      }
      path.push_back(cur);
    }
    for (auto s = path.rbegin(); s != path.rend(); ++s) depth[static_cast<size_t>(*s)] = ++d;
    deepest = std::max(deepest, d);
  }
  // A counting sort by depth, deepest first.
  std::vector<size_t> start(static_cast<size_t>(deepest) + 2, 0);
  for (int32_t d : depth) ++start[static_cast<size_t>(deepest - d) + 1];
  for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  std::vector<int32_t> order(parent_.size());
  for (size_t s = 0; s < depth.size(); ++s)
    order[start[static_cast<size_t>(deepest - depth[s])]++] = static_cast<int32_t>(s);
  return order;
}

size_t SlotTree::MemoryBytes() const {
  return dense_.capacity() * sizeof(int32_t) + parent_.capacity() * sizeof(int32_t) +
         id_of_.capacity() * sizeof(int64_t) +
         sparse_.size() * (sizeof(int64_t) + sizeof(int32_t) + 2 * sizeof(void*)) +
         sparse_.bucket_count() * sizeof(void*);
}

}  // namespace tj::stats
