#include "api/common.h"

#include <charconv>
#include <cmath>
#include <iostream>

#include "base/crypto.h"
#include "base/text.h"

namespace tj::api {

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden:
    case ErrorCode::kPasswordChangeRequired: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kValidationFailed:
    case ErrorCode::kRuleViolation: return 422;
    case ErrorCode::kLocked: return 423;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kInternal: return 500;
    case ErrorCode::kUnavailable: return 503;
  }
  return 500;
}

http::Response ErrorResponse(const Error& e, Locale locale) {
  if (e.code == ErrorCode::kInternal || e.code == ErrorCode::kUnavailable)
    std::cerr << "error: " << ErrorCodeName(e.code) << ": " << e.log_detail << "\n";
  json::object err{{"code", ErrorCodeName(e.code)},
                   {"message", RenderMessage(e.message_key, e.args, locale)}};
  if (!e.details.empty()) {
    json::array details;
    for (const auto& d : e.details) {
      json::object o{{"code", d.code}, {"message", RenderMessage(d.message_key, d.args, locale)}};
      if (!d.field.empty()) o["field"] = d.field;
      if (d.row) o["row"] = *d.row;
      details.push_back(std::move(o));
    }
    err["details"] = std::move(details);
  }
  http::Response r = JsonResponse(HttpStatus(e.code), json::object{{"error", std::move(err)}});
  if (e.code == ErrorCode::kUnauthenticated)
    r.AddHeader("WWW-Authenticate", "Bearer realm=\"tuanjian\"");
  return r;
}

Locale LocaleOf(const http::Request& r) {
  const std::string* h = r.Header("accept-language");
  return h ? ParseAcceptLanguage(*h) : Locale::kZhCN;
}

http::Response RenderServerError(int status, std::string_view code, std::string_view key,
                                 const MessageArgs& args, std::string_view accept_language) {
  Locale loc = ParseAcceptLanguage(accept_language);
  json::object err{{"code", code}, {"message", RenderMessage(key, args, loc)}};
  return JsonResponse(status, json::object{{"error", std::move(err)}});
}

http::Response JsonResponse(int status, const json::value& v) {
  return http::Response::Json(status, json::serialize(v));
}

