// tj_bench_import: the member import's throughput (docs/performance.md, "Member import").
//
// Generates N members as a UTF-8 CSV file in memory (bench/member_dataset.h, fixed seed) and,
// for each of R runs, on fresh SQLite files in --dir:
//   1. import: MemberImportService::Import as the command line's SystemActor on a migrated
//      database with the bench org tree made through OrgService, with a real
//      PersonalDataCipher and RegistryIndex; wall time from the CSV bytes to committed rows;
//   2. raw: the ceiling, through the plain sqlite3 C API on the same schema (same migrations,
//      same org tree, same pragmas as the store's SQLite backend): one transaction, one
//      prepared INSERT reused, binding the 17 values of each row already prepared (the same
//      sealed strings and hashes), then COMMIT;
//   3. raw + history: the same plus the import's one history row a member (INSERT ... SELECT),
//      which is the database work the import really does;
//   4. phases: the import's steps one by one on another fresh file (the same public functions
//      Check and Register call, in the same order), to show where the time goes.
// Prints the median, minimum and maximum wall time of each, rows/s, and the ratio of the
// import to the raw ceiling. Wall time is steady_clock. Beside it the median CPU time of the
// process over the same span (user + system): on a machine shared with others, wall time well
// above CPU time means the process waited for a core (or, less often, for the disk), so CPU
// time is the steadier figure to compare two builds by.
//
// Usage: tj_bench_import [--rows N] [--runs R] [--dir PATH] [--keep] [--write-csv FILE]
//                        [--raw-pragmas SQL]   (e.g. "PRAGMA cache_size=-65536": what-ifs for
//                                               the raw runs only; the default is the store's)
// Exits 1 if a step fails or a count is wrong. Single-threaded.
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/personal_data.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/member/member.h"
#include "member_dataset.h"
#include "service/audit_service.h"
#include "service/context.h"
#include "service/member_import.h"
#include "service/member_service.h"
#include "service/org_service.h"
#include "sheet/sheet.h"
#include "stats/org_index.h"
#include "stats/registry_index.h"
#include "store/database.h"
#include "store/member_repository.h"
#include "store/migrations.h"

namespace tj::bench {
namespace {

namespace fs = std::filesystem;

constexpr uint32_t kSeed = 220821;

// 2026-11-27 09:00 in Shanghai: "today" for validation, and every row's created_at.
Instant BenchNow() {
  using namespace std::chrono;
  return Instant(sys_days(year{2026} / November / 27)) + hours(1);
}

[[noreturn]] void Die(std::string_view what, const Error& e) {
  std::cerr << "tj_bench_import: " << what << ": " << ErrorCodeName(e.code) << " " << e.message_key;
  for (const auto& [k, v] : e.args) std::cerr << " " << k << "=" << v;
  if (!e.log_detail.empty()) std::cerr << " (" << e.log_detail << ")";
  size_t shown = 0;
  for (const auto& d : e.details) {
    if (++shown > 10) {
      std::cerr << "\n  ... " << e.details.size() - 10 << " more";
      break;
    }
    std::cerr << "\n  row " << (d.row ? std::to_string(*d.row) : "-") << " " << d.field << ": "
              << d.code;
    for (const auto& [k, v] : d.args) std::cerr << " " << k << "=" << v;
  }
  std::cerr << "\n";
  std::exit(1);
}

[[noreturn]] void Die(std::string_view what) {
  std::cerr << "tj_bench_import: " << what << "\n";
  std::exit(1);
}

template <typename T>
T Must(Result<T> r, std::string_view what) {
  if (!r) Die(what, r.error());
  return std::move(*r);
}
inline void Must(Result<void> r, std::string_view what) {
  if (!r) Die(what, r.error());
}

// --- Timing ----------------------------------------------------------------------------------

struct Sample {
  double wall = 0;  // seconds
  double cpu = 0;   // seconds of this process's CPU time
};

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

class Stopwatch {
 public:
  Stopwatch() : wall_(std::chrono::steady_clock::now()), cpu_(CpuSeconds()) {}
  Sample Elapsed() const {
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count(),
            CpuSeconds() - cpu_};
  }

