#include "cli/gen.h"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <expected>
#include <future>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "base/json_writer.h"
#include "cli/commands.h"
#include "cli/demo_county.h"
#include "cli/runtime.h"
#include "service/audit_service.h"
#include "service/org_service.h"
#include "sheet/sheet.h"
#include "store/bulk_load.h"
#include "store/member_repository.h"
#include "store/org_repository.h"
#include "store/study_repository.h"

namespace tj::cli {
namespace gen {
namespace {

using Steady = std::chrono::steady_clock;
using domain::MemberStatus;
using store::Value;

double Seconds(Steady::time_point since) {
  return std::chrono::duration<double>(Steady::now() - since).count();
}

template <typename F>
struct ScopeExit {
  F f;
  ~ScopeExit() { f(); }
};

int64_t PerSecond(int64_t rows, double seconds) {
  return seconds > 0 ? static_cast<int64_t>(static_cast<double>(rows) / seconds) : 0;
}

// "2026-05-18 20:15:07" in the zone (the Youth Study import's 学习时间).
std::string LocalTime(Instant t, TimeZone zone) {
  const auto s =
      std::chrono::floor<std::chrono::seconds>(t) + std::chrono::minutes(zone.offset_minutes);
  const auto day = std::chrono::floor<std::chrono::days>(s);
  const Date d{day};
  const std::chrono::hh_mm_ss hms{s - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", int(d.year()),
                unsigned(d.month()), unsigned(d.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

// The reason recorded with a status a member did not get by admission.
std::string_view StatusReason(MemberStatus s) {
  switch (s) {
    case MemberStatus::kMobile:
      return "外出务工";
    case MemberStatus::kLostContact:
      return "长期失去联系";
    case MemberStatus::kAgedOut:
      return "超龄离团";
    case MemberStatus::kWithdrawn:
      return "本人申请退团";
    case MemberStatus::kRemoved:
      return "连续6个月不交纳团费、不参加团的组织生活";
    case MemberStatus::kExpelled:
      return "严重违反团的纪律";
    case MemberStatus::kDeceased:
      return "去世";
    default:
      return "";
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Result<void> ForEachProvince(const CountryPlan& plan, const CountryOptions& options, int threads,
                             int window, const std::function<Result<void>(Province&&)>& fn) {
  const int n = static_cast<int>(plan.provinces.size());
  std::mutex mu;
  std::condition_variable cv;
  std::map<int, Province> ready;
  int next_make = 0, next_give = 0;
  bool stop = false;
  auto work = [&] {
    for (;;) {
      int i = 0;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return stop || next_make >= n || next_make < next_give + window; });
        if (stop || next_make >= n) return;
        i = next_make++;
      }
      Province p = GenerateProvince(plan.provinces[static_cast<size_t>(i)], options);
      {
        std::lock_guard lock(mu);
        ready.emplace(i, std::move(p));
      }
      cv.notify_all();
    }
  };
  Result<void> result;
  {
    std::vector<std::jthread> pool;
    // However the block ends (an error, an exception), the threads are told to stop before
    // they are joined.
    ScopeExit stop_threads{[&] {
      {
        std::lock_guard lock(mu);
        stop = true;
      }
      cv.notify_all();
    }};
    for (int t = 0; t < std::max(1, threads); ++t) pool.emplace_back(work);
    for (int i = 0; i < n && result; ++i) {
      Province p;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return ready.contains(i); });
        p = std::move(ready.at(i));
        ready.erase(i);
        next_give = i + 1;
      }
      cv.notify_all();
      result = fn(std::move(p));
    }
  }  // the threads finish the provinces they were making and end
  return result;
}

// ---------------------------------------------------------------------------------------------

Result<ImportFiles> ImportFiles::Open(const std::filesystem::path& dir,
                                      std::vector<Episode> episodes, TimeZone zone) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Fail(Error::Internal("cannot create " + dir.string() + ": " + ec.message()));
  ImportFiles f(dir, std::move(episodes), zone);
  f.orgs_.open(dir / "orgs.csv", std::ios::binary | std::ios::trunc);
  sheet::Table header;
  header.header = {"code", "parent_code", "name", "type", "sector", "school_stage"};
  const std::string bytes = sheet::WriteCsv(header);
  f.orgs_ << bytes;
  if (!f.orgs_) return Fail(Error::Internal("cannot write " + (dir / "orgs.csv").string()));
  f.bytes_ += static_cast<int64_t>(bytes.size());
  ++f.files_;
  return f;
}

Result<void> ImportFiles::WriteFile(const std::string& name, const std::string& bytes) {
  const auto path = dir_ / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) return Fail(Error::Internal("cannot write " + path.string()));
  bytes_ += static_cast<int64_t>(bytes.size());
  ++files_;
  return {};
}

