#include "store/bulk_load.h"

#include <algorithm>
#include <chrono>

namespace tj::store {
namespace {

// Table names come from code but are spliced into DDL, so they are held to the shape of our
// own identifiers; index and constraint names come from the catalog and are quoted.
bool IsPlainIdentifier(std::string_view s) {
  if (s.empty() || !(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z'))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

std::string Quoted(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string Names(const std::vector<DeferredIndex>& done) {
  std::string out;
  for (const auto& d : done) out += (out.empty() ? "" : ", ") + d.name;
  return out.empty() ? "none" : out;
}

Result<std::vector<DeferredIndex>> Record(Connection& c, std::string_view table) {
  std::vector<DeferredIndex> out;
  const std::string t(table);
  if (c.dialect() == Dialect::kSqlite) {
    // Indexes of inline UNIQUE clauses (sqlite_autoindex_*) have no SQL and cannot be dropped.
    auto r = c.Query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 "
        "AND sql IS NOT NULL ORDER BY name",
        {Text(t)});
    if (!r) return Fail(r.error());
    for (const auto& row : r->rows)
      out.push_back({t, row.Str(0), DeferredIndex::Kind::kIndex, row.Str(1)});
    return out;
  }
  auto cons = c.Query(
      "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
      "WHERE conrelid = $1::regclass AND contype IN ('u', 'f') ORDER BY contype, conname",
      {Text(t)});
  if (!cons) return Fail(cons.error());
  for (const auto& row : cons->rows)
    out.push_back(
        {t, row.Str(0),
         row.Str(1) == "f" ? DeferredIndex::Kind::kForeignKey : DeferredIndex::Kind::kUnique,
         row.Str(2)});
  // Indexes of their own: not the primary key's, not a constraint's.
  auto idx = c.Query(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
      "AND tablename = $1 AND indexname NOT IN (SELECT i.relname FROM pg_constraint k "
      "JOIN pg_class i ON i.oid = k.conindid WHERE k.conrelid = $2::regclass) ORDER BY indexname",
      {Text(t), Text(t)});
  if (!idx) return Fail(idx.error());
  for (const auto& row : idx->rows) {
    // A partitioned table's index reads "ON ONLY members": built that way it would cover the
    // parent alone; built on the table it is built on every partition too.
    std::string definition = row.Str(1);
    if (auto at = definition.find(" ON ONLY "); at != std::string::npos) definition.erase(at + 3, 5);
    out.push_back({t, row.Str(0), DeferredIndex::Kind::kIndex, std::move(definition)});
  }
  return out;
}

}  // namespace

Result<std::vector<DeferredIndex>> DeferIndexes(Connection& c, std::string_view table) {
  if (!IsPlainIdentifier(table))
    return Fail(Error::Internal("bulk load: bad table name " + std::string(table)));
  auto recorded = Record(c, table);
  if (!recorded) return Fail(recorded.error());
  // Foreign keys first (a unique constraint may not go while a key of this table uses it).
  std::vector<DeferredIndex> dropped;
  for (const auto& d : *recorded) {
    std::string sql = d.kind == DeferredIndex::Kind::kIndex
                          ? "DROP INDEX " + Quoted(d.name)
                          : "ALTER TABLE " + d.table + " DROP CONSTRAINT " + Quoted(d.name);
    if (auto r = c.Query(sql); !r) {
      Error e = r.error();
      e.log_detail += " (dropped before it: " + Names(dropped) + ")";
      return Fail(std::move(e));
    }
    dropped.push_back(d);
  }
  return dropped;
}

Result<void> RestoreIndexes(Connection& c, std::span<const DeferredIndex> deferred,
                            const std::function<void(const DeferredIndex&, double)>& on_built) {
  const bool pg = c.dialect() == Dialect::kPostgresql;
  // The sorts of a few large indexes at a time; the server's default (64 MB) spills to disk.
  if (pg)
    if (auto r = c.Query("SET maintenance_work_mem = '512MB'"); !r) return Fail(r.error());
  auto restore = [&](bool foreign_keys) -> Result<void> {
    for (const auto& d : deferred) {
      if ((d.kind == DeferredIndex::Kind::kForeignKey) != foreign_keys) continue;
      std::string sql =
          d.kind == DeferredIndex::Kind::kIndex
              ? d.definition
              : "ALTER TABLE " + d.table + " ADD CONSTRAINT " + Quoted(d.name) + " " + d.definition;
      const auto start = std::chrono::steady_clock::now();
      if (auto r = c.Query(sql); !r) return Fail(r.error());
      if (on_built)
        on_built(d,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return {};
  };
  auto r = restore(false);
  if (r) r = restore(true);
  if (pg) (void)c.Query("RESET maintenance_work_mem");
  return r;
}

Result<void> AnalyzeTables(Connection& c, std::span<const std::string> tables) {
  if (c.dialect() != Dialect::kPostgresql) return {};
  for (const auto& t : tables) {
    if (!IsPlainIdentifier(t)) return Fail(Error::Internal("bulk load: bad table name " + t));
    if (auto r = c.Query("ANALYZE " + t); !r) return Fail(r.error());
  }
  return {};
}

}  // namespace tj::store
