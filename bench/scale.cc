// Statistics at national scale, side by side with SQL (issue 7; docs/performance.md).
//
// On a database `tuanjian gen` filled (scale 0.1: ~7.5 M members, ~440 k orgs), in one run:
//   1. the start-up rebuild of each statistics index from the database, timed, and the
//      indexes' memory a member;
//   2. in process, with Google Benchmark: a subtree's members in standing and its Youth Study
//      participation rate for random orgs (alone, and with a writer thread applying check-ins
//      and member changes meanwhile), for the root, a province, a county and a branch; the
//      ranking of the root's and the county's children; a check-in's index update;
//   3. the same four orgs and two rankings in SQL as a typical SQL-based system computes them:
//      PostgreSQL's recursive CTE over parent ids, PostgreSQL's path-prefix query (`path LIKE
//      '/1/5/%'` on a text_pattern_ops index), and SQLite's recursive CTE, each the median of
//      --runs warm runs;
// and prints a table of medians with the ratios SQL / index.
//
// Usage: tj_bench_scale --pg URL [--sqlite URL] [--runs N] [--skip-sql] [benchmark options]
// (bench/scale.sh starts the databases and passes these).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "base/personal_data.h"
#include "domain/member/member.h"
#include "service/context.h"
#include "service/dues_service.h"
#include "service/member_service.h"
#include "service/org_service.h"
#include "service/study_service.h"
#include "stats/rate_order.h"
#include "store/database.h"

namespace {

using namespace tj;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

void Die(const std::string& what, const Error& e) {
  std::cerr << "tj_bench_scale: " << what << ": " << e.message_key << " " << e.log_detail << "\n";
  std::exit(1);
}

template <typename T>
T Must(Result<T> r, const std::string& what) {
  if (!r) Die(what, r.error());
  return std::move(*r);
}

// The statuses counted as members (in standing), as an SQL list: constants, not input.
std::string InStandingList() {
  std::string out;
  for (const auto& [s, name] : domain::MemberStatusNames()) {
    if (!domain::InStanding(s)) continue;
    out += (out.empty() ? "'" : ",'") + std::string(name) + "'";
  }
  return "(" + out + ")";
}

struct Target {
  std::string label;
  int64_t id = 0;
  std::string path;
  int depth = 0;
};

// One application's worth of indexes over a database.
struct Indexes {
  std::unique_ptr<store::Database> db;
  SystemClock clock;
  stats::OrgIndex orgs;
  stats::RegistryIndex registry;
  stats::DuesIndex dues;
  stats::StudyIndex study;
  stats::IndexGate gate;
  PersonalDataCipher cipher{{{1, PersonalDataCipher::NewKey()}}, 1, PersonalDataCipher::NewKey()};
  std::unique_ptr<service::Deps> deps;
  std::vector<std::pair<std::string, double>> rebuild_seconds;