Result<void> ImportFiles::Add(const Province& p) {
  const std::string code(p.plan.info.code);
  {
    sheet::Table t;  // no header: WriteCsv then writes the BOM and the rows
    t.rows.reserve(p.orgs.size());
    for (const auto& o : p.orgs)
      t.rows.push_back({o.code, o.parent < 0 ? "" : p.orgs[static_cast<size_t>(o.parent)].code,
                        o.name, std::string(NameOf(domain::OrgTypeNames(), o.type)),
                        std::string(NameOf(domain::SectorNames(), o.sector)),
                        o.stage ? std::string(NameOf(domain::SchoolStageNames(), *o.stage)) : ""});
    const std::string bytes = sheet::WriteCsv(t).substr(3);  // orgs.csv has its BOM
    orgs_ << bytes;
    if (!orgs_) return Fail(Error::Internal("cannot write " + (dir_ / "orgs.csv").string()));
    bytes_ += static_cast<int64_t>(bytes.size());
    rows_ += static_cast<int64_t>(t.rows.size());
  }
  // Writes the rows `row(i)` for the items `items` in files of at most kImportFileRows rows.
  auto write_parts =
      [&](const std::string& stem, std::vector<std::string> header,
          const std::vector<size_t>& items,
          const std::function<std::vector<std::string>(size_t)>& row) -> Result<void> {
    const size_t parts =
        std::max<size_t>(1, (items.size() + kImportFileRows - 1) / kImportFileRows);
    for (size_t part = 0; part < parts; ++part) {
      sheet::Table t;
      t.header = header;
      const size_t from = part * kImportFileRows,
                   to = std::min(items.size(), from + kImportFileRows);
      t.rows.reserve(to - from);
      for (size_t k = from; k < to; ++k) t.rows.push_back(row(items[k]));
      const std::string name =
          parts == 1 ? stem + ".csv" : stem + "_" + std::to_string(part + 1) + ".csv";
      if (auto w = WriteFile(name, sheet::WriteCsv(t)); !w) return w;
      rows_ += static_cast<int64_t>(t.rows.size());
    }
    return {};
  };
  std::vector<size_t> standing;
  for (size_t i = 0; i < p.members.size(); ++i)
    if (domain::InStanding(p.members[i].status)) standing.push_back(i);
  auto member_row = [&](size_t i) -> std::vector<std::string> {
    const auto& m = p.members[i];
    return {m.name,
            m.id_number,
            std::string(m.ethnicity),
            FormatDate(m.join_date),
            m.member_no,
            m.phone,
            std::string(domain::EducationLabel(m.education)),
            std::string(domain::OccupationLabel(m.occupation)),
            p.orgs[static_cast<size_t>(m.org)].code};
  };
  if (auto w = write_parts("members_" + code,
                           {"姓名", "身份证号码", "民族", "入团时间", "团员编号", "手机号码",
                            "学历", "职业", "所在团组织编码"},
                           standing, member_row);
      !w)
    return w;
  for (size_t e = 0; e < episodes_.size(); ++e) {
    std::vector<size_t> of_episode;
    for (size_t k = 0; k < p.checkins.size(); ++k)
      if (p.checkins[k].episode == static_cast<int32_t>(e)) of_episode.push_back(k);
    auto study_row = [&](size_t k) -> std::vector<std::string> {
      const auto& c = p.checkins[k];
      const auto& m = p.members[static_cast<size_t>(c.member)];
      return {m.name, m.id_number, m.member_no, p.orgs[static_cast<size_t>(m.org)].name,
              LocalTime(c.at, zone_)};
    };
    if (auto w = write_parts("study_" + std::to_string(e + 1) + "_" + code,
                             {"姓名", "身份证号码", "团员编号", "所在组织", "学习时间"}, of_episode,
                             study_row);
        !w)
      return w;
  }
  return {};
}

