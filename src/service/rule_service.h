// The year's rule settings: read by everyone signed in, changed by a system administrator of
// the top org. Each change saves a new version (decisions record the version they used) and
// is audited. Years never saved answer the national defaults as version 0. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/recruitment/rules.h"
#include "service/context.h"

namespace tj::service {

struct RuleView {
  domain::RuleSet rules;
  std::optional<Instant> created_at;  // empty for the defaults
  std::string created_by;
};

// A change: absent fields keep the current value.
struct RuleFields {
  std::optional<int> min_class_half_hours;
  std::optional<int> min_activist_months;
  std::optional<int> min_age;
  std::optional<int> max_age;
  std::optional<int> junior_high_cap_percent;
  std::optional<int> senior_high_cap_percent;
  std::optional<int> excellent_cap_percent;
  std::optional<int> evaluation_quorum_num;
  std::optional<int> evaluation_quorum_den;
  std::optional<int> min_classes_per_year;
  std::optional<int> min_general_meetings_per_quarter;
  std::optional<int> min_committee_meetings_per_month;
  std::optional<int> min_classes_per_quarter;
};

// The rules in force for `year` (the latest saved version, or the defaults as version 0), read
// inside the caller's transaction.
Result<domain::RuleSet> RulesInForce(store::Connection& c, int year);
// Version `version` of `year`'s rules (0: the defaults), as a decision recorded it; the rules
// in force when that version is not found.
Result<domain::RuleSet> RulesVersion(store::Connection& c, int year, int version);

class RuleService {
 public:
  explicit RuleService(Deps& deps) : d_(deps) {}
  // Errors: kBadRequest for a year outside 2000–2100.
  Result<RuleView> Get(const Actor& a, int year);
  Result<std::vector<RuleView>> Versions(const Actor& a, int year);
  // Errors: kForbidden unless a system administrator whose scope is the whole tree;
  // kValidationFailed naming fields out of range.
  Result<RuleView> Put(const Actor& a, int year, const RuleFields& f);

 private:
  Deps& d_;
};

}  // namespace tj::service
