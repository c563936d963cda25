// Persistence of Youth Study (青年大学习): seasons, episodes, and participations (one a member an
// episode, in the org the member belonged to then).
//
// Works on a borrowed Connection inside the caller's transaction; not thread-safe.
// InsertCheckins inserts many participations in few statements and reports which were new.
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "base/time.h"
#include "store/database.h"
#include "store/paging.h"

namespace tj::store {

struct Season {
  int64_t id = 0;
  std::string name;
  int64_t episodes = 0;
  Instant created_at;
  std::string created_by;
};

struct Episode {
  int64_t id = 0;
  int64_t season_id = 0;
  std::string season_name;
  std::string title;
  Date release_date;
  Date closing_date;
  Instant created_at;
  std::string created_by;
};

struct Checkin {
  int64_t episode_id = 0;
  int64_t member_id = 0;
  int64_t org_id = 0;
  Instant checked_at;
  std::string source;  // self, staff, import, api
  std::string recorded_by;
};

struct CheckinRow {
  Checkin checkin;
  std::string name;
  std::optional<std::string> member_no;
  std::string org_name;
};

// What a participation needs to know of a member.
struct StudyMember {
  int64_t member_id = 0;
  std::string name;
  std::optional<std::string> member_no;
  std::optional<std::string> id_number_hash;
  int64_t org_id = 0;
  std::string org_path;
  std::string org_name;
  std::string org_code;
  std::string status;
};

class StudyRepository {
 public:
  explicit StudyRepository(Connection& c) : c_(c) {}

  Result<int64_t> InsertSeason(const std::string& name, Instant now, std::string_view by);
  Result<std::vector<Season>> Seasons();
  Result<std::optional<Season>> GetSeason(int64_t id);

  Result<int64_t> InsertEpisode(const Episode& e);
  Result<void> UpdateEpisode(const Episode& e);
  Result<std::optional<Episode>> GetEpisode(int64_t id);
  Result<Page<Episode>> Episodes(std::optional<int64_t> season_id, PageRequest page);
  // Episodes released from `from` on, oldest first.
  Result<std::vector<Episode>> EpisodesFrom(Date from);
  // The latest `n` episodes released on or before `on`, oldest first.
  Result<std::vector<Episode>> LatestEpisodes(Date on, int n, std::optional<int64_t> season_id);

  // Inserts the participations not already recorded; returns the (episode, member) pairs that
  // were new.
  Result<std::vector<std::pair<int64_t, int64_t>>> InsertCheckins(const std::vector<Checkin>& rows);
  // Participations by episode and org, for the index's rebuild.
  Result<std::vector<std::tuple<int64_t, int64_t, int64_t>>> CountsByOrg(const std::vector<int64_t>& episodes);
  // Participations of one episode in the orgs of a subtree, by org path.
  Result<std::vector<std::pair<std::string, int64_t>>> EpisodeCounts(int64_t episode_id, const std::string& scope_path);
  Result<Page<CheckinRow>> Participants(int64_t episode_id, const std::string& scope_path,
                                        std::optional<int64_t> only_org, PageRequest page);
  Result<std::vector<Checkin>> MemberCheckins(int64_t member_id, const std::vector<int64_t>& episodes);

  Result<std::optional<StudyMember>> Member(int64_t member_id);
  // Members whose number is in `numbers` or whose ID hash is in `hashes`.
  Result<std::vector<StudyMember>> MatchMembers(const std::vector<std::string>& numbers,
                                                const std::vector<std::string>& hashes);

 private:
  Connection& c_;
};

}  // namespace tj::store
