#include "service/index_update.h"

#include "service/dues_service.h"

namespace tj::service {

Date IndexWindowStart(Date today) {
  return Date{std::chrono::year{static_cast<int>(today.year()) - 1} / std::chrono::January / 1};
}

IndexUpdate::IndexUpdate(Deps& d) : d_(d) {
  if (d_.gate) gate_ = d_.gate->ForWrite();
}

Result<void> IndexUpdate::Read(store::Connection& c, const std::vector<int64_t>& member_ids,
                               std::vector<stats::DuesPart>& to) {
  if (!d_.dues || member_ids.empty()) return {};
  auto parts = DuesPartsOf(c, member_ids, d_.dues->first_month(), d_.dues->months());
  if (!parts) return Fail(parts.error());
  for (auto& p : *parts) to.push_back(std::move(p));
  return {};
}

Result<void> IndexUpdate::Before(store::Connection& c, const std::vector<int64_t>& member_ids) {
  return Read(c, member_ids, before_);
}

Result<void> IndexUpdate::After(store::Connection& c, const std::vector<int64_t>& member_ids) {
  return Read(c, member_ids, after_);
}

Result<void> IndexUpdate::AfterNew(store::Connection& c, const std::vector<store::DuesMember>& members) {
  if (!d_.dues || members.empty()) return {};
  auto parts = NewMemberDuesParts(c, members, d_.dues->first_month(), d_.dues->months());
  if (!parts) return Fail(parts.error());
  for (auto& p : *parts) after_.push_back(std::move(p));
  return {};
}

void IndexUpdate::Member(std::optional<stats::MemberFacts> before, std::optional<stats::MemberFacts> after) {
  registry_.emplace_back(std::move(before), std::move(after));
}

void IndexUpdate::Apply() {
  if (d_.dues) {
    for (const auto& p : before_) d_.dues->Apply(p, -1);
    for (const auto& p : after_) d_.dues->Apply(p, +1);
  }
  if (d_.registry)
    for (const auto& [before, after] : registry_) d_.registry->ApplyMember(before, after);
  before_.clear();
  after_.clear();
  registry_.clear();
}

}  // namespace tj::service
