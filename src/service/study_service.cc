#include "service/study_service.h"

#include <algorithm>
#include <map>
#include <regex>

#include "base/json_writer.h"
#include "base/text.h"
#include "service/audit_service.h"
#include "service/checkin_queue.h"
#include "service/index_update.h"
#include "service/org_service.h"
#include "stats/rate_order.h"
#include "sheet/sheet.h"
#include "store/org_repository.h"

namespace tj::service {
namespace {

using domain::Permission;
using store::StudyRepository;
using store::TxMode;

constexpr size_t kMaxImportRows = 200'000;

bool OpenOn(const store::Episode& e, Date day) {
  return !Before(day, e.release_date) && !Before(e.closing_date, day);
}

// "2026-03-02 20:15[:30]", "2026/3/2 20:15", "2026-03-02T20:15", or a day alone (noon), in the
// deployment's zone; anything else (a stray letter, trailing text) is not a time.
std::optional<Instant> ParseLocalTime(std::string_view text, TimeZone zone) {
  static const std::regex kTime(R"(^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$)");
  std::string s = Trim(text);
  std::smatch m;
  if (!std::regex_match(s, m, kTime)) return std::nullopt;
  auto num = [&](size_t i, int dflt) { return m[i].matched ? std::stoi(m[i].str()) : dflt; };
  Date day{std::chrono::year{num(1, 0)} / std::chrono::month{static_cast<unsigned>(num(2, 0))} /
           std::chrono::day{static_cast<unsigned>(num(3, 0))}};
  if (!day.ok()) return std::nullopt;
  int hh = num(4, 12), mm = num(5, 0), ss = num(6, 0);
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  auto local = std::chrono::sys_days(day) + std::chrono::hours(hh) + std::chrono::minutes(mm) + std::chrono::seconds(ss);
  return Instant(std::chrono::duration_cast<std::chrono::microseconds>(
      (local - std::chrono::minutes(zone.offset_minutes)).time_since_epoch()));
}

}  // namespace

Result<StudyFigures> StudyService::FiguresOf(store::Connection& c, const domain::Org& org, int64_t episode_id) {
  StudyFigures f;
  f.org = org;
  if (d_.registry)
    f.members = d_.registry->InStanding(org.id).value_or(0);
  if (auto p = d_.study ? d_.study->Participants(episode_id, org.id) : std::nullopt) {
    f.participants = *p;
    return f;
  }
  auto counts = StudyRepository(c).EpisodeCounts(episode_id, org.path);
  if (!counts) return Fail(counts.error());
  for (const auto& [path, n] : *counts) f.participants += n;
  return f;
}

Result<EpisodeView> StudyService::ViewOf(store::Connection& c, const Actor& a, const store::Episode& e) {
  auto org = OrgInScope(c, a, a.org_id);
  if (!org) return Fail(org.error());
  auto f = FiguresOf(c, *org, e.id);
  if (!f) return Fail(f.error());
  return EpisodeView{e, OpenOn(e, d_.Today()), std::move(*f)};
}

Result<std::vector<store::Season>> StudyService::Seasons(const Actor& a) {
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  return StudyRepository(**conn).Seasons();
}

Result<store::Season> StudyService::CreateSeason(const Actor& a, const std::string& name_in) {
  if (!a.Can(Permission::kStudyManage) || !a.WholeTree()) return Fail(Error::Forbidden());
  std::string name = Trim(name_in);
  if (name.empty()) return Fail(Error::Validation({FieldError("name", "required", "common.required")}));
  if (Utf8Length(name) > 100)
    return Fail(Error::Validation({FieldError("name", "too_long", "common.too_long", {{"max", "100"}})}));
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::Season> {
    StudyRepository repo(c);
    auto id = repo.InsertSeason(name, d_.clock.Now(), a.username);
    if (!id) {
      if (id.error().code == ErrorCode::kConflict) return Fail(Error::Conflict("study.season_exists"));
      return Fail(id.error());
    }
    if (auto r = AppendAudit(c, d_.clock, a,
                             {"study.season", "study_season", *id, a.org_id, JsonObjectWriter().Str("name", name).str()});
        !r)
      return Fail(r.error());
    auto s = repo.GetSeason(*id);
    if (!s) return Fail(s.error());
    return std::move(**s);
  });
}

