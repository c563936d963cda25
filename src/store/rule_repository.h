// Persistence of the yearly rule sets (table rule_sets), one row a version.
//
// Works on a borrowed Connection inside the caller's transaction; not thread-safe. Methods
// return the store's error on failure (a version taken by a concurrent writer → kConflict).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/recruitment/rules.h"
#include "store/database.h"

namespace tj::store {

struct StoredRuleSet {
  domain::RuleSet rules;
  Instant created_at;
  std::string created_by;
};

class RuleRepository {
 public:
  explicit RuleRepository(Connection& c) : c_(c) {}
  // The latest version for `year`, if any was saved.
  Result<std::optional<StoredRuleSet>> Latest(int year);
  // Every version for `year`, newest first.
  Result<std::vector<StoredRuleSet>> Versions(int year);
  Result<void> Insert(const domain::RuleSet& r, Instant now, std::string_view by);

 private:
  Connection& c_;
};

}  // namespace tj::store
