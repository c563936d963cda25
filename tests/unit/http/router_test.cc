#include "http/router.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <set>
#include <string>

namespace tj::http {
namespace {

namespace json = boost::json;

Handler Named(std::string name) {
  return [name](Request&) { return Response::Json(200, name); };
}

Route MakeRoute(Method method, std::string pattern, RouteDoc doc = {}) {
  Route r;
  r.method = method;
  r.handler = Named(pattern);
  r.pattern = std::move(pattern);
  r.doc = std::move(doc);
  return r;
}

RouteDoc Doc(std::string summary, std::string tag, bool auth = true) {
  RouteDoc doc;
  doc.summary = std::move(summary);
  doc.tag = std::move(tag);
  doc.auth = auth;
  return doc;
}

// The name of the matched route's handler, or "" when nothing matched.
std::string Call(const Router::Match& m) {
  if (m.route == nullptr) return "";
  Request request;
  return m.route->handler(request).body;
}

TEST(RouterTest, MatchesLiteralPathsAndFillsParams) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/v1/health"));
  router.Add(MakeRoute(Method::kPost, "/api/v1/orgs/{id}/move"));
  router.Add(MakeRoute(Method::kGet, "/api/v1/orgs/{org_id}/members/{member_id}"));

  std::map<std::string, std::string> params;
  EXPECT_EQ(Call(router.Find(Method::kGet, "/api/v1/health", &params)), "/api/v1/health");
  EXPECT_TRUE(params.empty());

  auto m = router.Find(Method::kPost, "/api/v1/orgs/42/move", &params);
  EXPECT_EQ(Call(m), "/api/v1/orgs/{id}/move");
  EXPECT_EQ(params, (std::map<std::string, std::string>{{"id", "42"}}));

  m = router.Find(Method::kGet, "/api/v1/orgs/7/members/9", &params);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(params, (std::map<std::string, std::string>{{"org_id", "7"}, {"member_id", "9"}}));
}

TEST(RouterTest, NoMatchForOtherShapesTrailingSlashesOrEmptyParams) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/v1/orgs/{id}"));
  router.Add(MakeRoute(Method::kGet, "/api/v1/orgs"));
  for (const char* path : {"/api/v1/orgs/", "/api/v1/orgs/1/", "/api/v1/orgs//x", "/api/v1/org",
                           "/api/v1", "api/v1/orgs", "", "/"}) {
    auto m = router.Find(Method::kGet, path, nullptr);
    EXPECT_EQ(m.route, nullptr) << path;
    EXPECT_FALSE(m.path_matched) << path;
  }
}

TEST(RouterTest, LiteralSegmentBeatsParamWhateverTheOrderOfAdding) {
  Router param_first;
  param_first.Add(MakeRoute(Method::kGet, "/api/v1/users/{id}"));
  param_first.Add(MakeRoute(Method::kGet, "/api/v1/users/me"));
  Router literal_first;
  literal_first.Add(MakeRoute(Method::kGet, "/api/v1/users/me"));
  literal_first.Add(MakeRoute(Method::kGet, "/api/v1/users/{id}"));
  for (const Router* router : {&param_first, &literal_first}) {
    std::map<std::string, std::string> params;
    EXPECT_EQ(Call(router->Find(Method::kGet, "/api/v1/users/me", &params)), "/api/v1/users/me");
    EXPECT_TRUE(params.empty());
    EXPECT_EQ(Call(router->Find(Method::kGet, "/api/v1/users/12", &params)), "/api/v1/users/{id}");
    EXPECT_EQ(params.at("id"), "12");
  }
}

TEST(RouterTest, LeftmostLiteralDecidesBetweenPartlyLiteralPatterns) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/a/{x}/c"));
  router.Add(MakeRoute(Method::kGet, "/a/b/{y}"));
  EXPECT_EQ(Call(router.Find(Method::kGet, "/a/b/c", nullptr)), "/a/b/{y}");
  EXPECT_EQ(Call(router.Find(Method::kGet, "/a/z/c", nullptr)), "/a/{x}/c");
}

TEST(RouterTest, ReportsPathMatchedWhenOnlyTheMethodDiffers) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/v1/orgs/{id}"));
  router.Add(MakeRoute(Method::kPatch, "/api/v1/orgs/{id}"));

  auto m = router.Find(Method::kDelete, "/api/v1/orgs/3", nullptr);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_matched);

  m = router.Find(Method::kDelete, "/api/v1/nothing", nullptr);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_FALSE(m.path_matched);

  m = router.Find(Method::kPatch, "/api/v1/orgs/3", nullptr);
  EXPECT_NE(m.route, nullptr);

  EXPECT_EQ(router.AllowedMethods("/api/v1/orgs/3"),
            (std::vector<Method>{Method::kGet, Method::kPatch}));
  EXPECT_TRUE(router.AllowedMethods("/api/v1/nothing").empty());
}

TEST(RouterDeathTest, DuplicateMethodAndPatternAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/v1/orgs/{id}"));
  EXPECT_DEATH(router.Add(MakeRoute(Method::kGet, "/api/v1/orgs/{id}")), "duplicate");
  // Differently named parameters in the same place are still the same route.
  EXPECT_DEATH(router.Add(MakeRoute(Method::kGet, "/api/v1/orgs/{org_id}")), "duplicate");
  // The same pattern with another method is fine.
  router.Add(MakeRoute(Method::kPatch, "/api/v1/orgs/{id}"));
  EXPECT_EQ(router.routes().size(), 2u);
}