Result<store::Page<EpisodeView>> StudyService::Episodes(const Actor& a, std::optional<int64_t> season_id,
                                                        store::PageRequest page) {
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto list = StudyRepository(**conn).Episodes(season_id, page);
  if (!list) return Fail(list.error());
  store::Page<EpisodeView> out;
  out.total = list->total;
  for (const auto& e : list->items) {
    auto v = ViewOf(**conn, a, e);
    if (!v) return Fail(v.error());
    out.items.push_back(std::move(*v));
  }
  return out;
}

Result<EpisodeView> StudyService::Episode(const Actor& a, int64_t id) {
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto e = StudyRepository(**conn).GetEpisode(id);
  if (!e) return Fail(e.error());
  if (!*e) return Fail(Error::NotFound("study.episode_not_found"));
  return ViewOf(**conn, a, **e);
}

Result<EpisodeView> StudyService::CreateEpisode(const Actor& a, const EpisodeFields& f) {
  return SaveEpisode(a, std::nullopt, f);
}

Result<EpisodeView> StudyService::UpdateEpisode(const Actor& a, int64_t id, const EpisodeFields& f) {
  return SaveEpisode(a, id, f);
}

Result<EpisodeView> StudyService::SaveEpisode(const Actor& a, std::optional<int64_t> id, const EpisodeFields& f) {
  if (!a.Can(Permission::kStudyManage) || !a.WholeTree()) return Fail(Error::Forbidden());
  auto saved = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<store::Episode> {
    StudyRepository repo(c);
    store::Episode e;
    if (id) {
      auto cur = repo.GetEpisode(*id);
      if (!cur) return Fail(cur.error());
      if (!*cur) return Fail(Error::NotFound("study.episode_not_found"));
      e = **cur;
    }
    std::vector<ErrorDetail> details;
    if (!id) {
      if (!f.season_id) {
        details.push_back(FieldError("season_id", "required", "common.required"));
      } else {
        auto s = repo.GetSeason(*f.season_id);
        if (!s) return Fail(s.error());
        if (!*s) details.push_back(FieldError("season_id", "not_found", "study.season_not_found"));
        else e.season_id = *f.season_id;
      }
    }
    if (f.title || !id) {
      e.title = Trim(f.title.value_or(""));
      if (e.title.empty()) details.push_back(FieldError("title", "required", "common.required"));
      else if (Utf8Length(e.title) > 200)
        details.push_back(FieldError("title", "too_long", "common.too_long", {{"max", "200"}}));
    }
    auto day = [&](const std::optional<std::string>& text, const char* field, Date& out) {
      if (!text && id) return;
      auto d = ParseDate(Trim(text.value_or("")));
      if (!text || Trim(*text).empty()) details.push_back(FieldError(field, "required", "common.required"));
      else if (!d) details.push_back(FieldError(field, "invalid_format", "common.date_format"));
      else out = *d;
    };
    day(f.release_date, "release_date", e.release_date);
    day(f.closing_date, "closing_date", e.closing_date);
    if (details.empty() && Before(e.closing_date, e.release_date))
      details.push_back(FieldError("closing_date", "before_release", "study.closing_before_release"));
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    Instant now = d_.clock.Now();
    if (id) {
      if (auto r = repo.UpdateEpisode(e); !r) return Fail(r.error());
    } else {
      e.created_at = now;
      e.created_by = a.username;
      auto inserted = repo.InsertEpisode(e);
      if (!inserted) return Fail(inserted.error());
      e.id = *inserted;
    }
    std::string summary = JsonObjectWriter()
                              .Str("title", e.title)
                              .Str("release_date", FormatDate(e.release_date))
                              .Str("closing_date", FormatDate(e.closing_date))
                              .str();
    if (auto r = AppendAudit(c, d_.clock, a,
                             {id ? "study.episode_update" : "study.episode_create", "study_episode", e.id, a.org_id,
                              summary});
        !r)
      return Fail(r.error());
    auto fresh = repo.GetEpisode(e.id);
    if (!fresh) return Fail(fresh.error());
    return std::move(**fresh);
  });
  if (!saved) return Fail(saved.error());
  if (d_.study) {
    // The episode's column as the table has it: kept when released in the index's window
    // (its participations so far counted in, should new days have moved it in), dropped when
    // moved out. Exclusive at the gate, so no check-in falls between the count and the column.
    std::unique_lock<std::shared_mutex> gate;
    if (d_.gate) gate = d_.gate->ForRebuild();
    stats::StudyEpisode days{saved->id, saved->release_date, saved->closing_date};
    if (Before(saved->release_date, IndexWindowStart(d_.Today()))) {
      d_.study->SetEpisode(days, std::nullopt);
    } else {
      auto conn = d_.db.Acquire();
      if (!conn) return Fail(conn.error());
      auto counts = StudyRepository(**conn).CountsByOrg({saved->id});
      if (!counts) return Fail(counts.error());
      std::vector<stats::StudyCount> list;
      for (const auto& [e, o, n] : *counts) list.push_back({e, o, n});
      d_.study->SetEpisode(days, list);
    }
  }
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  return ViewOf(**conn, a, *saved);
}

