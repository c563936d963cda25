#include "store/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstring>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/pool.h"

namespace tj::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr size_t kStatementCacheSize = 256;
// The page cache of a connection that ran a bulk insert, until it goes back to the pool.
constexpr char kBulkCachePragma[] = "PRAGMA cache_size=-131072";  // KiB: 128 MiB at most

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

// Table and column names come from code, but they are spliced into SQL, so they are held to
// the shape of our own identifiers.
bool IsPlainIdentifier(std::string_view s) {
  if (s.empty() || !(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z'))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

std::string Excerpt(std::string_view sql) {
  constexpr size_t kMax = 200;
  return sql.size() <= kMax ? std::string(sql) : std::string(sql.substr(0, kMax)) + "...";
}

// "UNIQUE constraint failed: user_roles.user_id, user_roles.role" -> constraint
// "user_roles.user_id, user_roles.role", table "user_roles", field "user_id, role".
MessageArgs UniqueArgs(std::string_view message) {
  MessageArgs args;
  auto colon = message.find(": ");
  std::string_view cols = colon == std::string_view::npos ? "" : message.substr(colon + 2);
  args["constraint"] = std::string(cols);
  std::string table, fields;
  while (!cols.empty()) {
    auto comma = cols.find(", ");
    std::string_view one = cols.substr(0, comma);
    auto dot = one.find('.');
    if (dot != std::string_view::npos) {
      if (table.empty()) table = std::string(one.substr(0, dot));
      one = one.substr(dot + 1);
    }
    if (!fields.empty()) fields += ", ";
    fields += one;
    cols = comma == std::string_view::npos ? "" : cols.substr(comma + 2);
  }
  args["table"] = std::move(table);
  args["field"] = std::move(fields);
  return args;
}

Error AbortedTransaction() {
  return Error::Internal(
      "sqlite: a statement failed earlier in this transaction; roll it back before going on");
}

// Where each of a statement's parameters takes its value from: slot i+1 ($k in the SQL) binds
// params[value_of[i]] (= k-1). Worked out once a statement, not once a row.
struct ParamMap {
  std::vector<size_t> value_of;
  size_t highest = 0;  // the highest k used
};

struct Prepared {
  sqlite3_stmt* stmt = nullptr;  // null for blanks and comments only
  const ParamMap* params = nullptr;
};

// Prepared statements by SQL text, least recently used dropped first.
class StatementCache {
 public:
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache() { Clear(); }

  std::optional<Prepared> Find(std::string_view sql) {
    auto it = index_.find(sql);
    if (it == index_.end()) return std::nullopt;
    lru_.splice(lru_.begin(), lru_, it->second);
    return Prepared{it->second->stmt, &it->second->params};
  }

  Prepared Add(std::string_view sql, sqlite3_stmt* stmt, ParamMap params) {
    if (lru_.size() >= kStatementCacheSize) {
      index_.erase(lru_.back().sql);
      sqlite3_finalize(lru_.back().stmt);
      lru_.pop_back();
    }
    lru_.push_front(Entry{std::string(sql), stmt, std::move(params)});
    // The key views the string inside the list node, which never moves.
    index_.emplace(lru_.front().sql, lru_.begin());
    return Prepared{stmt, &lru_.front().params};
  }

  void Clear() {
    for (auto& e : lru_) sqlite3_finalize(e.stmt);
    lru_.clear();
    index_.clear();
  }

 private:
  struct Entry {
    std::string sql;
    sqlite3_stmt* stmt;
    ParamMap params;
  };
  std::list<Entry> lru_;
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
};

// Resets a statement and drops its bindings when a run ends, however it ends, so no statement
// holds a read lock or points at a caller's strings between runs.
class StatementRun {
 public:
  explicit StatementRun(sqlite3_stmt* stmt) : stmt_(stmt) {}
  StatementRun(const StatementRun&) = delete;
  StatementRun& operator=(const StatementRun&) = delete;
  ~StatementRun() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public Connection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path) {
    sqlite3* db = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
      sqlite3_close(db);
      return Fail(Unavailable("sqlite: cannot open " + path + ": " + why));
    }
    auto conn = std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    char* err = nullptr;
    rc = sqlite3_exec(db,
                      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                      "PRAGMA synchronous=NORMAL;",
                      nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string why = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return Fail(Unavailable("sqlite: cannot configure " + path + ": " + why));
    }
    return conn;
  }

  ~SqliteConnection() override {
    cache_.Clear();
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<Rows> Query(std::string_view sql, std::span<const Value> params) override {
    if (tx_failed_) return Fail(AbortedTransaction());
    auto rows = Run(sql, params);
    if (!rows) NoteFailure();
    return rows;
  }

  Result<int64_t> Scan(std::string_view sql, std::span<const Value> params,
                       const std::function<void(const Row&)>& each) override {
    if (tx_failed_) return Fail(AbortedTransaction());
    if (!InTransaction()) return Fail(Error::Internal("sqlite: Scan outside a transaction"));
    auto prepared = Prepare(sql);
    if (!prepared) return Fail(prepared.error());
    sqlite3_stmt* stmt = prepared->stmt;
    if (stmt == nullptr) return 0;
    StatementRun run(stmt);
    if (auto b = Bind(*prepared, params); !b) return Fail(b.error());
    int64_t n = 0;
    Row row;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        NoteFailure();
        return Fail(ErrorFrom(rc, sql));
      }
      const int ncol = sqlite3_column_count(stmt);
      row.Resize(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.SetNull(static_cast<size_t>(c));
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.Set(static_cast<size_t>(c), std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
      each(row);
      ++n;
    }
    return n;
  }

  Result<void> ExecuteScript(std::string_view sql) override {
    if (tx_failed_) return Fail(AbortedTransaction());
    std::string script(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) {
      auto e = ErrorFrom(sqlite3_extended_errcode(db_), sql);
      NoteFailure();
      return Fail(std::move(e));
    }
    return {};
  }

  Result<void> Begin(TxMode mode) override {
    if (InTransaction()) return Fail(Error::Internal("sqlite: Begin inside a transaction"));
    tx_failed_ = false;
    auto r = Run(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", {});
    if (!r) return Fail(r.error());
    return {};
  }

  Result<void> Commit() override {
    if (!InTransaction()) return Fail(Error::Internal("sqlite: Commit without a transaction"));
    if (tx_failed_) {
      (void)Rollback();
      return Fail(Error::Internal(
          "sqlite: transaction rolled back at Commit because a statement in it had failed"));
    }
    auto r = Run("COMMIT", {});
    if (!r) {
      // A refused COMMIT (a deferred foreign key, say) leaves the transaction open; end it so
      // the connection goes back to the pool clean.
      if (InTransaction()) (void)Run("ROLLBACK", {});
      return Fail(r.error());
    }
    return {};
  }

  Result<void> Rollback() override {
    tx_failed_ = false;
    if (!InTransaction()) return {};
    auto r = Run("ROLLBACK", {});
    if (!r) return Fail(r.error());
    return {};
  }

  Result<int64_t> BulkInsert(std::string_view table, std::span<const std::string> columns,
                             std::span<const std::vector<Value>> rows) override {
    if (tx_failed_) return Fail(AbortedTransaction());
    if (!IsPlainIdentifier(table) || columns.empty() ||
        !std::all_of(columns.begin(), columns.end(),
                     [](const std::string& c) { return IsPlainIdentifier(c); })) {
      return Fail(Error::Internal("sqlite: BulkInsert: bad table or column names for " +
                                  std::string(table)));
    }
    for (const auto& row : rows) {
      if (row.size() != columns.size())
        return Fail(Error::Internal("sqlite: BulkInsert: a row of " + std::to_string(row.size()) +
                                    " values for " + std::to_string(columns.size()) + " columns"));
    }
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string values = ") VALUES (";
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) {
        sql += ", ";
        values += ", ";
      }
      sql += columns[i];
      values += "$" + std::to_string(i + 1);
    }
    sql += values + ")";

    // Alone, it is its own transaction (all rows or none, like COPY); inside the caller's
    // transaction a failure poisons that transaction, as COPY does on PostgreSQL.
    const bool own_tx = !InTransaction();
    if (own_tx) {
      if (auto b = Begin(TxMode::kWrite); !b) return Fail(b.error());
    }
    auto fail = [&](Error e) -> Result<int64_t> {
      if (own_tx) {
        (void)Rollback();
      } else {
        NoteFailure();
      }
      return Fail(std::move(e));
    };
    auto stmt = Prepare(sql);
    if (!stmt) return fail(stmt.error());
    assert(stmt->stmt != nullptr);
    UseBulkCache();
    int64_t inserted = 0;
    for (const auto& row : rows) {
      StatementRun run(stmt->stmt);
      if (auto b = Bind(*stmt, row); !b) return fail(b.error());
      int rc = sqlite3_step(stmt->stmt);
      if (rc != SQLITE_DONE) return fail(ErrorFrom(rc, sql));
      ++inserted;
    }
    if (own_tx) {
      if (auto c = Commit(); !c) return Fail(c.error());
    }
    return inserted;
  }

  bool Healthy() const override { return healthy_; }

  // Called when the connection goes back to the pool: a transaction its borrower left open is
  // rolled back; if that fails the connection is dropped.
  void ResetForReuse() {
    if (InTransaction() && !Rollback()) healthy_ = false;
    tx_failed_ = false;
    if (bulk_cache_) {
      // Back to the size it had: shrinking frees the pages above it.
      std::string restore = "PRAGMA cache_size=" + std::to_string(cache_size_before_bulk_);
      if (sqlite3_exec(db_, restore.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        healthy_ = false;
      bulk_cache_ = false;
    }
  }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  static Error Unavailable(std::string log_detail) {
    return Error{ErrorCode::kUnavailable, "common.unavailable", {}, {}, std::move(log_detail)};
  }

  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

  void NoteFailure() {
    if (InTransaction()) tx_failed_ = true;
  }

  // A bulk insert dirties pages of the table and of every index faster than SQLite's default
  // 2 MiB cache holds them: it spills them to the WAL in the middle of the transaction and
  // reads them back, writing most pages several times (a 100 000-member import spent as much
  // time in the kernel as in SQLite). So the connection gets a larger cache until it goes back
  // to the pool, after its transaction has ended; the cache only grows as pages are used.
  void UseBulkCache() {
    if (bulk_cache_) return;
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db_, "PRAGMA cache_size", -1, &q, nullptr) != SQLITE_OK) return;
    const bool read = sqlite3_step(q) == SQLITE_ROW;
    if (read) cache_size_before_bulk_ = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    if (read && sqlite3_exec(db_, kBulkCachePragma, nullptr, nullptr, nullptr) == SQLITE_OK)
      bulk_cache_ = true;
  }

  Error ErrorFrom(int rc, std::string_view sql) {
    std::string message = sqlite3_errmsg(db_);
    switch (rc) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY: {
        Error e = Error::Conflict("common.unique", UniqueArgs(message));
        e.log_detail = "sqlite: " + message;
        return e;
      }
      case SQLITE_CONSTRAINT_FOREIGNKEY: {
        Error e = Error::Conflict("store.foreign_key");
        e.log_detail = "sqlite: " + message + " in: " + Excerpt(sql);
        return e;
      }
      case SQLITE_CONSTRAINT_TRIGGER: {  // RAISE(ABORT, '...') in a trigger
        Error e = Error::Conflict("store.rejected");
        e.log_detail = message;
        return e;
      }
      default:
        break;
    }
    const int primary = rc & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_IOERR ||
        primary == SQLITE_CANTOPEN) {
      healthy_ = false;
    }
    std::string detail = "sqlite: " + message + " (" + sqlite3_errstr(rc) + ") in: " + Excerpt(sql);
    // The writer lock stayed taken for the whole busy timeout: the database is overloaded, which
    // a client may retry, rather than broken.
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Unavailable(std::move(detail));
    return Error::Internal(std::move(detail));
  }

  Result<Prepared> Prepare(std::string_view sql) {
    if (auto cached = cache_.Find(sql)) return *cached;
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) return Fail(ErrorFrom(rc, sql));
    if (stmt == nullptr) return Prepared{};  // blanks and comments only
    // Anything after the first statement but blanks, semicolons and comments is a second one.
    std::string_view rest(tail, static_cast<size_t>(sql.data() + sql.size() - tail));
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      sqlite3_stmt* next = nullptr;
      rc = sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &next, nullptr);
      if (rc != SQLITE_OK || next != nullptr) {
        sqlite3_finalize(next);
        sqlite3_finalize(stmt);
        return Fail(Error::Internal("sqlite: Query takes one statement (use ExecuteScript): " +
                                    Excerpt(sql)));
      }
    }
    auto map = MapParams(stmt);
    if (!map) {
      sqlite3_finalize(stmt);
      return Fail(map.error());
    }
    return cache_.Add(sql, stmt, std::move(*map));
  }

  static Result<ParamMap> MapParams(sqlite3_stmt* stmt) {
    ParamMap map;
    const int count = sqlite3_bind_parameter_count(stmt);
    for (int i = 1; i <= count; ++i) {
      const char* name = sqlite3_bind_parameter_name(stmt, i);
      size_t k = 0;
      if (name == nullptr || name[0] != '$' || name[1] == '\0' ||
          std::from_chars(name + 1, name + std::strlen(name), k).ptr != name + std::strlen(name) ||
          k == 0) {
        return Fail(Error::Internal(std::string("sqlite: parameters are written $1..$N, not ") +
                                    (name ? name : "?")));
      }
      map.value_of.push_back(k - 1);
      map.highest = std::max(map.highest, k);
    }
    return map;
  }

  // Binds params[k-1] to every occurrence of $k.
  Result<void> Bind(const Prepared& p, std::span<const Value> params) {
    sqlite3_stmt* stmt = p.stmt;
    if (p.params->highest > params.size())
      return Fail(Error::Internal("sqlite: $" + std::to_string(p.params->highest) +
                                  " has no value (" + std::to_string(params.size()) + " given)"));
    const auto& value_of = p.params->value_of;
    for (size_t slot = 0; slot < value_of.size(); ++slot) {
      const int i = static_cast<int>(slot) + 1;
      const size_t k = value_of[slot] + 1;
      int rc = std::visit(Overloaded{
                              [&](const Null&) { return sqlite3_bind_null(stmt, i); },
                              [&](int64_t v) { return sqlite3_bind_int64(stmt, i, v); },
                              [&](bool v) { return sqlite3_bind_int(stmt, i, v ? 1 : 0); },
                              [&](const std::string& s) {
                                if (s.find('\0') != std::string::npos) return SQLITE_MISMATCH;
                                return sqlite3_bind_text64(stmt, i, s.data(), s.size(),
                                                           SQLITE_STATIC, SQLITE_UTF8);
                              },
                          },
                          params[k - 1]);
      if (rc == SQLITE_MISMATCH)
        return Fail(Error{ErrorCode::kBadRequest,
                          "common.invalid_format",
                          {},
                          {},
                          "sqlite: text for $" + std::to_string(k) + " holds a NUL byte"});
      if (rc != SQLITE_OK) return Fail(ErrorFrom(rc, sqlite3_sql(stmt)));
    }
    if (p.params->highest != params.size())
      return Fail(Error::Internal("sqlite: " + std::to_string(params.size()) +
                                  " parameters given, the statement uses up to $" +
                                  std::to_string(p.params->highest)));
    return {};
  }

  Result<Rows> Run(std::string_view sql, std::span<const Value> params) {
    auto prepared = Prepare(sql);
    if (!prepared) return Fail(prepared.error());
    sqlite3_stmt* stmt = prepared->stmt;
    if (stmt == nullptr) return Rows{};
    StatementRun run(stmt);
    if (auto b = Bind(*prepared, params); !b) return Fail(b.error());

    Rows out;
    const int64_t changes_before = sqlite3_total_changes64(db_);
    int ncol = -1;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Fail(ErrorFrom(rc, sql));
      if (ncol < 0) {
        // Read after the first step: a schema change re-prepares the statement there, and
        // "SELECT *" may then have other columns than when it was cached.
        ncol = sqlite3_column_count(stmt);
        out.columns.reserve(static_cast<size_t>(ncol));
        for (int c = 0; c < ncol; ++c) out.columns.emplace_back(sqlite3_column_name(stmt, c));
      }
      if (rc == SQLITE_DONE) break;
      std::vector<std::optional<std::string>> cells;
      cells.reserve(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          cells.emplace_back(std::nullopt);
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          const int n = sqlite3_column_bytes(stmt, c);
          cells.emplace_back(std::string(text, static_cast<size_t>(n)));
        }
      }
      out.rows.emplace_back(std::move(cells));
    }
    // sqlite3_changes keeps the count of the last INSERT/UPDATE/DELETE, even across a SELECT
    // or DDL; only trust it when this statement changed something.
    if (sqlite3_total_changes64(db_) != changes_before) out.affected = sqlite3_changes64(db_);
    return out;
  }

  sqlite3* db_;
  StatementCache cache_;
  bool healthy_ = true;
  bool tx_failed_ = false;
  bool bulk_cache_ = false;
  int64_t cache_size_before_bulk_ = 0;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, int pool_size)
      : pool_(
            [path]() -> Result<std::unique_ptr<Connection>> {
              auto c = SqliteConnection::Open(path);
              if (!c) return Fail(c.error());
              return std::unique_ptr<Connection>(std::move(*c));
            },
            pool_size) {}

  ~SqliteDatabase() override { pool_.Close(); }

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string_view name() const override { return "sqlite"; }

  Result<PooledConnection> Acquire() override {
    auto c = pool_.Take();
    if (!c) return Fail(c.error());
    return PooledConnection(this, std::move(*c));
  }

  void Close() override { pool_.Close(); }

 protected:
  void Release(std::unique_ptr<Connection> c) override {
    static_cast<SqliteConnection&>(*c).ResetForReuse();
    pool_.Give(std::move(c));
  }

 private:
  ConnectionPool pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqliteDatabase(std::string_view path, int pool_size) {
  // Each connection to ":memory:" is a database of its own, so one connection serves all.
  const bool in_memory = path == ":memory:";
  auto db = std::make_unique<SqliteDatabase>(std::string(path), in_memory ? 1 : pool_size);
  {
    auto first = db->Acquire();
    if (!first) return Fail(first.error());
  }
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace tj::store
