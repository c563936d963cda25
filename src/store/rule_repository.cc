#include "store/rule_repository.h"

namespace tj::store {
namespace {

constexpr const char* kColumns =
    "year, version, min_class_half_hours, min_activist_months, min_age, max_age, "
    "junior_high_cap_percent, senior_high_cap_percent, excellent_cap_percent, "
    "evaluation_quorum_num, evaluation_quorum_den, min_classes_per_year, min_general_meetings_per_quarter, "
    "min_committee_meetings_per_month, min_classes_per_quarter, created_at, created_by";

StoredRuleSet FromRow(const Row& r) {
  StoredRuleSet s;
  auto i = [&](size_t k) { return static_cast<int>(r.Int(k)); };
  s.rules = domain::RuleSet{i(0), i(1), i(2), i(3), i(4), i(5), i(6), i(7), i(8), i(9), i(10), i(11), i(12), i(13), i(14)};
  s.created_at = r.At(15);
  s.created_by = r.Str(16);
  return s;
}

}  // namespace

Result<std::optional<StoredRuleSet>> RuleRepository::Latest(int year) {
  auto r = c_.Query(std::string("SELECT ") + kColumns +
                        " FROM rule_sets WHERE year = $1 ORDER BY version DESC LIMIT 1",
                    {Int(year)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<StoredRuleSet>();
  return std::optional<StoredRuleSet>(FromRow(r->rows[0]));
}

Result<std::vector<StoredRuleSet>> RuleRepository::Versions(int year) {
  auto r = c_.Query(std::string("SELECT ") + kColumns +
                        " FROM rule_sets WHERE year = $1 ORDER BY version DESC",
                    {Int(year)});
  if (!r) return Fail(r.error());
  std::vector<StoredRuleSet> out;
  for (const auto& row : r->rows) out.push_back(FromRow(row));
  return out;
}

Result<void> RuleRepository::Insert(const domain::RuleSet& s, Instant now, std::string_view by) {
  auto r = c_.Query(std::string("INSERT INTO rule_sets (") + kColumns +
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
                    {Int(s.year), Int(s.version), Int(s.min_class_half_hours),
                     Int(s.min_activist_months), Int(s.min_age), Int(s.max_age),
                     Int(s.junior_high_cap_percent), Int(s.senior_high_cap_percent),
                     Int(s.excellent_cap_percent), Int(s.evaluation_quorum_num),
                     Int(s.evaluation_quorum_den), Int(s.min_classes_per_year),
                     Int(s.min_general_meetings_per_quarter), Int(s.min_committee_meetings_per_month),
                     Int(s.min_classes_per_quarter), At(now),
                     Text(by)});
  if (!r) return Fail(r.error());
  return {};
}

}  // namespace tj::store