Result<CheckinResult> StudyService::CheckIn(const Actor& a, int64_t episode_id, std::optional<int64_t> member_id) {
  store::Checkin c;
  c.episode_id = episode_id;
  {
    auto conn = d_.db.Acquire();
    if (!conn) return Fail(conn.error());
    StudyRepository repo(**conn);
    // A member's own check-in, or staff recording a member of their scope: the member read once.
    if (!member_id && (!a.member_id || !a.Can(Permission::kSelfService))) return Fail(Error::Forbidden());
    int64_t who = member_id ? *member_id : *a.member_id;
    auto m = repo.Member(who);
    if (!m) return Fail(m.error());
    if (!*m || (member_id && !domain::InSubtree(a.org_path, (*m)->org_path)))
      return Fail(Error::NotFound("member.not_found"));
    if (member_id && !a.Can(Permission::kStudyRecord)) return Fail(Error::Forbidden());
    c.source = member_id && a.member_id != member_id ? "api" : "self";
    // The episode's days from the index (the hot path reads nothing it need not), else the table.
    std::optional<stats::StudyEpisode> days = d_.study ? d_.study->Episode(episode_id) : std::nullopt;
    if (!days) {
      auto e = repo.GetEpisode(episode_id);
      if (!e) return Fail(e.error());
      if (!*e) return Fail(Error::NotFound("study.episode_not_found"));
      days = stats::StudyEpisode{(*e)->id, (*e)->release_date, (*e)->closing_date};
    }
    Date today = d_.Today();
    if (Before(today, days->release_date) || Before(days->closing_date, today))
      return Fail(Error::Rule("episode_not_open", "study.episode_not_open",
                              {{"from", FormatDate(days->release_date)}, {"to", FormatDate(days->closing_date)}}));
    if (!domain::InStanding(ParseName(domain::MemberStatusNames(), (*m)->status).value_or(domain::MemberStatus::kRemoved)))
      return Fail(Error::Rule("member_not_in_standing", "study.member_not_in_standing"));
    c.member_id = who;
    c.org_id = (*m)->org_id;
  }
  c.checked_at = d_.clock.Now();
  c.recorded_by = a.username;
  Result<bool> created = d_.checkins ? d_.checkins->Submit(c) : [&]() -> Result<bool> {
    auto r = RecordCheckins(d_, {c});
    if (!r) return Fail(r.error());
    return r->front();
  }();
  if (!created) return Fail(created.error());
  if (*created) return CheckinResult{true, c};
  // Counted before: answer with the first participation.
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto first = StudyRepository(**conn).MemberCheckins(c.member_id, {episode_id});
  if (!first) return Fail(first.error());
  return CheckinResult{false, first->empty() ? c : first->front()};
}