 private:
  std::chrono::steady_clock::time_point wall_;
  double cpu_;
};

// Samples by measure, in the order the measures were first recorded.
class Samples {
 public:
  void Add(const std::string& name, Sample s) {
    auto it =
        std::find_if(all_.begin(), all_.end(), [&](const auto& e) { return e.first == name; });
    if (it == all_.end()) it = all_.insert(all_.end(), {name, {}});
    it->second.push_back(s);
  }
  const std::vector<Sample>& Of(const std::string& name) const {
    for (const auto& [n, v] : all_)
      if (n == name) return v;
    Die("no samples of " + name);
  }
  static double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
  static std::vector<double> Walls(const std::vector<Sample>& s) {
    std::vector<double> w;
    for (const auto& x : s) w.push_back(x.wall);
    return w;
  }
  double MedianWall(const std::string& name) const { return Median(Walls(Of(name))); }

 private:
  std::vector<std::pair<std::string, std::vector<Sample>>> all_;
};

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("model name")) return Trim(line.substr(line.find(':') + 1));
  return "unknown CPU";
}

// --- A wired-up application on one SQLite file -----------------------------------------------

// What `tuanjian` start-up does (cli/runtime.cc), without the key files: open, migrate, the
// top org, the indexes; then the bench org tree through OrgService as the SystemActor.
class App {
 public:
  App(const fs::path& file, const PersonalDataCipher& cipher) : clock_(BenchNow()) {
    db_ = Must(store::OpenDatabase("sqlite:" + file.string(), 4), "open database");
    Must(store::Migrate(*db_), "migrate");
    deps_.emplace(service::Deps{*db_, clock_, org_index_, TimeZone{}, service::AuthSettings{},
                                &cipher, &registry_});
    service::OrgService orgs(*deps_);
    auto root = Must(orgs.EnsureRoot(kTopOrgCode, kTopOrgName), "EnsureRoot");
    Must(orgs.RebuildIndex(), "org index");
    Must(service::MemberService(*deps_).RebuildIndex(), "registry index");
    sys_ = service::SystemActor(root.id, root.path);
    org_ids_[kTopOrgCode] = root.id;
    for (const auto& o : BenchOrgTree()) {
      domain::OrgFields f;
      f.name = o.name;
      f.type = o.type;
      f.sector = o.sector;
      if (!o.school_stage.empty()) f.school_stage = o.school_stage;
      f.code = o.code;
      auto parent = org_ids_.at(o.parent_code.empty() ? std::string(kTopOrgCode) : o.parent_code);
      org_ids_[o.code] = Must(orgs.Create(sys_, parent, f), "create org " + o.code).org.id;
    }
    // Start every measurement from an empty write-ahead log, as the raw runs do.
    auto c = Must(db_->Acquire(), "acquire");
    Must(c->Query("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint");
  }
  ~App() {
    deps_.reset();
    db_->Close();
  }

  service::Deps& deps() { return *deps_; }
  store::Database& db() { return *db_; }
  const service::Actor& sys() const { return sys_; }
  int64_t root_id() const { return sys_.org_id; }
  const std::map<std::string, int64_t>& org_ids() const { return org_ids_; }

  int64_t Count(std::string_view table) {
    auto c = Must(db_->Acquire(), "acquire");
    return Must(c->Query("SELECT COUNT(*) FROM " + std::string(table)), "count").rows.at(0).Int(0);
  }

 private:
  ManualClock clock_;
  stats::OrgIndex org_index_;
  stats::RegistryIndex registry_;
  std::unique_ptr<store::Database> db_;
  std::optional<service::Deps> deps_;
  service::Actor sys_;
  std::map<std::string, int64_t> org_ids_;
};

void RemoveDatabase(const fs::path& file) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix, ec);
}

// --- The import's steps, one by one ----------------------------------------------------------

// The template's columns in the order MemberImportService maps them.
constexpr std::string_view kHeaders[] = {"姓名",     "身份证号码", "民族",
                                         "入团时间", "团员编号",   "手机号码",
                                         "学历",     "职业",       "所在团组织编码"};

