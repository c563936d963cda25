// The year's rule settings (规则参数).
#include "api/common.h"
#include "service/rule_service.h"

namespace tj::api {
namespace {

using service::Authenticated;

json::object RulesJson(const service::Deps& d, const service::RuleView& v) {
  const auto& r = v.rules;
  json::object o{{"year", r.year},
                 {"version", r.version},
                 {"min_class_hours", HalfHoursJson(r.min_class_half_hours)},
                 {"min_activist_months", r.min_activist_months},
                 {"min_age", r.min_age},
                 {"max_age", r.max_age},
                 {"junior_high_cap_percent", r.junior_high_cap_percent},
                 {"senior_high_cap_percent", r.senior_high_cap_percent},
                 {"excellent_cap_percent", r.excellent_cap_percent},
                 {"evaluation_quorum_num", r.evaluation_quorum_num},
                 {"evaluation_quorum_den", r.evaluation_quorum_den},
                 {"min_classes_per_year", r.min_classes_per_year},
                 {"min_general_meetings_per_quarter", r.min_general_meetings_per_quarter},
                 {"min_committee_meetings_per_month", r.min_committee_meetings_per_month},
                 {"min_classes_per_quarter", r.min_classes_per_quarter},
                 {"created_at", OptInstantJson(d, v.created_at)},
                 {"created_by", v.created_by.empty() ? json::value(nullptr) : json::value(v.created_by)}};
  return o;
}

// Reads the changed settings; class hours come in half-hour steps.
Result<service::RuleFields> ReadRuleFields(const json::object& body) {
  FieldReader f(body);
  service::RuleFields out;
  auto int_field = [&](const char* name) -> std::optional<int> {
    auto v = f.Int(name);
    if (!v) return std::nullopt;
    return static_cast<int>(std::clamp<int64_t>(*v, -1, 100000));
  };
  out.min_activist_months = int_field("min_activist_months");
  out.min_age = int_field("min_age");
  out.max_age = int_field("max_age");
  out.junior_high_cap_percent = int_field("junior_high_cap_percent");
  out.senior_high_cap_percent = int_field("senior_high_cap_percent");
  out.excellent_cap_percent = int_field("excellent_cap_percent");
  out.evaluation_quorum_num = int_field("evaluation_quorum_num");
  out.evaluation_quorum_den = int_field("evaluation_quorum_den");
  out.min_classes_per_year = int_field("min_classes_per_year");
  out.min_general_meetings_per_quarter = int_field("min_general_meetings_per_quarter");
  out.min_committee_meetings_per_month = int_field("min_committee_meetings_per_month");
  out.min_classes_per_quarter = int_field("min_classes_per_quarter");
  out.min_class_half_hours = f.HalfHours("min_class_hours", 10000, "rules.half_hour_steps");
  if (auto fin = f.Finish(); !fin) return Fail(fin.error());
  return out;
}

}  // namespace

void RegisterRuleRoutes(http::Router& r, ApiContext& ctx) {
  r.Add({http::Method::kGet, "/api/v1/rules/{year}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto year = PathId(req, "year");
           if (!year) return Fail(year.error());
           auto v = service::RuleService(ctx.deps).Get(who.actor, static_cast<int>(*year));
           if (!v) return Fail(v.error());
           return JsonResponse(200, RulesJson(ctx.deps, *v));
         }),
         {"The year's rule settings (the national defaults as version 0 until saved)", "rules",
          true, "", "", {}}});

  r.Add({http::Method::kGet, "/api/v1/rules/{year}/versions",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto year = PathId(req, "year");
           if (!year) return Fail(year.error());
           auto all = service::RuleService(ctx.deps).Versions(who.actor, static_cast<int>(*year));
           if (!all) return Fail(all.error());
           json::array items;
           for (const auto& v : *all) items.push_back(RulesJson(ctx.deps, v));
           return JsonResponse(200, json::object{{"items", std::move(items)}});
         }),
         {"Every saved version of the year's rule settings, newest first", "rules", true, "", "",
          {}}});

  r.Add({http::Method::kPut, "/api/v1/rules/{year}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto year = PathId(req, "year");
           if (!year) return Fail(year.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           auto fields = ReadRuleFields(*body);
           if (!fields) return Fail(fields.error());
           auto v = service::RuleService(ctx.deps).Put(who.actor, static_cast<int>(*year), *fields);
           if (!v) return Fail(v.error());
           return JsonResponse(200, RulesJson(ctx.deps, *v));
         }),
         {"Save a new version of the year's rule settings (system administrators of the top org)",
          "rules", true,
          R"({"type":"object","properties":{"min_class_hours":{"type":"number","multipleOf":0.5},"min_activist_months":{"type":"integer"},"min_age":{"type":"integer"},"max_age":{"type":"integer"},"junior_high_cap_percent":{"type":"integer"},"senior_high_cap_percent":{"type":"integer"},"excellent_cap_percent":{"type":"integer"},"evaluation_quorum_num":{"type":"integer"},"evaluation_quorum_den":{"type":"integer"},"min_classes_per_year":{"type":"integer"},"min_general_meetings_per_quarter":{"type":"integer"},"min_committee_meetings_per_month":{"type":"integer"},"min_classes_per_quarter":{"type":"integer"}}})",
          "", {}}});
}

}  // namespace tj::api
