// A GoogleTest fixture that runs a suite against both backends: SQLite (a fresh file per test)
// and PostgreSQL (a fresh schema per test, in a database created once per test process).
//
// PostgreSQL needs a running server: TJ_TEST_PG_URL names its base URL
// ("postgresql://postgres@127.0.0.1:PORT/"), or TJ_TEST_PG_URL_FILE a file holding it (what
// tests/pg/pg.sh start writes). Without either, the PostgreSQL cases skip themselves, unless
// TJ_TEST_PG_REQUIRED=1 makes them fail.
//
// Use:
//   class OrgRepositoryTest : public tj::store::test::BackendTest {};   // or MigratedBackendTest
//   TEST_P(OrgRepositoryTest, ...) { auto c = Conn(); ... }
//   TJ_INSTANTIATE_BACKENDS(OrgRepositoryTest);
// Cases are named ".../sqlite" and ".../postgresql". A derived SetUp must call the base's and
// return when IsSkipped().
//
// Thread safety: the fixture itself is used by the test's thread; db() is a thread-safe
// Database.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "store/database.h"
#include "store/migrations.h"

namespace tj::store::test {

enum class Backend { kSqlite, kPostgresql };

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "sqlite" : "postgresql";
}

// The server's base URL ending in '/', or nullopt when no server is named.
inline std::optional<std::string> PgBaseUrl() {
  std::string url;
  if (const char* env = std::getenv("TJ_TEST_PG_URL"); env && *env) {
    url = env;
  } else if (const char* file = std::getenv("TJ_TEST_PG_URL_FILE"); file && *file) {
    std::ifstream in(file);
    std::getline(in, url);
  }
  while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
  if (url.empty()) return std::nullopt;
  // Keep scheme://authority/ only; the database name is ours to choose.
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return url + "/";
  return url.substr(0, slash + 1);
}

// Set where the server is meant to be there (the ctest run against the fixture), so a missing
// one fails the cases instead of skipping them.
inline bool PgRequired() {
  const char* env = std::getenv("TJ_TEST_PG_REQUIRED");
  return env && *env && std::string(env) != "0";
}

// A database of its own for this test process, dropped when the process ends.
class PgTestDatabase {
 public:
  // The URL of the process's database (created on first use), or nullopt without a server.
  // Fails the calling test when the server is named but unusable.
  static std::optional<std::string> Url() {
    static PgTestDatabase instance;
    return instance.url_;
  }

  ~PgTestDatabase() {
    if (!url_) return;
    auto admin = OpenDatabase(*base_ + "postgres", 1);
    if (!admin) return;
    if (auto c = (*admin)->Acquire()) {
      (void)(*c)->Query("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
  }

 private:
  PgTestDatabase() : base_(PgBaseUrl()) {
    if (!base_) return;
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    name_ = "tj_test_" + std::to_string(::getpid()) + "_" +
            std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count());
    auto admin = OpenDatabase(*base_ + "postgres", 1);
    if (!admin) {
      ADD_FAILURE() << "cannot reach the test PostgreSQL at " << *base_ << ": "
                    << admin.error().log_detail;
      return;
    }
    auto c = (*admin)->Acquire();
    if (!c) {
      ADD_FAILURE() << c.error().log_detail;
      return;
    }
    // CREATE DATABASE takes no parameters; the name is digits and underscores we made.
    if (auto r = (*c)->Query("CREATE DATABASE " + name_); !r) {
      ADD_FAILURE() << "CREATE DATABASE " << name_ << ": " << r.error().log_detail;
      return;
    }
    url_ = *base_ + name_;
  }

  std::optional<std::string> base_;
  std::string name_;
  std::optional<std::string> url_;
};

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    const int n = counter.fetch_add(1);
    if (GetParam() == Backend::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() /
             ("tj_store_test_" + std::to_string(::getpid()) + "_" + std::to_string(n));
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "test.db").string();
    } else {
      auto base = PgTestDatabase::Url();
      if (!base && PgRequired()) FAIL() << "TJ_TEST_PG_REQUIRED is set but no server is named";
      if (!base) GTEST_SKIP() << "PostgreSQL case skipped: set TJ_TEST_PG_URL (tests/pg/pg.sh)";
      // A schema per test keeps tests apart inside the process's database.
      const std::string schema = "t" + std::to_string(n);
      auto setup = OpenDatabase(*base, 1);
      ASSERT_TRUE(setup) << setup.error().log_detail;
      {
        auto c = (*setup)->Acquire();
        ASSERT_TRUE(c);
        auto r = (*c)->ExecuteScript("DROP SCHEMA IF EXISTS " + schema +
                                     " CASCADE; CREATE SCHEMA " + schema);
        ASSERT_TRUE(r) << r.error().log_detail;
      }
      url_ = *base + "?options=-csearch_path%3D" + schema;
    }
    auto db = OpenDatabase(url_, pool_size_);
    ASSERT_TRUE(db) << db.error().log_detail;
    db_ = std::move(*db);
  }

  void TearDown() override {
    if (db_) db_->Close();
    db_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  bool IsPostgresql() const { return GetParam() == Backend::kPostgresql; }
  Database& db() { return *db_; }
  const std::string& url() const { return url_; }

  // A borrowed connection; throws (failing the test) when none can be had.
  PooledConnection Conn() {
    auto c = db_->Acquire();
    if (!c) throw std::runtime_error("Acquire: " + c.error().log_detail);
    return std::move(*c);
  }

  int pool_size_ = 4;
  std::unique_ptr<Database> db_;
  std::string url_;
  std::filesystem::path dir_;
};

// BackendTest with every embedded migration applied.
class MigratedBackendTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto m = Migrate(*db_);
    ASSERT_TRUE(m) << m.error().log_detail;
  }
};

#define TJ_INSTANTIATE_BACKENDS(suite)                                                 \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                            \
                           ::testing::Values(::tj::store::test::Backend::kSqlite,      \
                                             ::tj::store::test::Backend::kPostgresql), \
                           ::tj::store::test::BackendName)

}  // namespace tj::store::test
