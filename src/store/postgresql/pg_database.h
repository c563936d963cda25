// The PostgreSQL backend: libpq connections behind a ConnectionPool.
//
// Each connection runs with TimeZone UTC, client_encoding UTF8 and DateStyle ISO, so
// timestamptz cells read back as "2026-11-27 07:53:56.123456+00" (which Row::At parses).
// Statements go through PQexecParams with every parameter in text form and its type left to
// the server (bool as true/false, integers in decimal, NULL as NULL); results come back in text
// form. kWrite transactions are plain BEGIN (read committed: to serialize on a row, lock it
// first, e.g. with an UPDATE ... RETURNING that works on SQLite too); kRead transactions are
// REPEATABLE READ so every statement in them sees one snapshot, as a deferred SQLite
// transaction does. BulkInsert streams COPY ... FROM STDIN in text format.
//
// A connection that breaks (server gone, backend terminated) reports kUnavailable and becomes
// unhealthy, so the pool drops it and the next Acquire connects afresh.
//
// Thread safety: the Database is thread-safe; a connection is used by one thread at a time.
// Destroy the Database only after every borrowed connection has come back.
#pragma once

#include <memory>
#include <string_view>

#include "store/database.h"

namespace tj::store {

// Connects to the server a libpq connection string or URI names ("postgresql://user@host/db").
// Up to pool_size connections are opened on demand; one is opened at once so that an
// unreachable server fails here.
// Errors: kUnavailable (common.unavailable) when the server cannot be reached or refuses the
// connection, kInternal when the session cannot be configured.
Result<std::unique_ptr<Database>> OpenPostgresqlDatabase(std::string_view conninfo, int pool_size);

}  // namespace tj::store
