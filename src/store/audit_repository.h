// Persistence of the hash-chained audit log (tables audit_log and audit_head).
//
// Appending is two steps inside the caller's write transaction: ReserveNext() bumps the chain
// head (which locks it until commit, so appends are serialized on both backends), then
// Insert() writes the record and moves the head's hash. Works on a borrowed Connection; not
// thread-safe. Methods return the store's error on failure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/audit/audit.h"
#include "store/database.h"
#include "store/paging.h"

namespace tj::store {

struct AuditQuery {
  std::string scope_path;               // entries about orgs in this subtree
  bool include_orgless = false;
  std::optional<int64_t> org_id;        // only entries about this org (not its subtree)         // also entries with no org (failed logins of unknown names)
  std::optional<std::string> action;
  std::optional<std::string> actor;     // username
  std::optional<Instant> from;          // inclusive
  std::optional<Instant> to;            // exclusive
  PageRequest page;
};

struct AuditListItem {
  domain::AuditRecord record;
  std::string org_name;
};

struct ChainHead {
  int64_t last_id = 0;
  std::string last_hash;
};

class AuditRepository {
 public:
  explicit AuditRepository(Connection& c) : c_(c) {}

  // Takes the next id and the previous hash.
  Result<ChainHead> ReserveNext();
  Result<void> Insert(const domain::AuditRecord& r);
  Result<ChainHead> Head();
  Result<Page<AuditListItem>> List(const AuditQuery& q);
  // Records with id > after_id in id order, at most `limit`.
  Result<std::vector<domain::AuditRecord>> Scan(int64_t after_id, int64_t limit);

 private:
  Connection& c_;
};

}  // namespace tj::store