TEST(RouterDeathTest, MalformedPatternsAndSchemasAbort) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Router router;
  EXPECT_DEATH(router.Add(MakeRoute(Method::kGet, "api/v1/x")), "start with");
  EXPECT_DEATH(router.Add(MakeRoute(Method::kGet, "/api/{}/x")), "parameter");
  EXPECT_DEATH(router.Add(MakeRoute(Method::kGet, "/api/{id/x")), "parameter");
  EXPECT_DEATH(router.Add(MakeRoute(Method::kGet, "/api/{id}/{id}")), "repeats");
  RouteDoc bad_schema;
  bad_schema.request_schema = "{not json";
  EXPECT_DEATH(router.Add(MakeRoute(Method::kPost, "/api/x", bad_schema)), "schema");
}

TEST(RouterOpenApiTest, ListsEveryRouteWithMethodsParamsAndSchemas) {
  Router router;
  RouteDoc health = Doc("Service health", "system", false);
  health.response_schema = R"({"type":"object"})";
  router.Add(MakeRoute(Method::kGet, "/api/v1/health", health));
  RouteDoc list = Doc("List orgs", "orgs");
  list.query_params = {"org_id", "subtree", "page", "size"};
  router.Add(MakeRoute(Method::kGet, "/api/v1/orgs", list));
  RouteDoc create = Doc("Create an org", "orgs");
  create.request_schema = R"({"type":"object","required":["name"]})";
  create.response_schema = R"({"type":"object"})";
  create.success_status = 201;
  router.Add(MakeRoute(Method::kPost, "/api/v1/orgs", create));
  router.Add(MakeRoute(Method::kPatch, "/api/v1/orgs/{id}", Doc("Change an org", "orgs")));
  router.Add(MakeRoute(Method::kPost, "/api/v1/orgs/{id}/move", Doc("Move an org", "orgs")));
  RouteDoc revoke = Doc("Revoke a session", "auth");
  revoke.success_status = 204;
  router.Add(MakeRoute(Method::kPost, "/api/v1/auth/sessions/{id}/revoke", revoke));

  json::value doc = json::parse(router.OpenApiJson("tuanjian", "0.1.0"));
  EXPECT_EQ(doc.at("openapi"), "3.0.3");
  EXPECT_EQ(doc.at("info").at("title"), "tuanjian");
  EXPECT_EQ(doc.at("info").at("version"), "0.1.0");

  // Every route appears, under its pattern and lowercase method, and nothing else does.
  const json::object& paths = doc.at("paths").as_object();
  std::set<std::string> listed;
  for (const auto& [path, item] : paths) {
    for (const auto& [method, op] : item.as_object()) {
      listed.insert(std::string(method) + " " + std::string(path));
    }
  }
  std::set<std::string> expected;
  for (const Route& r : router.routes()) {
    std::string method(MethodName(r.method));
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    expected.insert(method + " " + r.pattern);
  }
  EXPECT_EQ(listed, expected);
  EXPECT_EQ(listed.size(), 6u);

  const json::value& get_health = paths.at("/api/v1/health").at("get");
  EXPECT_EQ(get_health.at("summary"), "Service health");
  EXPECT_EQ(get_health.at("tags").at(0), "system");
  EXPECT_FALSE(get_health.as_object().contains("security"));
  EXPECT_EQ(get_health.at("responses")
                .at("200")
                .at("content")
                .at("application/json")
                .at("schema")
                .at("type"),
            "object");
  EXPECT_EQ(get_health.at("responses")
                .at("default")
                .at("content")
                .at("application/json")
                .at("schema")
                .at("$ref"),
            "#/components/schemas/Error");

  const json::array& list_params = paths.at("/api/v1/orgs").at("get").at("parameters").as_array();
  ASSERT_EQ(list_params.size(), 4u);
  EXPECT_EQ(list_params[0].at("name"), "org_id");
  EXPECT_EQ(list_params[0].at("in"), "query");
  EXPECT_EQ(list_params[3].at("name"), "size");
  EXPECT_EQ(paths.at("/api/v1/orgs").at("get").at("security").as_array().size(), 2u);

  const json::value& post_orgs = paths.at("/api/v1/orgs").at("post");
  EXPECT_EQ(post_orgs.at("requestBody")
                .at("content")
                .at("application/json")
                .at("schema")
                .at("required")
                .at(0),
            "name");
  EXPECT_TRUE(post_orgs.at("responses").as_object().contains("201"));
  EXPECT_FALSE(post_orgs.at("responses").as_object().contains("200"));

  const json::array& move_params =
      paths.at("/api/v1/orgs/{id}/move").at("post").at("parameters").as_array();
  ASSERT_EQ(move_params.size(), 1u);
  EXPECT_EQ(move_params[0].at("name"), "id");
  EXPECT_EQ(move_params[0].at("in"), "path");
  EXPECT_EQ(move_params[0].at("required"), true);

  EXPECT_TRUE(paths.at("/api/v1/auth/sessions/{id}/revoke")
                  .at("post")
                  .at("responses")
                  .as_object()
                  .contains("204"));

  const json::value& components = doc.at("components");
  EXPECT_TRUE(components.at("schemas").as_object().contains("Error"));
  EXPECT_EQ(components.at("securitySchemes").at("bearerAuth").at("scheme"), "bearer");
  EXPECT_EQ(components.at("securitySchemes").at("cookieAuth").at("name"), "tj_session");

  // Operation ids are unique (code generators rely on that).
  std::set<std::string> ids;
  for (const auto& [path, item] : paths) {
    for (const auto& [method, op] : item.as_object()) {
      EXPECT_TRUE(ids.insert(std::string(op.at("operationId").as_string())).second);
    }
  }
}

}  // namespace
}  // namespace tj::http
