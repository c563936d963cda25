// Recruitment (发展团员): files and their steps, graduating-class quotas, member number ranges.
#include "api/common.h"
#include "service/recruitment_service.h"

namespace tj::api {
namespace {

using service::Authenticated;
using service::RecruitmentService;

json::array PeopleJson(const std::vector<store::FilePerson>& people) {
  json::array out;
  for (const auto& p : people)
    out.push_back(json::object{{"member_id", p.member_id}, {"name", p.name}, {"member_no", OptStrJson(p.member_no)}});
  return out;
}

json::object ApplicantJson(const service::Deps& d, const store::ApplicantRow& r, bool reveal) {
  const auto& a = r.applicant;
  Date today = d.Today();
  return json::object{
      {"id", a.id},
      {"org_id", a.org_id},
      {"org_name", r.org_name},
      {"name", a.name},
      {"gender", NameOf(domain::GenderNames(), a.gender)},
      {"birth_date", FormatDate(a.birth_date)},
      {"age", AgeOn(a.birth_date, today)},
      {"id_number", reveal ? a.id_number : MaskIdNumber(a.id_number)},
      {"ethnicity", a.ethnicity},
      {"phone", a.phone ? json::value(reveal ? *a.phone : MaskPhone(*a.phone)) : json::value(nullptr)},
      {"education", NameOf(domain::EducationNames(), a.education)},
      {"occupation", NameOf(domain::OccupationNames(), a.occupation)},
      {"school_stage", a.school_stage ? json::value(NameOf(domain::SchoolStageNames(), *a.school_stage))
                                      : json::value(nullptr)},
      {"graduating_year", OptIntJson(a.graduating_year)},
      {"applied_on", FormatDate(a.applied_on)},
      {"talk_on", OptDateJson(a.talk_on)},
      {"talk_note", a.talk_note},
      {"talk_due", FormatDate(domain::TalkDue(a.applied_on))},
      {"talk_overdue", domain::TalkOverdue(a, today)},
      {"stage", NameOf(domain::StageNames(), a.stage)},
      {"stage_date", FormatDate(a.stage_date)},
      {"activist_since", OptDateJson(a.activist_since)},
      {"candidate_on", OptDateJson(a.candidate_on)},
      {"voted_on", OptDateJson(a.voted_on)},
      {"approved_on", OptDateJson(a.approved_on)},
      {"admitted_on", OptDateJson(a.admitted_on)},
      {"class_hours", HalfHoursJson(a.class_half_hours)},
      {"sponsors", PeopleJson(r.sponsors)},
      {"introducers", PeopleJson(r.introducers)},
      {"member_id", OptIntJson(a.member_id)},
      {"member_no", OptStrJson(a.member_no)},
      {"end_reason", a.end_reason},
      {"created_at", InstantJson(d, a.created_at)},
      {"updated_at", InstantJson(d, a.updated_at)}};
}

json::value ParsedData(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return json::object{};
  return v;
}

json::object EventJson(const service::Deps& d, const store::ApplicantEvent& e) {
  auto stage = [](const std::optional<domain::Stage>& s) {
    return s ? json::value(NameOf(domain::StageNames(), *s)) : json::value(nullptr);
  };
  return json::object{{"id", e.id},
                      {"at", InstantJson(d, e.at)},
                      {"actor_username", e.actor_username},
                      {"kind", e.kind},
                      {"stage_from", stage(e.stage_from)},
                      {"stage_to", stage(e.stage_to)},
                      {"date", OptDateJson(e.effective_date)},
                      {"data", ParsedData(e.data)},
                      {"rule_year", OptIntJson(e.rule_year)},
                      {"rule_version", OptIntJson(e.rule_version)}};
}

json::object QuotaJson(const service::Deps& d, const service::QuotaView& q) {
  const auto& c = q.cohort;
  return json::object{
      {"org_id", c.org_id},
      {"org_name", c.org_name},
      {"school_stage", c.school_stage ? json::value(NameOf(domain::SchoolStageNames(), *c.school_stage))
                                      : json::value(nullptr)},
      {"graduating_year", c.graduating_year},
      {"students", c.students},
      {"members_before", c.members_before},
      {"cap_percent", q.cap_percent},
      {"cap", q.cap},
      {"admitted", c.admitted},
      {"used", q.used()},
      {"remaining", q.remaining()},
      {"rule_year", q.rule_year},
      {"rule_version", q.rule_version},
      {"updated_at", InstantJson(d, c.updated_at)},
      {"updated_by", c.updated_by}};
}

json::object RangeJson(const service::Deps& d, const store::RangeRow& row) {
  const auto& r = row.range;
  return json::object{
      {"id", r.id},
      {"org_id", r.org_id},
      {"org_name", row.org_name},
      {"year", r.year},
      {"serial_width", r.serial_width},
      {"first_serial", r.first_serial},
      {"last_serial", r.last_serial},
      {"next_serial", r.next_serial},
      {"issued", r.issued()},
      {"remaining", r.remaining()},
      {"first_number", domain::FormatMemberNo(r.year, r.serial_width, r.first_serial)},
      {"last_number", domain::FormatMemberNo(r.year, r.serial_width, r.last_serial)},
      {"created_at", InstantJson(d, r.created_at)},
      {"created_by", r.created_by}};
}

// Whether this request asks for clear numbers and may have them; audits the reveal.
Result<bool> Reveal(RecruitmentService& svc, const http::Request& req, const Authenticated& who,
                    const std::vector<const store::ApplicantRow*>& rows) {
  auto asked = QueryBool(req, "reveal");
  if (!asked) return Fail(asked.error());
  if (!asked->value_or(false)) return false;
  if (!svc.MayReveal(who.actor)) return Fail(Error::Forbidden("member.reveal_forbidden"));
  if (auto a = svc.AuditReveal(who.actor, rows); !a) return Fail(a.error());
  return true;
}

// Answers the file after a step, as GET /applicants/{id} does without the details.
http::Response FileResponse(const service::Deps& d, int status, const store::ApplicantRow& row) {
  return JsonResponse(status, ApplicantJson(d, row, false));
}

constexpr const char* kApplicantSchema =
    R"({"type":"object","required":["org_id","name","id_number","ethnicity","education","occupation","applied_on"],"properties":{"org_id":{"type":"integer"},"name":{"type":"string"},"id_number":{"type":"string"},"ethnicity":{"type":"string"},"phone":{"type":"string"},"education":{"type":"string"},"occupation":{"type":"string"},"school_stage":{"type":"string","enum":["junior_high","senior_high","vocational","college"]},"graduating_year":{"type":"integer"},"applied_on":{"type":"string","format":"date"},"talk_on":{"type":"string","format":"date"},"talk_note":{"type":"string"}}})";

constexpr const char* kAdvanceSchema =
    R"({"type":"object","required":["to","date"],"properties":{"to":{"type":"string","enum":["activist","candidate","branch_approved","approved","admitted","rejected","withdrawn"]},"date":{"type":"string","format":"date"},"sponsor_ids":{"type":"array","items":{"type":"integer"}},"introducer_ids":{"type":"array","items":{"type":"integer"}},"eligible":{"type":"integer"},"present":{"type":"integer"},"yes":{"type":"integer"},"reason":{"type":"string"}}})";

}  // namespace

void RegisterRecruitmentRoutes(http::Router& r, ApiContext& ctx) {
  r.Add({http::Method::kGet, "/api/v1/applicants",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto overdue = QueryBool(req, "talk_overdue");
           if (!overdue) return Fail(overdue.error());
           service::ApplicantListRequest lr{scope->org_id, scope->subtree, QueryStr(req, "stage"),
                                            QueryStr(req, "q"), overdue->value_or(false), *page};
           RecruitmentService svc(ctx.deps);
           auto list = svc.List(who.actor, lr);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const store::ApplicantRow& a) {
                                 return ApplicantJson(ctx.deps, a, false);
                               }));
         }),
         {"List recruitment files in the caller's scope, newest application first", "recruitment",
          true, "", "", {"org_id", "subtree", "stage", "q", "talk_overdue", "page", "size"}}});

  r.Add({http::Method::kGet, "/api/v1/applicants/counts",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto counts = RecruitmentService(ctx.deps).Counts(who.actor, scope->org_id, scope->subtree);
           if (!counts) return Fail(counts.error());
           json::object o;
           for (const auto& [stage, name] : domain::StageNames())
             o[name] = counts->by_stage[static_cast<size_t>(stage)];
           o["talk_overdue"] = counts->talk_overdue;
           return JsonResponse(200, o);
         }),
         {"Recruitment files per stage (the board's counts)", "recruitment", true, "", "",
          {"org_id", "subtree"}}});

  r.Add({http::Method::kPost, "/api/v1/applicants",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto org_id = f.Int("org_id");
           domain::ApplicantFields fields;
           fields.person.name = f.Str("name");
           fields.person.id_number = f.Str("id_number");
           fields.person.ethnicity = f.Str("ethnicity");
           fields.person.phone = f.Str("phone");
           fields.person.education = f.Str("education");
           fields.person.occupation = f.Str("occupation");
           fields.school_stage = f.Str("school_stage");
           fields.graduating_year = f.Int("graduating_year");
           fields.applied_on = f.Str("applied_on");
           fields.talk_on = f.Str("talk_on");
           fields.talk_note = f.Str("talk_note");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto a = RecruitmentService(ctx.deps).Create(who.actor, org_id, fields);
           if (!a) return Fail(a.error());
           return FileResponse(ctx.deps, 201, *a);
         }),
         {"File an application to join the League (入团申请)", "recruitment", true, kApplicantSchema,
          "", {}, 201}});

  r.Add({http::Method::kGet, "/api/v1/applicants/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           RecruitmentService svc(ctx.deps);
           auto detail = svc.Get(who.actor, *id);
           if (!detail) return Fail(detail.error());
           auto reveal = Reveal(svc, req, who, {&detail->row});
           if (!reveal) return Fail(reveal.error());
           json::object o = ApplicantJson(ctx.deps, detail->row, *reveal);
           json::array hours;
           for (const auto& h : detail->class_hours)
             hours.push_back(json::object{{"id", h.id},
                                          {"date", FormatDate(h.date)},
                                          {"hours", HalfHoursJson(h.half_hours)},
                                          {"topic", h.topic},
                                          {"created_by", h.created_by},
                                          {"created_at", InstantJson(ctx.deps, h.created_at)}});
           json::array timeline;
           for (const auto& e : detail->timeline) timeline.push_back(EventJson(ctx.deps, e));
           o["class_hour_entries"] = std::move(hours);
           o["timeline"] = std::move(timeline);
           return JsonResponse(200, o);
         }),
         {"Read a recruitment file with its class hours and timeline", "recruitment", true, "", "",
          {"reveal"}}});

  r.Add({http::Method::kPost, "/api/v1/applicants/{id}/talk",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto date = f.Str("date");
           auto note = f.Str("note");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto a = RecruitmentService(ctx.deps).RecordTalk(who.actor, *id, date, note);
           if (!a) return Fail(a.error());
           return FileResponse(ctx.deps, 200, *a);
         }),
         {"Record the talk (谈话) with an applicant", "recruitment", true,
          R"({"type":"object","required":["date"],"properties":{"date":{"type":"string","format":"date"},"note":{"type":"string"}}})",
          "", {}}});

  r.Add({http::Method::kPost, "/api/v1/applicants/{id}/class-hours",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           domain::ClassHourFields fields;
           fields.date = f.Str("date");
           fields.half_hours = f.HalfHours("hours", 10000, "recruitment.class_hours_range");
           fields.topic = f.Str("topic");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto a = RecruitmentService(ctx.deps).AddClassHours(who.actor, *id, fields);
           if (!a) return Fail(a.error());
           return FileResponse(ctx.deps, 201, *a);
         }),
         {"Add a class-hour entry (团课学时) to a file", "recruitment", true,
          R"({"type":"object","required":["date","hours","topic"],"properties":{"date":{"type":"string","format":"date"},"hours":{"type":"number","multipleOf":0.5,"minimum":0.5,"maximum":24},"topic":{"type":"string"}}})",
          "", {}, 201}});

  r.Add({http::Method::kPost, "/api/v1/applicants/{id}/advance",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::AdvanceRequest ar;
           ar.to = f.Str("to");
           ar.date = f.Str("date");
           ar.sponsor_ids = f.IntList("sponsor_ids");
           ar.introducer_ids = f.IntList("introducer_ids");
           ar.eligible = f.Int("eligible");
           ar.present = f.Int("present");
           ar.yes = f.Int("yes");
           ar.reason = f.Str("reason");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto a = RecruitmentService(ctx.deps).Advance(who.actor, *id, ar);
           if (!a) return Fail(a.error());
           return FileResponse(ctx.deps, 200, *a);
         }),
         {"Take a file to its next stage (or end it), with the stage's data", "recruitment", true,
          kAdvanceSchema, "", {}}});

  r.Add({http::Method::kGet, "/api/v1/quotas",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto year = QueryInt(req, "graduating_year");
           if (!year) return Fail(year.error());
           std::optional<int> y;
           if (*year) y = static_cast<int>(std::clamp<int64_t>(**year, 0, 10000));
           auto list = RecruitmentService(ctx.deps).Quotas(who.actor, scope->org_id, scope->subtree, y, *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const service::QuotaView& q) {
                                 return QuotaJson(ctx.deps, q);
                               }));
         }),
         {"Graduating-class quotas of the schools in the caller's scope and their use", "recruitment",
          true, "", "", {"org_id", "subtree", "graduating_year", "page", "size"}}});

  r.Add({http::Method::kPost, "/api/v1/quotas",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::QuotaFields q{f.Int("org_id"), f.Int("graduating_year"), f.Int("students"),
                                  f.Int("members_before")};
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto v = RecruitmentService(ctx.deps).PutQuota(who.actor, q);
           if (!v) return Fail(v.error());
           return JsonResponse(200, QuotaJson(ctx.deps, *v));
         }),
         {"Set a school's graduating cohort size (students, members admitted before)", "recruitment",
          true,
          R"({"type":"object","required":["org_id","graduating_year","students","members_before"],"properties":{"org_id":{"type":"integer"},"graduating_year":{"type":"integer"},"students":{"type":"integer"},"members_before":{"type":"integer"}}})",
          "", {}}});

  r.Add({http::Method::kGet, "/api/v1/number-ranges",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto year = QueryInt(req, "year");
           if (!year) return Fail(year.error());
           std::optional<int> y;
           if (*year) y = static_cast<int>(std::clamp<int64_t>(**year, 0, 10000));
           auto list = RecruitmentService(ctx.deps).Ranges(who.actor, y, scope->org_id, scope->subtree);
           if (!list) return Fail(list.error());
           json::array items;
           for (const auto& row : *list) items.push_back(RangeJson(ctx.deps, row));
           return JsonResponse(200, json::object{{"items", std::move(items)}});
         }),
         {"Member number ranges of the caller's scope and of the orgs above it", "recruitment", true,
          "", "", {"year", "org_id", "subtree"}}});

  r.Add({http::Method::kPost, "/api/v1/number-ranges",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::RangeFields rf{f.Int("org_id"), f.Int("year"), f.Int("serial_width"),
                                   f.Int("first_serial"), f.Int("last_serial")};
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto v = RecruitmentService(ctx.deps).CreateRange(who.actor, rf);
           if (!v) return Fail(v.error());
           return JsonResponse(201, RangeJson(ctx.deps, *v));
         }),
         {"Allocate a member number range to a committee for a year (the top committee)",
          "recruitment", true,
          R"({"type":"object","required":["org_id","year","first_serial","last_serial"],"properties":{"org_id":{"type":"integer"},"year":{"type":"integer"},"serial_width":{"type":"integer","minimum":4,"maximum":12},"first_serial":{"type":"integer"},"last_serial":{"type":"integer"}}})",
          "", {}, 201}});
}

}  // namespace tj::api
