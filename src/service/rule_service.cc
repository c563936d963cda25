#include "service/rule_service.h"

#include "base/json_writer.h"
#include "service/audit_service.h"
#include "store/rule_repository.h"

namespace tj::service {
namespace {

Result<void> CheckYear(int year) {
  if (year < 2000 || year > 2100)
    return Fail(Error::BadRequest("common.bad_parameter", {{"name", "year"}}));
  return {};
}

RuleView ViewOf(const store::StoredRuleSet& s) { return {s.rules, s.created_at, s.created_by}; }

std::string Summary(const domain::RuleSet& r) {
  return JsonObjectWriter()
      .Int("year", r.year)
      .Int("version", r.version)
      .Int("min_class_half_hours", r.min_class_half_hours)
      .Int("min_activist_months", r.min_activist_months)
      .Int("min_age", r.min_age)
      .Int("max_age", r.max_age)
      .Int("junior_high_cap_percent", r.junior_high_cap_percent)
      .Int("senior_high_cap_percent", r.senior_high_cap_percent)
      .Int("excellent_cap_percent", r.excellent_cap_percent)
      .Int("evaluation_quorum_num", r.evaluation_quorum_num)
      .Int("evaluation_quorum_den", r.evaluation_quorum_den)
      .Int("min_classes_per_year", r.min_classes_per_year)
      .Int("min_general_meetings_per_quarter", r.min_general_meetings_per_quarter)
      .Int("min_committee_meetings_per_month", r.min_committee_meetings_per_month)
      .Int("min_classes_per_quarter", r.min_classes_per_quarter)
      .str();
}

}  // namespace

Result<domain::RuleSet> RulesInForce(store::Connection& c, int year) {
  auto latest = store::RuleRepository(c).Latest(year);
  if (!latest) return Fail(latest.error());
  if (*latest) return (*latest)->rules;
  domain::RuleSet defaults = domain::DefaultRules(year);
  defaults.version = 0;
  return defaults;
}

Result<domain::RuleSet> RulesVersion(store::Connection& c, int year, int version) {
  if (version == 0) {
    domain::RuleSet defaults = domain::DefaultRules(year);
    defaults.version = 0;
    return defaults;
  }
  auto all = store::RuleRepository(c).Versions(year);
  if (!all) return Fail(all.error());
  for (const auto& v : *all)
    if (v.rules.version == version) return v.rules;
  return RulesInForce(c, year);
}

Result<RuleView> RuleService::Get(const Actor&, int year) {
  if (auto y = CheckYear(year); !y) return Fail(y.error());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto latest = store::RuleRepository(**conn).Latest(year);
  if (!latest) return Fail(latest.error());
  if (*latest) return ViewOf(**latest);
  RuleView defaults{domain::DefaultRules(year), std::nullopt, ""};
  defaults.rules.version = 0;
  return defaults;
}

Result<std::vector<RuleView>> RuleService::Versions(const Actor&, int year) {
  if (auto y = CheckYear(year); !y) return Fail(y.error());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto all = store::RuleRepository(**conn).Versions(year);
  if (!all) return Fail(all.error());
  std::vector<RuleView> out;
  for (const auto& s : *all) out.push_back(ViewOf(s));
  return out;
}

Result<RuleView> RuleService::Put(const Actor& a, int year, const RuleFields& f) {
  if (auto y = CheckYear(year); !y) return Fail(y.error());
  if (!a.Can(domain::Permission::kRulesWrite) || !a.WholeTree()) return Fail(Error::Forbidden());
  return store::InTransaction(d_.db, store::TxMode::kWrite, [&](store::Connection& c) -> Result<RuleView> {
    store::RuleRepository repo(c);
    auto latest = repo.Latest(year);
    if (!latest) return Fail(latest.error());
    domain::RuleSet next = *latest ? (*latest)->rules : domain::DefaultRules(year);
    next.version = *latest ? (*latest)->rules.version + 1 : 1;
    auto set = [](int& field, const std::optional<int>& v) {
      if (v) field = *v;
    };
    set(next.min_class_half_hours, f.min_class_half_hours);
    set(next.min_activist_months, f.min_activist_months);
    set(next.min_age, f.min_age);
    set(next.max_age, f.max_age);
    set(next.junior_high_cap_percent, f.junior_high_cap_percent);
    set(next.senior_high_cap_percent, f.senior_high_cap_percent);
    set(next.excellent_cap_percent, f.excellent_cap_percent);
    set(next.evaluation_quorum_num, f.evaluation_quorum_num);
    set(next.evaluation_quorum_den, f.evaluation_quorum_den);
    set(next.min_classes_per_year, f.min_classes_per_year);
    set(next.min_general_meetings_per_quarter, f.min_general_meetings_per_quarter);
    set(next.min_committee_meetings_per_month, f.min_committee_meetings_per_month);
    set(next.min_classes_per_quarter, f.min_classes_per_quarter);
    if (auto v = domain::ValidateRules(next); !v) return Fail(v.error());
    Instant now = d_.clock.Now();
    if (auto r = repo.Insert(next, now, a.username); !r) return Fail(r.error());
    JsonObjectWriter summary;
    if (*latest) summary.Raw("before", Summary((*latest)->rules));
    summary.Raw("after", Summary(next));
    if (auto r = AppendAudit(c, d_.clock, a, {"rules.update", "rules", year, a.org_id, summary.str()}); !r)
      return Fail(r.error());
    return RuleView{next, now, a.username};
  });
}

}  // namespace tj::service
