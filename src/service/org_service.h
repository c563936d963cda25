// Use cases on the org tree: list, read, create, change, move, close.
//
// Every call checks the caller's data scope (an org outside it answers kNotFound, exactly as a
// missing one) and then the permission; writes run in one transaction with their audit record
// and update the stats index after commit. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/org/org.h"
#include "service/context.h"
#include "store/org_repository.h"

namespace tj::service {

struct OrgView {
  domain::Org org;
  int64_t child_count = 0;
  std::vector<domain::Org> ancestors;    // within the caller's scope, top down (Get only)
  stats::SubtreeOrgCounts subtree;       // active orgs below, by type
};

struct OrgListRequest {
  std::optional<int64_t> org_id;  // default: the caller's org
  bool subtree = false;           // false: direct children
  std::optional<std::string> q;
  std::optional<domain::OrgType> type;
  std::optional<domain::Sector> sector;
  std::optional<domain::OrgStatus> status = domain::OrgStatus::kActive;  // nullopt = all
  store::PageRequest page;
};

class OrgService {
 public:
  explicit OrgService(Deps& deps) : d_(deps) {}

  // Errors: kNotFound (missing or outside scope), kForbidden (no org.read).
  Result<store::Page<store::OrgListItem>> List(const Actor& a, const OrgListRequest& r);
  Result<OrgView> Get(const Actor& a, int64_t id);
  // Errors: kValidationFailed, kConflict (code in use), kRuleViolation (placement, closed
  // parent), kNotFound (parent), kForbidden.
  Result<OrgView> Create(const Actor& a, std::optional<int64_t> parent_id,
                         const domain::OrgFields& f);
  Result<OrgView> Update(const Actor& a, int64_t id, const domain::OrgFields& patch);
  Result<OrgView> Move(const Actor& a, int64_t id, int64_t new_parent_id);
  Result<OrgView> Close(const Actor& a, int64_t id, std::string_view reason);

  // For `migrate` and `demo`: creates the top org when the database has none.
  Result<domain::Org> EnsureRoot(std::string_view code, std::string_view name);
  // Reloads the stats index from the table (start-up).
  Result<void> RebuildIndex();

 private:
  Result<OrgView> View(store::Connection& c, const Actor& a, int64_t id, bool with_ancestors);
  void Index(const domain::Org& o);
  Deps& d_;
};

// The org `id` if it exists and lies in the actor's scope; kNotFound otherwise.
Result<domain::Org> OrgInScope(store::Connection& c, const Actor& a, int64_t id);

// The open orgs directly under `parent`, in tree order.
Result<std::vector<domain::Org>> ActiveChildren(store::Connection& c, const domain::Org& parent);

// The part of the tree a list covers: the subtree of `org_id` (default: the caller's whole
// scope), or only that org itself when `subtree` is false.
struct ListScope {
  std::string path;                   // list rows of orgs within this subtree...
  std::optional<int64_t> only_org;    // ...or only of this org
};
// Errors: kNotFound for an org outside the caller's scope.
Result<ListScope> ResolveListScope(store::Connection& c, const Actor& a,
                                   std::optional<int64_t> org_id, bool subtree);

// What a list needs: a borrowed connection and the resolved scope, after the permission
// check. Errors: as ResolveListScope (first), then kForbidden without `p`.
struct ScopedList {
  store::PooledConnection conn;
  ListScope scope;
};
Result<ScopedList> OpenScopedList(store::Database& db, const Actor& a, std::optional<int64_t> org_id,
                                  bool subtree, domain::Permission p);

}  // namespace tj::service
