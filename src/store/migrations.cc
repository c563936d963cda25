#include "store/migrations.h"

#include <algorithm>

namespace tj::store {
namespace {

// Held for the length of each migration's transaction on PostgreSQL, so servers starting
// together apply every migration once, one after the other.
constexpr int64_t kMigrationLockKey = 0x746a5f6d69677261;  // "tj_migra"

std::string_view DialectName(Dialect d) { return d == Dialect::kSqlite ? "sqlite" : "postgresql"; }

std::string_view CreateTableSql(Dialect d) {
  return d == Dialect::kSqlite ? "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                 " version INTEGER PRIMARY KEY,"
                                 " name TEXT NOT NULL,"
                                 " applied_at TEXT NOT NULL)"
                               : "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                 " version integer PRIMARY KEY,"
                                 " name text NOT NULL,"
                                 " applied_at timestamptz NOT NULL)";
}

}  // namespace

Result<MigrationReport> Migrate(Database& db) { return Migrate(db, EmbeddedMigrations()); }

Result<MigrationReport> Migrate(Database& db, std::span<const Migration> migrations) {
  const Dialect dialect = db.dialect();
  std::vector<const Migration*> pending;
  for (const auto& m : migrations) {
    if (m.dialect == DialectName(dialect)) pending.push_back(&m);
  }
  std::sort(pending.begin(), pending.end(),
            [](const Migration* a, const Migration* b) { return a->version < b->version; });
  for (size_t i = 1; i < pending.size(); ++i) {
    if (pending[i]->version == pending[i - 1]->version)
      return Fail(Error::Internal("migrations " + std::string(pending[i - 1]->name) + " and " +
                                  std::string(pending[i]->name) + " share a version"));
  }

  MigrationReport report;
  const SystemClock clock;
  // One transaction a migration; each looks again at what is recorded, since another server
  // may have applied some meanwhile.
  for (;;) {
    const Migration* next = nullptr;
    auto step = InTransaction(db, TxMode::kWrite, [&](Connection& c) -> Result<void> {
      if (dialect == Dialect::kPostgresql) {
        if (auto lock = c.Query("SELECT pg_advisory_xact_lock($1)", {Int(kMigrationLockKey)});
            !lock)
          return Fail(lock.error());
      }
      if (auto t = c.ExecuteScript(CreateTableSql(dialect)); !t) return Fail(t.error());
      auto recorded = c.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
      if (!recorded) return Fail(recorded.error());
      const int64_t current = recorded->rows.at(0).Int(0);
      report.current_version = static_cast<int>(current);
      auto it = std::find_if(pending.begin(), pending.end(),
                             [&](const Migration* m) { return m->version > current; });
      if (it == pending.end()) return {};
      next = *it;
      if (auto s = c.ExecuteScript(next->sql); !s) return Fail(s.error());
      auto record =
          c.Query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                  {Int(next->version), Text(next->name), At(clock.Now())});
      if (!record) return Fail(record.error());
      return {};
    });
    if (!step) {
      Error e = step.error();
      if (next != nullptr)
        e.log_detail = "migration " + std::string(next->name) + ": " + e.log_detail;
      return Fail(std::move(e));
    }
    if (next == nullptr) return report;
    report.applied.emplace_back(next->name);
    report.current_version = next->version;
  }
}

}  // namespace tj::store
