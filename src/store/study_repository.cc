#include "store/study_repository.h"

#include <set>

#include "domain/org/org.h"
#include "store/where.h"

namespace tj::store {
namespace {

constexpr const char* kEpisodeSelect =
    "SELECT e.id, e.season_id, s.name, e.title, e.release_date, e.closing_date, e.created_at, e.created_by FROM "
    "study_episodes e JOIN study_seasons s ON s.id = e.season_id";

Episode RowToEpisode(const Row& r) {
  return Episode{r.Int(0), r.Int(1), r.Str(2), r.Str(3), r.Day(4), r.Day(5), r.At(6), r.Str(7)};
}

constexpr const char* kMemberSelect =
    "SELECT m.id, m.name, m.member_no, m.id_number_hash, m.org_id, o.path, o.name, o.code, m.status FROM members m "
    "JOIN orgs o ON o.id = m.org_id";

StudyMember RowToMember(const Row& r) {
  return StudyMember{r.Int(0), r.Str(1), r.OptStr(2), r.OptStr(3), r.Int(4), r.Str(5), r.Str(6), r.Str(7), r.Str(8)};
}

// Chunks of 200 rows: 6 parameters a row stays far below either backend's limit.
constexpr size_t kCheckinChunk = 200;

}  // namespace

Result<int64_t> StudyRepository::InsertSeason(const std::string& name, Instant now, std::string_view by) {
  auto r = c_.Query("INSERT INTO study_seasons (name, created_at, created_by) VALUES ($1, $2, $3) RETURNING id",
                    {Text(name), At(now), Text(by)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<std::vector<Season>> StudyRepository::Seasons() {
  auto r = c_.Query(
      "SELECT s.id, s.name, (SELECT COUNT(*) FROM study_episodes e WHERE e.season_id = s.id), s.created_at, "
      "s.created_by FROM study_seasons s ORDER BY s.id DESC");
  if (!r) return Fail(r.error());
  std::vector<Season> out;
  for (const auto& row : r->rows) out.push_back({row.Int(0), row.Str(1), row.Int(2), row.At(3), row.Str(4)});
  return out;
}

Result<std::optional<Season>> StudyRepository::GetSeason(int64_t id) {
  auto r = c_.Query(
      "SELECT s.id, s.name, (SELECT COUNT(*) FROM study_episodes e WHERE e.season_id = s.id), s.created_at, "
      "s.created_by FROM study_seasons s WHERE s.id = $1",
      {Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<Season>();
  const auto& row = r->rows[0];
  return std::optional<Season>(Season{row.Int(0), row.Str(1), row.Int(2), row.At(3), row.Str(4)});
}

Result<int64_t> StudyRepository::InsertEpisode(const Episode& e) {
  auto r = c_.Query(
      "INSERT INTO study_episodes (season_id, title, release_date, closing_date, created_at, created_by) VALUES ($1, "
      "$2, $3, $4, $5, $6) RETURNING id",
      {Int(e.season_id), Text(e.title), DateValue(e.release_date), DateValue(e.closing_date), At(e.created_at),
       Text(e.created_by)});
  if (!r) return Fail(r.error());
  return r->rows.at(0).Int(0);
}

Result<void> StudyRepository::UpdateEpisode(const Episode& e) {
  auto r = c_.Query("UPDATE study_episodes SET title = $1, release_date = $2, closing_date = $3 WHERE id = $4",
                    {Text(e.title), DateValue(e.release_date), DateValue(e.closing_date), Int(e.id)});
  if (!r) return Fail(r.error());
  return {};
}

Result<std::optional<Episode>> StudyRepository::GetEpisode(int64_t id) {
  auto r = c_.Query(std::string(kEpisodeSelect) + " WHERE e.id = $1", {Int(id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<Episode>();
  return std::optional<Episode>(RowToEpisode(r->rows[0]));
}

Result<Page<Episode>> StudyRepository::Episodes(std::optional<int64_t> season_id, PageRequest page) {
  Where w;
  if (season_id) w.Add("e.season_id = $?", Int(*season_id));
  auto count = c_.Query("SELECT COUNT(*) FROM study_episodes e" + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<Episode> out;
  out.total = count->rows.at(0).Int(0);
  std::string limit = w.Param(Int(page.size)), offset = w.Param(Int(page.offset()));
  auto r = c_.Query(std::string(kEpisodeSelect) + w.sql() + " ORDER BY e.release_date DESC, e.id DESC LIMIT " + limit +
                        " OFFSET " + offset,
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) out.items.push_back(RowToEpisode(row));
  return out;
}

Result<std::vector<Episode>> StudyRepository::EpisodesFrom(Date from) {
  auto r = c_.Query(std::string(kEpisodeSelect) + " WHERE e.release_date >= $1 ORDER BY e.release_date, e.id",
                    {DateValue(from)});
  if (!r) return Fail(r.error());
  std::vector<Episode> out;
  for (const auto& row : r->rows) out.push_back(RowToEpisode(row));
  return out;
}

Result<std::vector<Episode>> StudyRepository::LatestEpisodes(Date on, int n, std::optional<int64_t> season_id) {
  Where w;
  w.Add("e.release_date <= $?", DateValue(on));
  if (season_id) w.Add("e.season_id = $?", Int(*season_id));
  std::string limit = w.Param(Int(n));
  auto r = c_.Query(std::string(kEpisodeSelect) + w.sql() + " ORDER BY e.release_date DESC, e.id DESC LIMIT " + limit,
                    w.params());
  if (!r) return Fail(r.error());
  std::vector<Episode> out;
  for (const auto& row : r->rows) out.insert(out.begin(), RowToEpisode(row));
  return out;
}

Result<std::vector<std::pair<int64_t, int64_t>>> StudyRepository::InsertCheckins(const std::vector<Checkin>& all) {
  std::vector<std::pair<int64_t, int64_t>> created;
  // PostgreSQL's key holds within a province only (its tables are partitioned by province), so
  // participations already recorded anywhere (the member since moved provinces) are left out
  // first. SQLite's key is the episode and member alone.
  std::vector<Checkin> kept;
  const std::vector<Checkin>* rows_to_insert = &all;
  if (c_.dialect() == Dialect::kPostgresql) {
    std::set<std::pair<int64_t, int64_t>> recorded;
    // By member (an index scan a partition, the list as an array) rather than a long OR,
    // whose plan over 16 partitions cost more than the inserts.
    for (size_t start = 0; start < all.size(); start += kCheckinChunk) {
      size_t end = std::min(all.size(), start + kCheckinChunk);
      std::vector<int64_t> members;
      for (size_t i = start; i < end; ++i) members.push_back(all[i].member_id);
      Where w;
      const std::string in = IdParams(w, members);
      auto r = c_.Query("SELECT episode_id, member_id FROM study_checkins WHERE member_id IN (" + in + ")",
                        w.params());
      if (!r) return Fail(r.error());
      for (const auto& row : r->rows) recorded.emplace(row.Int(0), row.Int(1));
    }
    if (!recorded.empty()) {
      for (const auto& c : all)
        if (!recorded.contains({c.episode_id, c.member_id})) kept.push_back(c);
      rows_to_insert = &kept;
    }
  }
  const std::vector<Checkin>& rows = *rows_to_insert;
  for (size_t start = 0; start < rows.size(); start += kCheckinChunk) {
    size_t end = std::min(rows.size(), start + kCheckinChunk);
    std::string sql =
        "INSERT INTO study_checkins (episode_id, member_id, org_id, checked_at, source, recorded_by, province_id) "
        "VALUES ";
    std::vector<Value> params;
    params.reserve((end - start) * 6);
    for (size_t i = start; i < end; ++i) {
      const auto& c = rows[i];
      size_t k = params.size();
      sql += (i == start ? "(" : ", (");
      for (size_t j = 1; j <= 6; ++j) sql += "$" + std::to_string(k + j) + ", ";
      sql += "(SELECT province_id FROM orgs WHERE id = $" + std::to_string(k + 3) + "))";
      params.insert(params.end(), {Int(c.episode_id), Int(c.member_id), Int(c.org_id), At(c.checked_at),
                                   Text(c.source), Text(c.recorded_by)});
    }
    // Without a conflict target: PostgreSQL's key also holds the province (the service keeps a
    // member who moved provinces from a second participation).
    sql += " ON CONFLICT DO NOTHING RETURNING episode_id, member_id";
    auto r = c_.Query(sql, params);
    if (!r) return Fail(r.error());
    for (const auto& row : r->rows) created.emplace_back(row.Int(0), row.Int(1));
  }
  return created;
}

Result<std::vector<std::tuple<int64_t, int64_t, int64_t>>> StudyRepository::CountsByOrg(
    const std::vector<int64_t>& episodes) {
  std::vector<std::tuple<int64_t, int64_t, int64_t>> out;
  if (episodes.empty()) return out;
  Where w;
  std::string in = IdParams(w, episodes);
  auto r = c_.Query("SELECT episode_id, org_id, COUNT(*) FROM study_checkins WHERE episode_id IN (" + in +
                        ") GROUP BY episode_id, org_id",
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows) out.emplace_back(row.Int(0), row.Int(1), row.Int(2));
  return out;
}

Result<std::vector<std::pair<std::string, int64_t>>> StudyRepository::EpisodeCounts(int64_t episode_id,
                                                                                    const std::string& scope_path) {
  auto r = c_.Query(
      "SELECT o.path, COUNT(*) FROM study_checkins c JOIN orgs o ON o.id = c.org_id WHERE c.episode_id = $1 AND "
      "o.path >= $2 AND o.path < $3 GROUP BY o.path",
      {Int(episode_id), Text(scope_path), Text(domain::SubtreeUpperBound(scope_path))});
  if (!r) return Fail(r.error());
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& row : r->rows) out.emplace_back(row.Str(0), row.Int(1));
  return out;
}

Result<Page<CheckinRow>> StudyRepository::Participants(int64_t episode_id, const std::string& scope_path,
                                                       std::optional<int64_t> only_org, PageRequest page) {
  Where w;
  w.Add("c.episode_id = $?", Int(episode_id));
  w.Add("o.path >= $?", Text(scope_path));
  w.Add("o.path < $?", Text(domain::SubtreeUpperBound(scope_path)));
  if (only_org) w.Add("c.org_id = $?", Int(*only_org));
  const std::string from =
      " FROM study_checkins c JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = c.org_id";
  auto count = c_.Query("SELECT COUNT(*)" + from + w.sql(), w.params());
  if (!count) return Fail(count.error());
  Page<CheckinRow> out;
  out.total = count->rows.at(0).Int(0);
  std::string limit = w.Param(Int(page.size)), offset = w.Param(Int(page.offset()));
  auto r = c_.Query("SELECT c.episode_id, c.member_id, c.org_id, c.checked_at, c.source, c.recorded_by, m.name, "
                    "m.member_no, o.name" + from + w.sql() + " ORDER BY c.checked_at DESC, c.member_id LIMIT " + limit +
                        " OFFSET " + offset,
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows)
    out.items.push_back({Checkin{row.Int(0), row.Int(1), row.Int(2), row.At(3), row.Str(4), row.Str(5)}, row.Str(6),
                         row.OptStr(7), row.Str(8)});
  return out;
}

Result<std::vector<Checkin>> StudyRepository::MemberCheckins(int64_t member_id, const std::vector<int64_t>& episodes) {
  std::vector<Checkin> out;
  if (episodes.empty()) return out;
  Where w;
  w.Add("member_id = $?", Int(member_id));
  w.AddRaw("episode_id IN (" + IdParams(w, episodes) + ")");
  auto r = c_.Query("SELECT episode_id, member_id, org_id, checked_at, source, recorded_by FROM study_checkins" + w.sql(),
                    w.params());
  if (!r) return Fail(r.error());
  for (const auto& row : r->rows)
    out.push_back({row.Int(0), row.Int(1), row.Int(2), row.At(3), row.Str(4), row.Str(5)});
  return out;
}

Result<std::optional<StudyMember>> StudyRepository::Member(int64_t member_id) {
  // The province from member_keys first: PostgreSQL then reads one partition of members.
  auto r = c_.Query(std::string(kMemberSelect) +
                        " WHERE m.id = $1 AND m.province_id = (SELECT k.province_id FROM member_keys k WHERE k.id = $1)",
                    {Int(member_id)});
  if (!r) return Fail(r.error());
  if (r->rows.empty()) return std::optional<StudyMember>();
  return std::optional<StudyMember>(RowToMember(r->rows[0]));
}

Result<std::vector<StudyMember>> StudyRepository::MatchMembers(const std::vector<std::string>& numbers,
                                                               const std::vector<std::string>& hashes) {
  std::vector<StudyMember> out;
  constexpr size_t kChunk = 500;
  auto run = [&](const std::vector<std::string>& values, const char* column) -> Result<void> {
    for (size_t start = 0; start < values.size(); start += kChunk) {
      Where w;
      std::string in;
      for (size_t i = start; i < std::min(values.size(), start + kChunk); ++i)
        in += (in.empty() ? "" : ", ") + w.Param(Text(values[i]));
      auto r = c_.Query(std::string(kMemberSelect) + " WHERE m." + column + " IN (" + in + ")", w.params());
      if (!r) return Fail(r.error());
      for (const auto& row : r->rows) out.push_back(RowToMember(row));
    }
    return {};
  };
  if (auto r = run(numbers, "member_no"); !r) return Fail(r.error());
  if (auto r = run(hashes, "id_number_hash"); !r) return Fail(r.error());
  return out;
}

}  // namespace tj::store
