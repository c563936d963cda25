#include "store/postgresql/pg_database.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "store/pool.h"

namespace tj::store {
namespace {

constexpr size_t kCopyChunk = 1 << 16;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

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

std::string Trimmed(const char* s) {
  std::string out = s ? s : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string Field(const PGresult* res, int code) {
  const char* v = res ? PQresultErrorField(res, code) : nullptr;
  return v ? v : "";
}

// The column list of a unique violation's detail, "Key (user_id, role)=(1, admin) already
// exists." -> "user_id, role": the first parenthesized group, which survives translation.
std::string KeyColumns(std::string_view detail) {
  auto open = detail.find('(');
  if (open == std::string_view::npos) return "";
  int depth = 0;
  for (size_t i = open; i < detail.size(); ++i) {
    if (detail[i] == '(') ++depth;
    if (detail[i] == ')' && --depth == 0) return std::string(detail.substr(open + 1, i - open - 1));
  }
  return "";
}

Error Unavailable(std::string log_detail) {
  return Error{ErrorCode::kUnavailable, "common.unavailable", {}, {}, std::move(log_detail)};
}

bool ChangesRows(const char* command_status) {
  std::string_view tag = command_status ? command_status : "";
  return tag.starts_with("INSERT") || tag.starts_with("UPDATE") || tag.starts_with("DELETE") ||
         tag.starts_with("MERGE") || tag.starts_with("COPY");
}

int64_t AffectedRows(PGresult* res) {
  if (!ChangesRows(PQcmdStatus(res))) return 0;
  std::string_view n = PQcmdTuples(res);
  int64_t v = 0;
  std::from_chars(n.data(), n.data() + n.size(), v);
  return v;
}

// COPY text format: backslash, tab, newline and carriage return escaped; NULL is \N.
void AppendCopyField(std::string& out, const Value& v) {
  std::visit(Overloaded{
                 [&](const Null&) { out += "\\N"; },
                 [&](int64_t i) { out += std::to_string(i); },
                 [&](bool b) { out += b ? 't' : 'f'; },
                 [&](const std::string& s) {
                   for (char c : s) {
                     switch (c) {
                       case '\\':
                         out += "\\\\";
                         break;
                       case '\t':
                         out += "\\t";
                         break;
                       case '\n':
                         out += "\\n";
                         break;
                       case '\r':
                         out += "\\r";
                         break;
                       default:
                         out += c;
                     }
                   }
                 },
             },
             v);
}

bool HasNul(const Value& v) {
  const auto* s = std::get_if<std::string>(&v);
  return s && s->find('\0') != std::string::npos;
}

void IgnoreNotice(void*, const char*) {}

class PgConnection final : public Connection {
 public:
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& conninfo) {
    PGconn* raw = PQconnectdb(conninfo.c_str());
    if (raw == nullptr) return Fail(Unavailable("postgresql: out of memory connecting"));
    auto conn = std::unique_ptr<PgConnection>(new PgConnection(raw));
    if (PQstatus(raw) != CONNECTION_OK)
      return Fail(Unavailable("postgresql: cannot connect: " + Trimmed(PQerrorMessage(raw))));
    // NOTICEs ("relation already exists, skipping") would otherwise go to stderr.
    PQsetNoticeProcessor(raw, IgnoreNotice, nullptr);
    PgResult res(PQexec(raw,
                        "SET TimeZone = 'UTC'; SET client_encoding = 'UTF8'; "
                        "SET DateStyle = 'ISO, YMD'"));
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK)
      return Fail(conn->ErrorFrom(res.get(), "session settings"));
    return conn;
  }

  ~PgConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgresql; }

  Result<Rows> Query(std::string_view sql, std::span<const Value> params) override {
    std::string statement(sql);
    std::vector<std::string> numbers;
    numbers.reserve(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (HasNul(v))
        return Fail(Error{ErrorCode::kBadRequest,
                          "common.invalid_format",
                          {},
                          {},
                          "postgresql: text for $" + std::to_string(i + 1) + " holds a NUL byte"});
      std::visit(Overloaded{
                     [&](const Null&) { values[i] = nullptr; },
                     [&](int64_t n) {
                       numbers.push_back(std::to_string(n));
                       values[i] = numbers.back().c_str();
                     },
                     [&](bool b) { values[i] = b ? "true" : "false"; },
                     [&](const std::string& s) { values[i] = s.c_str(); },
                 },
                 v);
    }
    PgResult res(PQexecParams(conn_, statement.c_str(), static_cast<int>(params.size()), nullptr,
                              values.data(), nullptr, nullptr, 0));
    return ToRows(res.get(), sql);
  }