  explicit Indexes(const std::string& url) {
    db = Must(store::OpenDatabase(url, 2), "open " + url);
    deps = std::make_unique<service::Deps>(service::Deps{*db, clock, orgs, TimeZone{480}, service::AuthSettings{},
                                                         &cipher, &registry, &dues, &gate, &study});
  }
  void Rebuild() {
    auto time = [&](const char* name, const std::function<Result<void>()>& f) {
      auto t0 = Clock::now();
      if (auto r = f(); !r) Die(std::string("rebuild ") + name, r.error());
      rebuild_seconds.emplace_back(name, Seconds(Clock::now() - t0));
    };
    time("org tree", [&] { return service::OrgService(*deps).RebuildIndex(); });
    time("registry", [&] { return service::MemberService(*deps).RebuildIndex(); });
    time("dues", [&] { return service::DuesService(*deps).RebuildIndex(); });
    time("Youth Study", [&] { return service::StudyService(*deps).RebuildIndex(); });
  }
};

struct Data {
  std::unique_ptr<Indexes> pg;
  std::unique_ptr<store::Database> sqlite;
  std::vector<Target> targets;           // root, province, county, branch
  std::vector<int64_t> root_children, county_children;
  std::vector<int64_t> random_orgs;      // 2^20 draws from every org
  int64_t episode = 0;
  int64_t members = 0;
  int runs = 3;
};

Data& D() {
  static Data d;
  return d;
}

std::vector<int64_t> Ids(store::Connection& c, std::string_view sql, std::initializer_list<store::Value> params) {
  auto rows = Must(c.Query(sql, params), std::string(sql));
  std::vector<int64_t> out;
  out.reserve(rows.rows.size());
  for (const auto& r : rows.rows) out.push_back(r.Int(0));
  return out;
}

Target TargetOf(store::Connection& c, std::string label, int64_t id) {
  auto r = Must(c.Query("SELECT path, depth FROM orgs WHERE id = $1", {store::Int(id)}), "org");
  return {std::move(label), id, r.rows.at(0).Str(0), static_cast<int>(r.rows.at(0).Int(1))};
}

// The four orgs: the root; the province, then the county in it and the branch in that, with
// the most members of their level (the largest subtree a query at that level meets).
void PickTargets(store::Connection& c) {
  auto& d = D();
  int64_t root = Ids(c, "SELECT id FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1", {}).at(0);
  d.targets.push_back(TargetOf(c, "root", root));
  auto biggest_child = [&](int64_t parent) {
    int64_t best = 0, best_n = -1;
    for (int64_t id : Ids(c, "SELECT id FROM orgs WHERE parent_id = $1 AND status = 'active' ORDER BY id",
                          {store::Int(parent)})) {
      auto n = d.pg->registry.InStanding(id).value_or(0);
      if (n > best_n) best = id, best_n = n;
    }
    return best;
  };
  int64_t province = biggest_child(root);
  d.targets.push_back(TargetOf(c, "province", province));
  int64_t city = biggest_child(province);
  int64_t county = biggest_child(city);
  d.targets.push_back(TargetOf(c, "county", county));
  auto branches = Ids(c,
                      "SELECT o.id FROM orgs o JOIN members m ON m.org_id = o.id WHERE o.type = 'branch' "
                      "AND o.path LIKE $1 GROUP BY o.id ORDER BY count(*) DESC, o.id LIMIT 1",
                      {store::Text(d.targets.back().path + "%")});
  if (branches.empty()) std::exit((std::cerr << "tj_bench_scale: the county has no branch with members\n", 1));
  d.targets.push_back(TargetOf(c, "branch", branches.at(0)));
  d.root_children = Ids(c, "SELECT id FROM orgs WHERE parent_id = $1 AND status = 'active' ORDER BY id", {store::Int(root)});
  d.county_children = Ids(c, "SELECT id FROM orgs WHERE parent_id = $1 AND status = 'active' ORDER BY id", {store::Int(county)});
}

// ---- the index, in process ----

struct Rank {
  int64_t id, participants, members;
};

std::vector<Rank> RankChildren(const std::vector<int64_t>& children) {
  auto& d = D();
  std::vector<Rank> rows;
  rows.reserve(children.size());
  for (int64_t id : children)
    rows.push_back({id, d.pg->study.Participants(d.episode, id).value_or(0), d.pg->registry.InStanding(id).value_or(0)});
  std::stable_sort(rows.begin(), rows.end(), [](const Rank& x, const Rank& y) {
    return stats::RanksBefore(x.participants, x.members, y.participants, y.members);
  });
  return rows;
}

void BM_MembersRandomOrg(benchmark::State& state) {
  auto& d = D();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(d.pg->registry.InStanding(d.random_orgs[i++ & 0xFFFFF]));
}

void BM_RateRandomOrg(benchmark::State& state) {
  auto& d = D();
  size_t i = 0;
  for (auto _ : state) {
    int64_t id = d.random_orgs[i++ & 0xFFFFF];
    auto m = d.pg->registry.InStanding(id).value_or(0);
    auto p = d.pg->study.Participants(d.episode, id).value_or(0);
    benchmark::DoNotOptimize(m ? double(p) / double(m) : 0.0);
  }
}

// A writer thread meanwhile: a check-in every 10 µs or so (up to 100 000 a second) and a member
// change every tenth time, each followed by its undo so the figures stay put.
class Writer {
 public:
  Writer() {
    thread_ = std::thread([this] {
      auto& d = D();
      std::mt19937_64 rng(1);
      stats::MemberFacts f{0, domain::MemberStatus::kActive, Gender::kFemale, Date{std::chrono::year(2005), std::chrono::month(3), std::chrono::day(4)}, domain::Education::kSeniorHigh};
      for (uint64_t n = 0; !stop_.load(std::memory_order_relaxed); ++n) {
        int64_t org = d.random_orgs[rng() & 0xFFFFF];
        d.pg->study.Add(d.episode, org, 1);
        d.pg->study.Add(d.episode, org, -1);
        if (n % 10 == 0) {
          f.org_id = org;
          d.pg->registry.ApplyMember(std::nullopt, f);
          d.pg->registry.ApplyMember(f, std::nullopt);
        }
        ++writes_;
        std::this_thread::sleep_for(std::chrono::microseconds(10));
      }
    });
  }
  ~Writer() {
    stop_ = true;
    thread_.join();
  }
  uint64_t writes() const { return writes_.load(); }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> writes_{0};
  std::thread thread_;
};

void BM_RateRandomOrgWithWriter(benchmark::State& state) {
  Writer w;
  BM_RateRandomOrg(state);
  state.counters["writes/s"] = benchmark::Counter(static_cast<double>(w.writes()), benchmark::Counter::kIsRate);
}

void BM_MembersOf(benchmark::State& state, size_t target) {
  auto& d = D();
  int64_t id = d.targets[target].id;
  for (auto _ : state) benchmark::DoNotOptimize(d.pg->registry.InStanding(id));
}

void BM_RateOf(benchmark::State& state, size_t target) {
  auto& d = D();
  int64_t id = d.targets[target].id;
  for (auto _ : state) {
    auto m = d.pg->registry.InStanding(id).value_or(0);
    auto p = d.pg->study.Participants(d.episode, id).value_or(0);
    benchmark::DoNotOptimize(m ? double(p) / double(m) : 0.0);
  }
}

void BM_Ranking(benchmark::State& state, const std::vector<int64_t>* children) {
  for (auto _ : state) benchmark::DoNotOptimize(RankChildren(*children));
}

void BM_CheckinUpdate(benchmark::State& state) {
  auto& d = D();
  size_t i = 0;
  // Each check-in is taken away again by the next iteration, so the figures stay put.
  for (auto _ : state) {
    d.pg->study.Add(d.episode, d.random_orgs[(i >> 1) & 0xFFFFF], (i & 1) ? -1 : 1);
    ++i;
  }
  if (i & 1) d.pg->study.Add(d.episode, d.random_orgs[(i >> 1) & 0xFFFFF], -1);
}

// Keeps the median of each benchmark's repetitions for the table.
class MedianReporter : public benchmark::ConsoleReporter {
 public:
  MedianReporter() : ConsoleReporter(OO_None) {}
  std::map<std::string, double> median_ns;
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs)
      if (r.aggregate_name == "median")
        median_ns[r.run_name.function_name] = r.GetAdjustedRealTime() * (r.time_unit == benchmark::kMicrosecond ? 1e3 : 1.0);
    ConsoleReporter::ReportRuns(runs);
  }
};

