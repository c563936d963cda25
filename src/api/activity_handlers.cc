// Organizational life (组织生活): activities with attendance, topic lists, compliance, monthly
// reports, the year's figures, and a member's own classes.
#include "api/common.h"
#include "base/text.h"
#include "service/activity_service.h"

namespace tj::api {
namespace {

using service::ActivityService;
using service::Authenticated;

std::string KindName(domain::ActivityKind k) { return std::string(NameOf(domain::ActivityKindNames(), k)); }

json::object ActivityJson(const service::Deps& d, const store::ActivityRow& a) {
  json::array guests;
  for (const auto& g : a.guests) guests.push_back(json::value(g));
  return json::object{{"id", a.id},
                      {"org_id", a.org_id},
                      {"org_name", a.org_name},
                      {"kind", KindName(a.draft.kind)},
                      {"held_on", FormatDate(a.draft.held_on)},
                      {"place", a.draft.place},
                      {"topic", a.draft.topic},
                      {"topic_id", OptIntJson(a.draft.topic_id)},
                      {"topic_required", a.topic_required},
                      {"class_hours", a.draft.kind == domain::ActivityKind::kClass ? HalfHoursJson(a.draft.class_half_hours)
                                                                                   : json::value(nullptr)},
                      {"teacher", a.draft.teacher},
                      {"summary", a.draft.summary},
                      {"guests", std::move(guests)},
                      {"participants", a.participants},
                      {"present_count", a.present},
                      {"leave_count", a.leave},
                      {"absent_count", a.absent},
                      {"created_at", InstantJson(d, a.created_at)},
                      {"created_by", a.created_by},
                      {"updated_at", InstantJson(d, a.updated_at)}};
}

json::object DetailJson(const service::Deps& d, const service::ActivityDetail& x) {
  json::object o = ActivityJson(d, x.row);
  json::array att, apps;
  for (const auto& r : x.attendance)
    att.push_back(json::object{{"member_id", r.member_id},
                               {"name", r.name},
                               {"member_no", OptStrJson(r.member_no)},
                               {"status", NameOf(domain::AttendanceNames(), r.status)}});
  for (const auto& r : x.applicants) apps.push_back(json::object{{"applicant_id", r.applicant_id}, {"name", r.name}});
  o["attendance"] = std::move(att);
  o["applicants"] = std::move(apps);
  json::array files;
  for (const auto& f : x.files)
    files.push_back(json::object{{"id", f.id},
                                 {"name", f.name},
                                 {"content_type", f.content_type},
                                 {"size", f.size},
                                 {"url", "/api/v1/activities/" + std::to_string(f.activity_id) + "/files/" + std::to_string(f.id)},
                                 {"created_at", InstantJson(d, f.created_at)},
                                 {"created_by", f.created_by}});
  o["files"] = std::move(files);
  return o;
}

json::object TopicJson(const service::Deps& d, const store::Topic& t) {
  return json::object{{"id", t.id},           {"org_id", t.org_id},     {"org_name", t.org_name},
                      {"year", t.year},       {"title", t.title},       {"required", t.required},
                      {"created_at", InstantJson(d, t.created_at)}, {"created_by", t.created_by}};
}

json::object TotalsJson(const domain::Org& org, const store::KindTotals& t) {
  json::array kinds;
  int64_t count = 0, participants = 0;
  for (size_t k = 0; k < domain::kActivityKindCount; ++k) {
    kinds.push_back(json::object{{"kind", KindName(static_cast<domain::ActivityKind>(k))},
                                 {"count", t.count[k]},
                                 {"participants", t.participants[k]}});
    count += t.count[k];
    participants += t.participants[k];
  }
  return json::object{{"org_id", org.id},
                      {"org_name", org.name},
                      {"count", count},
                      {"participants", participants},
                      {"by_kind", std::move(kinds)}};
}

std::string StatusName(domain::ComplianceStatus s) {
  return std::string(NameOf(domain::ComplianceStatusNames(), s));
}

json::object CountJson(const service::ComplianceCount& c) {
  return json::object{{"org_id", c.org.id},
                      {"org_name", c.org.name},
                      {"org_type", NameOf(domain::OrgTypeNames(), c.org.type)},
                      {"branch_count", c.branches},
                      {"met", c.met},
                      {"behind", c.behind},
                      {"missed", c.missed},
                      {"upcoming", c.upcoming},
                      {"rate_permille", c.branches ? c.met * 1000 / c.branches : 0}};
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::value(s));
  return a;
}

json::object ReportJson(const service::Deps& d, const store::ReportRow& r) {
  json::object counts;
  int64_t total = 0;
  for (size_t k = 0; k < domain::kActivityKindCount; ++k) {
    counts[KindName(static_cast<domain::ActivityKind>(k))] = r.counts[k];
    total += r.counts[k];
  }
  return json::object{{"id", r.id},
                      {"org_id", r.org_id},
                      {"org_name", r.org_name},
                      {"month", domain::FormatMonth(r.month)},
                      {"state", r.state},
                      {"counts", std::move(counts)},
                      {"activities", total},
                      {"participants", r.participants},
                      {"note", r.note},
                      {"comment", r.comment},
                      {"submitted_at", InstantJson(d, r.submitted_at)},
                      {"submitted_by", r.submitted_by},
                      {"reviewed_at", OptInstantJson(d, r.reviewed_at)},
                      {"reviewed_by", OptStrJson(r.reviewed_by)}};
}

// The body of a create or update. Attendance is [{"member_id","status"}].
Result<service::ActivityInput> ReadActivity(const http::Request& req) {
  auto body = ParseObject(req);
  if (!body) return Fail(body.error());
  FieldReader f(*body);
  service::ActivityInput in;
  in.org_id = f.Int("org_id");
  in.fields.kind = f.Str("kind");
  in.fields.held_on = f.Str("held_on");
  in.fields.place = f.Str("place");
  in.fields.topic = f.Str("topic");
  if (auto it = body->find("topic_id"); it != body->end() && it->value().is_null())
    in.clear_topic_id = true;
  else
    in.fields.topic_id = f.Int("topic_id");
  // A bound against overflow only: the domain checks 0.5–8 hours (out_of_range).
  in.fields.class_half_hours = f.HalfHours("class_hours", 10000, "activity.class_hours_range");
  in.fields.teacher = f.Str("teacher");
  in.fields.summary = f.Str("summary");
  in.applicants = f.IntList("applicants");
  in.guests = f.StrList("guests");
  std::vector<ErrorDetail> details;
  if (auto it = body->find("attendance"); it != body->end()) {
    if (!it->value().is_array()) {
      details.push_back(FieldError("attendance", "wrong_type", "common.wrong_type"));
    } else {
      in.attendance.emplace();
      const auto& arr = it->value().as_array();
      for (size_t i = 0; i < arr.size(); ++i) {
        const auto* o = arr[i].if_object();
        const json::value* m = o ? o->if_contains("member_id") : nullptr;
        const json::value* s = o ? o->if_contains("status") : nullptr;
        if (!m || !m->is_int64() || (s && !s->is_string())) {
          details.push_back(FieldError("attendance[" + std::to_string(i) + "]", "wrong_type", "common.wrong_type"));
          continue;
        }
        in.attendance->emplace_back(m->as_int64(), s ? std::string(s->as_string()) : "present");
      }
    }
  }
  auto fin = f.Finish();
  if (!fin) {
    auto e = fin.error();
    e.details.insert(e.details.end(), details.begin(), details.end());
    return Fail(std::move(e));
  }
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return in;
}

constexpr const char* kActivitySchema =
    R"({"type":"object","properties":{"org_id":{"type":"integer"},"kind":{"type":"string","enum":["general_meeting","committee_meeting","group_meeting","class","themed_day","pioneer_day","other"]},"held_on":{"type":"string","format":"date"},"place":{"type":"string"},"topic":{"type":"string"},"topic_id":{"type":["integer","null"]},"class_hours":{"type":"number","multipleOf":0.5},"teacher":{"type":"string"},"summary":{"type":"string"},"attendance":{"type":"array","items":{"type":"object","required":["member_id"],"properties":{"member_id":{"type":"integer"},"status":{"type":"string","enum":["present","leave","absent"]}}}},"applicants":{"type":"array","items":{"type":"integer"}},"guests":{"type":"array","items":{"type":"string"}}}})";

}  // namespace