Result<StudyImportReport> StudyService::Import(const Actor& a, int64_t episode_id, std::string_view bytes) {
  if (!a.Can(Permission::kStudyRecord)) return Fail(Error::Forbidden());
  StudyImportReport rep;
  std::vector<store::Checkin> rows;
  {  // the connection goes back to the pool before the participations are written
    auto conn = d_.db.Acquire();
    if (!conn) return Fail(conn.error());
    StudyRepository repo(**conn);
    auto episode = repo.GetEpisode(episode_id);
    if (!episode) return Fail(episode.error());
    if (!*episode) return Fail(Error::NotFound("study.episode_not_found"));
    auto table = sheet::Read(bytes, sheet::DetectFormat(bytes), kMaxImportRows);
    if (!table) return Fail(table.error());
    // Columns by header, in any order.
    enum Col { kName, kIdNumber, kMemberNo, kOrg, kTime, kCols };
    const std::vector<std::vector<std::string_view>> names = {
        {"姓名", "name"},
        {"身份证号码", "身份证号", "证件号码", "id_number"},
        {"团员编号", "member_no"},
        {"所在组织", "团组织", "组织", "org"},
        {"学习时间", "参学时间", "时间", "time"}};
    std::array<std::optional<size_t>, kCols> at;
    for (size_t i = 0; i < table->header.size(); ++i) {
      std::string h = Trim(table->header[i]);
      for (size_t c = 0; c < kCols; ++c)
        for (auto n : names[c])
          if (h == n && !at[c]) at[c] = i;
    }
    std::vector<ErrorDetail> details;
    auto problem_at = [&](std::string column, std::optional<int64_t> row, std::string code,
                          std::string key, MessageArgs args = {}) {
      details.push_back(ErrorDetail{std::move(column),
                                    row ? std::optional<int>(static_cast<int>(*row)) : std::nullopt,
                                    std::move(code), std::move(key), std::move(args)});
    };
    if (!at[kName])
      problem_at("姓名", std::nullopt, "missing_column", "study.import_missing_column",
                 {{"column", "姓名"}});
    if (!at[kIdNumber] && !at[kMemberNo])
      problem_at("身份证号码", std::nullopt, "missing_column", "study.import_missing_column",
                 {{"column", "身份证号码/团员编号"}});
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    struct Line {
      int64_t row;
      std::string name, id_number, member_no;
      Instant at;
    };
    std::vector<Line> lines;
    auto cell = [&](const std::vector<std::string>& r, std::optional<size_t> i) {
      return i ? Trim(r[*i]) : std::string();
    };
    Instant lo = Instant(std::chrono::sys_days((*episode)->release_date)) -
                 std::chrono::minutes(d_.zone.offset_minutes);
    Instant hi = Instant(std::chrono::sys_days((*episode)->closing_date) + std::chrono::days(1)) -
                 std::chrono::minutes(d_.zone.offset_minutes);
    for (size_t i = 0; i < table->rows.size(); ++i) {
      const auto& r = table->rows[i];
      Line l;
      l.row = i < table->source_rows.size() ? static_cast<int64_t>(table->source_rows[i])
                                            : static_cast<int64_t>(i + 1);
      l.name = cell(r, at[kName]);
      l.id_number = cell(r, at[kIdNumber]);
      for (auto& ch : l.id_number)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      l.member_no = cell(r, at[kMemberNo]);
      if (l.name.empty()) problem_at("姓名", l.row, "required", "common.required");
      if (l.id_number.empty() && l.member_no.empty())
        problem_at("身份证号码", l.row, "required", "study.import_needs_number");
      std::string when = cell(r, at[kTime]);
      if (when.empty()) {
        l.at = std::clamp(d_.clock.Now(), lo, hi - std::chrono::seconds(1));
      } else if (auto t = ParseLocalTime(when, d_.zone)) {
        if (*t < lo || *t >= hi)
          problem_at("学习时间", l.row, "outside_episode", "study.import_time_outside",
                     {{"from", FormatDate((*episode)->release_date)},
                      {"to", FormatDate((*episode)->closing_date)}});
        l.at = *t;
      } else {
        problem_at("学习时间", l.row, "invalid_format", "study.import_time_format");
      }
      lines.push_back(std::move(l));
    }
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));
    // Match by member number first, else by ID number; the name must agree.
    std::vector<std::string> numbers, hashes;
    for (const auto& l : lines) {
      if (!l.member_no.empty()) numbers.push_back(l.member_no);
      if (!l.id_number.empty())
        hashes.push_back(d_.cipher ? d_.cipher->LookupHash(l.id_number) : l.id_number);
    }
    auto found = repo.MatchMembers(numbers, hashes);
    if (!found) return Fail(found.error());
    std::map<std::string, const store::StudyMember*> by_no, by_hash;
    for (const auto& m : *found) {
      if (m.member_no) by_no[*m.member_no] = &m;
      if (m.id_number_hash) by_hash[*m.id_number_hash] = &m;
    }
    rep.rows = static_cast<int64_t>(lines.size());
    for (const auto& l : lines) {
      const store::StudyMember* m = nullptr;
      if (!l.member_no.empty())
        if (auto it = by_no.find(l.member_no); it != by_no.end()) m = it->second;
      if (!m && !l.id_number.empty())
        if (auto it = by_hash.find(d_.cipher ? d_.cipher->LookupHash(l.id_number) : l.id_number);
            it != by_hash.end())
          m = it->second;
      std::string problem;
      if (!m || !domain::InSubtree(a.org_path, m->org_path))
        problem = "not_found";  // outside the scope reads as absent
      else if (m->name != l.name)
        problem = "name_mismatch";
      else if (!domain::InStanding(ParseName(domain::MemberStatusNames(), m->status)
                                       .value_or(domain::MemberStatus::kRemoved)))
        problem = "not_in_standing";
      if (!problem.empty()) {
        rep.unmatched.push_back({l.row, l.name, problem});
        continue;
      }
      ++rep.matched;
      rows.push_back({episode_id, m->member_id, m->org_id, l.at, "import", a.username});
    }
  }
  if (!rows.empty()) {
    auto created = RecordCheckins(d_, rows);
    if (!created) return Fail(created.error());
    for (bool b : *created) (b ? rep.created : rep.already) += 1;
  }
  auto audit = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) {
    return AppendAudit(c, d_.clock, a,
                       {"study.import", "study_episode", episode_id, a.org_id,
                        JsonObjectWriter()
                            .Int("rows", rep.rows)
                            .Int("created", rep.created)
                            .Int("already", rep.already)
                            .Int("unmatched", static_cast<int64_t>(rep.unmatched.size()))
                            .str()});
  });
  if (!audit) return Fail(audit.error());
  return rep;
}

