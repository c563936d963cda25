// The registry's statistics index: member counts of every org's subtree, by status, gender,
// sector, age band and education, answered from memory in O(1).
//
// Each org keeps its subtree's counters (31 of them, 124 bytes an org, nothing a member). A
// member change adds to its org and each ancestor: O(depth). Creating an org is O(1); moving
// one takes its subtree's counters from the old ancestors to the new ones, O(depth). Age bands
// depend on "today", so the owner rebuilds the index from the tables daily (and at start-up);
// a rebuild always yields the same numbers as the incremental updates (tests compare against
// the database). Thread-safe: readers share a lock, writers take it exclusively.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <vector>

#include "domain/member/member.h"
#include "domain/org/org.h"
#include "stats/slot_tree.h"

namespace tj::stats {

// What the index needs of an org.
struct RegistryOrg {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  domain::Sector sector = domain::Sector::kOther;
};

// What the index needs of a member.
struct MemberFacts {
  int64_t org_id = 0;
  domain::MemberStatus status = domain::MemberStatus::kActive;
  Gender gender = Gender::kMale;
  Date birth_date;
  domain::Education education = domain::Education::kSeniorHigh;
  bool operator==(const MemberFacts&) const = default;
};

inline constexpr size_t kSectorCount = 7;

// Members of a subtree. `total` and every breakdown but by_status count members in standing.
struct MemberStats {
  int64_t total = 0;
  std::array<int64_t, domain::kMemberStatusCount> by_status{};
  std::array<int64_t, 2> by_gender{};
  std::array<int64_t, kSectorCount> by_sector{};
  std::array<int64_t, domain::kAgeBandCount> by_age_band{};
  std::array<int64_t, domain::kEducationCount> by_education{};
  bool operator==(const MemberStats&) const = default;
};

class RegistryIndex {
 public:
  // Replaces everything. `today` fixes the age bands until the next rebuild.
  void Rebuild(const std::vector<RegistryOrg>& orgs, const std::vector<MemberFacts>& members,
               Date today);
  // Adds an org or changes its parent or sector.
  void UpsertOrg(const RegistryOrg& org);
  // Applies one member change: nullopt before = created; nullopt after = removed.
  void ApplyMember(const std::optional<MemberFacts>& before, const std::optional<MemberFacts>& after);
  // nullopt for an unknown org.
  std::optional<MemberStats> Subtree(int64_t org_id) const;
  // Members in standing of the subtree alone (MemberStats::total); nullopt for an unknown org.
  std::optional<int64_t> InStanding(int64_t org_id) const;
  Date today() const;
  size_t MemoryBytes() const;

 private:
  static constexpr size_t kCounters = 1 + domain::kMemberStatusCount + 2 + kSectorCount +
                                      domain::kAgeBandCount + domain::kEducationCount;
  using Counters = std::array<int32_t, kCounters>;

  // The counters a member adds one to (at most 6; unused places hold kCounters).
  std::array<size_t, 6> CountersOf(const MemberFacts& m, domain::Sector sector) const;
  void Add(const MemberFacts& m, int sign);
  void AddUp(int32_t slot, const Counters& c, int sign);  // to `slot` and its ancestors

  mutable std::shared_mutex mu_;
  Date today_{};
  SlotTree tree_;
  std::vector<domain::Sector> sector_;  // by slot
  std::vector<int32_t> own_standing_;   // by slot: members in standing in the org itself
  std::vector<Counters> subtree_;       // by slot
};

}  // namespace tj::stats
