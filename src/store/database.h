// The database interface every module's repository is written against.
//
// Two backends implement it, each in its own folder: sqlite/ (an embedded file in WAL mode)
// and postgresql/ (libpq with a connection pool). SQL is written once, in the subset both
// understand, with parameters as $1..$N (bound, never concatenated); where the dialects
// differ (DDL, a few functions), repositories ask `dialect()`.
//
// Values cross the interface as text: a result cell is either NULL or the text form of the
// value (SQLite's text conversion, PostgreSQL's text format). Row's accessors parse it, so
// booleans read the same from 1/0 and t/f, and instants from both storage forms.
//
// Thread safety: Database is thread-safe (Acquire may be called from any thread and blocks
// while the pool is empty). A Connection is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/enum_names.h"
#include "base/error.h"
#include "base/time.h"

namespace tj::store {

enum class Dialect { kSqlite, kPostgresql };

// A bound parameter.
struct Null {};
using Value = std::variant<Null, int64_t, bool, std::string>;

inline Value Text(std::string_view s) { return Value(std::string(s)); }
inline Value Int(int64_t v) { return Value(v); }
inline Value Bool(bool v) { return Value(v); }
inline Value OptText(const std::optional<std::string>& s) { return s ? Value(*s) : Value(Null{}); }
inline Value OptInt(const std::optional<int64_t>& v) { return v ? Value(*v) : Value(Null{}); }
// Instants are bound in the storage form (FormatInstantUtc), which both backends accept.
Value At(Instant t);
// Days are bound as "YYYY-MM-DD" (DATE on PostgreSQL, TEXT on SQLite); enums by their name.
inline Value DateValue(Date d) { return Text(FormatDate(d)); }
inline Value OptDateValue(const std::optional<Date>& d) { return d ? DateValue(*d) : Value(Null{}); }
template <typename E>
Value EnumValue(EnumNames<E> names, E v) {
  return Text(NameOf(names, v));
}

// One row of a result. Accessors assert the column index is in range; reading a NULL as a
// non-optional type yields 0 / "" / false.
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  // For backends that refill one Row for each row of a result (Connection::Scan): the cells
  // keep their buffers between rows.
  void Resize(size_t n) { cells_.resize(n); }
  void Set(size_t i, std::string_view v) {
    if (cells_[i]) cells_[i]->assign(v);
    else cells_[i].emplace(v);
  }
  void SetNull(size_t i) { cells_[i].reset(); }
  size_t size() const { return cells_.size(); }
  bool IsNull(size_t i) const { return !cells_.at(i).has_value(); }
  const std::string& Str(size_t i) const;
  std::optional<std::string> OptStr(size_t i) const { return cells_.at(i); }
  int64_t Int(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const;
  bool Bool(size_t i) const;
  Instant At(size_t i) const;
  std::optional<Instant> OptAt(size_t i) const;
  // A "YYYY-MM-DD" day (DATE on PostgreSQL, TEXT on SQLite).
  Date Day(size_t i) const;
  std::optional<Date> OptDay(size_t i) const;

 private:
  std::vector<std::optional<std::string>> cells_;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
  bool empty() const { return rows.empty(); }
};

enum class TxMode {
  kRead,   // a consistent read snapshot
  kWrite,  // takes the write lock up front (SQLite: BEGIN IMMEDIATE) so it cannot fail later
};

// One session with the database. Errors: unique violations come back as ErrorCode::kConflict
// with key "common.unique" and args {"constraint", "table", "field"} ("field" names the
// column(s) alike on both backends); foreign-key violations as kConflict with key
// "store.foreign_key"; rows refused by a trigger as kConflict "store.rejected"; a lost
// connection or a database busy past its timeout as kUnavailable; everything else as
// kInternal (log_detail says why).
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement with bound parameters and returns its rows (for RETURNING, too).
  virtual Result<Rows> Query(std::string_view sql, std::span<const Value> params) = 0;
  Result<Rows> Query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // Runs a query and calls `each` for every row as it comes, without holding the whole result
  // (PostgreSQL fetches through a cursor, some thousands of rows at a time; SQLite steps): for
  // reads of every member. Must run inside a transaction. The Row is reused between calls.
  // Returns the number of rows.
  virtual Result<int64_t> Scan(std::string_view sql, std::span<const Value> params,
                               const std::function<void(const Row&)>& each) = 0;
  Result<int64_t> Scan(std::string_view sql, std::initializer_list<Value> params,
                       const std::function<void(const Row&)>& each) {
    return Scan(sql, std::span<const Value>(params.begin(), params.size()), each);
  }
  // Runs a script of several statements without parameters (migrations).
  virtual Result<void> ExecuteScript(std::string_view sql) = 0;
  virtual Result<void> Begin(TxMode mode) = 0;
  virtual Result<void> Commit() = 0;
  virtual Result<void> Rollback() = 0;
  // Bulk insert of many rows into one table (COPY on PostgreSQL, a prepared INSERT reused on
  // SQLite). Every row has columns.size() values.
  virtual Result<int64_t> BulkInsert(std::string_view table, std::span<const std::string> columns,
                                     std::span<const std::vector<Value>> rows) = 0;
  // False once the backend has seen the connection break; the pool then drops it.
  virtual bool Healthy() const = 0;
};

class Database;

// A connection borrowed from the pool; returns it on destruction.
class PooledConnection {
 public:
  PooledConnection(Database* owner, std::unique_ptr<Connection> c)
      : owner_(owner), conn_(std::move(c)) {}
  PooledConnection(PooledConnection&&) noexcept = default;
  PooledConnection& operator=(PooledConnection&&) noexcept = default;
  ~PooledConnection();
  Connection& operator*() { return *conn_; }
  Connection* operator->() { return conn_.get(); }

 private:
  Database* owner_;
  std::unique_ptr<Connection> conn_;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // "sqlite" or "postgresql", as reported by /api/v1/health.
  virtual std::string_view name() const = 0;
  // Borrows a connection, opening one if the pool has room; blocks while all are in use.
  // Errors: kInternal/kUnavailable when the database cannot be reached or the pool is closed.
  virtual Result<PooledConnection> Acquire() = 0;
  // Closes every idle connection and refuses new borrowing; borrowed ones close on return.
  virtual void Close() = 0;

 protected:
  friend class PooledConnection;
  virtual void Release(std::unique_ptr<Connection> c) = 0;
};

// Opens the backend a URL names: "sqlite:PATH" (file created if missing; "sqlite::memory:"
// for tests) or "postgresql://..." / "postgres://...". pool_size bounds open connections.
// Errors: kBadRequest for an unknown scheme; kUnavailable when it cannot connect.
Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url, int pool_size);

// Runs `fn(conn)` in a transaction: commits when it returns a value, rolls back when it
// returns an error (or throws). Errors: fn's error, or the store's if begin/commit fails.
template <typename F>
auto InTransaction(Database& db, TxMode mode, F&& fn) -> decltype(fn(std::declval<Connection&>())) {
  auto conn = db.Acquire();
  if (!conn) return Fail(conn.error());
  if (auto b = (*conn)->Begin(mode); !b) return Fail(b.error());
  try {
    auto result = fn(**conn);
    if (!result) {
      (void)(*conn)->Rollback();
      return result;
    }
    if (auto c = (*conn)->Commit(); !c) return Fail(c.error());
    return result;
  } catch (...) {
    (void)(*conn)->Rollback();
    throw;
  }
}

}  // namespace tj::store
