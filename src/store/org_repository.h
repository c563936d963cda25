// Persistence of orgs (table `orgs`), including subtree queries by materialized path.
//
// Works on a borrowed Connection, inside the caller's transaction; not thread-safe (one
// Connection, one thread). Every method returns the store's error on failure (unique code →
// kConflict with args {"constraint"}).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/org/org.h"
#include "store/database.h"
#include "store/paging.h"

namespace tj::store {

struct OrgQuery {
  std::string scope_path;              // only orgs in this subtree
  std::optional<int64_t> parent_id;    // direct children of this org (else the whole subtree)
  std::optional<int64_t> exclude_id;   // leave this org out (the subtree's own root)
  std::optional<std::string> q;        // name, short name or code contains
  std::optional<domain::OrgType> type;
  std::optional<domain::Sector> sector;
  std::optional<domain::OrgStatus> status;  // nullopt = any
  PageRequest page;
};

// An org with the count of its active children (for lists and trees).
struct OrgListItem {
  domain::Org org;
  int64_t child_count = 0;
};

// The columns of the stats index's rebuild.
struct OrgNodeRow {
  int64_t id;
  std::optional<int64_t> parent_id;
  domain::OrgType type;
  domain::OrgStatus status;
};

class OrgRepository {
 public:
  explicit OrgRepository(Connection& c) : c_(c) {}

  Result<std::optional<domain::Org>> Get(int64_t id);
  Result<std::optional<domain::Org>> GetByCode(std::string_view code);
  // The top org (no parent), if the database has one.
  Result<std::optional<domain::Org>> Root();
  // Inserts under `parent` (nullopt: the top org) and returns the stored org with its path.
  Result<domain::Org> Insert(const domain::OrgDraft& draft, const domain::Org* parent, Instant now);
  Result<void> UpdateContent(int64_t id, const domain::OrgDraft& draft, Instant now);
  // Re-parents `org` and rewrites the paths and depths of its whole subtree.
  Result<void> Move(const domain::Org& org, const domain::Org& new_parent, Instant now);
  Result<void> Close(int64_t id, Instant now);
  Result<int64_t> CountActiveChildren(int64_t id);
  // Members of this org itself who are in standing (active, mobile, lost contact).
  Result<int64_t> CountMembersInStanding(int64_t id);
  Result<Page<OrgListItem>> List(const OrgQuery& q);
  // The orgs named by the ids in `path` that lie within `scope_path`, top down.
  Result<std::vector<domain::Org>> Ancestors(std::string_view path, std::string_view scope_path);
  Result<std::vector<OrgNodeRow>> AllNodes();

 private:
  Connection& c_;
};

// Reads an org from a row selected with kOrgColumns (exposed for joins in other repositories).
domain::Org OrgFromRow(const Row& r, size_t first = 0);
extern const char* const kOrgColumns;
inline constexpr size_t kOrgColumnCount = 16;

}  // namespace tj::store
