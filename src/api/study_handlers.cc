// Youth Study (青年大学习): seasons, episodes, check-ins, the platform list's import, rankings,
// trends, participants, and a member's own studies.
#include "api/common.h"
#include "service/study_service.h"

namespace tj::api {
namespace {

using service::Authenticated;
using service::StudyService;

constexpr size_t kStudyImportLimit = 32u << 20;

json::object SeasonJson(const service::Deps& d, const store::Season& s) {
  return json::object{{"id", s.id},
                      {"name", s.name},
                      {"episodes", s.episodes},
                      {"created_at", InstantJson(d, s.created_at)},
                      {"created_by", s.created_by}};
}

json::object FiguresJson(const service::StudyFigures& f) {
  return json::object{{"org_id", f.org.id},
                      {"org_name", f.org.name},
                      {"participants", f.participants},
                      {"members", f.members},
                      {"rate_permille", f.rate_permille()}};
}

json::object EpisodeJson(const service::Deps& d, const service::EpisodeView& v) {
  const auto& e = v.episode;
  return json::object{{"id", e.id},
                      {"season_id", e.season_id},
                      {"season_name", e.season_name},
                      {"title", e.title},
                      {"release_date", FormatDate(e.release_date)},
                      {"closing_date", FormatDate(e.closing_date)},
                      {"open", v.open},
                      {"figures", FiguresJson(v.figures)},
                      {"created_at", InstantJson(d, e.created_at)},
                      {"created_by", e.created_by}};
}

json::object CheckinJson(const service::Deps& d, const store::Checkin& c) {
  return json::object{{"episode_id", c.episode_id},
                      {"member_id", c.member_id},
                      {"org_id", c.org_id},
                      {"checked_at", InstantJson(d, c.checked_at)},
                      {"source", c.source}};
}

Result<service::EpisodeFields> ReadEpisode(const http::Request& req) {
  auto body = ParseObject(req);
  if (!body) return Fail(body.error());
  FieldReader f(*body);
  service::EpisodeFields e{f.Int("season_id"), f.Str("title"), f.Str("release_date"), f.Str("closing_date")};
  if (auto fin = f.Finish(); !fin) return Fail(fin.error());
  return e;
}

constexpr const char* kEpisodeSchema =
    R"({"type":"object","properties":{"season_id":{"type":"integer"},"title":{"type":"string"},"release_date":{"type":"string","format":"date"},"closing_date":{"type":"string","format":"date"}}})";

}  // namespace

void RegisterStudyRoutes(http::Router& r, ApiContext& ctx) {
  r.Add({http::Method::kGet, "/api/v1/study/seasons",
         Authed(ctx, [&ctx](http::Request&, const Authenticated& who) -> Result<http::Response> {
           auto list = StudyService(ctx.deps).Seasons(who.actor);
           if (!list) return Fail(list.error());
           json::array items;
           for (const auto& s : *list) items.push_back(SeasonJson(ctx.deps, s));
           return JsonResponse(200, json::object{{"items", std::move(items)}});
         }),
         {"Youth Study seasons, newest first", "study", true, "", "", {}}});

  r.Add({http::Method::kPost, "/api/v1/study/seasons",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto name = f.Str("name");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto s = StudyService(ctx.deps).CreateSeason(who.actor, name.value_or(""));
           if (!s) return Fail(s.error());
           return JsonResponse(201, SeasonJson(ctx.deps, *s));
         }),
         {"Start a Youth Study season (committee staff of the top org)", "study", true,
          R"({"type":"object","required":["name"],"properties":{"name":{"type":"string"}}})", "", {}, 201}});

  r.Add({http::Method::kGet, "/api/v1/study/episodes",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto season = QueryInt(req, "season_id");
           if (!season) return Fail(season.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto list = StudyService(ctx.deps).Episodes(who.actor, *season, *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const service::EpisodeView& v) {
                                 return EpisodeJson(ctx.deps, v);
                               }));
         }),
         {"Youth Study episodes, newest first, with the caller's org's participation", "study", true, "", "",
          {"season_id", "page", "size"}}});

  r.Add({http::Method::kPost, "/api/v1/study/episodes",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto f = ReadEpisode(req);
           if (!f) return Fail(f.error());
           auto v = StudyService(ctx.deps).CreateEpisode(who.actor, *f);
           if (!v) return Fail(v.error());
           return JsonResponse(201, EpisodeJson(ctx.deps, *v));
         }),
         {"Add an episode to a season (committee staff of the top org)", "study", true, kEpisodeSchema, "", {}, 201}});

  r.Add({http::Method::kGet, "/api/v1/study/episodes/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto v = StudyService(ctx.deps).Episode(who.actor, *id);
           if (!v) return Fail(v.error());
           return JsonResponse(200, EpisodeJson(ctx.deps, *v));
         }),
         {"An episode with the caller's org's participation", "study", true, "", "", {}}});

  r.Add({http::Method::kPatch, "/api/v1/study/episodes/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto f = ReadEpisode(req);
           if (!f) return Fail(f.error());
           auto v = StudyService(ctx.deps).UpdateEpisode(who.actor, *id, *f);
           if (!v) return Fail(v.error());
           return JsonResponse(200, EpisodeJson(ctx.deps, *v));
         }),
         {"Change an episode's title or dates (committee staff of the top org)", "study", true, kEpisodeSchema, "",
          {}}});

  r.Add({http::Method::kPost, "/api/v1/study/episodes/{id}/checkins",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           std::optional<int64_t> member_id;
           if (!req.body.empty()) {
             auto body = ParseObject(req);
             if (!body) return Fail(body.error());
             FieldReader f(*body);
             member_id = f.Int("member_id");
             if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           }
           auto c = StudyService(ctx.deps).CheckIn(who.actor, *id, member_id);
           if (!c) return Fail(c.error());
           json::object o = CheckinJson(ctx.deps, c->checkin);
           o["created"] = c->created;
           return JsonResponse(c->created ? 201 : 200, o);
         }),
         {"Record a participation: the signed-in member's own (no body) or a member's ({\"member_id\"}, staff and "
          "integrations); 201 the first time, 200 after",
          "study", true, R"({"type":"object","properties":{"member_id":{"type":"integer"}}})", "", {}, 201}});

  r.Add({http::Method::kPost, "/api/v1/study/episodes/{id}/imports",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto rep = StudyService(ctx.deps).Import(who.actor, *id, req.body);
           if (!rep) return Fail(rep.error());
           json::array unmatched;
           for (const auto& u : rep->unmatched)
             unmatched.push_back(json::object{{"row", u.row}, {"name", u.name}, {"reason", u.reason}});
           return JsonResponse(200, json::object{{"rows", rep->rows},
                                                 {"matched", rep->matched},
                                                 {"created", rep->created},
                                                 {"already", rep->already},
                                                 {"unmatched", std::move(unmatched)}});
         }),
         {"Import the platform's participation list (CSV or XLSX) for an episode, matched to members", "study", true,
          "", "", {}},
         kStudyImportLimit});

  r.Add({http::Method::kGet, "/api/v1/study/episodes/{id}/ranking",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto rk = StudyService(ctx.deps).Ranking(who.actor, *id, *org_id);
           if (!rk) return Fail(rk.error());
           json::object o = FiguresJson(rk->first);
           o["episode_id"] = *id;
           json::array children;
           int64_t rank = 0;
           for (const auto& c : rk->second) {
             json::object x = FiguresJson(c);
             x["rank"] = ++rank;
             children.push_back(std::move(x));
           }
           o["children"] = std::move(children);
           return JsonResponse(200, o);
         }),
         {"An org's participation in an episode and its children's, ranked by rate", "study", true, "", "",
          {"org_id"}}});

  r.Add({http::Method::kGet, "/api/v1/study/episodes/{id}/participants",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto list = StudyService(ctx.deps).Participants(who.actor, *id, scope->org_id, scope->subtree, *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const store::CheckinRow& row) {
                                 json::object o = CheckinJson(ctx.deps, row.checkin);
                                 o["name"] = row.name;
                                 o["member_no"] = OptStrJson(row.member_no);
                                 o["org_name"] = row.org_name;
                                 o["recorded_by"] = row.checkin.recorded_by;
                                 return o;
                               }));
         }),
         {"Who took part in an episode, in the caller's scope, newest first", "study", true, "", "",
          {"org_id", "subtree", "page", "size"}}});

  r.Add({http::Method::kGet, "/api/v1/study/trend",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto season = QueryInt(req, "season_id");
           if (!season) return Fail(season.error());
           auto n = QueryInt(req, "n");
           if (!n) return Fail(n.error());
           auto t = StudyService(ctx.deps).Trend(who.actor, *org_id, *season,
                                                 static_cast<int>(std::clamp<int64_t>(n->value_or(12), 1, 104)));
           if (!t) return Fail(t.error());
           json::array points;
           for (const auto& p : t->second)
             points.push_back(json::object{{"episode_id", p.episode.id},
                                           {"title", p.episode.title},
                                           {"release_date", FormatDate(p.episode.release_date)},
                                           {"participants", p.participants},
                                           {"members", p.members},
                                           {"rate_permille", p.members ? p.participants * 1000 / p.members : 0}});
           return JsonResponse(200, json::object{{"org_id", t->first.id},
                                                 {"org_name", t->first.name},
                                                 {"points", std::move(points)}});
         }),
         {"An org's participation over the latest episodes (n, default 12; of a season if given), oldest first",
          "study", true, "", "", {"org_id", "season_id", "n"}}});

  r.Add({http::Method::kGet, "/api/v1/me/studies",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto n = QueryInt(req, "n");
           if (!n) return Fail(n.error());
           auto own = StudyService(ctx.deps).OwnStudies(who.actor, static_cast<int>(std::clamp<int64_t>(n->value_or(12), 1, 52)));
           if (!own) return Fail(own.error());
           json::array items;
           for (const auto& [v, c] : *own)
             items.push_back(json::object{{"episode_id", v.episode.id},
                                          {"title", v.episode.title},
                                          {"season_name", v.episode.season_name},
                                          {"release_date", FormatDate(v.episode.release_date)},
                                          {"closing_date", FormatDate(v.episode.closing_date)},
                                          {"open", v.open},
                                          {"checked_at", c ? InstantJson(ctx.deps, c->checked_at) : json::value(nullptr)}});
           return JsonResponse(200, json::object{{"items", std::move(items)}});
         }),
         {"The latest episodes with the signed-in member's own participation (self-service)", "self-service", true,
          "", "", {"n"}}});
}

}  // namespace tj::api
