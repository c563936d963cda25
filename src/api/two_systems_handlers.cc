// The two systems (两制): annual evaluations and registration; and Party recommendation.
#include "api/common.h"
#include "service/two_systems_service.h"

namespace tj::api {
namespace {

using service::Authenticated;
using service::TwoSystemsService;


json::object EvaluationJson(const service::Deps& d, const store::Evaluation& e) {
  return json::object{{"id", e.id},
                      {"org_id", e.org_id},
                      {"org_name", e.org_name},
                      {"year", e.year},
                      {"status", NameOf(domain::EvaluationStatusNames(), e.status)},
                      {"meeting_date", OptDateJson(e.meeting_date)},
                      {"due", e.due},
                      {"present", e.present},
                      {"rated", e.rated},
                      {"excellent", e.excellent},
                      {"rule_year", OptIntJson(e.rule_year)},
                      {"rule_version", OptIntJson(e.rule_version)},
                      {"submitted_at", OptInstantJson(d, e.submitted_at)},
                      {"submitted_by", NonEmptyJson(e.submitted_by)},
                      {"approved_at", OptInstantJson(d, e.approved_at)},
                      {"approved_by", NonEmptyJson(e.approved_by)},
                      {"returned_note", e.returned_note},
                      {"created_at", InstantJson(d, e.created_at)},
                      {"created_by", e.created_by}};
}

json::object DetailJson(const service::Deps& d, const service::EvaluationDetail& detail) {
  json::object o = EvaluationJson(d, detail.evaluation);
  o["excellent_cap"] = detail.excellent_cap;
  o["quorum_met"] = detail.quorum_met;
  json::array entries;
  for (const auto& l : detail.lines)
    entries.push_back(json::object{
        {"member_id", l.entry.member_id},
        {"name", l.name},
        {"member_no", OptStrJson(l.member_no)},
        {"present", l.entry.present},
        {"grade", l.entry.grade ? json::value(NameOf(domain::GradeNames(), *l.entry.grade)) : json::value(nullptr)}});
  o["entries"] = std::move(entries);
  return o;
}

json::object ProgressJson(const service::ProgressRow& r) {
  const auto& p = r.progress;
  return json::object{{"org_id", r.org.id},         {"org_name", r.org.name},
                      {"branches", p.branches},     {"started", p.started},
                      {"submitted", p.submitted},   {"approved", p.approved},
                      {"members_due", p.members_due}, {"members_rated", p.members_rated}};
}

json::object CampaignJson(const service::Deps& d, const store::RegistrationCampaign& c) {
  return json::object{{"year", c.year},
                      {"opens_on", FormatDate(c.opens_on)},
                      {"deadline", FormatDate(c.deadline)},
                      {"created_at", InstantJson(d, c.created_at)},
                      {"created_by", c.created_by}};
}

json::object LineJson(const store::RegistrationLine& l) {
  return json::object{{"member_id", l.member_id},
                      {"name", l.name},
                      {"member_no", OptStrJson(l.member_no)},
                      {"org_id", l.org_id},
                      {"org_name", l.org_name},
                      {"state", NameOf(domain::RegistrationStateNames(), l.state)},
                      {"grade", l.grade ? json::value(NameOf(domain::GradeNames(), *l.grade)) : json::value(nullptr)},
                      {"grade_year", OptIntJson(l.grade_year)},
                      {"registered_on", OptDateJson(l.registered_on)}};
}

json::object RateJson(const service::RegistrationRate& r) {
  // The rate in per mille, rounded down, so it stays an integer.
  int64_t permille = r.members > 0 ? r.registered * 1000 / r.members : 0;
  return json::object{{"org_id", r.org.id},
                      {"org_name", r.org.name},
                      {"members", r.members},
                      {"registered", r.registered},
                      {"rate_permille", permille}};
}

json::object RecommendationJson(const service::Deps& d, const store::Recommendation& p) {
  return json::object{{"id", p.id},
                      {"member_id", p.member_id},
                      {"member_name", p.member_name},
                      {"member_no", OptStrJson(p.member_no)},
                      {"org_id", p.org_id},
                      {"org_name", p.org_name},
                      {"year", p.year},
                      {"party_applied_on", FormatDate(p.party_applied_on)},
                      {"stage", NameOf(domain::RecommendationStageNames(), p.stage)},
                      {"nominated_on", FormatDate(p.nominated_on)},
                      {"reason", p.reason},
                      {"voted_on", OptDateJson(p.voted_on)},
                      {"eligible", OptIntJson(p.eligible)},
                      {"present", OptIntJson(p.present)},
                      {"yes", OptIntJson(p.yes)},
                      {"reviewed_on", OptDateJson(p.reviewed_on)},
                      {"rank", OptIntJson(p.rank)},
                      {"note", p.note},
                      {"created_at", InstantJson(d, p.created_at)},
                      {"created_by", p.created_by},
                      {"updated_at", InstantJson(d, p.updated_at)}};
}

Result<std::optional<int>> QueryYear(const http::Request& req, std::string_view name = "year") {
  auto y = QueryInt(req, name);
  if (!y) return Fail(y.error());
  if (!*y) return std::optional<int>();
  if (**y < 2000 || **y > 2100) return Fail(Error::BadRequest("common.bad_parameter", {{"name", std::string(name)}}));
  return std::optional<int>(static_cast<int>(**y));
}

Result<int> PathYear(const http::Request& req) {
  auto y = PathId(req, "year");
  if (!y) return Fail(y.error());
  if (*y < 2000 || *y > 2100) return Fail(Error::BadRequest("common.bad_parameter", {{"name", "year"}}));
  return static_cast<int>(*y);
}

// The year a view is about: the query's, else this year.
int YearOr(const std::optional<int>& y, const service::Deps& d) { return y.value_or(int(d.Today().year())); }

// The entries of PUT /evaluations/{id}/entries.
Result<std::vector<service::EntryFields>> ReadEntries(const json::object& body) {
  std::vector<service::EntryFields> out;
  auto it = body.find("entries");
  if (it == body.end() || it->value().is_null()) return out;
  if (!it->value().is_array())
    return Fail(Error::Validation({ErrorDetail{"entries", std::nullopt, "wrong_type", "common.wrong_type", {}}}));
  std::vector<ErrorDetail> details;
  size_t i = 0;
  for (const auto& v : it->value().as_array()) {
    std::string field = "entries[" + std::to_string(i++) + "]";
    if (!v.is_object()) {
      details.push_back(ErrorDetail{field, std::nullopt, "wrong_type", "common.wrong_type", {}});
      continue;
    }
    FieldReader f(v.as_object());
    service::EntryFields e;
    auto id = f.Int("member_id");
    e.grade = f.Str("grade");
    if (auto p = v.as_object().find("present"); p != v.as_object().end() && !p->value().is_null()) {
      if (p->value().is_bool()) e.present = p->value().as_bool();
      else details.push_back(ErrorDetail{field + ".present", std::nullopt, "wrong_type", "common.wrong_type", {}});
    }
    if (auto fin = f.Finish(); !fin) {
      for (auto d : fin.error().details) {
        d.field = field + "." + d.field;
        details.push_back(std::move(d));
      }
      continue;
    }
    if (!id) {
      details.push_back(FieldError(field + ".member_id", "required", "common.required"));
      continue;
    }
    e.member_id = *id;
    out.push_back(std::move(e));
  }
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return out;
}

constexpr const char* kEntriesSchema =
    R"({"type":"object","properties":{"meeting_date":{"type":"string","format":"date"},"entries":{"type":"array","items":{"type":"object","required":["member_id"],"properties":{"member_id":{"type":"integer"},"present":{"type":"boolean"},"grade":{"type":["string","null"],"enum":["excellent","qualified","basically_qualified","unqualified","",null]}}}}}})";

}  // namespace

void RegisterTwoSystemsRoutes(http::Router& r, ApiContext& ctx) {
  // --- Evaluation
  r.Add({http::Method::kGet, "/api/v1/evaluations",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto year = QueryYear(req);
           if (!year) return Fail(year.error());
           auto list = TwoSystemsService(ctx.deps).ListEvaluations(who.actor, scope->org_id, scope->subtree, *year,
                                                                   QueryStr(req, "status"), *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const store::Evaluation& e) {
                                 return EvaluationJson(ctx.deps, e);
                               }));
         }),
         {"Branch evaluations (教育评议) in the caller's scope", "two-systems", true, "", "",
          {"org_id", "subtree", "year", "status", "page", "size"}}});

  r.Add({http::Method::kGet, "/api/v1/evaluations/progress",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto year = QueryYear(req);
           if (!year) return Fail(year.error());
           auto p = TwoSystemsService(ctx.deps).Progress(who.actor, *org_id, YearOr(*year, ctx.deps));
           if (!p) return Fail(p.error());
           json::object o = ProgressJson(p->first);
           o["year"] = YearOr(*year, ctx.deps);
           json::array children;
           for (const auto& c : p->second) children.push_back(ProgressJson(c));
           o["children"] = std::move(children);
           return JsonResponse(200, o);
         }),
         {"The year's evaluation progress of an org's subtree and of each child org", "two-systems", true, "",
          "", {"org_id", "year"}}});

  r.Add({http::Method::kPost, "/api/v1/evaluations",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto org_id = f.Int("org_id");
           auto year = f.Int("year");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto d = TwoSystemsService(ctx.deps).OpenEvaluation(who.actor, org_id, year);
           if (!d) return Fail(d.error());
           return JsonResponse(201, DetailJson(ctx.deps, *d));
         }),
         {"Open a branch's evaluation for a year (its members in standing are due)", "two-systems", true,
          R"({"type":"object","required":["org_id","year"],"properties":{"org_id":{"type":"integer"},"year":{"type":"integer"}}})",
          "", {}, 201}});

  r.Add({http::Method::kGet, "/api/v1/evaluations/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto d = TwoSystemsService(ctx.deps).GetEvaluation(who.actor, *id);
           if (!d) return Fail(d.error());
           return JsonResponse(200, DetailJson(ctx.deps, *d));
         }),
         {"Read an evaluation with its members' attendance and grades", "two-systems", true, "", "", {}}});

  r.Add({http::Method::kPut, "/api/v1/evaluations/{id}/entries",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto meeting = f.Str("meeting_date");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto entries = ReadEntries(*body);
           if (!entries) return Fail(entries.error());
           auto d = TwoSystemsService(ctx.deps).SaveEntries(who.actor, *id, meeting, *entries);
           if (!d) return Fail(d.error());
           return JsonResponse(200, DetailJson(ctx.deps, *d));
         }),
         {"Record the meeting date, attendance and proposed grades of an open evaluation", "two-systems", true,
          kEntriesSchema, "", {}}});

  auto evaluation_action = [&r, &ctx](const char* path, const char* summary, auto call) {
    r.Add({http::Method::kPost, path,
           Authed(ctx, [&ctx, call](http::Request& req, const Authenticated& who) -> Result<http::Response> {
             auto id = PathId(req);
             if (!id) return Fail(id.error());
             auto body = ParseObject(req);
             if (!body) return Fail(body.error());
             FieldReader f(*body);
             auto note = f.Str("note");
             if (auto fin = f.Finish(); !fin) return Fail(fin.error());
             TwoSystemsService svc(ctx.deps);
             auto d = call(svc, who.actor, *id, note);
             if (!d) return Fail(d.error());
             return JsonResponse(200, DetailJson(ctx.deps, *d));
           }),
           {summary, "two-systems", true,
            R"({"type":"object","properties":{"note":{"type":"string"}}})", "", {}}});
  };
  evaluation_action("/api/v1/evaluations/{id}/submit",
                    "Submit an evaluation to the committee above (every member graded, quorum, 优秀 cap)",
                    [](TwoSystemsService& s, const service::Actor& a, int64_t id, const std::optional<std::string>&) {
                      return s.Submit(a, id);
                    });
  evaluation_action("/api/v1/evaluations/{id}/approve",
                    "Approve a submitted evaluation (the committee above): grades go on the members' records",
                    [](TwoSystemsService& s, const service::Actor& a, int64_t id, const std::optional<std::string>&) {
                      return s.Approve(a, id);
                    });
  evaluation_action("/api/v1/evaluations/{id}/return",
                    "Return a submitted evaluation to the branch with a note (the committee above)",
                    [](TwoSystemsService& s, const service::Actor& a, int64_t id, const std::optional<std::string>& note) {
                      return s.Return(a, id, note);
                    });

  r.Add({http::Method::kGet, "/api/v1/members/{id}/evaluations",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto grades = TwoSystemsService(ctx.deps).MemberGrades(who.actor, *id);
           if (!grades) return Fail(grades.error());
           json::array items;
           for (const auto& g : *grades)
             items.push_back(json::object{{"year", g.year},
                                          {"grade", NameOf(domain::GradeNames(), g.grade)},
                                          {"org_name", g.org_name},
                                          {"approved_at", OptInstantJson(ctx.deps, g.approved_at)}});
           return JsonResponse(200, json::object{{"items", std::move(items)}});
         }),
         {"A member's approved evaluation grades, newest year first", "two-systems", true, "", "", {}}});

  // --- Registration
  r.Add({http::Method::kGet, "/api/v1/registrations/campaigns",
         Authed(ctx, [&ctx](http::Request&, const Authenticated& who) -> Result<http::Response> {
           auto list = TwoSystemsService(ctx.deps).Campaigns(who.actor);
           if (!list) return Fail(list.error());
           json::array items;
           for (const auto& c : *list) items.push_back(CampaignJson(ctx.deps, c));
           return JsonResponse(200, json::object{{"items", std::move(items)}});
         }),
         {"The years whose registration (团籍注册) is open, newest first", "two-systems", true, "", "", {}}});

  r.Add({http::Method::kPost, "/api/v1/registrations/campaigns",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto year = f.Int("year");
           auto opens = f.Str("opens_on");
           auto deadline = f.Str("deadline");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto c = TwoSystemsService(ctx.deps).OpenCampaign(who.actor, year, opens, deadline);
           if (!c) return Fail(c.error());
           return JsonResponse(201, CampaignJson(ctx.deps, *c));
         }),
         {"Open a year's registration (the top committee)", "two-systems", true,
          R"({"type":"object","required":["year","opens_on","deadline"],"properties":{"year":{"type":"integer"},"opens_on":{"type":"string","format":"date"},"deadline":{"type":"string","format":"date"}}})",
          "", {}, 201}});

  r.Add({http::Method::kGet, "/api/v1/registrations/{year}/members",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto year = PathYear(req);
           if (!year) return Fail(year.error());
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto list = TwoSystemsService(ctx.deps).Lines(who.actor, *year, scope->org_id, scope->subtree,
                                                         QueryStr(req, "state"), *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [](const store::RegistrationLine& l) { return LineJson(l); }));
         }),
         {"Members in standing with their registration state for the year", "two-systems", true, "", "",
          {"org_id", "subtree", "state", "page", "size"}}});

  r.Add({http::Method::kPost, "/api/v1/registrations/{year}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto year = PathYear(req);
           if (!year) return Fail(year.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto ids = f.IntList("member_ids");
           auto date = f.Str("date");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto n = TwoSystemsService(ctx.deps).Register(who.actor, *year, ids.value_or(std::vector<int64_t>{}), date);
           if (!n) return Fail(n.error());
           return JsonResponse(200, json::object{{"registered", *n}});
         }),
         {"Register members for the year (all or none; each rated 基本合格 or better)", "two-systems", true,
          R"({"type":"object","required":["member_ids","date"],"properties":{"member_ids":{"type":"array","items":{"type":"integer"}},"date":{"type":"string","format":"date"}}})",
          "", {}}});

  r.Add({http::Method::kGet, "/api/v1/registrations/{year}/rates",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto year = PathYear(req);
           if (!year) return Fail(year.error());
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto rates = TwoSystemsService(ctx.deps).Rates(who.actor, *org_id, *year);
           if (!rates) return Fail(rates.error());
           json::object o = RateJson(rates->first);
           o["year"] = *year;
           json::array children;
           for (const auto& c : rates->second) children.push_back(RateJson(c));
           o["children"] = std::move(children);
           return JsonResponse(200, o);
         }),
         {"The year's registration rate of an org's subtree and of each child org", "two-systems", true, "", "",
          {"org_id"}}});

  // --- Party recommendation
  r.Add({http::Method::kGet, "/api/v1/party-recommendations",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto year = QueryYear(req);
           if (!year) return Fail(year.error());
           auto member = QueryInt(req, "member_id");
           if (!member) return Fail(member.error());
           auto list = TwoSystemsService(ctx.deps).Recommendations(who.actor, scope->org_id, scope->subtree, *year,
                                                                   QueryStr(req, "stage"), *member, *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const store::Recommendation& p) {
                                 return RecommendationJson(ctx.deps, p);
                               }));
         }),
         {"Party recommendations (推优入党) in the caller's scope, ranked first", "two-systems", true, "", "",
          {"org_id", "subtree", "year", "stage", "member_id", "page", "size"}}});

  r.Add({http::Method::kPost, "/api/v1/party-recommendations",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::NominationFields n{f.Int("member_id"), f.Str("party_applied_on"), f.Str("date"), f.Str("reason")};
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto p = TwoSystemsService(ctx.deps).Nominate(who.actor, n);
           if (!p) return Fail(p.error());
           return JsonResponse(201, RecommendationJson(ctx.deps, *p));
         }),
         {"Nominate a member for Party recommendation (the branch committee)", "two-systems", true,
          R"({"type":"object","required":["member_id","party_applied_on","date"],"properties":{"member_id":{"type":"integer"},"party_applied_on":{"type":"string","format":"date"},"date":{"type":"string","format":"date"},"reason":{"type":"string"}}})",
          "", {}, 201}});

  r.Add({http::Method::kPost, "/api/v1/party-recommendations/{id}/vote",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::VoteFields v{f.Str("date"), f.Int("eligible"), f.Int("present"), f.Int("yes")};
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto p = TwoSystemsService(ctx.deps).RecordVote(who.actor, *id, v);
           if (!p) return Fail(p.error());
           return JsonResponse(200, RecommendationJson(ctx.deps, *p));
         }),
         {"Record the general meeting's vote that recommends the member", "two-systems", true,
          R"({"type":"object","required":["date","eligible","present","yes"],"properties":{"date":{"type":"string","format":"date"},"eligible":{"type":"integer"},"present":{"type":"integer"},"yes":{"type":"integer"}}})",
          "", {}}});

  r.Add({http::Method::kPost, "/api/v1/party-recommendations/{id}/review",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::ReviewFields v{f.Str("date"), f.Str("decision"), f.Int("rank"), f.Str("note")};
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto p = TwoSystemsService(ctx.deps).Review(who.actor, *id, v);
           if (!p) return Fail(p.error());
           return JsonResponse(200, RecommendationJson(ctx.deps, *p));
         }),
         {"Review and rank a recommendation (the committee above)", "two-systems", true,
          R"({"type":"object","required":["date","decision"],"properties":{"date":{"type":"string","format":"date"},"decision":{"type":"string","enum":["accepted","declined"]},"rank":{"type":"integer","minimum":1},"note":{"type":"string"}}})",
          "", {}}});
}

}  // namespace tj::api