Result<void> ImportFiles::Finish() {
  orgs_.close();
  if (!orgs_) return Fail(Error::Internal("cannot write " + (dir_ / "orgs.csv").string()));
  return {};
}

// ---------------------------------------------------------------------------------------------

namespace {

const std::string kOrgColumns[] = {"id",   "parent_id", "name",         "short_name",
                                   "type", "sector",    "school_stage", "code",
                                   "path", "depth",     "created_at",   "updated_at",
                                   "province_id"};
const std::string kMemberColumns[] = {
    "id",         "org_id",     "member_no",        "name",           "gender",       "ethnicity",
    "birth_date", "join_date",  "id_number_sealed", "id_number_hash", "phone_sealed", "phone_hash",
    "education",  "occupation", "status",           "status_date",    "created_at",   "updated_at",
    "province_id"};
const std::string kHistoryColumns[] = {"member_id",      "at",      "actor_id",    "actor_username",
                                       "kind",           "changes", "status_from", "status_to",
                                       "effective_date", "reason",  "province_id"};
const std::string kCheckinColumns[] = {"episode_id", "member_id", "org_id",
                                       "checked_at", "source",    "recorded_by", "province_id"};

enum TableIndex : size_t { kOrgs, kMembers, kHistory, kCheckins };

struct SealedBatch {
  std::vector<std::vector<Value>> members;
  std::vector<std::vector<Value>> history;
};

// Rows of members [from, to) of a province, their ID and phone numbers sealed.
SealedBatch Seal(const Province& p, size_t from, size_t to, int64_t first_member_id,
                 const std::vector<int64_t>& org_ids, const std::vector<int64_t>& org_provinces,
                 const PersonalDataCipher& cipher, const Value& at, const std::string& actor) {
  SealedBatch b;
  b.members.reserve(to - from);
  b.history.reserve(to - from);
  for (size_t i = from; i < to; ++i) {
    const auto& m = p.members[i];
    const int64_t id = first_member_id + static_cast<int64_t>(i);
    const int64_t org = org_ids[static_cast<size_t>(m.org)];
    const Value province = store::Int(org_provinces[static_cast<size_t>(m.org)]);
    auto sealed = store::SealedNumbers(
        cipher, m.id_number, m.phone.empty() ? std::nullopt : std::optional<std::string_view>(m.phone));
    b.members.push_back({store::Int(id), store::Int(org),
                         m.member_no.empty() ? Value(store::Null{}) : store::Text(m.member_no),
                         store::Text(m.name), store::EnumValue(domain::GenderNames(), m.gender),
                         store::Text(m.ethnicity), store::DateValue(m.birth_date),
                         store::DateValue(m.join_date), std::move(sealed[0]), std::move(sealed[1]),
                         std::move(sealed[2]), std::move(sealed[3]),
                         store::EnumValue(domain::EducationNames(), m.education),
                         store::EnumValue(domain::OccupationNames(), m.occupation),
                         store::EnumValue(domain::MemberStatusNames(), m.status),
                         store::DateValue(m.status_date), at, at, province});
    // As MemberRepository::BulkInsert records an import, and a status change after it.
    b.history.push_back({store::Int(id), at, Value(store::Null{}), store::Text(actor),
                         store::Text("import"), store::Text("{}"), Value(store::Null{}),
                         store::Text("active"), store::DateValue(m.join_date),
                         Value(store::Null{}), province});
    if (m.status != MemberStatus::kActive)
      b.history.push_back({store::Int(id), at, Value(store::Null{}), store::Text(actor),
                           store::Text(m.status == MemberStatus::kAgedOut ? "age_out" : "status"),
                           store::Text("{}"), store::Text("active"),
                           store::EnumValue(domain::MemberStatusNames(), m.status),
                           store::DateValue(m.status_date), store::Text(StatusReason(m.status)),
                           province});
  }
  return b;
}

}  // namespace

