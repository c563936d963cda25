#include "stats/dues_index.h"

#include <algorithm>
#include <vector>
#include <mutex>

namespace tj::stats {
namespace {

// Depth is bounded by the tree (about ten levels); the guard stops a corrupt cycle.
constexpr int kMaxDepth = 1000;

}  // namespace

void DuesIndex::Rebuild(const std::vector<DuesOrg>& orgs, const std::vector<DuesPart>& parts,
                        domain::Month first_month, int months) {
  std::unique_lock lock(mu_);
  first_ = first_month;
  months_ = std::max(months, 1);
  nodes_.clear();
  nodes_.reserve(orgs.size());
  std::vector<std::optional<int64_t>> parent_of;  // by slot
  parent_of.reserve(orgs.size());
  for (const auto& o : orgs) {
    size_t slot = nodes_.size();
    if (nodes_.try_emplace(o.id, Node{slot, o.parent_id}).second) parent_of.push_back(o.parent_id);
  }
  cells_.assign(nodes_.size() * static_cast<size_t>(months_), Cell{});
  // Each part into its own org's row, then each row into its parent's, deepest orgs first:
  // O(parts × months + orgs × months) instead of a walk up the tree for every part.
  for (const auto& p : parts) {
    auto it = nodes_.find(p.org_id);
    if (it == nodes_.end()) continue;
    AddPart(Row(it->second.slot), p, +1);
  }
  std::vector<int> depth(parent_of.size(), -1);
  for (size_t slot = 0; slot < parent_of.size(); ++slot) {
    // Walk up to an org of known depth (or the top), then number the path on the way down.
    std::vector<size_t> path;
    int d = -1;
    for (size_t cur = slot; static_cast<int>(path.size()) < kMaxDepth;) {
      if (depth[cur] >= 0) {
        d = depth[cur];
        break;
      }
      path.push_back(cur);
      auto parent = parent_of[cur] ? nodes_.find(*parent_of[cur]) : nodes_.end();
      if (parent == nodes_.end()) break;
      cur = parent->second.slot;
    }
    for (auto s = path.rbegin(); s != path.rend(); ++s) depth[*s] = ++d;
  }
  std::vector<size_t> order(parent_of.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return depth[a] > depth[b]; });
  for (size_t slot : order) {
    if (!parent_of[slot]) continue;
    auto parent = nodes_.find(*parent_of[slot]);
    if (parent == nodes_.end()) continue;
    const Cell* from = Row(slot);
    Cell* to = Row(parent->second.slot);
    for (int i = 0; i < months_; ++i) Add(to[i], from[i], +1);
  }
}

void DuesIndex::Add(Cell& to, const Cell& from, int sign) {
  to.members_due += sign * from.members_due;
  to.members_paid += sign * from.members_paid;
  to.due_fen += sign * from.due_fen;
  to.paid_fen += sign * from.paid_fen;
}

void DuesIndex::AddPart(Cell* row, const DuesPart& part, int sign) const {
  for (size_t k = 0; k < part.months.size(); ++k) {
    domain::Month m = part.first_month + static_cast<int>(k);
    if (m < first_ || m >= first_ + months_) continue;
    const auto& p = part.months[k];
    Cell& c = row[static_cast<size_t>(m - first_)];
    c.members_due += sign;
    c.members_paid += p.paid_fen >= p.due_fen ? sign : 0;
    c.due_fen += sign * p.due_fen;
    c.paid_fen += sign * p.paid_fen;
  }
}

void DuesIndex::AddRowUp(std::optional<int64_t> from, const Cell* row, int lo, int hi, int sign) {
  for (int guard = 0; from && guard < kMaxDepth; ++guard) {
    auto it = nodes_.find(*from);
    if (it == nodes_.end()) return;
    Cell* cells = Row(it->second.slot);
    for (int i = lo; i < hi; ++i) Add(cells[i], row[i], sign);
    from = it->second.parent_id;
  }
}

void DuesIndex::UpsertOrg(const DuesOrg& org) {
  std::unique_lock lock(mu_);
  auto it = nodes_.find(org.id);
  if (it == nodes_.end()) {
    size_t slot = nodes_.size();
    nodes_.emplace(org.id, Node{slot, org.parent_id});
    cells_.resize(nodes_.size() * static_cast<size_t>(months_), Cell{});
    return;
  }
  if (it->second.parent_id == org.parent_id) return;
  // The subtree's figures leave the old ancestors and join the new ones.
  std::vector<Cell> row(Row(it->second.slot), Row(it->second.slot) + months_);
  AddRowUp(it->second.parent_id, row.data(), 0, months_, -1);
  it->second.parent_id = org.parent_id;
  AddRowUp(org.parent_id, row.data(), 0, months_, +1);
}

void DuesIndex::Apply(const DuesPart& part, int sign) {
  std::unique_lock lock(mu_);
  ApplyLocked(part, sign);
}

void DuesIndex::ApplyLocked(const DuesPart& part, int sign) {
  if (part.months.empty() || months_ == 0) return;
  // The months of the part inside the window: [lo, hi) relative to the window.
  int lo = std::max(part.first_month, first_) - first_;
  int hi = std::min(part.first_month + static_cast<int>(part.months.size()), first_ + months_) - first_;
  if (lo >= hi) return;
  thread_local std::vector<Cell> row;
  row.assign(static_cast<size_t>(months_), Cell{});
  AddPart(row.data(), part, 1);
  AddRowUp(part.org_id, row.data(), lo, hi, sign);
}

std::optional<DuesFigures> DuesIndex::Subtree(int64_t org_id, domain::Month month) const {
  std::shared_lock lock(mu_);
  if (month < first_ || month >= first_ + months_) return std::nullopt;
  auto it = nodes_.find(org_id);
  if (it == nodes_.end()) return std::nullopt;
  const Cell& c = cells_[it->second.slot * static_cast<size_t>(months_) + static_cast<size_t>(month - first_)];
  return DuesFigures{c.members_due, c.members_paid, c.due_fen, c.paid_fen};
}

domain::Month DuesIndex::first_month() const {
  std::shared_lock lock(mu_);
  return first_;
}

int DuesIndex::months() const {
  std::shared_lock lock(mu_);
  return months_;
}

bool DuesIndex::Covers(domain::Month month) const {
  std::shared_lock lock(mu_);
  return months_ > 0 && month >= first_ && month < first_ + months_;
}

size_t DuesIndex::MemoryBytes() const {
  std::shared_lock lock(mu_);
  return cells_.capacity() * sizeof(Cell) + nodes_.size() * (sizeof(Node) + sizeof(int64_t) + 2 * sizeof(void*)) +
         nodes_.bucket_count() * sizeof(void*);
}

}  // namespace tj::stats