http::Response NoContent() {
  http::Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Result<json::object> ParseObject(const http::Request& r) {
  if (!IsValidUtf8(r.body))
    return Fail(Error::BadRequest("common.bad_json", {{"reason", "invalid UTF-8"}}));
  boost::system::error_code ec;
  json::value v = json::parse(r.body.empty() ? std::string_view("{}") : std::string_view(r.body), ec);
  if (ec) return Fail(Error::BadRequest("common.bad_json", {{"reason", ec.message()}}));
  if (!v.is_object())
    return Fail(Error::BadRequest("common.bad_json", {{"reason", "expected an object"}}));
  return std::move(v.as_object());
}

void FieldReader::WrongType(std::string_view field) {
  details_.push_back(
      ErrorDetail{std::string(field), std::nullopt, "wrong_type", "common.wrong_type", {}});
}

std::optional<std::string> FieldReader::Str(std::string_view field) {
  auto it = o_.find(field);
  if (it == o_.end()) return std::nullopt;
  if (it->value().is_null()) return std::string();
  if (!it->value().is_string()) {
    WrongType(field);
    return std::nullopt;
  }
  return std::string(it->value().as_string());
}

std::optional<int64_t> FieldReader::Int(std::string_view field) {
  auto it = o_.find(field);
  if (it == o_.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_int64()) return it->value().as_int64();
  if (it->value().is_uint64() && it->value().as_uint64() <= uint64_t(INT64_MAX))
    return static_cast<int64_t>(it->value().as_uint64());
  WrongType(field);
  return std::nullopt;
}

std::optional<bool> FieldReader::Bool(std::string_view field) {
  auto it = o_.find(field);
  if (it == o_.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_bool()) return it->value().as_bool();
  WrongType(field);
  return std::nullopt;
}

std::optional<std::vector<std::string>> FieldReader::StrList(std::string_view field) {
  auto it = o_.find(field);
  if (it == o_.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_array()) {
    WrongType(field);
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& v : it->value().as_array()) {
    if (!v.is_string()) {
      WrongType(field);
      return std::nullopt;
    }
    out.emplace_back(v.as_string());
  }
  return out;
}

std::optional<std::vector<int64_t>> FieldReader::IntList(std::string_view field) {
  auto it = o_.find(field);
  if (it == o_.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_array()) {
    WrongType(field);
    return std::nullopt;
  }
  std::vector<int64_t> out;
  for (const auto& v : it->value().as_array()) {
    if (v.is_int64()) {
      out.push_back(v.as_int64());
    } else if (v.is_uint64() && v.as_uint64() <= uint64_t(INT64_MAX)) {
      out.push_back(static_cast<int64_t>(v.as_uint64()));
    } else {
      WrongType(field);
      return std::nullopt;
    }
  }
  return out;
}

std::optional<int> FieldReader::HalfHours(std::string_view field, double max_hours,
                                          std::string message_key) {
  auto it = o_.find(field);
  if (it == o_.end() || it->value().is_null()) return std::nullopt;
  const auto& v = it->value();
  if (!v.is_number()) {
    WrongType(field);
    return std::nullopt;
  }
  double hours = v.is_double() ? v.as_double()
                 : v.is_int64() ? static_cast<double>(v.as_int64())
                                : static_cast<double>(v.as_uint64());
  double half = hours * 2;
  if (std::abs(hours) > max_hours || half != std::floor(half)) {
    details_.push_back(FieldError(std::string(field), "invalid_format", std::move(message_key)));
    return std::nullopt;
  }
  return static_cast<int>(half);
}

Result<void> FieldReader::Finish() {
  if (details_.empty()) return {};
  return Fail(Error::Validation(std::move(details_)));
}

Result<int> QueryYear(const http::Request& r, const service::Deps& d) {
  auto year = QueryInt(r, "year");
  if (!year) return Fail(year.error());
  int64_t y = year->value_or(static_cast<int>(d.Today().year()));
  if (y < 2000 || y > 2100) return Fail(Error::BadRequest("common.bad_parameter", {{"name", "year"}}));
  return static_cast<int>(y);
}

std::optional<std::string> QueryStr(const http::Request& r, std::string_view name) {
  const std::string* v = r.QueryParam(name);
  if (!v) return std::nullopt;
  return *v;
}

Result<std::optional<int64_t>> QueryInt(const http::Request& r, std::string_view name) {
  const std::string* v = r.QueryParam(name);
  if (!v || v->empty()) return std::optional<int64_t>();
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size())
    return Fail(Error::BadRequest("common.bad_parameter", {{"name", std::string(name)}}));
  return std::optional<int64_t>(out);
}

Result<std::optional<bool>> QueryBool(const http::Request& r, std::string_view name) {
  const std::string* v = r.QueryParam(name);
  if (!v || v->empty()) return std::optional<bool>();
  if (*v == "true" || *v == "1") return std::optional<bool>(true);
  if (*v == "false" || *v == "0") return std::optional<bool>(false);
  return Fail(Error::BadRequest("common.bad_parameter", {{"name", std::string(name)}}));
}

Result<std::optional<Date>> QueryDate(const http::Request& r, std::string_view name) {
  const std::string* v = r.QueryParam(name);
  if (!v || v->empty()) return std::optional<Date>();
  auto d = ParseDate(*v);
  if (!d) return Fail(Error::BadRequest("common.bad_parameter", {{"name", std::string(name)}}));
  return std::optional<Date>(*d);
}

Result<store::PageRequest> QueryPage(const http::Request& r) {
  store::PageRequest p;
  auto page = QueryInt(r, "page");
  if (!page) return Fail(page.error());
  auto size = QueryInt(r, "size");
  if (!size) return Fail(size.error());
  if (*page) {
    if (**page < 1) return Fail(Error::BadRequest("common.bad_parameter", {{"name", "page"}}));
    p.page = **page;
  }
  if (*size) {
    if (**size < 1 || **size > 500)
      return Fail(Error::BadRequest("common.bad_parameter", {{"name", "size"}}));
    p.size = **size;
  }
  return p;
}