DatabaseLoad::DatabaseLoad(store::Connection& c, const PersonalDataCipher& cipher, int64_t root_id,
                           std::string root_path, int64_t first_org_id, int64_t first_member_id,
                           std::vector<int64_t> episode_ids, Instant now, std::string actor)
    : c_(c),
      cipher_(cipher),
      root_id_(root_id),
      root_path_(std::move(root_path)),
      next_org_id_(first_org_id),
      next_member_id_(first_member_id),
      episode_ids_(std::move(episode_ids)),
      at_(store::At(now)),
      actor_(std::move(actor)),
      tables_{{"orgs"}, {"members"}, {"member_history"}, {"study_checkins"}} {}

Result<void> DatabaseLoad::Insert(size_t table, std::span<const std::string> columns,
                                  std::span<const std::vector<Value>> rows) {
  const auto start = Steady::now();
  auto n = c_.BulkInsert(tables_[table].table, columns, rows);
  if (!n) return Fail(n.error());
  tables_[table].seconds += Seconds(start);
  tables_[table].rows += static_cast<int64_t>(rows.size());
  return {};
}

Result<void> DatabaseLoad::Add(const Province& p) {
  // A province a transaction: SQLite then writes each page the province changed once at its
  // commit rather than once a batch (the ID-number hash index is touched all over), which made
  // the members' inserts 1.6 times as fast at scale 0.1; and a failed load holds whole provinces.
  if (auto b = c_.Begin(store::TxMode::kWrite); !b) return b;
  auto r = AddRows(p);
  if (!r) {
    (void)c_.Rollback();
    return r;
  }
  const auto start = Steady::now();
  r = c_.Commit();
  commit_seconds_ += Seconds(start);
  return r;
}

Result<void> DatabaseLoad::AddRows(const Province& p) {
  // Orgs: ids in list order, so a parent's id and path are known before its children's.
  // Each org's province: the province's own committee is the top org's child.
  std::vector<int64_t> org_ids(p.orgs.size()), org_provinces(p.orgs.size());
  {
    std::vector<std::string> paths(p.orgs.size());
    std::vector<std::vector<Value>> rows;
    rows.reserve(std::min(p.orgs.size(), kBatchRows));
    for (size_t i = 0; i < p.orgs.size(); ++i) {
      const auto& o = p.orgs[i];
      const int64_t id = next_org_id_++;
      org_ids[i] = id;
      const bool top = o.parent < 0;
      const size_t parent = top ? 0 : static_cast<size_t>(o.parent);
      paths[i] = domain::ChildPath(top ? root_path_ : paths[parent], id);
      org_provinces[i] = domain::ProvinceOf(paths[i]);
      rows.push_back(
          {store::Int(id), store::Int(top ? root_id_ : org_ids[parent]), store::Text(o.name),
           o.short_name.empty() ? Value(store::Null{}) : store::Text(o.short_name),
           store::EnumValue(domain::OrgTypeNames(), o.type),
           store::EnumValue(domain::SectorNames(), o.sector),
           o.stage ? store::EnumValue(domain::SchoolStageNames(), *o.stage) : Value(store::Null{}),
           store::Text(o.code), store::Text(paths[i]), store::Int(o.depth), at_, at_,
           store::Int(org_provinces[i])});
      if (rows.size() == kBatchRows || i + 1 == p.orgs.size()) {
        if (auto r = Insert(kOrgs, kOrgColumns, rows); !r) return r;
        rows.clear();
      }
    }
  }
  // Members and their history, sealed on two threads a batch or two ahead of the inserts.
  const int64_t first_member = next_member_id_;
  {
    const size_t n = p.members.size();
    std::deque<std::future<SealedBatch>> pending;
    size_t next = 0;
    auto launch = [&] {
      if (next >= n) return;
      const size_t from = next, to = std::min(n, next + kBatchRows);
      next = to;
      pending.push_back(std::async(std::launch::async, [&, from, to] {
        return Seal(p, from, to, first_member, org_ids, org_provinces, cipher_, at_, actor_);
      }));
    };
    launch();
    launch();
    Result<void> result;
    while (!pending.empty()) {
      const auto wait = Steady::now();
      SealedBatch b = pending.front().get();
      sealing_wait_ += Seconds(wait);
      pending.pop_front();
      if (!result) continue;  // drain the futures still running
      launch();
      result = Insert(kMembers, kMemberColumns, b.members);
      if (result) result = Insert(kHistory, kHistoryColumns, b.history);
    }
    if (!result) return result;
    next_member_id_ += static_cast<int64_t>(n);
  }
  // Participations.
  std::vector<std::vector<Value>> rows;
  rows.reserve(std::min(p.checkins.size(), kBatchRows));
  const Value source = store::Text("import"), by = store::Text(actor_);
  for (size_t k = 0; k < p.checkins.size(); ++k) {
    const auto& ci = p.checkins[k];
    const auto& m = p.members[static_cast<size_t>(ci.member)];
    rows.push_back({store::Int(episode_ids_[static_cast<size_t>(ci.episode)]),
                    store::Int(first_member + ci.member),
                    store::Int(org_ids[static_cast<size_t>(m.org)]), store::At(ci.at), source, by,
                    store::Int(org_provinces[static_cast<size_t>(m.org)])});
    if (rows.size() == kBatchRows || k + 1 == p.checkins.size()) {
      if (auto r = Insert(kCheckins, kCheckinColumns, rows); !r) return r;
      rows.clear();
    }
  }
  return {};
}

}  // namespace gen