// ---- SQL, as a typical SQL-based system does it ----

double MedianSeconds(store::Connection& c, const std::string& sql, std::initializer_list<store::Value> params,
                     int runs, std::string* answer) {
  std::vector<double> t;
  for (int i = 0; i <= runs; ++i) {  // the first run warms the caches and is not counted
    auto t0 = Clock::now();
    auto r = Must(c.Query(sql, params), sql.substr(0, 60));
    double s = Seconds(Clock::now() - t0);
    if (i > 0) t.push_back(s);
    if (answer && !r.rows.empty()) {
      *answer = "";
      for (size_t k = 0; k < r.rows[0].size(); ++k) *answer += (k ? "/" : "") + r.rows[0].Str(k);
    }
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

std::string RecursiveRate(bool pg) {
  std::string cast = pg ? "$1::bigint" : "$1";
  return "WITH RECURSIVE sub(id) AS (SELECT " + cast +
         " UNION ALL SELECT o.id FROM orgs o JOIN sub ON o.parent_id = sub.id) "
         "SELECT (SELECT count(*) FROM members m JOIN sub ON m.org_id = sub.id WHERE m.status IN " +
         InStandingList() +
         "), (SELECT count(*) FROM study_checkins k JOIN sub ON k.org_id = sub.id WHERE k.episode_id = $2)";
}

std::string PrefixRate() {
  return "SELECT (SELECT count(*) FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.path LIKE $1 AND m.status IN " +
         InStandingList() +
         "), (SELECT count(*) FROM study_checkins k JOIN orgs o ON o.id = k.org_id WHERE o.path LIKE $1 AND k.episode_id = $2)";
}

std::string RecursiveRanking(bool pg) {
  std::string cast = pg ? "$1::bigint" : "$1";
  return "WITH RECURSIVE sub(id, top) AS (SELECT id, id FROM orgs WHERE parent_id = " + cast +
         " AND status = 'active' UNION ALL SELECT o.id, sub.top FROM orgs o JOIN sub ON o.parent_id = sub.id) "
         "SELECT c.id, coalesce(m.n, 0) AS members, coalesce(k.n, 0) AS participants FROM orgs c "
         "LEFT JOIN (SELECT sub.top, count(*) AS n FROM members m JOIN sub ON m.org_id = sub.id WHERE m.status IN " +
         InStandingList() +
         " GROUP BY sub.top) m ON m.top = c.id "
         "LEFT JOIN (SELECT sub.top, count(*) AS n FROM study_checkins k JOIN sub ON k.org_id = sub.id "
         "WHERE k.episode_id = $2 GROUP BY sub.top) k ON k.top = c.id "
         "WHERE c.parent_id = " + cast + " AND c.status = 'active' "
         "ORDER BY CASE WHEN coalesce(m.n, 0) = 0 THEN 1 ELSE 0 END, "
         "coalesce(k.n, 0) * 1.0 / NULLIF(m.n, 0) DESC, coalesce(k.n, 0) DESC";
}

// The child each org of the subtree lies under is a component of its path: split_part.
std::string PrefixRanking() {
  return "WITH m AS (SELECT split_part(o.path, '/', $3)::bigint AS top, count(*) AS n FROM members m "
         "JOIN orgs o ON o.id = m.org_id WHERE o.path LIKE $1 AND o.id <> $4 AND m.status IN " +
         InStandingList() +
         " GROUP BY 1), k AS (SELECT split_part(o.path, '/', $3)::bigint AS top, count(*) AS n "
         "FROM study_checkins k JOIN orgs o ON o.id = k.org_id WHERE o.path LIKE $1 AND o.id <> $4 "
         "AND k.episode_id = $2 GROUP BY 1) "
         "SELECT c.id, coalesce(m.n, 0), coalesce(k.n, 0) FROM orgs c LEFT JOIN m ON m.top = c.id "
         "LEFT JOIN k ON k.top = c.id WHERE c.parent_id = $4 AND c.status = 'active' "
         "ORDER BY CASE WHEN coalesce(m.n, 0) = 0 THEN 1 ELSE 0 END, "
         "coalesce(k.n, 0) * 1.0 / NULLIF(m.n, 0) DESC, coalesce(k.n, 0) DESC";
}

struct Row {
  std::string what;
  std::string index_name;  // benchmark function name
  std::function<double(store::Connection&, std::string*)> pg_recursive, pg_prefix, sqlite_recursive;
  std::string answer;      // the index's figures, to check SQL gives the same
};

std::string Fmt(double ns) {
  char buf[32];
  if (ns < 1e3) std::snprintf(buf, sizeof buf, "%.0f ns", ns);
  else if (ns < 1e6) std::snprintf(buf, sizeof buf, "%.1f µs", ns / 1e3);
  else if (ns < 1e9) std::snprintf(buf, sizeof buf, "%.1f ms", ns / 1e6);
  else std::snprintf(buf, sizeof buf, "%.2f s", ns / 1e9);
  return buf;
}

std::string Ratio(double sql_ns, double index_ns) {
  char buf[32];
  double r = sql_ns / index_ns;
  if (r >= 1e6) std::snprintf(buf, sizeof buf, "%.1f M×", r / 1e6);
  else if (r >= 1e3) std::snprintf(buf, sizeof buf, "%.0f k×", r / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f×", r);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string pg_url, sqlite_url;
  bool skip_sql = false;
  std::vector<char*> args{argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--pg" && i + 1 < argc) pg_url = argv[++i];
    else if (a == "--sqlite" && i + 1 < argc) sqlite_url = argv[++i];
    else if (a == "--runs" && i + 1 < argc) D().runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--skip-sql") skip_sql = true;
    else args.push_back(argv[i]);
  }
  if (pg_url.empty()) {
    std::cerr << "usage: tj_bench_scale --pg URL [--sqlite URL] [--runs N] [--skip-sql] [benchmark options]\n";
    return 2;
  }
  auto& d = D();
  std::cout << "rebuilding the indexes from " << pg_url.substr(0, pg_url.find('?')) << " ..." << std::endl;
  d.pg = std::make_unique<Indexes>(pg_url);
  d.pg->Rebuild();
  auto conn = Must(d.pg->db->Acquire(), "acquire");
  d.members = Must(conn->Query("SELECT count(*) FROM members"), "count").rows.at(0).Int(0);
  int64_t orgs = Must(conn->Query("SELECT count(*) FROM orgs"), "count").rows.at(0).Int(0);
  auto eps = Ids(*conn, "SELECT id FROM study_episodes ORDER BY release_date DESC, id DESC", {});
  for (int64_t e : eps)
    if (d.pg->study.HasEpisode(e)) {
      d.episode = e;
      break;
    }
  if (!d.episode) {
    std::cerr << "tj_bench_scale: no Youth Study episode in the index's window\n";
    return 1;
  }
  int64_t checkins = Must(conn->Query("SELECT count(*) FROM study_checkins WHERE episode_id = $1", {store::Int(d.episode)}), "count")
                         .rows.at(0).Int(0);
  std::printf("data: %lld members, %lld orgs, %lld participations in episode %lld\n", (long long)d.members,
              (long long)orgs, (long long)checkins, (long long)d.episode);
  double total = 0;
  for (const auto& [name, s] : d.pg->rebuild_seconds) {
    std::printf("rebuild from PostgreSQL: %-12s %7.2f s\n", name.c_str(), s);
    total += s;
  }
  std::printf("rebuild from PostgreSQL: %-12s %7.2f s\n", "all", total);
  auto per_member = [&](size_t bytes) { return double(bytes) / double(std::max<int64_t>(d.members, 1)); };
  std::printf("memory a member: registry %.1f B, Youth Study %.1f B (one episode column: %.2f B), dues %.1f B\n",
              per_member(d.pg->registry.MemoryBytes()), per_member(d.pg->study.MemoryBytes()),
              per_member(size_t(orgs) * 4), per_member(d.pg->dues.MemoryBytes()));

  PickTargets(*conn);
  auto all = Ids(*conn, "SELECT id FROM orgs", {});
  std::mt19937_64 rng(20261127);
  d.random_orgs.resize(1 << 20);
  for (auto& id : d.random_orgs) id = all[rng() % all.size()];
  for (const auto& t : d.targets)
    std::printf("%-8s org %lld (depth %d): %lld members, %lld participants\n", t.label.c_str(), (long long)t.id, t.depth,
                (long long)d.pg->registry.InStanding(t.id).value_or(0),
                (long long)d.pg->study.Participants(d.episode, t.id).value_or(0));
  std::printf("ranking: the root's %zu children, the county's %zu children\n", d.root_children.size(),
              d.county_children.size());

  benchmark::RegisterBenchmark("members/random_org", BM_MembersRandomOrg);
  benchmark::RegisterBenchmark("rate/random_org", BM_RateRandomOrg);
  benchmark::RegisterBenchmark("rate/random_org_with_writer", BM_RateRandomOrgWithWriter);
  for (size_t i = 0; i < d.targets.size(); ++i) {
    benchmark::RegisterBenchmark(("members/" + d.targets[i].label).c_str(), BM_MembersOf, i);
    benchmark::RegisterBenchmark(("rate/" + d.targets[i].label).c_str(), BM_RateOf, i);
  }
  benchmark::RegisterBenchmark("ranking/root_children", BM_Ranking, &d.root_children);
  benchmark::RegisterBenchmark("ranking/county_children", BM_Ranking, &d.county_children);
  benchmark::RegisterBenchmark("checkin/index_update", BM_CheckinUpdate);
  // The questions the table compares, with the index's answers (taken before the benchmarks).
  std::vector<Row> rows;
  for (const auto& t : d.targets) {
    auto id = store::Int(t.id), ep = store::Int(d.episode), prefix = store::Text(t.path + "%");
    auto m = d.pg->registry.InStanding(t.id).value_or(0), p = d.pg->study.Participants(d.episode, t.id).value_or(0);
    rows.push_back({t.label + " rate", "rate/" + t.label,
                    [=](store::Connection& c, std::string* a) { return MedianSeconds(c, RecursiveRate(true), {id, ep}, D().runs, a); },
                    [=](store::Connection& c, std::string* a) { return MedianSeconds(c, PrefixRate(), {prefix, ep}, D().runs, a); },
                    [=](store::Connection& c, std::string* a) { return MedianSeconds(c, RecursiveRate(false), {id, ep}, D().runs, a); },
                    std::to_string(m) + "/" + std::to_string(p)});
  }
  auto ranking = [&](const std::string& label, const Target& t, const std::vector<int64_t>& children) {
    if (children.empty()) return;
    auto id = store::Int(t.id), ep = store::Int(d.episode), prefix = store::Text(t.path + "%");
    auto part = store::Int(t.depth + 3);  // "/a/b/c/": component depth+2 is the org, +3 its child
    auto top = RankChildren(children).at(0);
    rows.push_back({label, "ranking/" + label,
                    [=](store::Connection& c, std::string* a) { return MedianSeconds(c, RecursiveRanking(true), {id, ep}, D().runs, a); },
                    [=](store::Connection& c, std::string* a) { return MedianSeconds(c, PrefixRanking(), {prefix, ep, part, id}, D().runs, a); },
                    [=](store::Connection& c, std::string* a) { return MedianSeconds(c, RecursiveRanking(false), {id, ep}, D().runs, a); },
                    std::to_string(top.id) + "/" + std::to_string(top.members) + "/" + std::to_string(top.participants)});
  };
  ranking("root_children", d.targets[0], d.root_children);
  ranking("county_children", d.targets[2], d.county_children);

  bool has_reps = false;
  for (char* a : args) has_reps = has_reps || std::string(a).starts_with("--benchmark_repetitions");
  static char reps[] = "--benchmark_repetitions=5", agg[] = "--benchmark_report_aggregates_only=true";
  if (!has_reps) args.insert(args.end(), {reps, agg});
  int bargc = static_cast<int>(args.size());
  benchmark::Initialize(&bargc, args.data());
  MedianReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  if (skip_sql) return 0;

  // The same questions in SQL.
  std::unique_ptr<store::Database> sqlite;
  std::optional<store::PooledConnection> sconn;
  if (!sqlite_url.empty()) {
    sqlite = Must(store::OpenDatabase(sqlite_url, 1), "open " + sqlite_url);
    sconn.emplace(Must(sqlite->Acquire(), "acquire sqlite"));
  }
  (void)conn->Query("CREATE INDEX IF NOT EXISTS bench_orgs_path_pattern ON orgs (path text_pattern_ops)");
  (void)conn->Query("ANALYZE orgs");

  std::printf("\nmedians (SQL: %d warm runs; index: Google Benchmark median of 5 repetitions)\n", d.runs);
  std::printf("%-22s %10s %12s %8s %12s %8s %12s %8s\n", "question", "index", "PG recursive", "ratio", "PG path LIKE",
              "ratio", "SQLite rec.", "ratio");
  bool mismatch = false;
  for (auto& r : rows) {
    double idx = reporter.median_ns[r.index_name];
    std::string a1, a2, a3;
    double t1 = r.pg_recursive(*conn, &a1) * 1e9;
    double t2 = r.pg_prefix(*conn, &a2) * 1e9;
    double t3 = sconn ? r.sqlite_recursive(**sconn, &a3) * 1e9 : 0;
    std::printf("%-22s %10s %12s %8s %12s %8s %12s %8s\n", r.what.c_str(), Fmt(idx).c_str(), Fmt(t1).c_str(),
                Ratio(t1, idx).c_str(), Fmt(t2).c_str(), Ratio(t2, idx).c_str(), sconn ? Fmt(t3).c_str() : "-",
                sconn ? Ratio(t3, idx).c_str() : "-");
    std::fflush(stdout);
    // Rates answer "members/participants"; rankings "top child id/members/participants".
    for (const auto& a : {a1, a2, a3})
      if (!a.empty() && a != r.answer) {
        std::printf("  MISMATCH: the index says %s, SQL says %s\n", r.answer.c_str(), a.c_str());
        mismatch = true;
      }
  }
  return mismatch ? 1 : 0;
}
