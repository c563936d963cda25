// Use cases of Youth Study (青年大学习): seasons and weekly episodes kept by the top committee;
// participation recorded three ways (a member's own check-in, a staff or integration call per
// member, an import of the platform's list matched to members); participation rates of any
// org (distinct participants of its subtree ÷ members in standing of its subtree), rankings of
// an org's children and trends over episodes, from the statistics indexes.
//
// Every call checks scope (404 outside), then permission (403). A member counts once an
// episode however many times they check in; a participation counts in the org the member
// belonged to then. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.h"
#include "store/study_repository.h"

namespace tj::service {

struct EpisodeFields {
  std::optional<int64_t> season_id;
  std::optional<std::string> title, release_date, closing_date;
};

// An org's figures for an episode.
struct StudyFigures {
  domain::Org org;
  int64_t participants = 0;
  int64_t members = 0;  // in standing, today
  int64_t rate_permille() const { return members ? participants * 1000 / members : 0; }
};

struct EpisodeView {
  store::Episode episode;
  bool open = false;  // taking check-ins today
  StudyFigures figures;  // of the caller's org
};

struct CheckinResult {
  bool created = false;
  store::Checkin checkin;
};

struct ImportProblem {
  int64_t row = 0;  // as the user sees it: 1 is the row under the header
  std::string name;
  std::string reason;  // not_found, name_mismatch, out_of_scope, not_in_standing, ambiguous
};

struct StudyImportReport {
  int64_t rows = 0, matched = 0, created = 0, already = 0;
  std::vector<ImportProblem> unmatched;
};

struct TrendPoint {
  store::Episode episode;
  int64_t participants = 0, members = 0;
};

class StudyService {
 public:
  explicit StudyService(Deps& deps) : d_(deps) {}

  Result<std::vector<store::Season>> Seasons(const Actor& a);
  // Errors: kForbidden unless allowed with a scope of the whole tree; kValidationFailed;
  // kConflict (the name is taken).
  Result<store::Season> CreateSeason(const Actor& a, const std::string& name);
  Result<store::Page<EpisodeView>> Episodes(const Actor& a, std::optional<int64_t> season_id, store::PageRequest page);
  Result<EpisodeView> Episode(const Actor& a, int64_t id);
  Result<EpisodeView> CreateEpisode(const Actor& a, const EpisodeFields& f);
  Result<EpisodeView> UpdateEpisode(const Actor& a, int64_t id, const EpisodeFields& f);

  // A member's own check-in (no member id), or a staff or integration call for a member.
  // Errors: kNotFound (episode, or member outside scope), kForbidden, kRuleViolation
  // episode_not_open, member_not_in_standing.
  Result<CheckinResult> CheckIn(const Actor& a, int64_t episode_id, std::optional<int64_t> member_id);
  // The platform's participation list (CSV or XLSX: 姓名, 身份证号码 or 团员编号, 所在组织, 学习时间).
  // A malformed file or row imports nothing (kValidationFailed naming the row and column);
  // rows matching no member the caller may record for are reported, the others recorded.
  Result<StudyImportReport> Import(const Actor& a, int64_t episode_id, std::string_view bytes);

  // The org's figures and each child's, ranked by rate (then participants).
  Result<std::pair<StudyFigures, std::vector<StudyFigures>>> Ranking(const Actor& a, int64_t episode_id,
                                                                     std::optional<int64_t> org_id);
  // The org's figures over the latest `n` episodes released by today (of a season, if given).
  Result<std::pair<domain::Org, std::vector<TrendPoint>>> Trend(const Actor& a, std::optional<int64_t> org_id,
                                                                std::optional<int64_t> season_id, int n);
  Result<store::Page<store::CheckinRow>> Participants(const Actor& a, int64_t episode_id,
                                                      std::optional<int64_t> org_id, bool subtree,
                                                      store::PageRequest page);
  // The latest episodes with the caller's (a member's) own participation.
  Result<std::vector<std::pair<EpisodeView, std::optional<store::Checkin>>>> OwnStudies(const Actor& a, int n);

  // Rebuilds the participation index: every org, the episodes released from January of last
  // year on, and their participations.
  Result<void> RebuildIndex();

 private:
  Result<StudyFigures> FiguresOf(store::Connection& c, const domain::Org& org, int64_t episode_id);
  Result<EpisodeView> ViewOf(store::Connection& c, const Actor& a, const store::Episode& e);
  Result<EpisodeView> SaveEpisode(const Actor& a, std::optional<int64_t> id, const EpisodeFields& f);
  Deps& d_;
};

}  // namespace tj::service
