// Numbered schema migrations, one script per dialect, embedded in the binary at build time
// from src/store/migrations/<dialect>/NNNN_name.sql.
//
// Migrate() applies the ones not yet recorded in schema_migrations, each in its own
// transaction together with its record, in version order. Thread safety: call it once, at
// start-up or from `tuanjian migrate`, before serving.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace tj::store {

struct Migration {
  std::string_view dialect;  // "sqlite" or "postgresql"
  int version;
  std::string_view name;     // "0001_foundation"
  std::string_view sql;
};

const std::vector<Migration>& EmbeddedMigrations();

struct MigrationReport {
  std::vector<std::string> applied;  // names applied by this call
  int current_version = 0;
};

// Errors: the failing migration's store error (nothing of it is applied).
Result<MigrationReport> Migrate(Database& db);

// The same with an explicit list (those of other dialects are skipped); for tests.
// Errors: as above; kInternal when two migrations of the dialect share a version.
Result<MigrationReport> Migrate(Database& db, std::span<const Migration> migrations);

}  // namespace tj::store
