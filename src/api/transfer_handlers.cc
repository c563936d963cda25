// Transfers of members between orgs (组织关系转接).
#include "api/common.h"
#include "service/transfer_service.h"

namespace tj::api {
namespace {

using service::Authenticated;
using service::TransferService;

json::object TransferJson(const service::Deps& d, const store::TransferRow& r) {
  const auto& t = r.transfer;
  Date today = d.Today();
  return json::object{
      {"id", t.id},
      {"member_id", t.member_id},
      {"member_name", r.member_name},
      {"member_no", OptStrJson(r.member_no)},
      {"kind", NameOf(domain::TransferKindNames(), t.kind)},
      {"reason", NameOf(domain::TransferReasonNames(), t.reason)},
      {"note", t.note},
      {"from_org_id", t.from_org_id},
      {"from_org_name", r.from_org_name},
      {"to_org_id", OptIntJson(t.to_org_id)},
      {"to_org_name", NonEmptyJson(r.to_org_name)},
      {"external_name", NonEmptyJson(t.external_name)},
      {"external_code", NonEmptyJson(t.external_code)},
      {"state", NameOf(domain::TransferStateNames(), t.state)},
      {"started_side", NameOf(domain::TransferSideNames(), t.started_side)},
      {"started_on", FormatDate(t.started_on)},
      {"due_on", FormatDate(t.due_on)},
      {"overdue", domain::TransferOverdue(t.state, t.due_on, today)},
      {"approvals", json::object{{"branch", t.approvals.branch},
                                 {"committee", t.approvals.committee},
                                 {"committee_needed", t.approvals.committee_needed}}},
      {"placed_org_id", OptIntJson(t.placed_org_id)},
      {"placed_org_name", NonEmptyJson(r.placed_org_name)},
      {"completed_on", OptDateJson(t.completed_on)},
      {"end_reason", t.end_reason},
      {"created_at", InstantJson(d, t.created_at)},
      {"created_by", t.created_by},
      {"updated_at", InstantJson(d, t.updated_at)}};
}

json::object DetailJson(const service::Deps& d, const service::TransferDetail& detail) {
  json::object o = TransferJson(d, detail.row);
  json::array trail;
  for (const auto& e : detail.trail)
    trail.push_back(json::object{
        {"id", e.id},
        {"at", InstantJson(d, e.at)},
        {"actor_username", e.actor_username},
        {"action", e.action},
        {"state_from", e.state_from ? json::value(NameOf(domain::TransferStateNames(), *e.state_from))
                                    : json::value(nullptr)},
        {"state_to", NameOf(domain::TransferStateNames(), e.state_to)},
        {"note", e.note}});
  o["trail"] = std::move(trail);
  return o;
}

}  // namespace

void RegisterTransferRoutes(http::Router& r, ApiContext& ctx) {
  r.Add({http::Method::kGet, "/api/v1/transfers",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto overdue = QueryBool(req, "overdue");
           if (!overdue) return Fail(overdue.error());
           auto member = QueryInt(req, "member_id");
           if (!member) return Fail(member.error());
           service::TransferListRequest lr{scope->org_id, scope->subtree, QueryStr(req, "direction"),
                                           QueryStr(req, "state"), overdue->value_or(false), *member, *page};
           auto list = TransferService(ctx.deps).List(who.actor, lr);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [&](const store::TransferRow& t) {
                                 return TransferJson(ctx.deps, t);
                               }));
         }),
         {"Transfers from or to orgs in the caller's scope, newest first", "transfers", true, "", "",
          {"org_id", "subtree", "direction", "state", "overdue", "member_id", "page", "size"}}});

  r.Add({http::Method::kPost, "/api/v1/transfers",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::TransferStart s;
           s.member_id = f.Int("member_id");
           s.member_no = f.Str("member_no");
           s.member_name = f.Str("member_name");
           s.to_org_id = f.Int("to_org_id");
           s.to_org_code = f.Str("to_org_code");
           s.external_name = f.Str("external_name");
           s.external_code = f.Str("external_code");
           s.reason = f.Str("reason");
           s.note = f.Str("note");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto d = TransferService(ctx.deps).Start(who.actor, s);
           if (!d) return Fail(d.error());
           return JsonResponse(201, DetailJson(ctx.deps, *d));
         }),
         {"Start a transfer (the sending side names the member; the receiving side gives the member's number and name)",
          "transfers", true,
          R"({"type":"object","required":["reason"],"properties":{"member_id":{"type":"integer"},"member_no":{"type":"string"},"member_name":{"type":"string"},"to_org_id":{"type":"integer"},"to_org_code":{"type":"string"},"external_name":{"type":"string"},"external_code":{"type":"string"},"reason":{"type":"string","enum":["job","study","move","graduation","army","abroad","other"]},"note":{"type":"string"}}})",
          "", {}, 201}});

  r.Add({http::Method::kGet, "/api/v1/transfers/graduates",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto on = QueryDate(req, "on");
           if (!on) return Fail(on.error());
           auto list = TransferService(ctx.deps).Graduates(who.actor, scope->org_id, scope->subtree, *on, *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [](const store::GraduateRow& g) {
                                 return json::object{{"member_id", g.member_id},
                                                     {"name", g.name},
                                                     {"member_no", OptStrJson(g.member_no)},
                                                     {"org_id", g.org_id},
                                                     {"org_name", g.org_name},
                                                     {"graduation_date", FormatDate(g.graduation_date)}};
                               }));
         }),
         {"Graduates of school branches waiting for the hand-off (学社衔接)", "transfers", true, "", "",
          {"org_id", "subtree", "on", "page", "size"}}});

  r.Add({http::Method::kPost, "/api/v1/transfers/bulk",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto ids = f.IntList("member_ids");
           service::TransferStart s;
           s.to_org_id = f.Int("to_org_id");
           s.to_org_code = f.Str("to_org_code");
           s.external_name = f.Str("external_name");
           s.external_code = f.Str("external_code");
           s.reason = f.Str("reason");
           s.note = f.Str("note");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           if (!s.reason) s.reason = "graduation";
           auto list = TransferService(ctx.deps).StartBulk(who.actor, ids.value_or(std::vector<int64_t>{}), s);
           if (!list) return Fail(list.error());
           json::array items;
           for (const auto& d : *list) items.push_back(DetailJson(ctx.deps, d));
           return JsonResponse(201, json::object{{"items", std::move(items)}});
         }),
         {"Start transfers of several members to one destination, all or none (the graduate hand-off)",
          "transfers", true,
          R"({"type":"object","required":["member_ids"],"properties":{"member_ids":{"type":"array","items":{"type":"integer"}},"to_org_id":{"type":"integer"},"external_name":{"type":"string"},"external_code":{"type":"string"},"reason":{"type":"string"},"note":{"type":"string"}}})",
          "", {}, 201}});

  r.Add({http::Method::kGet, "/api/v1/transfers/destination",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto code = QueryStr(req, "code");
           if (!code || code->empty()) return Fail(Error::BadRequest("common.bad_parameter", {{"name", "code"}}));
           auto o = TransferService(ctx.deps).Destination(who.actor, *code);
           if (!o) return Fail(o.error());
           return JsonResponse(200, json::object{{"id", o->id},
                                                 {"name", o->name},
                                                 {"code", o->code},
                                                 {"type", NameOf(domain::OrgTypeNames(), o->type)}});
         }),
         {"Find a transfer's destination org anywhere in the deployment by its code", "transfers", true, "", "",
          {"code"}}});

  r.Add({http::Method::kGet, "/api/v1/me/transfers",
         Authed(ctx, [&ctx](http::Request&, const Authenticated& who) -> Result<http::Response> {
           auto list = TransferService(ctx.deps).Own(who.actor);
           if (!list) return Fail(list.error());
           json::array items;
           for (const auto& d : *list) items.push_back(DetailJson(ctx.deps, d));
           return JsonResponse(200, json::object{{"items", std::move(items)}});
         }),
         {"A member's own transfers (self-service)", "self-service", true, "", "", {}}});

  r.Add({http::Method::kPost, "/api/v1/me/transfers",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::TransferStart s;
           s.member_id = who.actor.member_id;
           s.to_org_id = f.Int("to_org_id");
           s.to_org_code = f.Str("to_org_code");
           s.external_name = f.Str("external_name");
           s.external_code = f.Str("external_code");
           s.reason = f.Str("reason");
           s.note = f.Str("note");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           if (!who.actor.member_id) return Fail(Error::Forbidden());
           auto d = TransferService(ctx.deps).Start(who.actor, s);
           if (!d) return Fail(d.error());
           return JsonResponse(201, DetailJson(ctx.deps, *d));
         }),
         {"A member asks for their own transfer (self-service; the branch and committees decide)", "self-service",
          true,
          R"({"type":"object","required":["reason"],"properties":{"to_org_id":{"type":"integer"},"to_org_code":{"type":"string"},"external_name":{"type":"string"},"external_code":{"type":"string"},"reason":{"type":"string"},"note":{"type":"string"}}})",
          "", {}, 201}});

  r.Add({http::Method::kPost, "/api/v1/transfers/expire/run",
         Authed(ctx, [&ctx](http::Request&, const Authenticated& who) -> Result<http::Response> {
           auto n = TransferService(ctx.deps).ExpireDue(who.actor);
           if (!n) return Fail(n.error());
           return JsonResponse(200, json::object{{"expired", *n}});
         }),
         {"Expire the open transfers past their due day (the server also runs this daily)", "transfers", true, "",
          "", {}}});

  r.Add({http::Method::kGet, "/api/v1/transfers/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto d = TransferService(ctx.deps).Get(who.actor, *id);
           if (!d) return Fail(d.error());
           return JsonResponse(200, DetailJson(ctx.deps, *d));
         }),
         {"Read a transfer with its trail", "transfers", true, "", "", {}}});

  r.Add({http::Method::kPost, "/api/v1/transfers/{id}/actions",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::TransferStep s{f.Str("action"), f.Int("placed_org_id"), f.Str("reason")};
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto d = TransferService(ctx.deps).Act(who.actor, *id, s);
           if (!d) return Fail(d.error());
           return JsonResponse(200, DetailJson(ctx.deps, *d));
         }),
         {"Take a step on a transfer: approve_out, reject, accept (with placed_org_id), return, cancel",
          "transfers", true,
          R"({"type":"object","required":["action"],"properties":{"action":{"type":"string","enum":["approve_out","reject","accept","return","cancel"]},"placed_org_id":{"type":"integer"},"reason":{"type":"string"}}})",
          "", {}}});
}

}  // namespace tj::api