void RegisterActivityRoutes(http::Router& r, ApiContext& ctx) {
  r.Add({http::Method::kGet, "/api/v1/activities",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           service::ActivityListRequest lr;
           lr.org_id = scope->org_id;
           lr.subtree = scope->subtree;
           if (auto k = QueryStr(req, "kind"); k && !k->empty()) {
             size_t start = 0;
             while (start <= k->size()) {
               size_t end = k->find(',', start);
               if (end == std::string::npos) end = k->size();
               lr.kinds.push_back(k->substr(start, end - start));
               start = end + 1;
             }
           }
           lr.from = QueryStr(req, "from");
           lr.to = QueryStr(req, "to");
           lr.q = QueryStr(req, "q");
           lr.page = *page;
           auto list = ActivityService(ctx.deps).List(who.actor, lr);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const store::ActivityRow& a) {
                                 return ActivityJson(ctx.deps, a);
                               }));
         }),
         {"Meetings, classes and themed days of orgs in the caller's scope, newest first", "activities", true, "",
          "", {"org_id", "subtree", "kind", "from", "to", "q", "page", "size"}}});

  r.Add({http::Method::kPost, "/api/v1/activities",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto in = ReadActivity(req);
           if (!in) return Fail(in.error());
           auto d = ActivityService(ctx.deps).Create(who.actor, *in);
           if (!d) return Fail(d.error());
           return JsonResponse(201, DetailJson(ctx.deps, *d));
         }),
         {"Record a meeting, class or themed day with its attendance (applicants at a class get its hours)",
          "activities", true, kActivitySchema, "", {}, 201}});

  r.Add({http::Method::kGet, "/api/v1/activities/roster",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto roster = ActivityService(ctx.deps).RosterOf(who.actor, org_id->value_or(who.actor.org_id));
           if (!roster) return Fail(roster.error());
           json::array members, applicants;
           for (const auto& m : roster->members)
             members.push_back(json::object{{"member_id", m.member_id}, {"name", m.name}, {"member_no", OptStrJson(m.member_no)}});
           for (const auto& a : roster->applicants)
             applicants.push_back(json::object{{"applicant_id", a.applicant_id}, {"name", a.name}, {"stage", a.stage}});
           return JsonResponse(200, json::object{{"members", std::move(members)}, {"applicants", std::move(applicants)}});
         }),
         {"Who may attend an org's activity: members in standing and open applicants of its subtree",
          "activities", true, "", "", {"org_id"}}});

  r.Add({http::Method::kGet, "/api/v1/activities/stats",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto year = QueryYear(req, ctx.deps);
           if (!year) return Fail(year.error());
           auto s = ActivityService(ctx.deps).Stats(who.actor, *org_id, *year);
           if (!s) return Fail(s.error());
           json::object o = TotalsJson(s->first.org, s->first.totals);
           o["year"] = *year;
           json::array children;
           for (const auto& c : s->second) children.push_back(TotalsJson(c.org, c.totals));
           o["children"] = std::move(children);
           return JsonResponse(200, o);
         }),
         {"Activities held and participants (person-times) in a year by kind, for a subtree and each child",
          "activities", true, "", "", {"org_id", "year"}}});

  r.Add({http::Method::kGet, "/api/v1/activities/topics",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto year = QueryYear(req, ctx.deps);
           if (!year) return Fail(year.error());
           auto list = ActivityService(ctx.deps).Topics(who.actor, *year);
           if (!list) return Fail(list.error());
           json::array items;
           for (const auto& t : *list) items.push_back(TopicJson(ctx.deps, t));
           return JsonResponse(200, json::object{{"year", *year}, {"items", std::move(items)}});
         }),
         {"The year's topic lists of the caller's org and the committees above it", "activities", true, "", "",
          {"year"}}});

  r.Add({http::Method::kPost, "/api/v1/activities/topics",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto year = f.Int("year");
           auto title = f.Str("title");
           auto required = f.Bool("required");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto t = ActivityService(ctx.deps).CreateTopic(
               who.actor, static_cast<int>(year.value_or(static_cast<int>(ctx.deps.Today().year()))), title.value_or(""),
               required.value_or(false));
           if (!t) return Fail(t.error());
           return JsonResponse(201, TopicJson(ctx.deps, *t));
         }),
         {"Add a topic to the caller's org's list for a year (required or optional)", "activities", true,
          R"({"type":"object","required":["title"],"properties":{"year":{"type":"integer"},"title":{"type":"string"},"required":{"type":"boolean"}}})",
          "", {}, 201}});

  r.Add({http::Method::kDelete, "/api/v1/activities/topics/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           if (auto d = ActivityService(ctx.deps).DeleteTopic(who.actor, *id); !d) return Fail(d.error());
           return NoContent();
         }),
         {"Take an unused topic off the caller's org's list", "activities", true, "", "", {}, 204}});

  r.Add({http::Method::kGet, "/api/v1/activities/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto d = ActivityService(ctx.deps).Get(who.actor, *id);
           if (!d) return Fail(d.error());
           return JsonResponse(200, DetailJson(ctx.deps, *d));
         }),
         {"An activity with its attendance, applicants and guests", "activities", true, "", "", {}}});

  r.Add({http::Method::kPatch, "/api/v1/activities/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto in = ReadActivity(req);
           if (!in) return Fail(in.error());
           auto d = ActivityService(ctx.deps).Update(who.actor, *id, *in);
           if (!d) return Fail(d.error());
           return JsonResponse(200, DetailJson(ctx.deps, *d));
         }),
         {"Change an activity (fields left out stay; attendance, applicants and guests given are replaced)",
          "activities", true, kActivitySchema, "", {}}});

  r.Add({http::Method::kDelete, "/api/v1/activities/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           if (auto d = ActivityService(ctx.deps).Delete(who.actor, *id); !d) return Fail(d.error());
           return NoContent();
         }),
         {"Delete an activity of a month not yet reported (with the class hours it credited)", "activities", true,
          "", "", {}, 204}});

  r.Add({http::Method::kPost, "/api/v1/activities/{id}/files",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto f = ActivityService(ctx.deps).AddFile(who.actor, *id, QueryStr(req, "name").value_or(""), req.body);
           if (!f) return Fail(f.error());
           return JsonResponse(201, json::object{{"id", f->id},
                                                 {"name", f->name},
                                                 {"content_type", f->content_type},
                                                 {"size", f->size},
                                                 {"url", "/api/v1/activities/" + std::to_string(*id) + "/files/" +
                                                             std::to_string(f->id)},
                                                 {"created_at", InstantJson(ctx.deps, f->created_at)},
                                                 {"created_by", f->created_by}});
         }),
         {"Attach a photo or document (the file as the body: JPEG, PNG, GIF, WebP or PDF, at most 5 MiB; ?name=)",
          "activities", true, "", "", {"name"}, 201},
         (5u << 20) + 1024});

  r.Add({http::Method::kGet, "/api/v1/activities/{id}/files/{file_id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto file_id = PathId(req, "file_id");
           if (!file_id) return Fail(file_id.error());
           auto f = ActivityService(ctx.deps).File(who.actor, *id, *file_id);
           if (!f) return Fail(f.error());
           http::Response resp;
           resp.content_type = f->first.content_type;
           resp.body = std::move(f->second);
           resp.AddHeader("Content-Disposition", "inline; filename=\"file-" + std::to_string(*file_id) +
                                                     "\"; filename*=UTF-8''" + PercentEncode(f->first.name));
           resp.AddHeader("X-Content-Type-Options", "nosniff");
           return resp;
         }),
         {"An activity's photo or document", "activities", true, "", "", {}}});

  r.Add({http::Method::kDelete, "/api/v1/activities/{id}/files/{file_id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto file_id = PathId(req, "file_id");
           if (!file_id) return Fail(file_id.error());
           if (auto d = ActivityService(ctx.deps).DeleteFile(who.actor, *id, *file_id); !d) return Fail(d.error());
           return NoContent();
         }),
         {"Remove a photo or document from an activity of a month not yet reported", "activities", true, "", "",
          {}, 204}});

  r.Add({http::Method::kGet, "/api/v1/compliance",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto year = QueryYear(req, ctx.deps);
           if (!year) return Fail(year.error());
           auto o = ActivityService(ctx.deps).Overview(who.actor, *org_id, *year);
           if (!o) return Fail(o.error());
           json::object body = CountJson(o->total);
           body["year"] = *year;
           json::array children, branches;
           for (const auto& c : o->children) children.push_back(CountJson(c));
           for (const auto& b : o->branches)
             branches.push_back(json::object{{"org_id", b.org.id},
                                             {"org_name", b.org.name},
                                             {"status", StatusName(b.status)},
                                             {"missed", Strings(b.missed)},
                                             {"behind", Strings(b.behind)},
                                             {"members", b.members},
                                             {"members_met", b.members_met}});
           body["children"] = std::move(children);
           body["branches"] = std::move(branches);
           return JsonResponse(200, body);
         }),
         {"Compliance of the branches of a subtree with the year's settings, with each child's counts and every "
          "branch's status and missing items",
          "activities", true, "", "", {"org_id", "year"}}});

  r.Add({http::Method::kGet, "/api/v1/compliance/branches/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto year = QueryYear(req, ctx.deps);
           if (!year) return Fail(year.error());
           auto v = ActivityService(ctx.deps).Branch(who.actor, *id, *year);
           if (!v) return Fail(v.error());
           json::array reqs, members;
           for (const auto& rc : v->requirements) {
             json::array periods;
             for (const auto& p : rc.periods)
               periods.push_back(json::object{{"period", p.period}, {"count", p.count}, {"status", StatusName(p.status)}});
             reqs.push_back(json::object{{"requirement", NameOf(domain::RequirementNames(), rc.requirement)},
                                         {"per", rc.monthly ? "month" : "quarter"},
                                         {"required", rc.required_per_period},
                                         {"status", StatusName(rc.status)},
                                         {"periods", std::move(periods)}});
           }
           for (const auto& m : v->members)
             members.push_back(json::object{{"member_id", m.member_id},
                                            {"name", m.name},
                                            {"member_no", OptStrJson(m.member_no)},
                                            {"classes", m.classes},
                                            {"status", StatusName(m.status)}});
           return JsonResponse(200, json::object{{"org_id", v->org.id},
                                                 {"org_name", v->org.name},
                                                 {"year", v->year},
                                                 {"status", StatusName(v->status)},
                                                 {"requirements", std::move(reqs)},
                                                 {"classes_required", v->classes_required},
                                                 {"members_met", v->members_met},
                                                 {"members_total", static_cast<int64_t>(v->members.size())},
                                                 {"members", std::move(members)}});
         }),
         {"A branch's compliance in a year: each requirement by quarter or month, and each member's classes",
          "activities", true, "", "", {"year"}}});

  r.Add({http::Method::kGet, "/api/v1/activity-reports",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto list = ActivityService(ctx.deps).Reports(who.actor, scope->org_id, scope->subtree,
                                                         QueryStr(req, "month"), QueryStr(req, "state"), *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const store::ReportRow& x) {
                                 return ReportJson(ctx.deps, x);
                               }));
         }),
         {"Monthly reports of orgs in the caller's scope, newest month first", "activities", true, "", "",
          {"org_id", "subtree", "month", "state", "page", "size"}}});

  r.Add({http::Method::kPost, "/api/v1/activity-reports",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto org_id = f.Int("org_id");
           auto month = f.Str("month");
           auto note = f.Str("note");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto x = ActivityService(ctx.deps).Submit(who.actor, org_id.value_or(who.actor.org_id), month.value_or(""),
                                                    note.value_or(""));
           if (!x) return Fail(x.error());
           return JsonResponse(201, ReportJson(ctx.deps, *x));
         }),
         {"Submit an org's month of records to the committee above (again after a return)", "activities", true,
          R"({"type":"object","required":["month"],"properties":{"org_id":{"type":"integer"},"month":{"type":"string","pattern":"^[0-9]{4}-[0-9]{2}$"},"note":{"type":"string"}}})",
          "", {}, 201}});

  r.Add({http::Method::kPost, "/api/v1/activity-reports/{id}/review",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto action = f.Str("action");
           auto comment = f.Str("comment");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto x = ActivityService(ctx.deps).Review(who.actor, *id, action.value_or(""), comment.value_or(""));
           if (!x) return Fail(x.error());
           return JsonResponse(200, ReportJson(ctx.deps, *x));
         }),
         {"Accept a child's monthly report, or return it with a comment", "activities", true,
          R"({"type":"object","required":["action"],"properties":{"action":{"type":"string","enum":["accept","return"]},"comment":{"type":"string"}}})",
          "", {}}});

  r.Add({http::Method::kGet, "/api/v1/me/classes",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto year = QueryYear(req, ctx.deps);
           if (!year) return Fail(year.error());
           auto own = ActivityService(ctx.deps).OwnClasses(who.actor, *year);
           if (!own) return Fail(own.error());
           json::array items;
           for (const auto& a : own->first)
             items.push_back(json::object{{"id", a.id},
                                          {"org_name", a.org_name},
                                          {"held_on", FormatDate(a.draft.held_on)},
                                          {"topic", a.draft.topic},
                                          {"teacher", a.draft.teacher},
                                          {"class_hours", HalfHoursJson(a.draft.class_half_hours)}});
           return JsonResponse(200, json::object{{"year", *year},
                                                 {"classes", static_cast<int64_t>(own->first.size())},
                                                 {"required", own->second},
                                                 {"items", std::move(items)}});
         }),
         {"The league classes a member attended in a year, and how many the year asks (self-service)",
          "self-service", true, "", "", {"year"}}});
}

}  // namespace tj::api
