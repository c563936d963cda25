// OpenDatabase and what each backend sets up on its connections.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "store/database.h"
#include "unit/store/backend_fixture.h"

namespace tj::store {
namespace {

TEST(OpenDatabaseTest, RefusesUnknownSchemes) {
  for (const char* url : {"", "mysql://root@localhost/x", "sqlite:", "file:x.db", "postgresql:x"}) {
    auto db = OpenDatabase(url, 2);
    ASSERT_FALSE(db) << url;
    EXPECT_EQ(db.error().code, ErrorCode::kBadRequest) << url;
    EXPECT_EQ(db.error().message_key, "store.bad_url") << url;
  }
}

TEST(SqliteOpenTest, AMissingFolderIsUnavailable) {
  auto db = OpenDatabase("sqlite:/nonexistent-tj-folder/sub/x.db", 2);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(db.error().message_key, "common.unavailable");
}

TEST(SqliteOpenTest, InMemoryDatabaseIsSharedByEveryBorrower) {
  auto db = OpenDatabase("sqlite::memory:", 4);
  ASSERT_TRUE(db) << db.error().log_detail;
  {
    auto c = (*db)->Acquire();
    ASSERT_TRUE(c);
    ASSERT_TRUE((*c)->ExecuteScript("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (42)"));
  }
  for (int i = 0; i < 3; ++i) {
    auto c = (*db)->Acquire();
    ASSERT_TRUE(c);
    auto r = (*c)->Query("SELECT x FROM t");
    ASSERT_TRUE(r) << r.error().log_detail;
    EXPECT_EQ(r->rows.at(0).Int(0), 42);
  }
}

TEST(SqliteOpenTest, ConnectionsUseWalForeignKeysAndABusyTimeout) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("tj_open_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    auto db = OpenDatabase("sqlite:" + (dir / "x.db").string(), 2);
    ASSERT_TRUE(db) << db.error().log_detail;
    auto c = (*db)->Acquire();
    ASSERT_TRUE(c);
    auto pragma = [&](const std::string& name) {
      auto r = (*c)->Query("PRAGMA " + name);
      EXPECT_TRUE(r) << name;
      return r ? r->rows.at(0).Str(0) : "";
    };
    EXPECT_EQ(pragma("journal_mode"), "wal");
    EXPECT_EQ(pragma("foreign_keys"), "1");
    EXPECT_EQ(pragma("busy_timeout"), "5000");
    EXPECT_EQ(pragma("synchronous"), "1");  // NORMAL
  }
  std::filesystem::remove_all(dir);
}

TEST(PostgresqlOpenTest, AnUnreachableServerIsUnavailable) {
  auto db = OpenDatabase("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2", 2);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(db.error().message_key, "common.unavailable");
  auto short_scheme = OpenDatabase("postgres://postgres@127.0.0.1:1/none?connect_timeout=2", 2);
  ASSERT_FALSE(short_scheme);
  EXPECT_EQ(short_scheme.error().code, ErrorCode::kUnavailable);
}

class PostgresqlConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = test::PgTestDatabase::Url();
    if (!url && test::PgRequired()) FAIL() << "TJ_TEST_PG_REQUIRED is set but no server is named";
    if (!url) GTEST_SKIP() << "PostgreSQL case skipped: set TJ_TEST_PG_URL (tests/pg/pg.sh)";
    auto db = OpenDatabase(*url, 2);
    ASSERT_TRUE(db) << db.error().log_detail;
    db_ = std::move(*db);
  }
  std::unique_ptr<Database> db_;
};

TEST_F(PostgresqlConnectionTest, SessionsRunInUtcWithUtf8AndIsoDates) {
  auto c = db_->Acquire();
  ASSERT_TRUE(c);
  auto show = [&](const std::string& name) {
    auto r = (*c)->Query("SHOW " + name);
    EXPECT_TRUE(r) << name;
    return r ? r->rows.at(0).Str(0) : "";
  };
  EXPECT_EQ(show("TimeZone"), "UTC");
  EXPECT_EQ(show("client_encoding"), "UTF8");
  EXPECT_EQ(show("DateStyle"), "ISO, YMD");
  auto t = (*c)->Query("SELECT '2026-11-27T15:53:56.5+08:00'::timestamptz");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->rows[0].Str(0), "2026-11-27 07:53:56.5+00");
}

TEST_F(PostgresqlConnectionTest, ABrokenConnectionIsUnavailableAndReplaced) {
  std::string victim_pid;
  {
    auto victim = db_->Acquire();
    ASSERT_TRUE(victim);
    auto pid = (*victim)->Query("SELECT pg_backend_pid()");
    ASSERT_TRUE(pid);
    victim_pid = pid->rows[0].Str(0);
    {
      auto killer = db_->Acquire();
      ASSERT_TRUE(killer);
      auto k = (*killer)->Query("SELECT pg_terminate_backend($1)", {Text(victim_pid)});
      ASSERT_TRUE(k) << k.error().log_detail;
      EXPECT_TRUE(k->rows[0].Bool(0));
    }
    auto r = (*victim)->Query("SELECT 1");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
    EXPECT_FALSE((*victim)->Healthy());
  }
  // The broken one was dropped; both pooled connections now answer.
  std::string idle_pid;
  {
    auto a = db_->Acquire();
    ASSERT_TRUE(a);
    auto pid = (*a)->Query("SELECT pg_backend_pid()");
    ASSERT_TRUE(pid);
    idle_pid = pid->rows[0].Str(0);
  }
  {
    // An idle pooled connection whose session the server ends is replaced at Acquire, before
    // any query of the borrower's can fail on it.
    auto killer = OpenDatabase(*test::PgTestDatabase::Url(), 1);
    ASSERT_TRUE(killer);
    auto k = (*killer)->Acquire();
    ASSERT_TRUE(k);
    ASSERT_TRUE((*k)->Query("SELECT pg_terminate_backend($1)", {Text(idle_pid)}));
    // The test server runs on this machine: the session's socket is closed once its process
    // has exited (or is a zombie, whose files are closed too).
    const std::filesystem::path proc = "/proc/" + idle_pid + "/status";
    for (int i = 0; i < 250; ++i) {
      std::ifstream status(proc);
      std::string line;
      bool exited = !status;
      while (!exited && std::getline(status, line))
        if (line.starts_with("State:")) exited = line.find('Z') != std::string::npos;
      if (exited) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  auto a = db_->Acquire();
  auto b = db_->Acquire();
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  for (auto* c : {&*a, &*b}) {
    auto pid = (*c)->Query("SELECT pg_backend_pid()");
    ASSERT_TRUE(pid) << pid.error().log_detail;
    EXPECT_NE(pid->rows[0].Str(0), victim_pid);
    EXPECT_NE(pid->rows[0].Str(0), idle_pid);
  }
}

}  // namespace
}  // namespace tj::store
