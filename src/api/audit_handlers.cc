// The audit log: list in scope, verify the chain.
#include "api/common.h"
#include "api/encode.h"

namespace tj::api {

void RegisterAuditRoutes(http::Router& r, ApiContext& ctx) {
  r.Add({http::Method::kGet, "/api/v1/audit",
         Authed(ctx,
                [&ctx](http::Request& req, const service::Authenticated& who) -> Result<http::Response> {
                  service::AuditListRequest lr;
                  auto scope = QueryScope(req, true);
                  if (!scope) return Fail(scope.error());
                  lr.org_id = scope->org_id;
                  lr.subtree = scope->subtree;
                  if (auto a = QueryStr(req, "action"); a && !a->empty()) lr.action = a;
                  if (auto a = QueryStr(req, "actor"); a && !a->empty()) lr.actor = a;
                  auto from = QueryDate(req, "from");
                  if (!from) return Fail(from.error());
                  lr.from = *from;
                  auto to = QueryDate(req, "to");
                  if (!to) return Fail(to.error());
                  lr.to = *to;
                  auto page = QueryPage(req);
                  if (!page) return Fail(page.error());
                  lr.page = *page;
                  auto list = ctx.audit.List(who.actor, lr);
                  if (!list) return Fail(list.error());
                  return JsonResponse(200, ListBody(*list, lr.page, [&](const store::AuditListItem& i) {
                                        return AuditJson(ctx.deps, i);
                                      }));
                }),
         {"Audit records about orgs in the caller's scope, newest first", "audit", true, "", "",
          {"org_id", "subtree", "action", "actor", "from", "to", "page", "size"}}});

  r.Add({http::Method::kGet, "/api/v1/audit/verify",
         Authed(ctx,
                [&ctx](http::Request&, const service::Authenticated& who) -> Result<http::Response> {
                  auto rep = ctx.audit.Verify(who.actor);
                  if (!rep) return Fail(rep.error());
                  json::object o{{"ok", rep->ok}, {"checked", rep->checked}};
                  if (rep->first_bad_id) o["first_bad_id"] = *rep->first_bad_id;
                  return JsonResponse(200, o);
                }),
         {"Verify the audit log's hash chain", "audit", true, "",
          R"({"type":"object","properties":{"ok":{"type":"boolean"},"checked":{"type":"integer"},"first_bad_id":{"type":"integer"}}})",
          {}}});
}

}  // namespace tj::api
