// Migrations and the foundation schema, on SQLite and PostgreSQL.
#include "store/migrations.h"

#include "domain/org/org.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "unit/store/backend_fixture.h"

namespace tj::store {
namespace {

using test::BackendTest;
using test::MigratedBackendTest;
using namespace std::chrono;

std::vector<std::string> EmbeddedNames(std::string_view dialect) {
  std::vector<std::string> names;
  for (const auto& m : EmbeddedMigrations())
    if (m.dialect == dialect) names.emplace_back(m.name);
  return names;
}

class MigrationsTest : public BackendTest {
 protected:
  std::string_view Dialect() const { return IsPostgresql() ? "postgresql" : "sqlite"; }

  bool TableExists(Connection& c, const std::string& table) {
    auto r = IsPostgresql()
                 ? c.Query(
                       "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                       "current_schema() AND table_name = $1",
                       {Text(table)})
                 : c.Query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
                           {Text(table)});
    EXPECT_TRUE(r) << r.error().log_detail;
    return r && r->rows[0].Int(0) == 1;
  }
};

TEST(EmbeddedMigrationsTest, BothDialectsHaveTheSameMigrations) {
  const auto sqlite = EmbeddedNames("sqlite");
  EXPECT_FALSE(sqlite.empty());
  EXPECT_EQ(sqlite, EmbeddedNames("postgresql"));
  for (const auto& m : EmbeddedMigrations()) {
    EXPECT_TRUE(m.dialect == "sqlite" || m.dialect == "postgresql") << m.dialect;
    EXPECT_GT(m.version, 0) << m.name;
    EXPECT_FALSE(m.sql.empty()) << m.name;
  }
}

TEST_P(MigrationsTest, AppliesEveryMigrationOnceAndIsIdempotent) {
  auto first = Migrate(db());
  ASSERT_TRUE(first) << first.error().log_detail;
  EXPECT_EQ(first->applied, EmbeddedNames(Dialect()));
  EXPECT_GE(first->current_version, 1);

  auto second = Migrate(db());
  ASSERT_TRUE(second) << second.error().log_detail;
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(second->current_version, first->current_version);

  auto c = Conn();
  auto r = c->Query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_TRUE(r) << r.error().log_detail;
  ASSERT_EQ(r->rows.size(), first->applied.size());
  EXPECT_EQ(r->rows[0].Int(0), 1);
  EXPECT_EQ(r->rows[0].Str(1), "0001_foundation");
  const auto applied_at = r->rows[0].OptAt(2);
  ASSERT_TRUE(applied_at.has_value()) << r->rows[0].Str(2);
  EXPECT_LT(abs(*applied_at - time_point_cast<microseconds>(system_clock::now())), minutes(5));

  auto head = c->Query("SELECT last_id, last_hash FROM audit_head WHERE id = 1");
  ASSERT_TRUE(head) << head.error().log_detail;
  ASSERT_EQ(head->rows.size(), 1u);
  EXPECT_EQ(head->rows[0].Int(0), 0);
  EXPECT_EQ(head->rows[0].Str(1), std::string(64, '0'));
}

TEST_P(MigrationsTest, ConcurrentMigrationsApplyEachOnce) {
  constexpr int kServers = 3;
  std::vector<Result<MigrationReport>> reports(kServers, Fail(Error::Internal("not run")));
  std::vector<std::thread> threads;
  for (int i = 0; i < kServers; ++i) {
    threads.emplace_back([&, i] {
      auto other = OpenDatabase(url(), 2);
      if (!other) {
        reports[i] = Fail(other.error());
        return;
      }
      reports[i] = Migrate(**other);
    });
  }
  for (auto& t : threads) t.join();
  size_t applied = 0;
  for (const auto& r : reports) {
    ASSERT_TRUE(r) << r.error().log_detail;
    applied += r->applied.size();
    EXPECT_EQ(r->current_version, reports[0]->current_version);
  }
  EXPECT_EQ(applied, EmbeddedNames(Dialect()).size());
  auto c = Conn();
  auto n = c->Query("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->rows[0].Int(0), static_cast<int64_t>(applied));
}

TEST_P(MigrationsTest, AFailingMigrationLeavesNothingOfItself) {
  const std::string_view d = Dialect();
  const std::vector<Migration> broken = {
      {d, 1, "0001_first", "CREATE TABLE first_table (id INTEGER PRIMARY KEY)"},
      {d, 2, "0002_broken",
       "CREATE TABLE second_table (id INTEGER PRIMARY KEY); CREATE TABLE first_table (id INTEGER)"},
      {d == "sqlite" ? "postgresql" : "sqlite", 3, "0003_other_dialect", "NOT SQL AT ALL"},
  };
  auto r = Migrate(db(), broken);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  EXPECT_NE(r.error().log_detail.find("0002_broken"), std::string::npos) << r.error().log_detail;
  {
    auto c = Conn();
    EXPECT_TRUE(TableExists(*c, "first_table"));
    EXPECT_FALSE(TableExists(*c, "second_table"));
  }

  const std::vector<Migration> fixed = {
      broken[0],
      {d, 2, "0002_fixed", "CREATE TABLE second_table (id INTEGER PRIMARY KEY)"},
      broken[2],
  };
  auto again = Migrate(db(), fixed);
  ASSERT_TRUE(again) << again.error().log_detail;
  EXPECT_EQ(again->applied, std::vector<std::string>{"0002_fixed"});
  EXPECT_EQ(again->current_version, 2);
  auto c = Conn();
  EXPECT_TRUE(TableExists(*c, "second_table"));
}

TEST_P(MigrationsTest, RefusesTwoMigrationsWithOneVersion) {
  const std::vector<Migration> twins = {
      {Dialect(), 1, "0001_a", "CREATE TABLE a (id INTEGER)"},
      {Dialect(), 1, "0001_b", "CREATE TABLE b (id INTEGER)"},
  };
  auto r = Migrate(db(), twins);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
}

TEST_P(MigrationsTest, PostgresqlSchemaMatchesSqlite) {
  if (!IsPostgresql()) GTEST_SKIP() << "compares the PostgreSQL schema with SQLite's";
  ASSERT_TRUE(Migrate(db()));
  auto lite = OpenDatabase("sqlite::memory:", 1);
  ASSERT_TRUE(lite);
  ASSERT_TRUE(Migrate(**lite));

  using Columns = std::map<std::string, std::set<std::string>>;
  Columns pg_columns, lite_columns;
  std::set<std::string> pg_indexes, lite_indexes;
  auto pg = Conn();
  auto rows = pg->Query(
      "SELECT table_name, column_name, data_type, collation_name FROM information_schema.columns "
      "WHERE table_schema = current_schema() AND table_name NOT IN "
      "(SELECT relname FROM pg_class WHERE relispartition) ORDER BY 1, 2");
  ASSERT_TRUE(rows) << rows.error().log_detail;
  for (const auto& r : rows->rows) {
    pg_columns[r.Str(0)].insert(r.Str(1));
    const std::string& column = r.Str(1);
    if (column == "at" || column.ends_with("_at") || column == "locked_until") {
      EXPECT_EQ(r.Str(2), "timestamp with time zone") << r.Str(0) << "." << column;
    }
    if (column == "must_change_password") {
      EXPECT_EQ(r.Str(2), "boolean");
    }
    if (r.Str(0) == "orgs" && column == "path") {
      EXPECT_EQ(r.Str(3), "C");
    }
  }
  auto idx = pg->Query(
      "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
      "AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key' "
      "AND tablename NOT IN (SELECT relname FROM pg_class WHERE relispartition)");
  ASSERT_TRUE(idx) << idx.error().log_detail;
  for (const auto& r : idx->rows) pg_indexes.insert(r.Str(0));

  auto lc = (*lite)->Acquire();
  ASSERT_TRUE(lc);
  auto lrows = (*lc)->Query(
      "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
      "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  ASSERT_TRUE(lrows) << lrows.error().log_detail;
  for (const auto& r : lrows->rows) lite_columns[r.Str(0)].insert(r.Str(1));
  // What PostgreSQL has because its members table is partitioned by province: member_keys holds
  // the keys unique across the country (a view on SQLite, whose members holds them itself), and
  // plain indexes on members serve the lookups SQLite's UNIQUE constraints' indexes serve.
  auto view = (*lc)->Query("SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                           "WHERE m.type = 'view' AND m.name = 'member_keys'");
  ASSERT_TRUE(view) << view.error().log_detail;
  for (const auto& r : view->rows) lite_columns[r.Str(0)].insert(r.Str(1));
  EXPECT_EQ(lite_columns["member_keys"],
            (std::set<std::string>{"id", "province_id", "id_number_hash", "member_no"}));
  for (const char* name : {"members_id_number_hash", "members_member_no"}) {
    EXPECT_TRUE(pg_indexes.erase(name)) << name;
  }
  auto lidx = (*lc)->Query(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite\\_%' "
      "ESCAPE '\\'");
  ASSERT_TRUE(lidx);
  for (const auto& r : lidx->rows) lite_indexes.insert(r.Str(0));

  EXPECT_EQ(pg_columns, lite_columns);
  EXPECT_EQ(pg_indexes, lite_indexes);
}

TJ_INSTANTIATE_BACKENDS(MigrationsTest);

class FoundationSchemaTest : public MigratedBackendTest {
 protected:
  void InsertAudit(Connection& c, int64_t id) {
    auto r = c.Query(
        "INSERT INTO audit_log (id, at, action, summary, prev_hash, hash) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {Int(id), At(sys_days(2026y / 11 / 27) + 1h), Text("org.create"), Text("created"),
         Text(std::string(64, '0')), Text(std::string(64, 'a'))});
    ASSERT_TRUE(r) << r.error().log_detail;
  }

  void InsertOrg(Connection& c, int64_t id, std::optional<int64_t> parent, const std::string& path,
                 int64_t depth) {
    const Instant now = sys_days(2026y / 11 / 27) + 0s;
    auto r = c.Query(
        "INSERT INTO orgs (id, parent_id, name, type, sector, code, path, depth, created_at, "
        "updated_at, province_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)",
        {Int(id), OptInt(parent), Text("团委" + std::to_string(id)), Text("committee"),
         Text("county"), Text("C" + std::to_string(id)), Text(path), Int(depth), At(now),
         Int(domain::ProvinceOf(path))});
    ASSERT_TRUE(r) << r.error().log_detail;
  }
};

TEST_P(FoundationSchemaTest, AuditLogRefusesUpdateAndDelete) {
  auto c = Conn();
  InsertAudit(*c, 1);
  auto up = c->Query("UPDATE audit_log SET summary = $1 WHERE id = 1", {Text("rewritten")});
  ASSERT_FALSE(up);
  EXPECT_EQ(up.error().code, ErrorCode::kConflict);
  EXPECT_EQ(up.error().message_key, "store.rejected");
  EXPECT_NE(up.error().log_detail.find("append-only"), std::string::npos) << up.error().log_detail;
  auto del = c->Query("DELETE FROM audit_log");
  ASSERT_FALSE(del);
  EXPECT_EQ(del.error().message_key, "store.rejected");
  if (IsPostgresql()) {
    auto tr = c->Query("TRUNCATE audit_log");
    ASSERT_FALSE(tr);
    EXPECT_EQ(tr.error().message_key, "store.rejected");
  }
  auto r = c->Query("SELECT summary FROM audit_log");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].Str(0), "created");
  InsertAudit(*c, 2);  // appending still works
  auto dup = c->Query(
      "INSERT INTO audit_log (id, at, action, summary, prev_hash, hash) VALUES (2, $1, 'x', 'x', "
      "'x', 'x')",
      {At(sys_days(2026y / 11 / 27) + 0s)});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().args.at("field"), "id");
}

