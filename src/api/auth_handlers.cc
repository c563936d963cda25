// Login, logout, the current user, password change and own sessions.
#include "api/common.h"
#include "api/encode.h"

namespace tj::api {
namespace {

std::string SessionCookie(const ApiContext& ctx, std::string_view token, int64_t max_age) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(token) +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (ctx.settings.secure_cookies) c += "; Secure";
  return c;
}

}  // namespace

void RegisterAuthRoutes(http::Router& r, ApiContext& ctx) {
  r.Add({http::Method::kPost, "/api/v1/auth/login",
         Public([&ctx](http::Request& req) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::LoginRequest lr;
           lr.username = f.Str("username").value_or("");
           lr.password = f.Str("password").value_or("");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           lr.client_address = req.remote_address;
           if (const std::string* ua = req.Header("user-agent")) lr.user_agent = *ua;
           auto res = ctx.auth.Login(lr);
           if (!res) return Fail(res.error());
           json::object out{{"token", res->token},
                            {"expires_at", InstantJson(ctx.deps, res->session.expires_at)},
                            {"csrf_token", res->csrf_token},
                            {"user", UserJson(res->account)}};
           http::Response resp = JsonResponse(200, out);
           resp.AddHeader("Set-Cookie", SessionCookie(ctx, res->token,
                                                      ctx.deps.auth.session.absolute.count()));
           resp.log_user_id = res->account.id;
           return resp;
         }),
         {"Log in with username and password; answers a token and sets the session cookie",
          "auth", false,
          R"({"type":"object","required":["username","password"],"properties":{"username":{"type":"string"},"password":{"type":"string"}}})",
          R"({"type":"object","properties":{"token":{"type":"string"},"expires_at":{"type":"string"},"csrf_token":{"type":"string"},"user":{"$ref":"#/components/schemas/User"}}})",
          {}}});

  r.Add({http::Method::kPost, "/api/v1/auth/logout",
         Authed(ctx,
                [&ctx](http::Request&, const service::Authenticated& who) -> Result<http::Response> {
                  if (auto l = ctx.auth.Logout(who.actor); !l) return Fail(l.error());
                  http::Response resp = NoContent();
                  resp.AddHeader("Set-Cookie", SessionCookie(ctx, "", 0));
                  return resp;
                },
                {.allowed_before_password_change = true}),
         {"End the current session", "auth", true, "", "", {}, 204}});

  r.Add({http::Method::kGet, "/api/v1/auth/me",
         Authed(ctx,
                [&ctx](http::Request&, const service::Authenticated& who) -> Result<http::Response> {
                  return JsonResponse(
                      200, json::object{{"user", UserJson(who.account)},
                                        {"csrf_token", who.session.csrf_token},
                                        {"session", json::object{{"id", who.session.id},
                                                                 {"expires_at",
                                                                  InstantJson(ctx.deps, who.session.expires_at)}}}});
                },
                {.allowed_before_password_change = true}),
         {"The current user, session and CSRF token", "auth", true, "", "", {}}});

  r.Add({http::Method::kPost, "/api/v1/auth/password",
         Authed(ctx,
                [&ctx](http::Request& req, const service::Authenticated& who) -> Result<http::Response> {
                  auto body = ParseObject(req);
                  if (!body) return Fail(body.error());
                  FieldReader f(*body);
                  auto old_pw = f.Str("old_password");
                  auto new_pw = f.Str("new_password");
                  if (auto fin = f.Finish(); !fin) return Fail(fin.error());
                  auto acc = ctx.auth.ChangePassword(who.actor, old_pw.value_or(""),
                                                     new_pw.value_or(""));
                  if (!acc) return Fail(acc.error());
                  return JsonResponse(200, json::object{{"user", UserJson(*acc)}});
                },
                {.allowed_before_password_change = true}),
         {"Change the caller's password (required after the first login)", "auth", true,
          R"({"type":"object","required":["old_password","new_password"],"properties":{"old_password":{"type":"string"},"new_password":{"type":"string"}}})",
          "", {}}});

  r.Add({http::Method::kGet, "/api/v1/auth/sessions",
         Authed(ctx,
                [&ctx](http::Request&, const service::Authenticated& who) -> Result<http::Response> {
                  auto list = ctx.auth.Sessions(who.actor);
                  if (!list) return Fail(list.error());
                  json::array items;
                  for (const auto& s : *list) {
                    items.push_back(json::object{
                        {"id", s.id},
                        {"created_at", InstantJson(ctx.deps, s.created_at)},
                        {"last_seen_at", InstantJson(ctx.deps, s.last_seen_at)},
                        {"expires_at", InstantJson(ctx.deps, s.expires_at)},
                        {"client_address", s.client_address},
                        {"user_agent", s.user_agent},
                        {"current", s.id == who.session.id}});
                  }
                  return JsonResponse(200, json::object{{"items", std::move(items)}});
                }),
         {"The caller's live sessions", "auth", true, "", "", {}}});

  r.Add({http::Method::kPost, "/api/v1/auth/sessions/{id}/revoke",
         Authed(ctx,
                [&ctx](http::Request& req, const service::Authenticated& who) -> Result<http::Response> {
                  auto id = PathId(req);
                  if (!id) return Fail(id.error());
                  if (auto r2 = ctx.auth.RevokeSession(who.actor, *id); !r2) return Fail(r2.error());
                  return NoContent();
                }),
         {"End one of the caller's own sessions", "auth", true, "", "", {}, 204}});
}

}  // namespace tj::api
