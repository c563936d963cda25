// Health, the OpenAPI document, and (when enabled for tests) a slow route.
#include <chrono>
#include <thread>

#include "api/common.h"
#include "service/dues_service.h"
#include "service/study_service.h"

namespace tj::api {

void RegisterSystemRoutes(http::Router& r, ApiContext& ctx) {
  r.Add({http::Method::kGet, "/api/v1/health",
         Public([&ctx](http::Request&) -> Result<http::Response> {
           return JsonResponse(200, json::object{{"status", "ok"},
                                                 {"version", ctx.settings.version},
                                                 {"database", ctx.deps.db.name()}});
         }),
         {"Liveness and the database backend in use", "system", false, "",
          R"({"type":"object","properties":{"status":{"type":"string"},"version":{"type":"string"},"database":{"type":"string","enum":["sqlite","postgresql"]}}})",
          {}},
         http::kDefaultBodyLimit,
         /*on_io_thread=*/true});
  r.Add({http::Method::kGet, "/api/v1/openapi.json",
         Public([&ctx, &r](http::Request&) -> Result<http::Response> {
           return http::Response::Json(200, r.OpenApiJson("tuanjian", ctx.settings.version));
         }),
         {"This API's OpenAPI 3 document", "system", false, "", "", {}}});
  if (ctx.settings.test_routes) {
    r.Add({http::Method::kGet, "/api/v1/_test/sleep",
           Public([](http::Request& req) -> Result<http::Response> {
             auto ms = QueryInt(req, "ms");
             if (!ms) return Fail(ms.error());
             int64_t n = std::clamp<int64_t>(ms->value_or(1000), 0, 60000);
             std::this_thread::sleep_for(std::chrono::milliseconds(n));
             return JsonResponse(200, json::object{{"slept_ms", n}});
           }),
           {"Test only: sleeps on a worker thread (enabled by TUANJIAN_TEST_ROUTES=1)", "system",
            false, "", "", {"ms"}}});
    if (ctx.settings.test_clock) {
      r.Add({http::Method::kPost, "/api/v1/_test/clock",
             Public([&ctx](http::Request& req) -> Result<http::Response> {
               auto body = ParseObject(req);
               if (!body) return Fail(body.error());
               FieldReader f(*body);
               auto now = f.Str("now");
               if (auto fin = f.Finish(); !fin) return Fail(fin.error());
               auto t = ParseInstant(now.value_or(""));
               if (!t) return Fail(Error::BadRequest("common.bad_parameter", {{"name", "now"}}));
               ctx.settings.test_clock->Set(*t);
               // Age bands follow "today"; rebuild as the daily job would.
               if (auto r2 = ctx.members.RebuildIndex(); !r2) return Fail(r2.error());
               if (auto r2 = service::DuesService(ctx.deps).RebuildIndex(); !r2) return Fail(r2.error());
               if (auto r2 = service::StudyService(ctx.deps).RebuildIndex(); !r2) return Fail(r2.error());
               return JsonResponse(200, json::object{{"now", FormatInstant(*t, ctx.deps.zone)}});
             }),
             {"Test only: moves the pinned clock (TUANJIAN_TEST_NOW with TUANJIAN_TEST_ROUTES=1)",
              "system", false, R"({"type":"object","properties":{"now":{"type":"string"}}})", "", {}}});
    }
  }
}

}  // namespace tj::api
