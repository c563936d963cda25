// The dues statistics index: for every org's subtree and every month of a window, the members
// whose ledger runs in the month, how many of them have settled it, and the amounts due and
// paid, answered from memory in O(1).
//
// Each org keeps its subtree's figures for each month of the window (this year and last year by
// default); a member's part is added to their org and its ancestors, O(depth × months). A move
// of an org takes its subtree's figures from the old ancestors to the new ones. Callers compute
// members' parts from the tables (the service's ledger rules) inside the transaction that
// changes them, before and after the change, and apply the difference after the commit; parts
// of months outside the window are ignored. A rebuild from the tables always yields the same
// figures as the incremental updates (tests compare). Memory: 24 bytes an org a month.
// Thread-safe: readers share a lock, writers take it exclusively.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <span>
#include <unordered_map>
#include <vector>

#include "domain/dues/dues.h"
#include "stats/slot_tree.h"

namespace tj::stats {

// A subtree's dues in one month.
struct DuesFigures {
  int64_t members_due = 0;   // members in standing whose ledger runs in the month
  int64_t members_paid = 0;  // of them, those who have paid the month in full
  int64_t due_fen = 0;
  int64_t paid_fen = 0;
  bool operator==(const DuesFigures&) const = default;
};

// One member's month: what is due and what was paid for it.
struct DuesMonthPart {
  int64_t due_fen = 0;
  int64_t paid_fen = 0;
};

// One member's part of the figures: consecutive months from `first_month` (the member's first
// due month or later). Empty for a member not in standing.
struct DuesPart {
  int64_t org_id = 0;
  domain::Month first_month = 0;
  std::vector<DuesMonthPart> months;
};

struct DuesOrg {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
};

class DuesIndex {
  struct Cell {
    int32_t members_due = 0;
    int32_t members_paid = 0;
    int64_t due_fen = 0;
    int64_t paid_fen = 0;
  };

 public:
  // A rebuild gathered part by part (members read in chunks rather than all at once) without
  // touching the index; Rebuild(Builder) then swaps it in. Not thread-safe.
  class Builder {
   public:
    Builder(const std::vector<DuesOrg>& orgs, domain::Month first_month, int months);
    void Add(const DuesPart& part);
    // The same for a part not held in a DuesPart (a rebuild fills one buffer member after
    // member rather than allocating a part each).
    void Add(int64_t org_id, domain::Month first_month, std::span<const DuesMonthPart> months);

   private:
    friend class DuesIndex;
    SlotTree tree_;
    domain::Month first_ = 0;
    int months_ = 0;
    std::vector<Cell> cells_;  // each org's own parts until Rebuild sums them up the tree
  };

  // Replaces everything; the window is `months` months from `first_month`.
  void Rebuild(const std::vector<DuesOrg>& orgs, const std::vector<DuesPart>& parts, domain::Month first_month,
               int months);
  void Rebuild(Builder&& b);
  // Adds an org or moves it under another parent (its subtree's figures move with it).
  void UpsertOrg(const DuesOrg& org);
  // Adds (sign +1) or takes away (sign -1) a member's part.
  void Apply(const DuesPart& part, int sign);
  // nullopt for an unknown org or a month outside the window.
  std::optional<DuesFigures> Subtree(int64_t org_id, domain::Month month) const;
  // The window: [first, first + months).
  domain::Month first_month() const;
  int months() const;
  bool Covers(domain::Month month) const;
  size_t MemoryBytes() const;

 private:
  Cell* Row(int32_t slot) { return cells_.data() + static_cast<size_t>(slot) * static_cast<size_t>(months_); }
  static void Add(Cell& to, const Cell& from, int sign);
  // Adds a member's part to a row of cells of the window [first, first + months).
  static void AddPart(Cell* row, domain::Month part_first, std::span<const DuesMonthPart> part,
                      int sign, domain::Month first, int months);
  // Adds cells [lo, hi) of `row` times `sign` to `slot` and each of its ancestors.
  void AddRowUp(int32_t slot, const Cell* row, int lo, int hi, int sign);
  void ApplyLocked(const DuesPart& part, int sign);

  mutable std::shared_mutex mu_;
  domain::Month first_ = 0;
  int months_ = 0;
  SlotTree tree_;
  std::vector<Cell> cells_;  // slot * months_ + month - first_: the subtree's figures
};

}  // namespace tj::stats