// ---------------------------------------------------------------------------------------------
// The subcommand.

namespace {

// member_keys: on PostgreSQL the country-wide keys of the partitioned members table (filled once
// after the load rather than row by row by its trigger); on SQLite a view, with nothing to defer.
const std::string kLoadedTables[] = {"orgs", "members", "member_history", "study_checkins", "member_keys"};
constexpr char kDefaultRootName[] = "共青团委员会";
constexpr char kActor[] = "system";

// A step that failed: what the operator reads, and the error if there is one to explain it
// (empty `what`: the reason has been printed already).
struct StepError {
  std::string what;
  std::optional<Error> error;
};
template <typename T = void>
using Step = std::expected<T, StepError>;

std::unexpected<StepError> Failed(std::string what, std::optional<Error> e = std::nullopt) {
  return std::unexpected(StepError{std::move(what), std::move(e)});
}

struct Counts {
  int64_t orgs = 0, members = 0, in_standing = 0, checkins = 0, history = 0;
};

Result<int64_t> CountOf(store::Connection& c, const std::string& sql) {
  auto r = c.Query(sql);
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

// The database's settings for the load, and back. SQLite: no waiting for the disk at commits;
// the rollback journal in memory instead of the write-ahead log, so that each page is written
// once instead of to the log and then to the database (best effort: it needs the only
// connection); two threads for the sorts of the index builds. PostgreSQL: no waiting for the
// disk at commits either. Errors: the store's.
Result<void> LoadSettings(store::Connection& c, bool on) {
  if (c.dialect() == store::Dialect::kSqlite) {
    (void)c.Query(on ? "PRAGMA journal_mode=MEMORY" : "PRAGMA journal_mode=WAL");
    for (const char* sql : {on ? "PRAGMA synchronous=OFF" : "PRAGMA synchronous=NORMAL",
                            on ? "PRAGMA threads=2" : "PRAGMA threads=0"})
      if (auto r = c.Query(sql); !r) return Fail(r.error());
    return {};
  }
  auto r = c.Query(on ? "SET synchronous_commit = off" : "RESET synchronous_commit");
  if (!r) return Fail(r.error());
  return {};
}

void PrintLoad(const std::vector<gen::TableLoad>& tables, bool final_lines) {
  if (final_lines) {
    for (const auto& t : tables)
      std::printf("table %s: %lld rows in %.1f s (%lld rows/s)\n", t.table.c_str(),
                  static_cast<long long>(t.rows), t.seconds,
                  static_cast<long long>(gen::PerSecond(t.rows, t.seconds)));
    std::fflush(stdout);
    return;
  }
  std::cout << "  loaded:";
  for (const auto& t : tables)
    std::cout << " " << t.table << " " << t.rows << " (" << gen::PerSecond(t.rows, t.seconds)
              << "/s)";
  std::cout << std::endl;
}

// The database side of gen: the checks before, the preparation, the work after the rows.
class Target {
 public:
  // Opens the runtime (migrations, top org) and refuses a database with data.
  static Step<std::unique_ptr<Target>> Open(const Config& c) {
    auto t = std::unique_ptr<Target>(new Target());
    t->rt_ = OpenRuntime(c, 3);
    if (!t->rt_) return Failed("");  // OpenRuntime said why
    auto got = t->rt_->db->Acquire();
    if (!got) return Failed("database", got.error());
    t->conn_.emplace(std::move(*got));
    auto top = store::OrgRepository(t->db()).Root();
    if (!top) return Failed("database", top.error());
    if (!*top) return Failed("no top org", Error::NotFound("org.not_found"));
    t->root_ = **top;
    auto members = CountOf(t->db(), "SELECT COUNT(*) FROM members");
    if (!members) return Failed("database", members.error());
    auto orgs = CountOf(t->db(), "SELECT COUNT(*) FROM orgs");
    if (!orgs) return Failed("database", orgs.error());
    if (*members > 0 || *orgs > 1)
      return Failed("gen --db loads only an empty database; this one holds " +
                    std::to_string(*members) + " members and " + std::to_string(*orgs - 1) +
                    " orgs under the top org. Use a new database (or gen --out alone).");
    return t;
  }

  Date today() const { return rt_->deps->Today(); }

  // Stores the season and episodes (first, so nothing else changes if they cannot be), drops
  // the indexes, sets the load's settings, and returns the loader.
  Step<gen::DatabaseLoad*> Prepare(const std::vector<gen::Episode>& episodes, Date day) {
    const Instant now = rt_->clock->Now();
    std::vector<int64_t> episode_ids;
    store::StudyRepository study(db());
    if (!episodes.empty()) {
      auto season = study.InsertSeason(gen::SeasonName(day), now, kActor);
      if (!season) return Failed("cannot create the Youth Study season", season.error());
      for (const auto& e : episodes) {
        store::Episode row;
        row.season_id = *season;
        row.title = e.title;
        row.release_date = e.release_date;
        row.closing_date = e.closing_date;
        row.created_at = now;
        row.created_by = kActor;
        auto id = study.InsertEpisode(row);
        if (!id) return Failed("cannot create a Youth Study episode", id.error());
        episode_ids.push_back(*id);
      }
    }
    auto max_org = CountOf(db(), "SELECT COALESCE(MAX(id), 0) FROM orgs");
    if (!max_org) return Failed("database", max_org.error());
    auto max_member = CountOf(db(), "SELECT COALESCE(MAX(id), 0) FROM members");
    if (!max_member) return Failed("database", max_member.error());
    const auto start = gen::Steady::now();
    for (const auto& table : kLoadedTables) {
      auto d = store::DeferIndexes(db(), table);
      if (!d) return Failed("cannot drop the indexes of " + table, d.error());
      deferred_.insert(deferred_.end(), d->begin(), d->end());
    }
    if (db().dialect() == store::Dialect::kPostgresql)
      if (auto r = db().Query("ALTER TABLE members DISABLE TRIGGER members_keys_insert"); !r)
        return Failed("database", r.error());
    if (auto s = LoadSettings(db(), true); !s) return Failed("database", s.error());
    std::printf("dropped %zu indexes and constraints for the load in %.1f s\n", deferred_.size(),
                gen::Seconds(start));
    std::fflush(stdout);
    load_.emplace(db(), *rt_->cipher, root_.id, root_.path, *max_org + 1, *max_member + 1,
                  std::move(episode_ids), now, kActor);
    return &*load_;
  }

  // After the rows: the indexes, statistics and sequences, the settings back; then through the
  // services the top org's name, the audit record and the first administrator.
  Step<> Finish(const Config& c, const Counts& n, uint64_t seed) {
    PrintLoad(load_->tables(), true);
    std::printf("commits: %.1f s; the inserts waited %.1f s for sealed rows\n",
                load_->commit_seconds(), load_->sealing_wait_seconds());
    std::fflush(stdout);
    auto start = gen::Steady::now();
    if (db().dialect() == store::Dialect::kPostgresql) {
      if (auto r = db().Query("INSERT INTO member_keys (id, province_id, id_number_hash, member_no) "
                              "SELECT id, province_id, id_number_hash, member_no FROM members");
          !r)
        return Failed("cannot fill member_keys", r.error());
      if (auto r = db().Query("ALTER TABLE members ENABLE TRIGGER members_keys_insert"); !r)
        return Failed("database", r.error());
      std::printf("member_keys filled in %.1f s\n", gen::Seconds(start));
      std::fflush(stdout);
      start = gen::Steady::now();
    }
    std::vector<std::pair<double, std::string>> slowest;
    auto built = [&](const store::DeferredIndex& d, double seconds) {
      slowest.emplace_back(seconds, d.name);
    };
    if (auto r = store::RestoreIndexes(db(), deferred_, built); !r)
      return Failed("cannot rebuild the indexes", r.error());
    const double build_seconds = gen::Seconds(start);
    start = gen::Steady::now();
    if (auto r = store::AnalyzeTables(db(), kLoadedTables); !r)
      return Failed("cannot analyze the tables", r.error());
    const double analyze_seconds = gen::Seconds(start);
    // Identity columns go on after the explicit ids (SQLite's rowids do so by themselves).
    if (db().dialect() == store::Dialect::kPostgresql)
      for (const char* t : {"orgs", "members"})
        if (auto r = db().Query(std::string("SELECT setval(pg_get_serial_sequence('") + t +
                                "', 'id'), " + "(SELECT MAX(id) FROM " + t + "))");
            !r)
          return Failed("cannot move the id sequences on", r.error());
    if (auto s = LoadSettings(db(), false); !s) return Failed("database", s.error());
    std::sort(slowest.rbegin(), slowest.rend());
    std::string longest;
    for (size_t i = 0; i < std::min<size_t>(5, slowest.size()); ++i) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s%s %.1f s", i ? ", " : "", slowest[i].second.c_str(),
                    slowest[i].first);
      longest += buf;
    }
    std::printf("indexes: %zu rebuilt in %.1f s (longest: %s); analyzed in %.1f s\n",
                deferred_.size(), build_seconds, longest.c_str(), analyze_seconds);
    std::fflush(stdout);
    conn_.reset();  // back to the pool, for the services

    const auto actor = service::SystemActor(root_.id, root_.path);
    if (root_.name == kDefaultRootName) {
      domain::OrgFields rename;
      rename.name = "共青团中央";
      rename.short_name = "团中央";
      if (auto r = service::OrgService(*rt_->deps).Update(actor, root_.id, rename); !r)
        return Failed("cannot name the top org", r.error());
    }
    auto audit = store::InTransaction(*rt_->db, store::TxMode::kWrite, [&](store::Connection& tx) {
      return service::AppendAudit(tx, *rt_->clock, actor,
                                  {"member.import", "org", root_.id, root_.id,
                                   JsonObjectWriter()
                                       .Int("count", n.members)
                                       .Int("orgs", n.orgs)
                                       .Int("checkins", n.checkins)
                                       .Str("source", "gen")
                                       .Int("seed", static_cast<int64_t>(seed))
                                       .str()});
    });
    if (!audit) return Failed("cannot write the audit record", audit.error());
    int64_t users = 0;
    {
      auto cn = rt_->db->Acquire();
      if (!cn) return Failed("database", cn.error());
      auto u = CountOf(**cn, "SELECT COUNT(*) FROM users");
      if (!u) return Failed("database", u.error());
      users = *u;
    }
    if (users == 0) {
      auto password = CreateFirstAdmin(*rt_->deps, actor, "系统管理员");
      if (!password) return Failed("cannot create the administrator", password.error());
      ReportFirstLogin(c, *password);
    }
    rt_->db->Close();
    return {};
  }

