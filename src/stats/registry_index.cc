#include "stats/registry_index.h"

#include <mutex>

namespace tj::stats {
namespace {

constexpr size_t kStatusBase = 1;
constexpr size_t kGenderBase = kStatusBase + domain::kMemberStatusCount;
constexpr size_t kSectorBase = kGenderBase + 2;
constexpr size_t kAgeBase = kSectorBase + kSectorCount;
constexpr size_t kEducationBase = kAgeBase + domain::kAgeBandCount;

}  // namespace

void RegistryIndex::Rebuild(const std::vector<RegistryOrg>& orgs,
                            const std::vector<MemberFacts>& members, Date today) {
  std::unique_lock lock(mu_);
  today_ = today;
  tree_.Assign(orgs);
  sector_.assign(tree_.size(), domain::Sector::kOther);
  for (const auto& o : orgs) sector_[static_cast<size_t>(tree_.Slot(o.id))] = o.sector;
  own_standing_.assign(tree_.size(), 0);
  subtree_.assign(tree_.size(), Counters{});
  // Each member into its own org's counters, then each org's into its parent's, deepest first:
  // O(members + orgs × counters) rather than a walk up the tree for every member.
  for (const auto& m : members) {
    int32_t slot = tree_.Slot(m.org_id);
    if (slot == SlotTree::kNone) continue;
    Counters& c = subtree_[static_cast<size_t>(slot)];
    for (size_t k : CountersOf(m, sector_[static_cast<size_t>(slot)]))
      if (k < kCounters) ++c[k];
    if (domain::InStanding(m.status)) ++own_standing_[static_cast<size_t>(slot)];
  }
  tree_.SumUp([&](int32_t slot, int32_t parent) {
    Counters& to = subtree_[static_cast<size_t>(parent)];
    const Counters& from = subtree_[static_cast<size_t>(slot)];
    for (size_t k = 0; k < kCounters; ++k) to[k] += from[k];
  });
}

std::array<size_t, 6> RegistryIndex::CountersOf(const MemberFacts& m, domain::Sector sector) const {
  std::array<size_t, 6> out;
  out.fill(kCounters);
  out[0] = kStatusBase + static_cast<size_t>(m.status);
  if (domain::InStanding(m.status)) {
    out[1] = 0;
    out[2] = kGenderBase + static_cast<size_t>(m.gender);
    out[3] = kSectorBase + static_cast<size_t>(sector);
    out[4] = kAgeBase + static_cast<size_t>(domain::AgeBandOf(AgeOn(m.birth_date, today_)));
    out[5] = kEducationBase + static_cast<size_t>(m.education);
  }
  return out;
}

void RegistryIndex::AddUp(int32_t slot, const Counters& c, int sign) {
  tree_.ForUp(slot, [&](int32_t s) {
    Counters& to = subtree_[static_cast<size_t>(s)];
    for (size_t k = 0; k < kCounters; ++k) to[k] += sign * c[k];
  });
}

void RegistryIndex::Add(const MemberFacts& m, int sign) {
  int32_t slot = tree_.Slot(m.org_id);
  if (slot == SlotTree::kNone) return;
  auto ks = CountersOf(m, sector_[static_cast<size_t>(slot)]);
  tree_.ForUp(slot, [&](int32_t s) {
    Counters& to = subtree_[static_cast<size_t>(s)];
    for (size_t k : ks)
      if (k < kCounters) to[k] += sign;
  });
  if (domain::InStanding(m.status)) own_standing_[static_cast<size_t>(slot)] += sign;
}

void RegistryIndex::UpsertOrg(const RegistryOrg& org) {
  std::unique_lock lock(mu_);
  int32_t slot = tree_.Slot(org.id);
  if (slot == SlotTree::kNone) {
    tree_.Add(org.id, org.parent_id);
    sector_.push_back(org.sector);
    own_standing_.push_back(0);
    subtree_.push_back(Counters{});
    return;
  }
  auto at = static_cast<size_t>(slot);
  if (sector_[at] != org.sector) {
    // The sector breakdown of this org's own members moves with it, here and above.
    Counters c{};
    c[kSectorBase + static_cast<size_t>(sector_[at])] = -own_standing_[at];
    c[kSectorBase + static_cast<size_t>(org.sector)] = own_standing_[at];
    AddUp(slot, c, +1);
    sector_[at] = org.sector;
  }
  int32_t parent = tree_.SlotOf(org.parent_id);
  int32_t old_parent = tree_.Parent(slot);
  if (old_parent == parent || !tree_.SetParent(slot, parent)) return;
  // The subtree's counters leave the old ancestors and join the new ones.
  Counters moved = subtree_[at];
  AddUp(old_parent, moved, -1);
  AddUp(parent, moved, +1);
}

void RegistryIndex::ApplyMember(const std::optional<MemberFacts>& before,
                                const std::optional<MemberFacts>& after) {
  std::unique_lock lock(mu_);
  if (before) Add(*before, -1);
  if (after) Add(*after, +1);
}

std::optional<MemberStats> RegistryIndex::Subtree(int64_t org_id) const {
  std::shared_lock lock(mu_);
  int32_t slot = tree_.Slot(org_id);
  if (slot == SlotTree::kNone) return std::nullopt;
  const Counters& c = subtree_[static_cast<size_t>(slot)];
  MemberStats s;
  s.total = c[0];
  for (size_t i = 0; i < s.by_status.size(); ++i) s.by_status[i] = c[kStatusBase + i];
  for (size_t i = 0; i < s.by_gender.size(); ++i) s.by_gender[i] = c[kGenderBase + i];
  for (size_t i = 0; i < s.by_sector.size(); ++i) s.by_sector[i] = c[kSectorBase + i];
  for (size_t i = 0; i < s.by_age_band.size(); ++i) s.by_age_band[i] = c[kAgeBase + i];
  for (size_t i = 0; i < s.by_education.size(); ++i) s.by_education[i] = c[kEducationBase + i];
  return s;
}

std::optional<int64_t> RegistryIndex::InStanding(int64_t org_id) const {
  std::shared_lock lock(mu_);
  int32_t slot = tree_.Slot(org_id);
  if (slot == SlotTree::kNone) return std::nullopt;
  return subtree_[static_cast<size_t>(slot)][0];
}

Date RegistryIndex::today() const {
  std::shared_lock lock(mu_);
  return today_;
}

size_t RegistryIndex::MemoryBytes() const {
  std::shared_lock lock(mu_);
  return tree_.MemoryBytes() + sector_.capacity() * sizeof(domain::Sector) +
         own_standing_.capacity() * sizeof(int32_t) + subtree_.capacity() * sizeof(Counters);
}

}  // namespace tj::stats
