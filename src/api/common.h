// What every handlers file shares: the services it calls, JSON decoding with field-level
// errors, query parameters, JSON responses, and the one place that turns an Error into the
// API's error body and HTTP status.
//
// Handlers run on worker threads; ApiContext is shared by all of them and holds only
// thread-safe services. Decoders and encoders are pure functions.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/messages.h"
#include "http/message.h"
#include "http/router.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/member_service.h"
#include "service/org_service.h"
#include "service/user_service.h"

namespace tj::api {

namespace json = boost::json;

struct ApiSettings {
  std::string version;
  bool secure_cookies = false;  // add Secure to the session cookie (behind TLS)
  bool test_routes = false;     // GET /api/v1/_test/sleep for the shutdown test
  ManualClock* test_clock = nullptr;  // POST /api/v1/_test/clock moves it (test routes only)
};

struct ApiContext {
  explicit ApiContext(service::Deps& d, ApiSettings s)
      : deps(d), settings(std::move(s)), auth(d), orgs(d), users(d), audit(d), members(d) {}
  service::Deps& deps;
  ApiSettings settings;
  service::AuthService auth;
  service::OrgService orgs;
  service::UserService users;
  service::AuditService audit;
  service::MemberService members;
};

inline constexpr std::string_view kSessionCookie = "tj_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

// The status an error code maps to.
int HttpStatus(ErrorCode code);
// The error body in the caller's language.
http::Response ErrorResponse(const Error& e, Locale locale);
Locale LocaleOf(const http::Request& r);
// Renders errors the server produces itself (unknown route, 413...); see ServerOptions.
http::Response RenderServerError(int status, std::string_view code, std::string_view key,
                                 const MessageArgs& args, std::string_view accept_language);

http::Response JsonResponse(int status, const json::value& v);
http::Response NoContent();

// Parses the body as a JSON object. Errors: kBadRequest "common.bad_json".
Result<json::object> ParseObject(const http::Request& r);

// Reads typed fields from a JSON object, collecting a detail per wrong type; call Finish()
// to get the validation error if there was any.
class FieldReader {
 public:
  explicit FieldReader(const json::object& o) : o_(o) {}
  // Absent → nullopt; null → "" (clears a nullable field); non-string → error.
  std::optional<std::string> Str(std::string_view field);
  std::optional<int64_t> Int(std::string_view field);
  std::optional<bool> Bool(std::string_view field);
  std::optional<std::vector<std::string>> StrList(std::string_view field);
  std::optional<std::vector<int64_t>> IntList(std::string_view field);
  // Hours as a JSON number in steps of 0.5, returned as half hours (7.5 → 15); a number off
  // the steps, or beyond ±`max_hours` (a bound against overflow; the domain checks the real
  // range), is an invalid_format detail with `message_key`.
  std::optional<int> HalfHours(std::string_view field, double max_hours, std::string message_key);
  Result<void> Finish();

 private:
  void WrongType(std::string_view field);
  const json::object& o_;
  std::vector<ErrorDetail> details_;
};

// Query parameters. Errors: kBadRequest "common.bad_parameter" naming the parameter.
Result<std::optional<int64_t>> QueryInt(const http::Request& r, std::string_view name);
Result<std::optional<bool>> QueryBool(const http::Request& r, std::string_view name);
std::optional<std::string> QueryStr(const http::Request& r, std::string_view name);
Result<std::optional<Date>> QueryDate(const http::Request& r, std::string_view name);
// page (≥ 1) and size (1..500, default 20).
Result<store::PageRequest> QueryPage(const http::Request& r);
// Parses an enum-valued query parameter; unknown names are a bad request.
template <typename E>
Result<std::optional<E>> QueryEnum(const http::Request& r, std::string_view name,
                                   EnumNames<E> names) {
  auto s = QueryStr(r, name);
  if (!s || s->empty()) return std::optional<E>();
  auto v = ParseName(names, *s);
  if (!v) return Fail(Error::BadRequest("common.bad_parameter", {{"name", std::string(name)}}));
  return std::optional<E>(*v);
}
// `year` (2000–2100), this year by default. Errors: kBadRequest naming it.
Result<int> QueryYear(const http::Request& r, const service::Deps& d);
// `org_id` and `subtree` of a list scoped by org. Errors: kBadRequest naming the parameter.
struct ScopeQuery {
  std::optional<int64_t> org_id;
  bool subtree = true;
};
Result<ScopeQuery> QueryScope(const http::Request& r, bool default_subtree);
// The integer path parameter `name`. Errors: kNotFound when it is not a positive integer.
Result<int64_t> PathId(const http::Request& r, std::string_view name = "id");

// {"items":[...],"total":N,"page":P,"size":S}
template <typename T, typename F>
json::object ListBody(const store::Page<T>& page, const store::PageRequest& req, F&& encode) {
  json::array items;
  for (const auto& i : page.items) items.push_back(encode(i));
  return {{"items", std::move(items)}, {"total", page.total}, {"page", req.page},
          {"size", req.size}};
}

json::value InstantJson(const service::Deps& d, Instant t);
json::value OptInstantJson(const service::Deps& d, const std::optional<Instant>& t);
json::value OptStrJson(const std::optional<std::string>& s);
json::value OptIntJson(const std::optional<int64_t>& v);
json::value OptIntJson(const std::optional<int>& v);
// Half hours as hours: 16 -> 8, 15 -> 7.5.
json::value HalfHoursJson(int half_hours);
// "YYYY-MM-DD" or null.
json::value OptDateJson(const std::optional<Date>& d);
// The text, or null when it is empty (optional columns read as "").
json::value NonEmptyJson(const std::string& s);

// Handler plumbing. A handler returns a response or an error; errors become the error body.
using Handler = std::function<Result<http::Response>(http::Request&)>;
using AuthedHandler =
    std::function<Result<http::Response>(http::Request&, const service::Authenticated&)>;

struct AuthOptions {
  bool allowed_before_password_change = false;
};

// A route open to anyone.
http::Handler Public(Handler h);
// A route that needs a session: bearer token or cookie (with the CSRF header on unsafe
// methods); refuses with 403 password_change_required while the password must change.
http::Handler Authed(ApiContext& ctx, AuthedHandler h, AuthOptions opts = {});

// Route registration per module (one handlers file each).
void RegisterSystemRoutes(http::Router& r, ApiContext& ctx);
void RegisterAuthRoutes(http::Router& r, ApiContext& ctx);
void RegisterOrgRoutes(http::Router& r, ApiContext& ctx);
void RegisterUserRoutes(http::Router& r, ApiContext& ctx);
void RegisterAuditRoutes(http::Router& r, ApiContext& ctx);
void RegisterMemberRoutes(http::Router& r, ApiContext& ctx);
void RegisterRuleRoutes(http::Router& r, ApiContext& ctx);
void RegisterRecruitmentRoutes(http::Router& r, ApiContext& ctx);
void RegisterTwoSystemsRoutes(http::Router& r, ApiContext& ctx);
void RegisterTransferRoutes(http::Router& r, ApiContext& ctx);
void RegisterDuesRoutes(http::Router& r, ApiContext& ctx);
void RegisterActivityRoutes(http::Router& r, ApiContext& ctx);
void RegisterStudyRoutes(http::Router& r, ApiContext& ctx);

// Every route of the API.
void RegisterAllRoutes(http::Router& r, ApiContext& ctx);

}  // namespace tj::api