Result<std::pair<StudyFigures, std::vector<StudyFigures>>> StudyService::Ranking(const Actor& a, int64_t episode_id,
                                                                                 std::optional<int64_t> org_id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id.value_or(a.org_id));
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto e = StudyRepository(**conn).GetEpisode(episode_id);
  if (!e) return Fail(e.error());
  if (!*e) return Fail(Error::NotFound("study.episode_not_found"));
  auto children = ActiveChildren(**conn, *org);
  if (!children) return Fail(children.error());
  auto top = FiguresOf(**conn, *org, episode_id);
  if (!top) return Fail(top.error());
  std::vector<StudyFigures> rows;
  // An episode before the index's window: one count by org for all the children.
  std::optional<std::vector<std::pair<std::string, int64_t>>> counts;
  if (!d_.study || !d_.study->HasEpisode(episode_id)) {
    auto c = StudyRepository(**conn).EpisodeCounts(episode_id, org->path);
    if (!c) return Fail(c.error());
    counts = std::move(*c);
  }
  for (auto& ch : *children) {
    StudyFigures f;
    f.org = std::move(ch);
    if (d_.registry)
      f.members = d_.registry->InStanding(f.org.id).value_or(0);
    if (counts) {
      for (const auto& [path, n] : *counts)
        if (domain::InSubtree(f.org.path, path)) f.participants += n;
    } else {
      f.participants = d_.study->Participants(episode_id, f.org.id).value_or(0);
    }
    rows.push_back(std::move(f));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const StudyFigures& x, const StudyFigures& y) {
    return stats::RanksBefore(x.participants, x.members, y.participants, y.members);
  });
  return std::pair{std::move(*top), std::move(rows)};
}