  Result<int64_t> Scan(std::string_view sql, std::span<const Value> params,
                       const std::function<void(const Row&)>& each) override {
    if (PQtransactionStatus(conn_) != PQTRANS_INTRANS)
      return Fail(Error::Internal("postgresql: Scan outside a transaction"));
    if (auto d = Query("DECLARE tj_scan NO SCROLL CURSOR FOR " + std::string(sql), params); !d) return Fail(d.error());
    int64_t n = 0;
    Row row;
    for (;;) {
      PgResult res(PQexec(conn_, "FETCH FORWARD 20000 FROM tj_scan"));
      if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) return Fail(ErrorFrom(res.get(), "FETCH"));
      const int rows = PQntuples(res.get()), cols = PQnfields(res.get());
      if (rows == 0) break;
      row.Resize(static_cast<size_t>(cols));
      for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
          if (PQgetisnull(res.get(), r, c))
            row.SetNull(static_cast<size_t>(c));
          else
            row.Set(static_cast<size_t>(c),
                    std::string_view(PQgetvalue(res.get(), r, c), static_cast<size_t>(PQgetlength(res.get(), r, c))));
        }
        each(row);
      }
      n += rows;
    }
    if (auto c = Command("CLOSE tj_scan"); !c) return Fail(c.error());
    return n;
  }

  Result<void> ExecuteScript(std::string_view sql) override {
    std::string script(sql);
    PgResult res(PQexec(conn_, script.c_str()));
    if (auto rows = ToRows(res.get(), sql); !rows) return Fail(rows.error());
    return {};
  }

  Result<void> Begin(TxMode mode) override {
    switch (PQtransactionStatus(conn_)) {
      case PQTRANS_IDLE:
        break;
      case PQTRANS_INTRANS:
      case PQTRANS_INERROR:
        return Fail(Error::Internal("postgresql: Begin inside a transaction"));
      default:
        return Fail(ConnectionLost("Begin"));
    }
    if (mode == TxMode::kRead) return Command("BEGIN ISOLATION LEVEL REPEATABLE READ");
    // Writers take one transaction-scoped lock up front, as SQLite's BEGIN IMMEDIATE does, so
    // the services' check-then-write steps (count children, then close; read the failure
    // count, then raise it) cannot interleave. Every write appends to the audit chain, which
    // serializes on its head anyway; taking the turn at the start keeps the checks true.
    if (auto b = Command("BEGIN"); !b) return b;
    if (auto l = Query("SELECT pg_advisory_xact_lock(7236238129386)", {}); !l) {
      (void)Rollback();
      return Fail(l.error());
    }
    return {};
  }

  Result<void> Commit() override {
    switch (PQtransactionStatus(conn_)) {
      case PQTRANS_INTRANS:
        break;
      case PQTRANS_INERROR:
        (void)Rollback();
        return Fail(Error::Internal(
            "postgresql: transaction rolled back at Commit because a statement in it had failed"));
      case PQTRANS_IDLE:
        return Fail(Error::Internal("postgresql: Commit without a transaction"));
      default:
        return Fail(ConnectionLost("Commit"));
    }
    PgResult res(PQexec(conn_, "COMMIT"));
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return Fail(ErrorFrom(res.get(), "COMMIT"));
    // The server answers COMMIT of a failed transaction with ROLLBACK.
    if (std::string_view(PQcmdStatus(res.get())) == "ROLLBACK")
      return Fail(Error::Internal("postgresql: COMMIT rolled back"));
    return {};
  }

  Result<void> Rollback() override {
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return {};
    return Command("ROLLBACK");
  }

  Result<int64_t> BulkInsert(std::string_view table, std::span<const std::string> columns,
                             std::span<const std::vector<Value>> rows) override {
    if (!IsPlainIdentifier(table) || columns.empty() ||
        !std::all_of(columns.begin(), columns.end(),
                     [](const std::string& c) { return IsPlainIdentifier(c); })) {
      return Fail(Error::Internal("postgresql: BulkInsert: bad table or column names for " +
                                  std::string(table)));
    }
    // Checked before COPY starts, so a bad row never leaves a half-sent stream to abort.
    for (const auto& row : rows) {
      if (row.size() != columns.size())
        return Fail(Error::Internal("postgresql: BulkInsert: a row of " +
                                    std::to_string(row.size()) + " values for " +
                                    std::to_string(columns.size()) + " columns"));
      if (std::any_of(row.begin(), row.end(), HasNul))
        return Fail(Error{ErrorCode::kBadRequest,
                          "common.invalid_format",
                          {},
                          {},
                          "postgresql: BulkInsert: text holds a NUL byte"});
    }
    std::string sql = "COPY " + std::string(table) + " (";
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) sql += ", ";
      sql += columns[i];
    }
    sql += ") FROM STDIN";

    {
      PgResult start(PQexec(conn_, sql.c_str()));
      if (PQresultStatus(start.get()) != PGRES_COPY_IN) return Fail(ErrorFrom(start.get(), sql));
    }
    std::string buffer;
    buffer.reserve(kCopyChunk + 1024);
    for (const auto& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i > 0) buffer += '\t';
        AppendCopyField(buffer, row[i]);
      }
      buffer += '\n';
      if (buffer.size() >= kCopyChunk) {
        if (PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1)
          return Fail(ConnectionLost("COPY"));
        buffer.clear();
      }
    }
    if (!buffer.empty() &&
        PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1)
      return Fail(ConnectionLost("COPY"));
    if (PQputCopyEnd(conn_, nullptr) != 1) return Fail(ConnectionLost("COPY"));

    PgResult done(PQgetResult(conn_));
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
    if (PQresultStatus(done.get()) != PGRES_COMMAND_OK) return Fail(ErrorFrom(done.get(), sql));
    return AffectedRows(done.get());
  }

  bool Healthy() const override { return healthy_ && PQstatus(conn_) == CONNECTION_OK; }

  // Reads whatever the server sent while the connection sat idle, without blocking: a server
  // that restarted or ended the session has closed the socket, which this notices, so the
  // borrower gets a live connection instead of a first query that fails.
  bool StillAlive() {
    // A closed session shows as a final message and then end-of-file, which PQconsumeInput
    // meets on its second read; a few rounds while the socket stays readable suffice.
    for (int round = 0; round < 4 && healthy_; ++round) {
      pollfd p{PQsocket(conn_), POLLIN, 0};
      if (p.fd < 0) {
        healthy_ = false;
        break;
      }
      if (poll(&p, 1, 0) <= 0) break;  // nothing waiting: alive
      if (PQconsumeInput(conn_) == 0 || PQstatus(conn_) != CONNECTION_OK) healthy_ = false;
    }
    return healthy_;
  }

  // Called when the connection goes back to the pool: a transaction its borrower left open is
  // rolled back; a connection in any other state is dropped.
  void ResetForReuse() {
    switch (PQtransactionStatus(conn_)) {
      case PQTRANS_IDLE:
        return;
      case PQTRANS_INTRANS:
      case PQTRANS_INERROR:
        if (!Command("ROLLBACK")) healthy_ = false;
        return;
      default:
        healthy_ = false;
    }
  }

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}

  Result<void> Command(const char* sql) {
    PgResult res(PQexec(conn_, sql));
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return Fail(ErrorFrom(res.get(), sql));
    return {};
  }

  Result<Rows> ToRows(PGresult* res, std::string_view sql) {
    switch (PQresultStatus(res)) {
      case PGRES_TUPLES_OK:
      case PGRES_COMMAND_OK:
        break;
      case PGRES_EMPTY_QUERY:
        return Rows{};
      case PGRES_COPY_IN:
        // COPY goes through BulkInsert; abort this one and leave the connection usable.
        PQputCopyEnd(conn_, "COPY FROM STDIN is not supported through Query");
        while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
        return Fail(Error::Internal("postgresql: use BulkInsert for COPY: " + Excerpt(sql)));
      case PGRES_COPY_OUT:
      case PGRES_COPY_BOTH:
        healthy_ = false;  // mid-stream; simpler to drop the connection than to drain it
        return Fail(Error::Internal("postgresql: COPY TO is not supported: " + Excerpt(sql)));
      default:
        return Fail(ErrorFrom(res, sql));
    }
    Rows out;
    const int ncol = PQnfields(res);
    const int nrow = PQntuples(res);
    out.columns.reserve(static_cast<size_t>(ncol));
    for (int c = 0; c < ncol; ++c) out.columns.emplace_back(PQfname(res, c));
    out.rows.reserve(static_cast<size_t>(nrow));
    for (int r = 0; r < nrow; ++r) {
      std::vector<std::optional<std::string>> cells;
      cells.reserve(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        if (PQgetisnull(res, r, c)) {
          cells.emplace_back(std::nullopt);
        } else {
          cells.emplace_back(
              std::string(PQgetvalue(res, r, c), static_cast<size_t>(PQgetlength(res, r, c))));
        }
      }
      out.rows.emplace_back(std::move(cells));
    }
    out.affected = AffectedRows(res);
    return out;
  }

  Error ConnectionLost(std::string_view during) {
    healthy_ = false;
    return Unavailable("postgresql: connection lost during " + std::string(during) + ": " +
                       Trimmed(PQerrorMessage(conn_)));
  }

  Error ErrorFrom(const PGresult* res, std::string_view sql) {
    const std::string state = Field(res, PG_DIAG_SQLSTATE);
    if (PQstatus(conn_) != CONNECTION_OK || state.starts_with("08") || state == "57P01" ||
        state == "57P02" || state == "57P03") {
      healthy_ = false;
      std::string why = res ? Trimmed(PQresultErrorMessage(res)) : "";
      if (why.empty()) why = Trimmed(PQerrorMessage(conn_));
      return Unavailable("postgresql: connection lost: " + why);
    }
    std::string message = res ? Trimmed(PQresultErrorMessage(res)) : "";
    if (message.empty()) message = Trimmed(PQerrorMessage(conn_));
    if (state == "23505") {
      Error e = Error::Conflict("common.unique",
                                {{"constraint", Field(res, PG_DIAG_CONSTRAINT_NAME)},
                                 {"table", Field(res, PG_DIAG_TABLE_NAME)},
                                 {"field", KeyColumns(Field(res, PG_DIAG_MESSAGE_DETAIL))}});
      e.log_detail = "postgresql: " + message;
      return e;
    }
    if (state == "23503") {
      Error e = Error::Conflict("store.foreign_key",
                                {{"constraint", Field(res, PG_DIAG_CONSTRAINT_NAME)}});
      e.log_detail = "postgresql: " + message;
      return e;
    }
    if (state == "P0001") {  // RAISE EXCEPTION in a trigger or function
      Error e = Error::Conflict("store.rejected");
      e.log_detail = Field(res, PG_DIAG_MESSAGE_PRIMARY);
      return e;
    }
    return Error::Internal("postgresql: " + message + (state.empty() ? "" : " [" + state + "]") +
                           " in: " + Excerpt(sql));
  }

  PGconn* conn_;
  bool healthy_ = true;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string conninfo, int pool_size)
      : pool_(
            [conninfo]() -> Result<std::unique_ptr<Connection>> {
              auto c = PgConnection::Open(conninfo);
              if (!c) return Fail(c.error());
              return std::unique_ptr<Connection>(std::move(*c));
            },
            pool_size),
        max_tries_(std::max(pool_size, 1) + 1) {}

  ~PgDatabase() override { pool_.Close(); }

  Dialect dialect() const override { return Dialect::kPostgresql; }
  std::string_view name() const override { return "postgresql"; }

  Result<PooledConnection> Acquire() override {
    // Idle connections that died are dropped (Give discards unhealthy ones) and replaced; a
    // fresh connection is tried as is, so this ends after at most max_tries rounds.
    for (int attempt = 0;; ++attempt) {
      auto c = pool_.Take();
      if (!c) return Fail(c.error());
      if (attempt >= max_tries_ || static_cast<PgConnection&>(**c).StillAlive())
        return PooledConnection(this, std::move(*c));
      pool_.Give(std::move(*c));
    }
  }

  void Close() override { pool_.Close(); }

 protected:
  void Release(std::unique_ptr<Connection> c) override {
    static_cast<PgConnection&>(*c).ResetForReuse();
    pool_.Give(std::move(c));
  }

 private:
  ConnectionPool pool_;
  const int max_tries_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgresqlDatabase(std::string_view conninfo, int pool_size) {
  auto db = std::make_unique<PgDatabase>(std::string(conninfo), pool_size);
  {
    auto first = db->Acquire();
    if (!first) return Fail(first.error());
  }
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace tj::store