// What MemberImportService::Check does with each row before the register lookups: header
// mapping, trimmed cells, labels to codes, the org code, ValidateNewMember, duplicates within
// the file. Dies on a row that fails (the dataset is meant to be valid).
std::vector<std::pair<int64_t, domain::MemberDraft>> ValidateRows(
    const sheet::Table& table, const std::map<std::string, int64_t>& org_ids, int64_t root,
    Date today) {
  std::array<std::optional<size_t>, std::size(kHeaders)> at{};
  for (size_t i = 0; i < table.header.size(); ++i) {
    std::string h = Trim(table.header[i]);
    for (size_t c = 0; c < std::size(kHeaders); ++c)
      if (h == kHeaders[c] && !at[c]) at[c] = i;
  }
  std::unordered_map<std::string, std::optional<int64_t>> org_by_code;
  std::unordered_map<std::string, size_t> id_seen, no_seen;
  std::vector<std::pair<int64_t, domain::MemberDraft>> rows;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto& cells = table.rows[r];
    auto cell = [&](size_t c) -> std::optional<std::string> {
      if (!at[c]) return std::nullopt;
      return Trim(cells[*at[c]]);
    };
    domain::MemberFields f;
    f.name = cell(0);
    f.id_number = cell(1);
    f.ethnicity = cell(2);
    f.join_date = cell(3);
    f.member_no = cell(4);
    f.phone = cell(5);
    if (auto e = cell(6); e && !e->empty()) {
      auto edu = domain::EducationFromLabel(*e);
      f.education = edu ? std::string(NameOf(domain::EducationNames(), *edu)) : *e;
    }
    if (auto o = cell(7); o && !o->empty()) {
      auto occ = domain::OccupationFromLabel(*o);
      f.occupation = occ ? std::string(NameOf(domain::OccupationNames(), *occ)) : *o;
    }
    int64_t target = root;
    if (auto code = cell(8); code && !code->empty()) {
      auto it = org_by_code.find(*code);
      if (it == org_by_code.end()) {
        auto found = org_ids.find(*code);
        it = org_by_code
                 .emplace(*code, found == org_ids.end() ? std::nullopt
                                                        : std::optional<int64_t>(found->second))
                 .first;
      }
      if (!it->second) Die("row " + std::to_string(r + 1) + ": unknown org code " + *code);
      target = *it->second;
    }
    auto draft = domain::ValidateNewMember(f, today);
    if (!draft) Die("row " + std::to_string(r + 1) + " invalid", draft.error());
    if (!id_seen.emplace(draft->id.number, r).second)
      Die("row " + std::to_string(r + 1) + ": duplicate ID number");
    if (draft->member_no && !no_seen.emplace(*draft->member_no, r).second)
      Die("row " + std::to_string(r + 1) + ": duplicate member number");
    rows.emplace_back(target, std::move(*draft));
  }
  return rows;
}

// The columns MemberRepository::BulkInsert writes, in its order, but its last (province_id, from
// the org; SQLite's column is nullable and these raw inserts time the rest).
const std::string kMemberColumns[] = {
    "org_id",     "member_no",        "name",           "gender",       "ethnicity",  "birth_date",
    "join_date",  "id_number_sealed", "id_number_hash", "phone_sealed", "phone_hash", "education",
    "occupation", "status",           "status_date",    "created_at",   "updated_at"};

// MemberRepository::BulkInsert's statement for the history rows.
constexpr char kHistorySql[] =
    "INSERT INTO member_history (member_id, province_id, at, actor_id, actor_username, kind, "
    "changes, status_to, effective_date) SELECT id, province_id, $1, $2, $3, 'import', '{}', "
    "'active', join_date FROM members WHERE id > $4 AND created_at = $1";

struct Sealed {
  std::string id_sealed, id_hash;
  std::optional<std::string> phone_sealed, phone_hash;
};