Result<std::pair<domain::Org, std::vector<TrendPoint>>> StudyService::Trend(const Actor& a,
                                                                            std::optional<int64_t> org_id,
                                                                            std::optional<int64_t> season_id, int n) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto org = OrgInScope(**conn, a, org_id.value_or(a.org_id));
  if (!org) return Fail(org.error());
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  auto episodes = StudyRepository(**conn).LatestEpisodes(d_.Today(), std::clamp(n, 1, 104), season_id);
  if (!episodes) return Fail(episodes.error());
  std::vector<TrendPoint> points;
  for (const auto& e : *episodes) {
    auto f = FiguresOf(**conn, *org, e.id);
    if (!f) return Fail(f.error());
    points.push_back({e, f->participants, f->members});
  }
  return std::pair{std::move(*org), std::move(points)};
}

Result<store::Page<store::CheckinRow>> StudyService::Participants(const Actor& a, int64_t episode_id,
                                                                  std::optional<int64_t> org_id, bool subtree,
                                                                  store::PageRequest page) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  StudyRepository repo(*list->conn);
  auto e = repo.GetEpisode(episode_id);
  if (!e) return Fail(e.error());
  if (!*e) return Fail(Error::NotFound("study.episode_not_found"));
  return repo.Participants(episode_id, list->scope.path, list->scope.only_org, page);
}

Result<std::vector<std::pair<EpisodeView, std::optional<store::Checkin>>>> StudyService::OwnStudies(const Actor& a,
                                                                                                  int n) {
  if (!a.member_id || !a.Can(Permission::kSelfService)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  StudyRepository repo(**conn);
  auto episodes = repo.LatestEpisodes(d_.Today(), std::clamp(n, 1, 52), std::nullopt);
  if (!episodes) return Fail(episodes.error());
  std::vector<int64_t> ids;
  for (const auto& e : *episodes) ids.push_back(e.id);
  auto mine = repo.MemberCheckins(*a.member_id, ids);
  if (!mine) return Fail(mine.error());
  std::vector<std::pair<EpisodeView, std::optional<store::Checkin>>> out;
  Date today = d_.Today();
  for (auto it = episodes->rbegin(); it != episodes->rend(); ++it) {
    std::optional<store::Checkin> c;
    for (const auto& x : *mine)
      if (x.episode_id == it->id) c = x;
    out.push_back({EpisodeView{*it, OpenOn(*it, today), StudyFigures{}}, c});
  }
  return out;
}

Result<void> StudyService::RebuildIndex() {
  if (!d_.study) return {};
  std::unique_lock<std::shared_mutex> gate;
  if (d_.gate) gate = d_.gate->ForRebuild();
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  if (auto b = (*conn)->Begin(TxMode::kRead); !b) return Fail(b.error());
  auto orgs = store::OrgRepository(**conn).AllNodes();
  auto episodes = orgs ? StudyRepository(**conn).EpisodesFrom(IndexWindowStart(d_.Today()))
                       : Result<std::vector<store::Episode>>(Fail(orgs.error()));
  std::vector<int64_t> ids;
  std::vector<stats::StudyEpisode> kept;
  if (episodes)
    for (const auto& e : *episodes) {
      ids.push_back(e.id);
      kept.push_back({e.id, e.release_date, e.closing_date});
    }
  auto counts = episodes ? StudyRepository(**conn).CountsByOrg(ids)
                         : Result<std::vector<std::tuple<int64_t, int64_t, int64_t>>>(Fail(episodes.error()));
  (void)(*conn)->Rollback();
  if (!counts) return Fail(counts.error());
  std::vector<stats::StudyOrg> org_list;
  org_list.reserve(orgs->size());
  for (const auto& o : *orgs) org_list.push_back({o.id, o.parent_id});
  std::vector<stats::StudyCount> count_list;
  count_list.reserve(counts->size());
  for (const auto& [e, o, n] : *counts) count_list.push_back({e, o, n});
  d_.study->Rebuild(org_list, kept, count_list);
  return {};
}

}  // namespace tj::service
