// The member registry: members, their status and history, aging out, cadres, statistics.
#include "api/common.h"
#include "api/encode.h"
#include "service/member_import.h"
#include "service/member_service.h"

namespace tj::api {
namespace {

using service::Authenticated;

json::object MemberJson(const service::Deps& d, const store::MemberRow& r, bool reveal) {
  const auto& m = r.member;
  Date today = d.Today();
  json::object o{
      {"id", m.id},
      {"member_no", OptStrJson(m.member_no)},
      {"name", m.name},
      {"gender", NameOf(domain::GenderNames(), m.gender)},
      {"ethnicity", m.ethnicity},
      {"id_number", reveal ? m.id_number : MaskIdNumber(m.id_number)},
      {"birth_date", FormatDate(m.birth_date)},
      {"age", AgeOn(m.birth_date, today)},
      {"join_date", FormatDate(m.join_date)},
      {"org_id", m.org_id},
      {"org_name", r.org_name},
      {"phone", m.phone ? json::value(reveal ? *m.phone : MaskPhone(*m.phone)) : json::value(nullptr)},
      {"education", NameOf(domain::EducationNames(), m.education)},
      {"occupation", NameOf(domain::OccupationNames(), m.occupation)},
      {"status", NameOf(domain::MemberStatusNames(), m.status)},
      {"status_date", FormatDate(m.status_date)},
      {"is_cadre", m.is_cadre},
      {"created_at", InstantJson(d, m.created_at)},
      {"updated_at", InstantJson(d, m.updated_at)}};
  return o;
}

domain::MemberFields ReadMemberFields(FieldReader& f) {
  domain::MemberFields m;
  m.name = f.Str("name");
  m.ethnicity = f.Str("ethnicity");
  m.id_number = f.Str("id_number");
  m.join_date = f.Str("join_date");
  m.member_no = f.Str("member_no");
  m.phone = f.Str("phone");
  m.education = f.Str("education");
  m.occupation = f.Str("occupation");
  return m;
}

// Whether this request asks for clear numbers and may have them; audits the reveal.
Result<bool> Reveal(ApiContext& ctx, service::MemberService& members, const http::Request& req,
                    const Authenticated& who, const std::vector<store::MemberRow>& rows) {
  auto asked = QueryBool(req, "reveal");
  if (!asked) return Fail(asked.error());
  if (!asked->value_or(false)) return false;
  if (!members.MayReveal(who.actor)) return Fail(Error::Forbidden("member.reveal_forbidden"));
  if (auto a = members.AuditReveal(who.actor, rows); !a) return Fail(a.error());
  (void)ctx;
  return true;
}

Result<service::MemberListRequest> ReadListRequest(const http::Request& req) {
  service::MemberListRequest lr;
  auto scope = QueryScope(req, true);
  if (!scope) return Fail(scope.error());
  lr.org_id = scope->org_id;
  lr.subtree = scope->subtree;
  lr.q = QueryStr(req, "q");
  if (auto s = QueryStr(req, "status"); s && !s->empty()) lr.status = s;
  auto gender = QueryEnum(req, "gender", domain::GenderNames());
  if (!gender) return Fail(gender.error());
  lr.gender = *gender;
  if (auto e = QueryStr(req, "ethnicity"); e && !e->empty()) lr.ethnicity = e;
  auto edu = QueryEnum(req, "education", domain::EducationNames());
  if (!edu) return Fail(edu.error());
  lr.education = *edu;
  auto occ = QueryEnum(req, "occupation", domain::OccupationNames());
  if (!occ) return Fail(occ.error());
  lr.occupation = *occ;
  auto sector = QueryEnum(req, "sector", domain::SectorNames());
  if (!sector) return Fail(sector.error());
  lr.sector = *sector;
  auto band = QueryEnum(req, "age_band", domain::AgeBandNames());
  if (!band) return Fail(band.error());
  lr.age_band = *band;
  auto cadre = QueryBool(req, "is_cadre");
  if (!cadre) return Fail(cadre.error());
  lr.is_cadre = *cadre;
  auto page = QueryPage(req);
  if (!page) return Fail(page.error());
  lr.page = *page;
  return lr;
}

json::object HistoryJson(const service::Deps& d, const store::HistoryEntry& h) {
  boost::system::error_code ec;
  json::value changes = json::parse(h.changes, ec);
  if (ec) changes = json::object{};
  auto status = [](const std::optional<domain::MemberStatus>& s) {
    return s ? json::value(NameOf(domain::MemberStatusNames(), *s)) : json::value(nullptr);
  };
  return {{"id", h.id},
          {"member_id", h.member_id},
          {"at", InstantJson(d, h.at)},
          {"actor_username", h.actor_username},
          {"kind", h.kind},
          {"changes", std::move(changes)},
          {"status_from", status(h.status_from)},
          {"status_to", status(h.status_to)},
          {"effective_date", h.effective_date ? json::value(FormatDate(*h.effective_date)) : json::value(nullptr)},
          {"reason", h.reason.empty() ? json::value(nullptr) : json::value(h.reason)}};
}

json::object StatsJson(const service::OrgStats& s) {
  auto breakdown = [](const auto& names, const auto& counts) {
    json::object o;
    for (const auto& [value, name] : names) o[name] = counts[static_cast<size_t>(value)];
    return o;
  };
  return {{"org_id", s.org.id},
          {"name", s.org.name},
          {"total", s.stats.total},
          {"by_status", breakdown(domain::MemberStatusNames(), s.stats.by_status)},
          {"by_gender", breakdown(domain::GenderNames(), s.stats.by_gender)},
          {"by_sector", breakdown(domain::SectorNames(), s.stats.by_sector)},
          {"by_age_band", breakdown(domain::AgeBandNames(), s.stats.by_age_band)},
          {"by_education", breakdown(domain::EducationNames(), s.stats.by_education)}};
}

json::object CadreJson(const service::Deps& d, const store::Cadre& c) {
  Date today = d.Today();
  bool in_office = std::chrono::sys_days(c.term_start) <= std::chrono::sys_days(today) &&
                   (!c.term_end || std::chrono::sys_days(*c.term_end) >= std::chrono::sys_days(today));
  return {{"id", c.id},
          {"member_id", OptIntJson(c.member_id)},
          {"name", c.name},
          {"org_id", c.org_id},
          {"org_name", c.org_name},
          {"post", NameOf(store::CadrePostNames(), c.post)},
          {"post_title", OptStrJson(c.post_title)},
          {"term_start", FormatDate(c.term_start)},
          {"term_end", c.term_end ? json::value(FormatDate(*c.term_end)) : json::value(nullptr)},
          {"in_office", in_office}};
}

service::CadreFields ReadCadreFields(FieldReader& f) {
  service::CadreFields c;
  c.member_id = f.Int("member_id");
  c.name = f.Str("name");
  c.org_id = f.Int("org_id");
  c.post = f.Str("post");
  c.post_title = f.Str("post_title");
  c.term_start = f.Str("term_start");
  c.term_end = f.Str("term_end");
  return c;
}

constexpr const char* kMemberBodySchema =
    R"({"type":"object","properties":{"org_id":{"type":"integer"},"name":{"type":"string"},"id_number":{"type":"string"},"ethnicity":{"type":"string"},"join_date":{"type":"string","format":"date"},"member_no":{"type":["string","null"]},"phone":{"type":["string","null"]},"education":{"type":"string"},"occupation":{"type":"string"}}})";

}  // namespace

http::Response FileResponse(std::string bytes, std::string_view content_type,
                            std::string_view filename_ascii, std::string_view filename_utf8) {
  http::Response resp;
  resp.status = 200;
  resp.content_type = std::string(content_type);
  resp.body = std::move(bytes);
  resp.AddHeader("Content-Disposition", "attachment; filename=\"" + std::string(filename_ascii) +
                                            "\"; filename*=UTF-8''" + std::string(filename_utf8));
  return resp;
}

constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr size_t kImportBodyLimit = 32u << 20;

void RegisterMemberRoutes(http::Router& r, ApiContext& ctx) {
  r.Add({http::Method::kGet, "/api/v1/members",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto lr = ReadListRequest(req);
           if (!lr) return Fail(lr.error());
           auto list = ctx.members.List(who.actor, *lr);
           if (!list) return Fail(list.error());
           auto reveal = Reveal(ctx, ctx.members, req, who, list->items);
           if (!reveal) return Fail(reveal.error());
           return JsonResponse(200, ListBody(*list, lr->page, [&](const store::MemberRow& m) {
                                 return MemberJson(ctx.deps, m, *reveal);
                               }));
         }),
         {"List and search members in the caller's scope", "members", true, "", "",
          {"org_id", "subtree", "q", "status", "gender", "ethnicity", "education", "occupation",
           "sector", "age_band", "is_cadre", "reveal", "page", "size"}}});

  r.Add({http::Method::kGet, "/api/v1/members/aging-out",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto kind_text = QueryStr(req, "kind").value_or("upcoming");
           service::AgingKind kind;
           if (kind_text == "upcoming")
             kind = service::AgingKind::kUpcoming;
           else if (kind_text == "overdue")
             kind = service::AgingKind::kOverdue;
           else
             return Fail(Error::BadRequest("common.bad_parameter", {{"name", "kind"}}));
           auto within = QueryInt(req, "within_days");
           if (!within) return Fail(within.error());
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto list = ctx.members.AgingOut(who.actor, kind, static_cast<int>(within->value_or(90)),
                                            scope->org_id, scope->subtree, *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const store::MemberRow& m) {
                                 json::object o = MemberJson(ctx.deps, m, false);
                                 o["age_out_date"] = FormatDate(domain::TwentyEighthBirthday(m.member.birth_date));
                                 return o;
                               }));
         }),
         {"Members turning 28 soon (upcoming) or already 28 and still registered (overdue)",
          "members", true, "", "", {"kind", "within_days", "org_id", "subtree", "page", "size"}}});

  r.Add({http::Method::kPost, "/api/v1/members/age-out/run",
         Authed(ctx, [&ctx](http::Request&, const Authenticated& who) -> Result<http::Response> {
           auto n = ctx.members.RunAgeOut(who.actor);
           if (!n) return Fail(n.error());
           return JsonResponse(200, json::object{{"aged_out", *n}});
         }),
         {"Record the age-out of members due today who hold no post in office (idempotent)",
          "members", true, "", "", {}}});

  r.Add({http::Method::kGet, "/api/v1/members/export",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto lr = ReadListRequest(req);
           if (!lr) return Fail(lr.error());
           auto bytes = service::MemberImportService(ctx.deps).Export(who.actor, *lr);
           if (!bytes) return Fail(bytes.error());
           // 团员名册.xlsx, percent-encoded for filename*
           return FileResponse(std::move(*bytes), kXlsxType, "members.xlsx",
                               "%E5%9B%A2%E5%91%98%E5%90%8D%E5%86%8C.xlsx");
         }),
         {"The filtered member list as XLSX (numbers masked)", "members", true, "", "",
          {"org_id", "subtree", "q", "status", "gender", "ethnicity", "education", "occupation",
           "sector", "age_band", "is_cadre"}}});

  r.Add({http::Method::kGet, "/api/v1/members/import/template",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated&) -> Result<http::Response> {
           auto format = QueryStr(req, "format").value_or("xlsx");
           if (format != "xlsx" && format != "csv")
             return Fail(Error::BadRequest("common.bad_parameter", {{"name", "format"}}));
           bool csv = format == "csv";
           auto bytes = service::MemberImportService(ctx.deps).Template(
               csv ? sheet::Format::kCsv : sheet::Format::kXlsx);
           if (!bytes) return Fail(bytes.error());
           // 团员导入模板
           return FileResponse(std::move(*bytes), csv ? "text/csv; charset=utf-8" : kXlsxType,
                               csv ? "member-import-template.csv" : "member-import-template.xlsx",
                               csv ? "%E5%9B%A2%E5%91%98%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.csv"
                                   : "%E5%9B%A2%E5%91%98%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx");
         }),
         {"The member import template with its Chinese headers", "members", true, "", "",
          {"format"}}});

  r.Add({http::Method::kPost, "/api/v1/members/import",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto dry = QueryBool(req, "dry_run");
           if (!dry) return Fail(dry.error());
           auto rep = service::MemberImportService(ctx.deps).Import(who.actor, *org_id, req.body,
                                                                    dry->value_or(false));
           if (!rep) return Fail(rep.error());
           return JsonResponse(200, json::object{{"imported", rep->imported}, {"dry_run", rep->dry_run}});
         }),
         {"Import members from XLSX or CSV (all rows or none; dry_run checks only)", "members",
          true, "", R"({"type":"object","properties":{"imported":{"type":"integer"},"dry_run":{"type":"boolean"}}})",
          {"org_id", "dry_run"}},
         kImportBodyLimit});

  r.Add({http::Method::kPost, "/api/v1/members/import/annotated",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto bytes = service::MemberImportService(ctx.deps).Annotated(who.actor, *org_id, req.body);
           if (!bytes) return Fail(bytes.error());
           // 导入错误.xlsx
           return FileResponse(std::move(*bytes), kXlsxType, "import-errors.xlsx",
                               "%E5%AF%BC%E5%85%A5%E9%94%99%E8%AF%AF.xlsx");
         }),
         {"The uploaded file as XLSX with an added column of each row's errors", "members", true,
          "", "", {"org_id"}},
         kImportBodyLimit});

  r.Add({http::Method::kGet, "/api/v1/members/status-changes",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto status = QueryEnum(req, "status", domain::MemberStatusNames());
           if (!status) return Fail(status.error());
           auto from = QueryDate(req, "from");
           if (!from) return Fail(from.error());
           auto to = QueryDate(req, "to");
           if (!to) return Fail(to.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto list = ctx.members.StatusChanges(who.actor, scope->org_id, scope->subtree, *status,
                                                 *from, *to, *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const store::StatusChange& c) {
                                 json::object o = HistoryJson(ctx.deps, c.entry);
                                 o["member_name"] = c.member_name;
                                 o["org_id"] = c.org_id;
                                 o["org_name"] = c.org_name;
                                 return o;
                               }));
         }),
         {"Status changes of members in the caller's scope, newest first", "members", true, "",
          "", {"org_id", "subtree", "status", "from", "to", "page", "size"}}});

  r.Add({http::Method::kGet, "/api/v1/me/member",
         Authed(ctx, [&ctx](http::Request&, const Authenticated& who) -> Result<http::Response> {
           auto m = ctx.members.Own(who.actor);
           if (!m) return Fail(m.error());
           return JsonResponse(200, MemberJson(ctx.deps, *m, false));
         }),
         {"A member's own record, numbers masked (self-service)", "self-service", true, "", "", {}}});

  r.Add({http::Method::kGet, "/api/v1/members/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto m = ctx.members.Get(who.actor, *id);
           if (!m) return Fail(m.error());
           auto reveal = Reveal(ctx, ctx.members, req, who, {*m});
           if (!reveal) return Fail(reveal.error());
           return JsonResponse(200, MemberJson(ctx.deps, *m, *reveal));
         }),
         {"Read a member", "members", true, "", "", {"reveal"}}});

  r.Add({http::Method::kPost, "/api/v1/members",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto org_id = f.Int("org_id");
           auto fields = ReadMemberFields(f);
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto m = ctx.members.Create(who.actor, org_id, fields);
           if (!m) return Fail(m.error());
           return JsonResponse(201, MemberJson(ctx.deps, *m, false));
         }),
         {"Register a member", "members", true, kMemberBodySchema, "", {}, 201}});

  r.Add({http::Method::kPatch, "/api/v1/members/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto fields = ReadMemberFields(f);
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto m = ctx.members.Update(who.actor, *id, fields);
           if (!m) return Fail(m.error());
           return JsonResponse(200, MemberJson(ctx.deps, *m, false));
         }),
         {"Change a member's record", "members", true, kMemberBodySchema, "", {}}});

  r.Add({http::Method::kPost, "/api/v1/members/{id}/status",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto status = f.Str("status");
           auto date = f.Str("date");
           auto reason = f.Str("reason");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto m = ctx.members.ChangeStatus(who.actor, *id, status.value_or(""),
                                             date.value_or(""), reason.value_or(""));
           if (!m) return Fail(m.error());
           return JsonResponse(200, MemberJson(ctx.deps, *m, false));
         }),
         {"Change a member's status with a date and reason", "members", true,
          R"({"type":"object","required":["status","date","reason"],"properties":{"status":{"type":"string"},"date":{"type":"string","format":"date"},"reason":{"type":"string"}}})",
          "", {}}});

  r.Add({http::Method::kGet, "/api/v1/members/{id}/history",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto list = ctx.members.History(who.actor, *id);
           if (!list) return Fail(list.error());
           json::array items;
           for (const auto& h : *list) items.push_back(HistoryJson(ctx.deps, h));
           return JsonResponse(200, json::object{{"items", std::move(items)}});
         }),
         {"Every change to a member: who, when, what, why", "members", true, "", "", {}}});

  r.Add({http::Method::kGet, "/api/v1/orgs/{id}/stats",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto s = ctx.members.Stats(who.actor, *id);
           if (!s) return Fail(s.error());
           return JsonResponse(200, StatsJson(*s));
         }),
         {"Member figures of an org's subtree", "orgs", true, "", "", {}}});

  r.Add({http::Method::kGet, "/api/v1/orgs/{id}/stats/children",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto list = ctx.members.ChildStats(who.actor, *id);
           if (!list) return Fail(list.error());
           json::array items;
           for (const auto& s : *list) items.push_back(StatsJson(s));
           return JsonResponse(200, json::object{{"items", std::move(items)}});
         }),
         {"Member figures of each active child org's subtree", "orgs", true, "", "", {}}});

  r.Add({http::Method::kGet, "/api/v1/cadres",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto in_office = QueryBool(req, "in_office");
           if (!in_office) return Fail(in_office.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto list = ctx.members.ListCadres(who.actor, scope->org_id, scope->subtree,
                                              *in_office, QueryStr(req, "q"), *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const store::Cadre& c) {
                                 return CadreJson(ctx.deps, c);
                               }));
         }),
         {"League cadres and their terms", "cadres", true, "", "",
          {"org_id", "subtree", "in_office", "q", "page", "size"}}});

  r.Add({http::Method::kPost, "/api/v1/cadres",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto fields = ReadCadreFields(f);
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto c = ctx.members.CreateCadre(who.actor, fields);
           if (!c) return Fail(c.error());
           return JsonResponse(201, CadreJson(ctx.deps, *c));
         }),
         {"Record a cadre's post and term", "cadres", true,
          R"({"type":"object","required":["org_id","post","term_start"],"properties":{"member_id":{"type":"integer"},"name":{"type":"string"},"org_id":{"type":"integer"},"post":{"type":"string","enum":["secretary","deputy_secretary","organization","publicity","committee_member","other"]},"post_title":{"type":"string"},"term_start":{"type":"string","format":"date"},"term_end":{"type":["string","null"],"format":"date"}}})",
          "", {}, 201}});

  r.Add({http::Method::kPatch, "/api/v1/cadres/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto fields = ReadCadreFields(f);
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto c = ctx.members.UpdateCadre(who.actor, *id, fields);
           if (!c) return Fail(c.error());
           return JsonResponse(200, CadreJson(ctx.deps, *c));
         }),
         {"Change a cadre's post or term (end a term with term_end)", "cadres", true, "", "", {}}});
}

}  // namespace tj::api