// The import's steps, timed one by one, on a fresh database (MemberImportService::Check and
// ::Register call these functions in this order). Returns the drafts.
std::vector<std::pair<int64_t, domain::MemberDraft>> RunPhases(App& app, std::string_view csv,
                                                               Samples& out) {
  auto& d = app.deps();
  const PersonalDataCipher& cipher = *d.cipher;
  const size_t expected = [&] {
    size_t n = 0;
    for (char c : csv) n += c == '\n';
    return n - 1;
  }();

  Stopwatch t_parse;
  auto table = Must(sheet::Read(csv, sheet::DetectFormat(csv), 200'000), "parse");
  out.Add("parse", t_parse.Elapsed());
  if (table.rows.size() != expected) Die("parse: wrong row count");

  Stopwatch t_validate;
  auto rows = ValidateRows(table, app.org_ids(), app.root_id(), d.Today());
  out.Add("validate", t_validate.Elapsed());

  Stopwatch t_check_hash;
  std::vector<std::string> hashes, numbers;
  hashes.reserve(rows.size());
  for (const auto& [org, draft] : rows) {
    hashes.push_back(cipher.LookupHash(draft.id.number));
    if (draft.member_no) numbers.push_back(*draft.member_no);
  }
  out.Add("check_hash", t_check_hash.Elapsed());

  {
    auto conn = Must(d.db.Acquire(), "acquire");
    store::MemberRepository repo(*conn, cipher);
    Stopwatch t_lookup;
    auto taken = Must(repo.ExistingIdHashes(hashes), "ExistingIdHashes");
    auto taken_no = Must(repo.ExistingMemberNumbers(numbers), "ExistingMemberNumbers");
    out.Add("register_lookup", t_lookup.Elapsed());
    if (!taken.empty() || !taken_no.empty()) Die("fresh database holds members");
  }

  // MemberRepository's SealedValues, split into its two kinds of work.
  std::vector<Sealed> sealed(rows.size());
  Stopwatch t_seal;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& draft = rows[i].second;
    sealed[i].id_sealed = cipher.Seal(draft.id.number);
    if (draft.phone) sealed[i].phone_sealed = cipher.Seal(*draft.phone);
  }
  out.Add("seal", t_seal.Elapsed());
  Stopwatch t_hash;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& draft = rows[i].second;
    sealed[i].id_hash = cipher.LookupHash(draft.id.number);
    if (draft.phone) sealed[i].phone_hash = cipher.LookupHash(*draft.phone);
  }
  out.Add("hash", t_hash.Elapsed());

  // Register: one write transaction.
  auto conn = Must(d.db.Acquire(), "acquire");
  Stopwatch t_begin;
  Must(conn->Begin(store::TxMode::kWrite), "begin");
  auto before = Must(conn->Query("SELECT COALESCE(MAX(id), 0) FROM members"), "max id");
  const int64_t last_id = before.rows.at(0).Int(0);
  out.Add("begin", t_begin.Elapsed());

  Stopwatch t_values;
  const store::Value at = store::At(d.clock.Now());
  std::vector<std::vector<store::Value>> values;
  values.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& [org_id, dr] = rows[i];
    auto& s = sealed[i];
    values.push_back(
        {store::Int(org_id), store::OptText(dr.member_no), store::Text(dr.name),
         store::Text(NameOf(domain::GenderNames(), dr.id.gender)), store::Text(dr.ethnicity),
         store::Text(FormatDate(dr.id.birth_date)), store::Text(FormatDate(dr.join_date)),
         std::move(s.id_sealed), std::move(s.id_hash),
         s.phone_sealed ? store::Value(std::move(*s.phone_sealed)) : store::Value(store::Null{}),
         s.phone_hash ? store::Value(std::move(*s.phone_hash)) : store::Value(store::Null{}),
         store::Text(NameOf(domain::EducationNames(), dr.education)),
         store::Text(NameOf(domain::OccupationNames(), dr.occupation)), store::Text("active"),
         store::Text(FormatDate(dr.join_date)), at, at});
  }
  out.Add("values", t_values.Elapsed());

  Stopwatch t_insert;
  auto n = Must(conn->BulkInsert("members", kMemberColumns, values), "BulkInsert");
  out.Add("insert", t_insert.Elapsed());
  if (n != static_cast<int64_t>(rows.size())) Die("BulkInsert: wrong count");

  Stopwatch t_history;
  Must(conn->Query(kHistorySql,
                   {at, store::Null{}, store::Text(app.sys().username), store::Int(last_id)}),
       "history");
  out.Add("history", t_history.Elapsed());

  Stopwatch t_commit;
  Must(service::AppendAudit(*conn, d.clock, app.sys(),
                            {"member.import", "org", app.root_id(), app.root_id(), "{}"}),
       "audit");
  Must(conn->Commit(), "commit");
  out.Add("commit", t_commit.Elapsed());

  Stopwatch t_registry;
  for (const auto& [org, dr] : rows)
    d.registry->ApplyMember(std::nullopt,
                            stats::MemberFacts{org, domain::MemberStatus::kActive, dr.id.gender,
                                               dr.id.birth_date, dr.education});
  out.Add("registry", t_registry.Elapsed());

  Stopwatch t_free;
  values = {};
  table = {};
  out.Add("free", t_free.Elapsed());
  return rows;
}