Result<ScopeQuery> QueryScope(const http::Request& r, bool default_subtree) {
  auto org_id = QueryInt(r, "org_id");
  if (!org_id) return Fail(org_id.error());
  auto subtree = QueryBool(r, "subtree");
  if (!subtree) return Fail(subtree.error());
  return ScopeQuery{*org_id, subtree->value_or(default_subtree)};
}

Result<int64_t> PathId(const http::Request& r, std::string_view name) {
  auto it = r.path_params.find(std::string(name));
  int64_t id = 0;
  if (it != r.path_params.end()) {
    const auto& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec == std::errc() && p == s.data() + s.size() && id > 0) return id;
  }
  return Fail(Error::NotFound());
}

json::value InstantJson(const service::Deps& d, Instant t) {
  return json::value(FormatInstant(t, d.zone));
}
json::value OptInstantJson(const service::Deps& d, const std::optional<Instant>& t) {
  return t ? InstantJson(d, *t) : json::value(nullptr);
}
json::value OptStrJson(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}
json::value OptIntJson(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value HalfHoursJson(int half_hours) {
  if (half_hours % 2 == 0) return json::value(half_hours / 2);
  return json::value(half_hours / 2.0);
}

json::value OptIntJson(const std::optional<int>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::value OptDateJson(const std::optional<Date>& d) {
  return d ? json::value(FormatDate(*d)) : json::value(nullptr);
}

json::value NonEmptyJson(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

http::Handler Public(Handler h) {
  return [h = std::move(h)](http::Request& req) -> http::Response {
    auto r = h(req);
    if (!r) return ErrorResponse(r.error(), LocaleOf(req));
    return std::move(*r);
  };
}

http::Handler Authed(ApiContext& ctx, AuthedHandler h, AuthOptions opts) {
  return [&ctx, h = std::move(h), opts](http::Request& req) -> http::Response {
    Locale loc = LocaleOf(req);
    std::string token;
    bool by_cookie = false;
    if (const std::string* auth = req.Header("authorization");
        auth && AsciiLower(auth->substr(0, 7)) == "bearer ") {
      token = Trim(auth->substr(7));
    } else if (auto c = req.Cookie(kSessionCookie)) {
      token = *c;
      by_cookie = true;
    }
    if (token.empty()) return ErrorResponse(Error::Unauthenticated(), loc);
    auto who = ctx.auth.Authenticate(token, req.remote_address);
    if (!who) return ErrorResponse(who.error(), loc);
    if (by_cookie && !http::IsSafe(req.method)) {
      const std::string* csrf = req.Header(kCsrfHeader);
      if (!csrf || !crypto::ConstantTimeEquals(*csrf, who->session.csrf_token)) {
        auto resp = ErrorResponse(Error::Forbidden("auth.csrf"), loc);
        resp.log_user_id = who->actor.user_id;
        return resp;
      }
    }
    if (who->account.must_change_password && !opts.allowed_before_password_change) {
      auto resp = ErrorResponse(Error{ErrorCode::kPasswordChangeRequired,
                                      "auth.password_change_required", {}, {}, {}},
                                loc);
      resp.log_user_id = who->actor.user_id;
      return resp;
    }
    auto r = h(req, *who);
    http::Response resp = r ? std::move(*r) : ErrorResponse(r.error(), loc);
    resp.log_user_id = who->actor.user_id;
    return resp;
  };
}

void RegisterAllRoutes(http::Router& r, ApiContext& ctx) {
  RegisterSystemRoutes(r, ctx);
  RegisterAuthRoutes(r, ctx);
  RegisterOrgRoutes(r, ctx);
  RegisterUserRoutes(r, ctx);
  RegisterAuditRoutes(r, ctx);
  RegisterMemberRoutes(r, ctx);
  RegisterRuleRoutes(r, ctx);
  RegisterRecruitmentRoutes(r, ctx);
  RegisterTwoSystemsRoutes(r, ctx);
  RegisterTransferRoutes(r, ctx);
  RegisterDuesRoutes(r, ctx);
  RegisterActivityRoutes(r, ctx);
  RegisterStudyRoutes(r, ctx);
}

}  // namespace tj::api
