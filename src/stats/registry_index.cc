#include "stats/registry_index.h"

#include <algorithm>
#include <mutex>

namespace tj::stats {
namespace {

using domain::InStanding;

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
  orgs_.clear();
  own_.clear();
  for (const auto& o : orgs) {
    orgs_[o.id] = o;
    own_[o.id] = Counters{};
  }
  for (const auto& m : members) Add(m, +1);
  Renumber();
}

void RegistryIndex::Renumber() {
  std::unordered_map<int64_t, std::vector<int64_t>> children;
  std::vector<int64_t> roots;
  for (const auto& [id, o] : orgs_) {
    if (o.parent_id && orgs_.contains(*o.parent_id))
      children[*o.parent_id].push_back(id);
    else
      roots.push_back(id);
  }
  for (auto& [id, kids] : children) std::sort(kids.begin(), kids.end());
  std::sort(roots.begin(), roots.end());
  order_.clear();
  order_.reserve(orgs_.size());
  range_.clear();
  // Iterative DFS: (org, next child index).
  std::vector<std::pair<int64_t, size_t>> stack;
  for (int64_t r : roots) {
    stack.push_back({r, 0});
    range_[r].first = order_.size();
    order_.push_back(r);
    while (!stack.empty()) {
      auto& [id, next] = stack.back();
      auto it = children.find(id);
      if (it != children.end() && next < it->second.size()) {
        int64_t child = it->second[next++];
        range_[child].first = order_.size();
        order_.push_back(child);
        stack.push_back({child, 0});
      } else {
        range_[id].second = order_.size();
        stack.pop_back();
      }
    }
  }
  // Fenwick tree built in O(n): add each node into its parent range.
  fenwick_.assign(order_.size() + 1, Counters{});
  for (size_t i = 1; i <= order_.size(); ++i) {
    const Counters& c = own_[order_[i - 1]];
    for (size_t k = 0; k < kCounters; ++k) fenwick_[i][k] += c[k];
    size_t parent = i + (i & (~i + 1));
    if (parent <= order_.size())
      for (size_t k = 0; k < kCounters; ++k) fenwick_[parent][k] += fenwick_[i][k];
  }
}

void RegistryIndex::Add(const MemberFacts& m, int sign) {
  auto org = orgs_.find(m.org_id);
  if (org == orgs_.end()) return;
  Counters delta{};
  delta[kStatusBase + static_cast<size_t>(m.status)] = 1;
  if (InStanding(m.status)) {
    delta[0] = 1;
    delta[kGenderBase + static_cast<size_t>(m.gender)] = 1;
    delta[kSectorBase + static_cast<size_t>(org->second.sector)] = 1;
    delta[kAgeBase + static_cast<size_t>(domain::AgeBandOf(AgeOn(m.birth_date, today_)))] = 1;
    delta[kEducationBase + static_cast<size_t>(m.education)] = 1;
  }
  Counters& own = own_[m.org_id];
  for (size_t k = 0; k < kCounters; ++k) own[k] += sign * delta[k];
  auto r = range_.find(m.org_id);
  if (r == range_.end() || fenwick_.empty()) return;  // positions come with the next Renumber
  for (size_t i = r->second.first + 1; i < fenwick_.size(); i += i & (~i + 1))
    for (size_t k = 0; k < kCounters; ++k) fenwick_[i][k] += sign * delta[k];
}

void RegistryIndex::UpsertOrg(const RegistryOrg& org) {
  std::unique_lock lock(mu_);
  auto it = orgs_.find(org.id);
  if (it != orgs_.end() && it->second.sector != org.sector) {
    // The sector breakdown of this org's members moves with it.
    Counters& own = own_[org.id];
    auto in_standing = own[0];
    own[kSectorBase + static_cast<size_t>(it->second.sector)] -= in_standing;
    own[kSectorBase + static_cast<size_t>(org.sector)] += in_standing;
  }
  orgs_[org.id] = org;
  own_.try_emplace(org.id, Counters{});
  Renumber();
}

void RegistryIndex::ApplyMember(const std::optional<MemberFacts>& before,
                                const std::optional<MemberFacts>& after) {
  std::unique_lock lock(mu_);
  if (before) Add(*before, -1);
  if (after) Add(*after, +1);
}

RegistryIndex::Counters RegistryIndex::Prefix(size_t end) const {
  Counters sum{};
  for (size_t i = end; i > 0; i -= i & (~i + 1))
    for (size_t k = 0; k < kCounters; ++k) sum[k] += fenwick_[i][k];
  return sum;
}

std::optional<MemberStats> RegistryIndex::Subtree(int64_t org_id) const {
  std::shared_lock lock(mu_);
  auto r = range_.find(org_id);
  if (r == range_.end()) return std::nullopt;
  Counters hi = Prefix(r->second.second), lo = Prefix(r->second.first);
  MemberStats s;
  auto at = [&](size_t k) { return int64_t(hi[k]) - int64_t(lo[k]); };
  s.total = at(0);
  for (size_t i = 0; i < s.by_status.size(); ++i) s.by_status[i] = at(kStatusBase + i);
  for (size_t i = 0; i < s.by_gender.size(); ++i) s.by_gender[i] = at(kGenderBase + i);
  for (size_t i = 0; i < s.by_sector.size(); ++i) s.by_sector[i] = at(kSectorBase + i);
  for (size_t i = 0; i < s.by_age_band.size(); ++i) s.by_age_band[i] = at(kAgeBase + i);
  for (size_t i = 0; i < s.by_education.size(); ++i) s.by_education[i] = at(kEducationBase + i);
  return s;
}

Date RegistryIndex::today() const {
  std::shared_lock lock(mu_);
  return today_;
}

}  // namespace tj::stats