// --- The raw ceiling -------------------------------------------------------------------------

// One member's 17 column values as the store binds them: org_id an integer, the rest text or
// NULL.
struct RawRow {
  int64_t org_id = 0;
  std::array<std::optional<std::string>, 16> text;
};

std::vector<RawRow> PrepareRawRows(const std::vector<std::pair<int64_t, domain::MemberDraft>>& rows,
                                   const PersonalDataCipher& cipher, Instant now) {
  const std::string at = FormatInstantUtc(now);
  std::vector<RawRow> out;
  out.reserve(rows.size());
  for (const auto& [org_id, d] : rows) {
    RawRow r;
    r.org_id = org_id;
    r.text = {d.member_no,
              d.name,
              std::string(NameOf(domain::GenderNames(), d.id.gender)),
              d.ethnicity,
              FormatDate(d.id.birth_date),
              FormatDate(d.join_date),
              cipher.Seal(d.id.number),
              cipher.LookupHash(d.id.number),
              d.phone ? std::optional(cipher.Seal(*d.phone)) : std::nullopt,
              d.phone ? std::optional(cipher.LookupHash(*d.phone)) : std::nullopt,
              std::string(NameOf(domain::EducationNames(), d.education)),
              std::string(NameOf(domain::OccupationNames(), d.occupation)),
              std::string("active"),
              FormatDate(d.join_date),
              at,
              at};
    out.push_back(std::move(r));
  }
  return out;
}

void Check(sqlite3* db, int rc, std::string_view what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    Die(std::string("raw sqlite3: ") + std::string(what) + ": " + sqlite3_errmsg(db));
}

