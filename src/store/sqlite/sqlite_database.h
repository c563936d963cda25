// The SQLite backend: an embedded database file in WAL mode behind a ConnectionPool.
//
// Every connection sets journal_mode=WAL, foreign_keys=ON, busy_timeout=5000 ms and
// synchronous=NORMAL, and keeps its prepared statements in an LRU cache keyed by SQL text.
// Parameters are written $1..$N; each may appear several times, and the statement must use
// exactly as many as are supplied. kWrite transactions are BEGIN IMMEDIATE (they wait up to the
// busy timeout for the single writer lock), kRead ones BEGIN DEFERRED (a WAL snapshot from the
// first read on).
//
// To behave like PostgreSQL, a statement that fails inside a transaction poisons it: further
// statements fail and Commit rolls back and reports an error, so code that swallows an error in
// a transaction fails on SQLite too, not only in production on PostgreSQL. BulkInsert outside
// a transaction is one of its own (all rows or none, like COPY). ExecuteScript outside a
// transaction is not atomic here (PostgreSQL runs a script as one implicit transaction): run
// scripts that must be all-or-nothing inside one, as Migrate does.
//
// Thread safety: the Database is thread-safe; a connection is used by one thread at a time
// (connections are opened SQLITE_OPEN_NOMUTEX). Destroy the Database only after every borrowed
// connection has come back.
#pragma once

#include <memory>
#include <string_view>

#include "store/database.h"

namespace tj::store {

// Opens (creating if missing) the SQLite database at `path`; ":memory:" gives a private
// in-memory database, served by a single connection so that every borrower sees the same data
// (pool_size is then ignored; a thread must not hold two connections of it at once, or its
// second Acquire waits forever). One connection is opened at once so a bad path fails here.
// Errors: kUnavailable (common.unavailable) when the file cannot be opened or configured.
Result<std::unique_ptr<Database>> OpenSqliteDatabase(std::string_view path, int pool_size);

}  // namespace tj::store
