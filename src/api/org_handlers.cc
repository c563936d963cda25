// The org tree: list, read, create, change, move, close.
#include "api/common.h"
#include "api/encode.h"

namespace tj::api {
namespace {

constexpr const char* kOrgSchema =
    R"({"type":"object","properties":{"id":{"type":"integer"},"parent_id":{"type":["integer","null"]},"name":{"type":"string"},"short_name":{"type":["string","null"]},"type":{"type":"string","enum":["local_committee","committee","working_committee","general_branch","branch"]},"sector":{"type":"string","enum":["school","rural","agency","enterprise","community","social","other"]},"school_stage":{"type":["string","null"],"enum":["primary","junior_high","senior_high","vocational","college",null]},"graduation_date":{"type":["string","null"],"format":"date"},"purpose":{"type":"string","enum":["regular","handoff","army","abroad"]},"code":{"type":"string"},"status":{"type":"string","enum":["active","closed"]},"child_count":{"type":"integer"},"depth":{"type":"integer"},"created_at":{"type":"string"},"updated_at":{"type":"string"}}})";

domain::OrgFields ReadOrgFields(FieldReader& f) {
  domain::OrgFields o;
  o.name = f.Str("name");
  o.short_name = f.Str("short_name");
  o.type = f.Str("type");
  o.sector = f.Str("sector");
  o.school_stage = f.Str("school_stage");
  o.graduation_date = f.Str("graduation_date");
  o.purpose = f.Str("purpose");
  o.code = f.Str("code");
  return o;
}

}  // namespace

void RegisterOrgRoutes(http::Router& r, ApiContext& ctx) {
  r.Add({http::Method::kGet, "/api/v1/orgs",
         Authed(ctx,
                [&ctx](http::Request& req, const service::Authenticated& who) -> Result<http::Response> {
                  service::OrgListRequest lr;
                  auto scope = QueryScope(req, false);
                  if (!scope) return Fail(scope.error());
                  lr.org_id = scope->org_id;
                  lr.subtree = scope->subtree;
                  lr.q = QueryStr(req, "q");
                  auto type = QueryEnum(req, "type", domain::OrgTypeNames());
                  if (!type) return Fail(type.error());
                  lr.type = *type;
                  auto sector = QueryEnum(req, "sector", domain::SectorNames());
                  if (!sector) return Fail(sector.error());
                  lr.sector = *sector;
                  auto status = QueryStr(req, "status").value_or("active");
                  if (status == "all") {
                    lr.status.reset();
                  } else if (auto s = ParseName(domain::OrgStatusNames(), status)) {
                    lr.status = *s;
                  } else {
                    return Fail(Error::BadRequest("common.bad_parameter", {{"name", "status"}}));
                  }
                  auto page = QueryPage(req);
                  if (!page) return Fail(page.error());
                  lr.page = *page;
                  auto list = ctx.orgs.List(who.actor, lr);
                  if (!list) return Fail(list.error());
                  return JsonResponse(200, ListBody(*list, lr.page, [&](const store::OrgListItem& i) {
                                        return OrgJson(ctx.deps, i.org, i.child_count);
                                      }));
                }),
         {"List orgs: the children of org_id, or its whole subtree", "orgs", true, "", "",
          {"org_id", "subtree", "q", "type", "sector", "status", "page", "size"}}});

  r.Add({http::Method::kGet, "/api/v1/orgs/{id}",
         Authed(ctx,
                [&ctx](http::Request& req, const service::Authenticated& who) -> Result<http::Response> {
                  auto id = PathId(req);
                  if (!id) return Fail(id.error());
                  auto v = ctx.orgs.Get(who.actor, *id);
                  if (!v) return Fail(v.error());
                  return JsonResponse(200, OrgViewJson(ctx.deps, *v));
                }),
         {"Read an org with its ancestors and subtree counts", "orgs", true, "", kOrgSchema, {}}});

  r.Add({http::Method::kPost, "/api/v1/orgs",
         Authed(ctx,
                [&ctx](http::Request& req, const service::Authenticated& who) -> Result<http::Response> {
                  auto body = ParseObject(req);
                  if (!body) return Fail(body.error());
                  FieldReader f(*body);
                  auto parent_id = f.Int("parent_id");
                  auto fields = ReadOrgFields(f);
                  if (auto fin = f.Finish(); !fin) return Fail(fin.error());
                  auto v = ctx.orgs.Create(who.actor, parent_id, fields);
                  if (!v) return Fail(v.error());
                  return JsonResponse(201, OrgViewJson(ctx.deps, *v));
                }),
         {"Create an org under parent_id", "orgs", true,
          R"({"type":"object","required":["parent_id","name","type","sector","code"],"properties":{"parent_id":{"type":"integer"},"name":{"type":"string"},"short_name":{"type":"string"},"type":{"type":"string"},"sector":{"type":"string"},"school_stage":{"type":["string","null"]},"graduation_date":{"type":["string","null"],"format":"date"},"purpose":{"type":"string","enum":["regular","handoff","army","abroad"]},"code":{"type":"string"}}})",
          kOrgSchema, {}, 201}});

  r.Add({http::Method::kPatch, "/api/v1/orgs/{id}",
         Authed(ctx,
                [&ctx](http::Request& req, const service::Authenticated& who) -> Result<http::Response> {
                  auto id = PathId(req);
                  if (!id) return Fail(id.error());
                  auto body = ParseObject(req);
                  if (!body) return Fail(body.error());
                  FieldReader f(*body);
                  auto fields = ReadOrgFields(f);
                  if (auto fin = f.Finish(); !fin) return Fail(fin.error());
                  auto v = ctx.orgs.Update(who.actor, *id, fields);
                  if (!v) return Fail(v.error());
                  return JsonResponse(200, OrgViewJson(ctx.deps, *v));
                }),
         {"Change an org's name, short name, type, sector, school stage or code", "orgs", true,
          R"({"type":"object","properties":{"name":{"type":"string"},"short_name":{"type":["string","null"]},"type":{"type":"string"},"sector":{"type":"string"},"school_stage":{"type":["string","null"]},"graduation_date":{"type":["string","null"],"format":"date"},"purpose":{"type":"string","enum":["regular","handoff","army","abroad"]},"code":{"type":"string"}}})",
          kOrgSchema, {}}});

  r.Add({http::Method::kPost, "/api/v1/orgs/{id}/move",
         Authed(ctx,
                [&ctx](http::Request& req, const service::Authenticated& who) -> Result<http::Response> {
                  auto id = PathId(req);
                  if (!id) return Fail(id.error());
                  auto body = ParseObject(req);
                  if (!body) return Fail(body.error());
                  FieldReader f(*body);
                  auto parent_id = f.Int("parent_id");
                  if (auto fin = f.Finish(); !fin) return Fail(fin.error());
                  if (!parent_id)
                    return Fail(Error::Validation({ErrorDetail{"parent_id", std::nullopt,
                                                               "required", "common.required", {}}}));
                  auto v = ctx.orgs.Move(who.actor, *id, *parent_id);
                  if (!v) return Fail(v.error());
                  return JsonResponse(200, OrgViewJson(ctx.deps, *v));
                }),
         {"Move an org (with its subtree) under another parent", "orgs", true,
          R"({"type":"object","required":["parent_id"],"properties":{"parent_id":{"type":"integer"}}})",
          kOrgSchema, {}}});

  r.Add({http::Method::kPost, "/api/v1/orgs/{id}/close",
         Authed(ctx,
                [&ctx](http::Request& req, const service::Authenticated& who) -> Result<http::Response> {
                  auto id = PathId(req);
                  if (!id) return Fail(id.error());
                  auto body = ParseObject(req);
                  if (!body) return Fail(body.error());
                  FieldReader f(*body);
                  auto reason = f.Str("reason");
                  if (auto fin = f.Finish(); !fin) return Fail(fin.error());
                  auto v = ctx.orgs.Close(who.actor, *id, reason.value_or(""));
                  if (!v) return Fail(v.error());
                  return JsonResponse(200, OrgViewJson(ctx.deps, *v));
                }),
         {"Close an org (refused while it has active child orgs)", "orgs", true,
          R"({"type":"object","properties":{"reason":{"type":"string"}}})", kOrgSchema, {}}});
}

}  // namespace tj::api