 private:
  Target() = default;
  store::Connection& db() { return **conn_; }

  std::unique_ptr<Runtime> rt_;
  std::optional<store::PooledConnection> conn_;  // the load's, until Finish hands it back
  domain::Org root_;
  std::vector<store::DeferredIndex> deferred_;
  std::optional<gen::DatabaseLoad> load_;
};

}  // namespace

int Gen(const Config& c) {
  const auto started = gen::Steady::now();
  if (c.gen_scale <= 0) {
    std::cerr << "tuanjian: gen needs --scale F (0 < F <= 1; 1 is the nation, 0.0003 a county)\n";
    return 2;
  }
  const bool to_files = !c.gen_out.empty();
  if (!to_files && !c.db_given) {
    std::cerr << "tuanjian: gen needs --out DIR (import files), --db URL (a bulk load) or both\n";
    return 2;
  }
  auto fail = [](const StepError& e) {
    if (e.error)
      PrintError(e.what, *e.error);
    else if (!e.what.empty())
      std::cerr << "tuanjian: " << e.what << "\n";
    return 1;
  };
  gen::CountryOptions o;
  o.scale = c.gen_scale;
  o.seed = c.gen_seed;
  o.episodes = c.gen_episodes;
  o.zone = c.zone;
  // Today: the database's clock (the test clock when one is pinned), else the same rule here.
  std::unique_ptr<Target> target;
  if (c.db_given) {
    auto t = Target::Open(c);
    if (!t) return fail(t.error());
    target = std::move(*t);
    o.today = target->today();
  } else if (!c.test_now.empty()) {
    auto t = ParseInstant(c.test_now);
    if (!t) {
      std::cerr << "tuanjian: TUANJIAN_TEST_NOW needs an ISO instant\n";
      return 2;
    }
    o.today = LocalDate(*t, c.zone);
  } else {
    o.today = LocalDate(SystemClock().Now(), c.zone);
  }

  const auto plan = gen::PlanCountry(o.scale);
  const auto episodes = gen::Episodes(o.today, o.episodes);
  std::cout << "synthetic country: scale " << o.scale << ", seed " << o.seed << ", today "
            << FormatDate(o.today) << ": " << plan.provinces.size() << " provinces, " << plan.cities
            << " cities, " << plan.counties << " counties (about "
            << static_cast<int64_t>(plan.counties) * gen::kCountyOrgs << " orgs and "
            << static_cast<int64_t>(plan.counties) * gen::kCountyMembers << " members), "
            << episodes.size() << " Youth Study episodes" << std::endl;

  std::optional<gen::ImportFiles> files;
  if (to_files) {
    auto f = gen::ImportFiles::Open(c.gen_out, episodes, c.zone);
    if (!f) return fail({"cannot write the files", f.error()});
    files.emplace(std::move(*f));
  }
  gen::DatabaseLoad* load = nullptr;
  if (target) {
    auto l = target->Prepare(episodes, o.today);
    if (!l) return fail(l.error());
    load = *l;
  }

  Counts n;
  int done = 0;
  const auto generated =
      gen::ForEachProvince(plan, o, 2, 2, [&](gen::Province&& p) -> Result<void> {
        n.orgs += static_cast<int64_t>(p.orgs.size());
        n.members += static_cast<int64_t>(p.members.size());
        n.checkins += static_cast<int64_t>(p.checkins.size());
        for (const auto& m : p.members) {
          n.in_standing += domain::InStanding(m.status) ? 1 : 0;
          n.history += m.status == domain::MemberStatus::kActive ? 1 : 2;
        }
        if (files)
          if (auto w = files->Add(p); !w) return w;
        if (load)
          if (auto l = load->Add(p); !l) return l;
        ++done;
        std::cout << "province " << p.plan.info.code << " " << p.plan.info.name << " (" << done
                  << "/" << plan.provinces.size() << "): " << p.orgs.size() << " orgs, "
                  << p.members.size() << " members, " << p.checkins.size()
                  << " participations; so far " << n.members << " members, "
                  << gen::PerSecond(n.members, gen::Seconds(started)) << " members/s" << std::endl;
        if (load) PrintLoad(load->tables(), false);
        return {};
      });
  if (!generated)
    return fail({target ? "the load failed (the database is incomplete: load a new one)"
                        : "cannot write the files",
                 generated.error()});
  if (files) {
    if (auto f = files->Finish(); !f) return fail({"cannot write the files", f.error()});
    std::cout << "files: " << files->files() << " files, " << files->rows() << " rows ("
              << gen::PerSecond(files->rows(), gen::Seconds(started)) << " rows/s), "
              << files->bytes() / (1 << 20) << " MiB in " << c.gen_out << std::endl;
  }
  if (target)
    if (auto f = target->Finish(c, n, o.seed); !f) return fail(f.error());
  std::cout << "totals: orgs=" << n.orgs << " members=" << n.members
            << " in_standing=" << n.in_standing << " checkins=" << n.checkins
            << " history=" << n.history << " (orgs under the top org)\n";
  std::printf("done in %.1f s\n", gen::Seconds(started));
  return 0;
}

}  // namespace tj::cli