TEST_P(FoundationSchemaTest, OrgPathRangesFollowByteOrder) {
  auto c = Conn();
  InsertOrg(*c, 1, std::nullopt, "/1/", 0);
  InsertOrg(*c, 2, 1, "/1/2/", 1);
  InsertOrg(*c, 10, 1, "/1/10/", 1);
  InsertOrg(*c, 3, 2, "/1/2/3/", 2);
  InsertOrg(*c, 20, 1, "/1/20/", 1);
  InsertOrg(*c, 100, std::nullopt, "/10/", 0);

  auto ordered = c->Query("SELECT path FROM orgs ORDER BY path");
  ASSERT_TRUE(ordered) << ordered.error().log_detail;
  std::vector<std::string> paths;
  for (const auto& r : ordered->rows) paths.push_back(r.Str(0));
  EXPECT_EQ(paths,
            (std::vector<std::string>{"/1/", "/1/10/", "/1/2/", "/1/2/3/", "/1/20/", "/10/"}));

  // A subtree is [path, path with its last '/' raised to '0').
  auto subtree = [&](const std::string& path) {
    std::string hi = path;
    hi.back() = '0';
    auto r = c->Query("SELECT id FROM orgs WHERE path >= $1 AND path < $2 ORDER BY path",
                      {Text(path), Text(hi)});
    std::vector<int64_t> ids;
    EXPECT_TRUE(r) << r.error().log_detail;
    if (r)
      for (const auto& row : r->rows) ids.push_back(row.Int(0));
    return ids;
  };
  EXPECT_EQ(subtree("/1/"), (std::vector<int64_t>{1, 10, 2, 3, 20}));
  EXPECT_EQ(subtree("/1/2/"), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(subtree("/1/10/"), (std::vector<int64_t>{10}));
  EXPECT_EQ(subtree("/10/"), (std::vector<int64_t>{100}));

  auto fk = c->Query(
      "INSERT INTO orgs (id, parent_id, name, type, sector, code, path, depth, created_at, "
      "updated_at, province_id) VALUES (9001, $1, 'x', 'branch', 'county', 'CX', '/9/', 1, $2, $2, 9)",
      {Int(9999), At(sys_days(2026y / 11 / 27) + 0s)});
  ASSERT_FALSE(fk);
  EXPECT_EQ(fk.error().message_key, "store.foreign_key");
  auto code = c->Query(
      "INSERT INTO orgs (id, name, type, sector, code, path, depth, created_at, updated_at, province_id)"
      " VALUES (9002, 'x', 'branch', 'county', 'C1', '/9/', 0, $1, $1, 9002)",
      {At(sys_days(2026y / 11 / 27) + 0s)});
  ASSERT_FALSE(code);
  EXPECT_EQ(code.error().message_key, "common.unique");
  EXPECT_EQ(code.error().args.at("table"), "orgs");
  EXPECT_EQ(code.error().args.at("field"), "code");
}

TEST_P(FoundationSchemaTest, UsersKeepMustChangePasswordAsABoolean) {
  auto c = Conn();
  InsertOrg(*c, 1, std::nullopt, "/1/", 0);
  const Instant now = sys_days(2026y / 11 / 27) + 0s;
  auto ins = c->Query(
      "INSERT INTO users (username, display_name, org_id, password_hash, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $5) RETURNING id, must_change_password",
      {Text("admin"), Text("管理员"), Int(1), Text("hash"), At(now)});
  ASSERT_TRUE(ins) << ins.error().log_detail;
  EXPECT_TRUE(ins->rows[0].Bool(1));
  ASSERT_TRUE(c->Query("UPDATE users SET must_change_password = $1 WHERE id = $2",
                       {Bool(false), Int(ins->rows[0].Int(0))}));
  auto r = c->Query("SELECT must_change_password FROM users WHERE must_change_password = $1",
                    {Bool(false)});
  ASSERT_TRUE(r) << r.error().log_detail;
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_FALSE(r->rows[0].Bool(0));
  auto role = c->Query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2), ($1, $2)",
                       {Int(ins->rows[0].Int(0)), Text("admin")});
  ASSERT_FALSE(role);
  EXPECT_EQ(role.error().args.at("field"), "user_id, role");
}

TJ_INSTANTIATE_BACKENDS(FoundationSchemaTest);

}  // namespace
}  // namespace tj::store
