#include "stats/dues_index.h"

#include <algorithm>
#include <vector>
#include <mutex>

namespace tj::stats {

DuesIndex::Builder::Builder(const std::vector<DuesOrg>& orgs, domain::Month first_month, int months)
    : first_(first_month), months_(std::max(months, 1)) {
  tree_.Assign(orgs);
  cells_.assign(tree_.size() * static_cast<size_t>(months_), Cell{});
}

void DuesIndex::Builder::Add(const DuesPart& part) {
  Add(part.org_id, part.first_month, part.months);
}

void DuesIndex::Builder::Add(int64_t org_id, domain::Month first_month,
                             std::span<const DuesMonthPart> months) {
  int32_t slot = tree_.Slot(org_id);
  if (slot == SlotTree::kNone) return;
  AddPart(cells_.data() + static_cast<size_t>(slot) * static_cast<size_t>(months_), first_month,
          months, +1, first_, months_);
}

void DuesIndex::Rebuild(const std::vector<DuesOrg>& orgs, const std::vector<DuesPart>& parts,
                        domain::Month first_month, int months) {
  Builder b(orgs, first_month, months);
  for (const auto& p : parts) b.Add(p);
  Rebuild(std::move(b));
}

void DuesIndex::Rebuild(Builder&& b) {
  // Each org's own parts into its parent's, deepest orgs first: O(orgs × months) instead of a
  // walk up the tree for every part. Done before taking the lock; readers meanwhile see the
  // figures of the previous build.
  auto row = [&](int32_t slot) { return b.cells_.data() + static_cast<size_t>(slot) * static_cast<size_t>(b.months_); };
  b.tree_.SumUp([&](int32_t slot, int32_t parent) {
    const Cell* from = row(slot);
    Cell* to = row(parent);
    for (int i = 0; i < b.months_; ++i) Add(to[i], from[i], +1);
  });
  std::unique_lock lock(mu_);
  first_ = b.first_;
  months_ = b.months_;
  tree_ = std::move(b.tree_);
  cells_ = std::move(b.cells_);
}

void DuesIndex::Add(Cell& to, const Cell& from, int sign) {
  to.members_due += sign * from.members_due;
  to.members_paid += sign * from.members_paid;
  to.due_fen += sign * from.due_fen;
  to.paid_fen += sign * from.paid_fen;
}

void DuesIndex::AddPart(Cell* row, domain::Month part_first, std::span<const DuesMonthPart> part,
                        int sign, domain::Month first, int months) {
  for (size_t k = 0; k < part.size(); ++k) {
    domain::Month m = part_first + static_cast<int>(k);
    if (m < first || m >= first + months) continue;
    const auto& p = part[k];
    Cell& c = row[static_cast<size_t>(m - first)];
    c.members_due += sign;
    c.members_paid += p.paid_fen >= p.due_fen ? sign : 0;
    c.due_fen += sign * p.due_fen;
    c.paid_fen += sign * p.paid_fen;
  }
}

void DuesIndex::AddRowUp(int32_t slot, const Cell* row, int lo, int hi, int sign) {
  tree_.ForUp(slot, [&](int32_t s) {
    Cell* cells = Row(s);
    for (int i = lo; i < hi; ++i) Add(cells[i], row[i], sign);
  });
}

void DuesIndex::UpsertOrg(const DuesOrg& org) {
  std::unique_lock lock(mu_);
  int32_t slot = tree_.Slot(org.id);
  if (slot == SlotTree::kNone) {
    tree_.Add(org.id, org.parent_id);
    // Room for a few percent more orgs, not the doubling resize() would make: the cells are
    // most of the index, and a new org is rare.
    size_t need = tree_.size() * static_cast<size_t>(months_);
    if (need > cells_.capacity()) cells_.reserve(need + need / 32);
    cells_.resize(need, Cell{});
    return;
  }
  int32_t parent = tree_.SlotOf(org.parent_id);
  int32_t old_parent = tree_.Parent(slot);
  if (old_parent == parent || !tree_.SetParent(slot, parent)) return;
  // The subtree's figures leave the old ancestors and join the new ones.
  std::vector<Cell> row(Row(slot), Row(slot) + months_);
  AddRowUp(old_parent, row.data(), 0, months_, -1);
  AddRowUp(parent, row.data(), 0, months_, +1);
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
  AddPart(row.data(), part.first_month, part.months, 1, first_, months_);
  AddRowUp(tree_.Slot(part.org_id), row.data(), lo, hi, sign);
}

std::optional<DuesFigures> DuesIndex::Subtree(int64_t org_id, domain::Month month) const {
  std::shared_lock lock(mu_);
  if (month < first_ || month >= first_ + months_) return std::nullopt;
  int32_t slot = tree_.Slot(org_id);
  if (slot == SlotTree::kNone) return std::nullopt;
  const Cell& c = cells_[static_cast<size_t>(slot) * static_cast<size_t>(months_) + static_cast<size_t>(month - first_)];
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
  return cells_.capacity() * sizeof(Cell) + tree_.MemoryBytes();
}

}  // namespace tj::stats
