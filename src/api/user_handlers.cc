// Accounts: list, read, create, change, reset password, unlock.
#include "api/common.h"
#include "api/encode.h"

namespace tj::api {

void RegisterUserRoutes(http::Router& r, ApiContext& ctx) {
  auto one = [&ctx](auto&& action) {
    return Authed(ctx, [&ctx, action](http::Request& req,
                                      const service::Authenticated& who) -> Result<http::Response> {
      auto id = PathId(req);
      if (!id) return Fail(id.error());
      auto acc = action(req, who, *id);
      if (!acc) return Fail(acc.error());
      return JsonResponse(200, AccountJson(ctx.deps, *acc));
    });
  };

  r.Add({http::Method::kGet, "/api/v1/users",
         Authed(ctx,
                [&ctx](http::Request& req, const service::Authenticated& who) -> Result<http::Response> {
                  service::AccountListRequest lr;
                  auto scope = QueryScope(req, true);
                  if (!scope) return Fail(scope.error());
                  lr.org_id = scope->org_id;
                  lr.subtree = scope->subtree;
                  lr.q = QueryStr(req, "q");
                  auto role = QueryEnum(req, "role", domain::RoleNames());
                  if (!role) return Fail(role.error());
                  lr.role = *role;
                  auto status = QueryEnum(req, "status", domain::AccountStatusNames());
                  if (!status) return Fail(status.error());
                  lr.status = *status;
                  auto page = QueryPage(req);
                  if (!page) return Fail(page.error());
                  lr.page = *page;
                  auto list = ctx.users.List(who.actor, lr);
                  if (!list) return Fail(list.error());
                  return JsonResponse(200, ListBody(*list, lr.page, [&](const domain::Account& a) {
                                        return AccountJson(ctx.deps, a);
                                      }));
                }),
         {"List accounts in the caller's scope", "users", true, "", "",
          {"org_id", "subtree", "q", "role", "status", "page", "size"}}});

  r.Add({http::Method::kGet, "/api/v1/users/{id}",
         one([&ctx](http::Request&, const service::Authenticated& who, int64_t id) {
           return ctx.users.Get(who.actor, id);
         }),
         {"Read an account", "users", true, "", "", {}}});

  r.Add({http::Method::kPost, "/api/v1/users",
         Authed(ctx,
                [&ctx](http::Request& req, const service::Authenticated& who) -> Result<http::Response> {
                  auto body = ParseObject(req);
                  if (!body) return Fail(body.error());
                  FieldReader f(*body);
                  service::NewAccountRequest nr;
                  nr.username = f.Str("username");
                  nr.display_name = f.Str("display_name");
                  nr.org_id = f.Int("org_id");
                  nr.roles = f.StrList("roles");
                  nr.password = f.Str("password");
                  nr.member_id = f.Int("member_id");
                  if (auto fin = f.Finish(); !fin) return Fail(fin.error());
                  auto acc = ctx.users.Create(who.actor, nr);
                  if (!acc) return Fail(acc.error());
                  return JsonResponse(201, AccountJson(ctx.deps, *acc));
                }),
         {"Create an account (it must change its password at first login)", "users", true,
          R"({"type":"object","required":["username","org_id","roles","password"],"properties":{"username":{"type":"string"},"display_name":{"type":"string"},"org_id":{"type":"integer"},"roles":{"type":"array","items":{"type":"string","enum":["system_admin","committee_staff","branch_secretary","member"]}},"password":{"type":"string"},"member_id":{"type":"integer"}}})",
          "", {}, 201}});

  r.Add({http::Method::kPatch, "/api/v1/users/{id}",
         one([&ctx](http::Request& req, const service::Authenticated& who,
                    int64_t id) -> Result<domain::Account> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::AccountPatch p;
           p.display_name = f.Str("display_name");
           p.org_id = f.Int("org_id");
           p.roles = f.StrList("roles");
           p.status = f.Str("status");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           return ctx.users.Update(who.actor, id, p);
         }),
         {"Change an account's display name, org, roles or status", "users", true,
          R"({"type":"object","properties":{"display_name":{"type":"string"},"org_id":{"type":"integer"},"roles":{"type":"array","items":{"type":"string"}},"status":{"type":"string","enum":["active","disabled"]}}})",
          "", {}}});

  r.Add({http::Method::kPost, "/api/v1/users/{id}/reset-password",
         one([&ctx](http::Request& req, const service::Authenticated& who,
                    int64_t id) -> Result<domain::Account> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto pw = f.Str("password");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           return ctx.users.ResetPassword(who.actor, id, pw.value_or(""));
         }),
         {"Set a new initial password (changed at next login) and unlock", "users", true,
          R"({"type":"object","required":["password"],"properties":{"password":{"type":"string"}}})",
          "", {}}});

  r.Add({http::Method::kPost, "/api/v1/users/{id}/unlock",
         one([&ctx](http::Request&, const service::Authenticated& who, int64_t id) {
           return ctx.users.Unlock(who.actor, id);
         }),
         {"Lift a login lockout", "users", true, "", "", {}}});
}

}  // namespace tj::api