// Inserts the rows through the sqlite3 C API into an existing (migrated, org tree made) file;
// with `history`, also the import's history rows. Times BEGIN to COMMIT.
Sample RawInsert(const fs::path& file, const std::vector<RawRow>& rows, bool history, Instant now,
                 const std::string& extra_pragmas) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK)
    Die("raw sqlite3: cannot open " + file.string());
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  // The store's SqliteConnection::Open.
  Check(db,
        sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;",
                     nullptr, nullptr, nullptr),
        "pragmas");
  if (!extra_pragmas.empty())
    Check(db, sqlite3_exec(db, extra_pragmas.c_str(), nullptr, nullptr, nullptr), "--raw-pragmas");

  Stopwatch t;
  Check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
  std::string sql = "INSERT INTO members (";
  std::string params;
  for (size_t i = 0; i < std::size(kMemberColumns); ++i) {
    sql += (i ? ", " : "") + kMemberColumns[i];
    params += (i ? ", ?" : "?") + std::to_string(i + 1);
  }
  sql += ") VALUES (" + params + ")";
  sqlite3_stmt* insert = nullptr;
  Check(db, sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &insert, nullptr),
        "prepare");
  for (const auto& r : rows) {
    sqlite3_bind_int64(insert, 1, r.org_id);
    for (size_t c = 0; c < r.text.size(); ++c) {
      const int i = static_cast<int>(c) + 2;
      if (r.text[c])
        sqlite3_bind_text64(insert, i, r.text[c]->data(), r.text[c]->size(), SQLITE_STATIC,
                            SQLITE_UTF8);
      else
        sqlite3_bind_null(insert, i);
    }
    Check(db, sqlite3_step(insert), "insert");
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  if (history) {
    sqlite3_stmt* h = nullptr;
    Check(db, sqlite3_prepare_v2(db, kHistorySql, -1, &h, nullptr), "prepare history");
    const std::string at = FormatInstantUtc(now);
    sqlite3_bind_text(h, 1, at.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_null(h, 2);
    sqlite3_bind_text(h, 3, "system", -1, SQLITE_STATIC);
    sqlite3_bind_int64(h, 4, 0);
    Check(db, sqlite3_step(h), "history");
    sqlite3_finalize(h);
  }
  Check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
  Sample s = t.Elapsed();

  sqlite3_stmt* count = nullptr;
  Check(db, sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM members", -1, &count, nullptr), "count");
  sqlite3_step(count);
  const int64_t n = sqlite3_column_int64(count, 0);
  sqlite3_finalize(count);
  sqlite3_close(db);
  if (n != static_cast<int64_t>(rows.size())) Die("raw sqlite3: wrong member count");
  return s;
}

// --- Main ------------------------------------------------------------------------------------

struct Options {
  size_t rows = 100'000;
  int runs = 5;
  fs::path dir;
  bool keep = false;
  std::string write_csv;
  std::string raw_pragmas;  // added to the raw runs' connection, to try settings
};

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die(a + " needs a value");
      return argv[++i];
    };
    if (a == "--rows") {
      o.rows = std::stoul(value());
    } else if (a == "--runs") {
      o.runs = std::stoi(value());
    } else if (a == "--dir") {
      o.dir = value();
    } else if (a == "--keep") {
      o.keep = true;
    } else if (a == "--write-csv") {
      o.write_csv = value();
    } else if (a == "--raw-pragmas") {
      o.raw_pragmas = value();
    } else {
      std::cerr << "usage: tj_bench_import [--rows N] [--runs R] [--dir PATH] [--keep] "
                   "[--write-csv FILE] [--raw-pragmas SQL]\n";
      std::exit(a == "--help" || a == "-h" ? 0 : 2);
    }
  }
  if (o.rows == 0 || o.runs < 1) Die("--rows and --runs must be positive");
  if (o.dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    o.dir = fs::path(tmp && *tmp ? tmp : "/tmp") / ("tj-bench-import-" + std::to_string(getpid()));
  }
  return o;
}

