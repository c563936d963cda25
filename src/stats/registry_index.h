// The registry's statistics index: member counts of every org's subtree, by status, gender,
// sector, age band and education, answered from memory in O(log n).
//
// Orgs are numbered in depth-first order, so a subtree is a contiguous range of positions;
// each position keeps its org's own counters and a Fenwick tree over positions sums a range.
// A member change is a point update; a change to the org structure (create, move, close)
// renumbers the orgs and rebuilds the sums from the per-org counters. Age bands depend on
// "today", so the owner rebuilds the index from the tables daily (and at start-up); a rebuild
// always yields the same numbers as the incremental updates (tests compare against the
// database). Thread-safe: readers share a lock, writers take it exclusively.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "domain/member/member.h"
#include "domain/org/org.h"

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
  // Adds an org or changes its parent or sector (renumbers; O(orgs)).
  void UpsertOrg(const RegistryOrg& org);
  // Applies one member change: nullopt before = created; nullopt after = removed.
  void ApplyMember(const std::optional<MemberFacts>& before, const std::optional<MemberFacts>& after);
  // nullopt for an unknown org.
  std::optional<MemberStats> Subtree(int64_t org_id) const;
  Date today() const;

 private:
  static constexpr size_t kCounters = 1 + domain::kMemberStatusCount + 2 + kSectorCount +
                                      domain::kAgeBandCount + domain::kEducationCount;
  using Counters = std::array<int32_t, kCounters>;

  void Renumber();  // DFS positions and Fenwick sums from own_; caller holds the lock
  void Add(const MemberFacts& m, int sign);
  Counters Prefix(size_t end) const;  // sum of positions [0, end)

  mutable std::shared_mutex mu_;
  Date today_{};
  std::unordered_map<int64_t, RegistryOrg> orgs_;
  std::unordered_map<int64_t, Counters> own_;         // by org id
  std::unordered_map<int64_t, std::pair<size_t, size_t>> range_;  // org id -> [in, out)
  std::vector<int64_t> order_;                         // position -> org id
  std::vector<Counters> fenwick_;                      // 1-based
};

}  // namespace tj::stats
