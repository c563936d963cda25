// Index maintenance around a bulk load: a table's secondary indexes, unique constraints and
// foreign keys are dropped before millions of rows go in and built once afterwards, which is
// several times faster than keeping them up to date row by row.
//
// DeferIndexes records the definitions it drops (PostgreSQL: pg_indexes and
// pg_get_constraintdef; SQLite: the CREATE INDEX statements in sqlite_master; SQLite cannot drop
// inline UNIQUE or REFERENCES clauses, so those stay) and RestoreIndexes recreates them from
// that record. Primary keys always stay. A load that dies between the two leaves the tables
// without those indexes: load into a fresh database and start again.
//
// Works on a borrowed Connection outside a transaction (each statement commits on its own);
// not thread-safe.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace tj::store {

struct DeferredIndex {
  enum class Kind { kIndex, kUnique, kForeignKey };
  std::string table;
  std::string name;
  Kind kind = Kind::kIndex;
  // kIndex: the CREATE INDEX statement; kUnique / kForeignKey: the constraint's definition
  // ("UNIQUE (code)", "FOREIGN KEY (org_id) REFERENCES orgs(id)"), PostgreSQL only.
  std::string definition;
};

// Records and drops the secondary indexes of `table` (and on PostgreSQL its unique and
// foreign-key constraints). Returns what it dropped, for RestoreIndexes. Errors: kInternal for
// a table name that is not a plain identifier; the store's (nothing is dropped after the
// first failure; what was dropped before it is in the error's log detail).
Result<std::vector<DeferredIndex>> DeferIndexes(Connection& c, std::string_view table);

// Recreates what DeferIndexes dropped: indexes and unique constraints first, then foreign keys
// (on PostgreSQL with a larger maintenance_work_mem for the sorts), calling `on_built` (if
// given) with each one and the seconds it took. Errors: the store's, e.g. kConflict when loaded
// rows break a unique constraint; the ones before it stay built.
Result<void> RestoreIndexes(Connection& c, std::span<const DeferredIndex> deferred,
                            const std::function<void(const DeferredIndex&, double)>& on_built = {});

// Refreshes the planner's statistics of the tables after a load (PostgreSQL: ANALYZE; SQLite:
// nothing, the app's queries are planned without sqlite_stat1). Errors: the store's.
Result<void> AnalyzeTables(Connection& c, std::span<const std::string> tables);

}  // namespace tj::store