std::string Fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// 123456 -> "123 456", as the docs write numbers.
std::string Grouped(double v) {
  std::string digits = std::to_string(static_cast<int64_t>(v + 0.5));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

struct Line {
  std::string key;
  std::string label;
};

void PrintRow(const Samples& s, const Line& l, size_t rows, double import_median) {
  const auto& v = s.Of(l.key);
  auto walls = Samples::Walls(v);
  std::vector<double> cpus;
  for (const auto& x : v) cpus.push_back(x.cpu);
  const double med = Samples::Median(walls);
  const double lo = *std::min_element(walls.begin(), walls.end());
  const double hi = *std::max_element(walls.begin(), walls.end());
  const double cpu = Samples::Median(cpus);
  std::printf("| %-56s | %8s | %8s | %8s | %9s | %8s | %9s | %6s |\n", l.label.c_str(),
              Fixed(med * 1e3, 1).c_str(), Fixed(lo * 1e3, 1).c_str(), Fixed(hi * 1e3, 1).c_str(),
              med > 0 ? Grouped(double(rows) / med).c_str() : "-", Fixed(cpu * 1e3, 1).c_str(),
              cpu > 0 ? Grouped(double(rows) / cpu).c_str() : "-",
              import_median > 0 ? (Fixed(100 * med / import_median, 1) + "%").c_str() : "");
}

int Main(int argc, char** argv) {
  const Options o = ParseOptions(argc, argv);
  fs::create_directories(o.dir);
  const std::string load_start = LoadAverage();
  std::printf("tj_bench_import: %zu rows, %d runs, databases in %s\n", o.rows, o.runs,
              o.dir.c_str());
  std::printf("machine: %ld cores (%s), SQLite %s, load average at start %s\n",
              sysconf(_SC_NPROCESSORS_ONLN), CpuModel().c_str(), sqlite3_libversion(),
              load_start.c_str());

  // Fixed keys: the bench's numbers do not depend on them, and its files are throwaway.
  std::mt19937 key_rng(kSeed);
  auto key = [&] {
    std::string k(PersonalDataCipher::kKeyBytes, '\0');
    for (char& c : k) c = static_cast<char>(key_rng());
    return k;
  };
  std::string seal_key = key();
  std::string lookup_key = key();
  const PersonalDataCipher cipher({{1, std::move(seal_key)}}, 1, std::move(lookup_key));
  const Date today = LocalDate(BenchNow(), TimeZone{});

  Stopwatch t_gen;
  const MemberCsv csv = MakeMemberCsv(o.rows, kSeed, today);
  std::printf(
      "dataset: %zu rows, %.1f MiB of CSV, %zu with a phone number, %zu with a member "
      "number; generated in %.2f s\n",
      csv.rows, double(csv.bytes.size()) / (1 << 20), csv.with_phone, csv.with_member_no,
      t_gen.Elapsed().wall);
  if (!o.write_csv.empty()) std::ofstream(o.write_csv, std::ios::binary) << csv.bytes;

  Samples s;
  std::vector<RawRow> raw_rows;
  for (int run = 1; run <= o.runs; ++run) {
    const std::string tag = "-" + std::to_string(run) + ".db";
    // Phases first: their drafts give the raw runs their rows (prepared once, untimed).
    {
      const fs::path file = o.dir / ("phases" + tag);
      std::vector<std::pair<int64_t, domain::MemberDraft>> drafts;
      {
        App app(file, cipher);
        drafts = RunPhases(app, csv.bytes, s);
        if (app.Count("members") != int64_t(o.rows)) Die("phases: wrong member count");
      }
      if (raw_rows.empty()) raw_rows = PrepareRawRows(drafts, cipher, BenchNow());
      if (!o.keep) RemoveDatabase(file);
    }
    {
      const fs::path file = o.dir / ("import" + tag);
      App app(file, cipher);
      service::MemberImportService import(app.deps());
      Stopwatch t;
      auto report = import.Import(app.sys(), app.root_id(), csv.bytes, false);
      Sample sample = t.Elapsed();
      if (!report) Die("import", report.error());
      s.Add("import", sample);
      if (report->imported != int64_t(o.rows) || app.Count("members") != int64_t(o.rows) ||
          app.Count("member_history") != int64_t(o.rows))
        Die("import: wrong member or history count");
      auto stats = app.deps().registry->Subtree(app.root_id());
      if (!stats || stats->total != int64_t(o.rows)) Die("import: registry index not updated");
      if (!o.keep) RemoveDatabase(file);
    }
    for (bool history : {false, true}) {
      const fs::path file = o.dir / ((history ? "raw-history" : "raw") + tag);
      { App app(file, cipher); }  // same schema and org tree, then closed
      s.Add(history ? "raw_history" : "raw",
            RawInsert(file, raw_rows, history, BenchNow(), o.raw_pragmas));
      if (!o.keep) RemoveDatabase(file);
    }
    std::printf("run %d: import %.3f s, raw %.3f s, raw + history %.3f s (load %s)\n", run,
                s.Of("import").back().wall, s.Of("raw").back().wall,
                s.Of("raw_history").back().wall, LoadAverage().c_str());
    std::fflush(stdout);
  }
  if (!o.keep) fs::remove(o.dir);

  const double import_med = s.MedianWall("import");
  const double raw_med = s.MedianWall("raw");
  const double raw_hist_med = s.MedianWall("raw_history");
  std::printf("\nload average at end %s; peak resident memory %.0f MiB\n\n", LoadAverage().c_str(),
              [] {
                rusage u{};
                getrusage(RUSAGE_SELF, &u);
                return double(u.ru_maxrss) / 1024;
              }());
  std::printf("| %-56s | %8s | %8s | %8s | %9s | %8s | %9s | %6s |\n",
              "measure (wall: median, min, max of the runs)", "wall ms", "min ms", "max ms",
              "rows/s", "CPU ms", "rows/CPU s", "share");
  std::printf("|%s|%s:|%s:|%s:|%s:|%s:|%s:|%s:|\n", std::string(58, '-').c_str(),
              std::string(9, '-').c_str(), std::string(9, '-').c_str(), std::string(9, '-').c_str(),
              std::string(10, '-').c_str(), std::string(9, '-').c_str(),
              std::string(10, '-').c_str(), std::string(7, '-').c_str());
  const Line kMain[] = {
      {"import", "import, end to end (MemberImportService::Import)"},
      {"raw", "raw sqlite3: members only (the ceiling)"},
      {"raw_history", "raw sqlite3: members + history rows"},
  };
  for (const auto& l : kMain) PrintRow(s, l, o.rows, 0);
  const Line kPhases[] = {
      {"parse", "phase: parse CSV (sheet::Read)"},
      {"validate", "phase: validate rows (labels, ValidateNewMember, dups)"},
      {"check_hash", "phase: ID lookup hash for the register check"},
      {"register_lookup", "phase: register lookups (ExistingIdHashes, ...Numbers)"},
      {"seal", "phase: seal ID and phone (secretbox + base64)"},
      {"hash", "phase: lookup hashes of ID and phone (BLAKE2b + hex)"},
      {"begin", "phase: BEGIN IMMEDIATE + MAX(id)"},
      {"values", "phase: build the 17 Values a row"},
      {"insert", "phase: insert members (Connection::BulkInsert)"},
      {"history", "phase: insert history rows (INSERT ... SELECT)"},
      {"commit", "phase: audit record + COMMIT"},
      {"registry", "phase: registry index (ApplyMember a row)"},
      {"free", "phase: free the table and values"},
  };
  double phase_sum = 0;
  for (const auto& l : kPhases) {
    PrintRow(s, l, o.rows, import_med);
    phase_sum += s.MedianWall(l.key);
  }
  std::printf("| %-56s | %8s | %8s | %8s | %9s | %8s | %9s | %6s |\n", "sum of the phases",
              Fixed(phase_sum * 1e3, 1).c_str(), "", "",
              Grouped(double(o.rows) / phase_sum).c_str(), "", "",
              (Fixed(100 * phase_sum / import_med, 1) + "%").c_str());

  const double import_rate = double(o.rows) / import_med;
  const double ratio = raw_med / import_med;
  std::printf("\nimport: %s rows/s (target >= 100 000: %s)\n", Grouped(import_rate).c_str(),
              import_rate >= 100'000 ? "met" : "MISSED");
  std::printf("import / raw members-only ceiling: %.1f %% (target >= 25 %%: %s)\n", 100 * ratio,
              ratio >= 0.25 ? "met" : "MISSED");
  std::printf("import / raw members + history: %.1f %%\n", 100 * raw_hist_med / import_med);
  auto cpu_med = [&](const std::string& measure) {
    std::vector<double> v;
    for (const auto& x : s.Of(measure)) v.push_back(x.cpu);
    return Samples::Median(v);
  };
  std::printf("by CPU time: import %s rows/CPU s, %.1f %% of the raw ceiling's %s rows/CPU s\n",
              Grouped(double(o.rows) / cpu_med("import")).c_str(),
              100 * cpu_med("raw") / cpu_med("import"),
              Grouped(double(o.rows) / cpu_med("raw")).c_str());
  return 0;
}

}  // namespace
}  // namespace tj::bench

int main(int argc, char** argv) { return tj::bench::Main(argc, argv); }
