// OpenDatabase: picks the backend a URL names.
#include "store/database.h"
#include "store/postgresql/pg_database.h"
#include "store/sqlite/sqlite_database.h"

namespace tj::store {

Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url, int pool_size) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    std::string_view path = url.substr(kSqlite.size());
    if (path.empty()) {
      Error e = Error::BadRequest("store.bad_url");
      e.log_detail = "sqlite: URL without a path (sqlite:PATH or sqlite::memory:)";
      return Fail(std::move(e));
    }
    return OpenSqliteDatabase(path, pool_size);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgresqlDatabase(url, pool_size);
  }
  // The URL itself is left out of the message: it may hold a password.
  Error e = Error::BadRequest("store.bad_url");
  e.log_detail = "database URL is neither sqlite:PATH nor postgresql://...";
  return Fail(std::move(e));
}

}  // namespace tj::store
