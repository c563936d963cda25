// Use cases of the member registry: list and search, read, register, change, status changes
// with history, aging out, cadres, and subtree statistics.
//
// Every call checks the caller's data scope (a member of an org outside it answers kNotFound)
// and then the permission; writes run in one transaction with their history and audit
// records and update the statistics index after commit. Clear ID and phone numbers leave
// this layer only to callers allowed to reveal them, and each reveal is audited.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/member/member.h"
#include "service/context.h"
#include "store/member_repository.h"

namespace tj::service {

struct MemberListRequest {
  std::optional<int64_t> org_id;
  bool subtree = true;
  std::optional<std::string> q;       // name contains; or exact member no / ID number / phone
  std::optional<std::string> status;  // a status, "in_standing" (default) or "all"
  std::optional<Gender> gender;
  std::optional<std::string> ethnicity;
  std::optional<domain::Education> education;
  std::optional<domain::Occupation> occupation;
  std::optional<domain::Sector> sector;
  std::optional<domain::AgeBand> age_band;
  std::optional<bool> is_cadre;
  store::PageRequest page;
};

struct OrgStats {
  domain::Org org;
  stats::MemberStats stats;
};

enum class AgingKind { kUpcoming, kOverdue };

struct CadreFields {
  std::optional<int64_t> member_id;
  std::optional<std::string> name;
  std::optional<int64_t> org_id;
  std::optional<std::string> post;
  std::optional<std::string> post_title;
  std::optional<std::string> term_start;
  std::optional<std::string> term_end;  // "" clears
};

class MemberService {
 public:
  explicit MemberService(Deps& deps) : d_(deps) {}

  // Errors: kNotFound (org outside scope), kForbidden, kBadRequest (unknown status filter).
  Result<store::Page<store::MemberRow>> List(const Actor& a, const MemberListRequest& r);
  Result<store::MemberRow> Get(const Actor& a, int64_t id);
  // A member's own record (self-service). Errors: kForbidden without a linked member.
  Result<store::MemberRow> Own(const Actor& a);
  // Errors: kValidationFailed (details per field), kConflict (ID number or member number
  // registered: detail on that field), kRuleViolation org_closed / org_not_branch.
  Result<store::MemberRow> Create(const Actor& a, std::optional<int64_t> org_id,
                                  const domain::MemberFields& f);
  Result<store::MemberRow> Update(const Actor& a, int64_t id, const domain::MemberFields& f);
  // Errors: kValidationFailed (status, date), kRuleViolation status_final.
  Result<store::MemberRow> ChangeStatus(const Actor& a, int64_t id, std::string_view status,
                                        std::string_view date, std::string_view reason);
  Result<std::vector<store::HistoryEntry>> History(const Actor& a, int64_t id);
  // Status changes in the caller's scope (the 状态变更记录 list). Errors: kNotFound (org),
  // kForbidden.
  Result<store::Page<store::StatusChange>> StatusChanges(const Actor& a, std::optional<int64_t> org_id,
                                                         bool subtree,
                                                         std::optional<domain::MemberStatus> status_to,
                                                         std::optional<Date> from,
                                                         std::optional<Date> to,
                                                         store::PageRequest page);

  // Whether the caller may see clear ID and phone numbers.
  bool MayReveal(const Actor& a) const { return a.Can(domain::Permission::kMemberReveal); }
  // Records that `a` saw the clear numbers of these members. Errors: kForbidden.
  Result<void> AuditReveal(const Actor& a, const std::vector<store::MemberRow>& rows);

  Result<store::Page<store::MemberRow>> AgingOut(const Actor& a, AgingKind kind, int within_days,
                                                 std::optional<int64_t> org_id, bool subtree,
                                                 store::PageRequest page);
  // Records the age-out of every member due on `today` who holds no post in office, with
  // history and audit; idempotent. The daily job calls it with the system actor.
  Result<int64_t> RunAgeOut(const Actor& a);

  Result<OrgStats> Stats(const Actor& a, int64_t org_id);
  Result<std::vector<OrgStats>> ChildStats(const Actor& a, int64_t org_id);
  // Reloads the statistics index from the tables (start-up and daily).
  Result<void> RebuildIndex();

  Result<store::Page<store::Cadre>> ListCadres(const Actor& a, std::optional<int64_t> org_id,
                                               bool subtree, std::optional<bool> in_office,
                                               std::optional<std::string> q,
                                               store::PageRequest page);
  Result<store::Cadre> CreateCadre(const Actor& a, const CadreFields& f);
  Result<store::Cadre> UpdateCadre(const Actor& a, int64_t id, const CadreFields& f);

 private:
  Result<store::MemberRow> InScope(store::Connection& c, const Actor& a, int64_t id);
  Deps& d_;
};

// A history entry of `member_id` made by `a` at `at` (the effective date, status and reason
// left for the caller to set where they apply).
store::HistoryEntry HistoryOf(const Actor& a, Instant at, int64_t member_id, std::string kind,
                              std::string changes);

// The facts the statistics index keeps of a member.
stats::MemberFacts FactsOf(const domain::Member& m);

}  // namespace tj::service
