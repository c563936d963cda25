#include "http/router.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace tj::http {
namespace {

namespace json = boost::json;

// Route tables are written by programmers at start-up; a mistake there must stop the
// process at once rather than produce a server that answers some routes wrongly.
[[noreturn]] void RouteMistake(const Route& route, std::string_view why) {
  std::fprintf(stderr, "tj http: bad route %.*s %s: %.*s\n",
               static_cast<int>(MethodName(route.method).size()), MethodName(route.method).data(),
               route.pattern.c_str(), static_cast<int>(why.size()), why.data());
  std::abort();
}

// Splits "/a/b/c" into {"a","b","c"}; "/" gives {""}. The caller checks the leading '/'.
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  path.remove_prefix(1);
  for (;;) {
    size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

bool IsIdName(std::string_view name) {
  return name == "id" || (name.size() > 3 && name.ends_with("_id"));
}

std::string LowercaseMethod(Method m) {
  std::string s(MethodName(m));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "get" + "/api/v1/orgs/{id}/move" -> "get_api_v1_orgs_id_move": stable and unique per route.
std::string OperationId(const Route& route) {
  std::string id = LowercaseMethod(route.method);
  bool pending_separator = true;
  for (char c : route.pattern) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (pending_separator) id.push_back('_');
      pending_separator = false;
      id.push_back(c);
    } else {
      pending_separator = true;
    }
  }
  return id;
}

std::string_view StatusDescription(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    default:
      return "Success";
  }
}

json::value ErrorSchema() {
  return json::parse(R"({
    "type": "object",
    "required": ["error"],
    "properties": {
      "error": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
          "code": {"type": "string"},
          "message": {"type": "string"},
          "details": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "field": {"type": "string"},
                "row": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"}
              }
            }
          }
        }
      }
    }
  })");
}

json::object Operation(const Route& route, const std::vector<std::string>& path_params) {
  const RouteDoc& doc = route.doc;
  json::object op;
  op["operationId"] = OperationId(route);
  if (!doc.summary.empty()) op["summary"] = doc.summary;
  if (!doc.tag.empty()) op["tags"] = json::array{json::value(doc.tag)};

  json::array parameters;
  for (const std::string& name : path_params) {
    parameters.push_back(json::object{
        {"name", name},
        {"in", "path"},
        {"required", true},
        {"schema", json::object{{"type", IsIdName(name) ? "integer" : "string"}}},
    });
  }
  for (const std::string& name : doc.query_params) {
    parameters.push_back(json::object{
        {"name", name},
        {"in", "query"},
        {"required", false},
        {"schema", json::object{{"type", "string"}}},
    });
  }
  if (!parameters.empty()) op["parameters"] = std::move(parameters);

  if (!doc.request_schema.empty()) {
    op["requestBody"] = json::object{
        {"required", true},
        {"content", json::object{{"application/json",
                                  json::object{{"schema", json::parse(doc.request_schema)}}}}},
    };
  }

  json::object responses;
  json::object success{{"description", StatusDescription(doc.success_status)}};
  if (!doc.response_schema.empty()) {
    success["content"] = json::object{
        {"application/json", json::object{{"schema", json::parse(doc.response_schema)}}}};
  }
  responses[std::to_string(doc.success_status)] = std::move(success);
  responses["default"] = json::object{
      {"description", "Error"},
      {"content",
       json::object{
           {"application/json",
            json::object{{"schema", json::object{{"$ref", "#/components/schemas/Error"}}}}}}},
  };
  op["responses"] = std::move(responses);

  if (doc.auth) {
    op["security"] = json::array{json::object{{"bearerAuth", json::array{}}},
                                 json::object{{"cookieAuth", json::array{}}}};
  }
  return op;
}

}  // namespace

void Router::Add(Route route) {
  if (!route.pattern.starts_with('/')) RouteMistake(route, "the pattern must start with '/'");
  if (route.method == Method::kOther) RouteMistake(route, "no such method");
  if (!route.handler) RouteMistake(route, "no handler");
  std::vector<Segment> segments;
  for (std::string_view part : SplitPath(route.pattern)) {
    if (part.starts_with('{') || part.ends_with('}')) {
      if (part.size() < 3 || !part.starts_with('{') || !part.ends_with('}')) {
        RouteMistake(route, "a parameter segment is '{name}'");
      }
      std::string name(part.substr(1, part.size() - 2));
      for (const Segment& s : segments) {
        if (s.is_param && s.text == name) RouteMistake(route, "a parameter name repeats");
      }
      segments.push_back({std::move(name), true});
    } else {
      if (part.find_first_of("{}") != std::string_view::npos) {
        RouteMistake(route, "braces inside a literal segment");
      }
      segments.push_back({std::string(part), false});
    }
  }
  // Two patterns that differ only in parameter names ("/orgs/{id}" and "/orgs/{org_id}") are
  // the same route.
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method != route.method || segments_[i].size() != segments.size()) continue;
    bool same = true;
    for (size_t k = 0; k < segments.size() && same; ++k) {
      const Segment& a = segments_[i][k];
      const Segment& b = segments[k];
      same = a.is_param == b.is_param && (a.is_param || a.text == b.text);
    }
    if (same) RouteMistake(route, "duplicate of " + routes_[i].pattern);
  }
  for (const std::string* schema : {&route.doc.request_schema, &route.doc.response_schema}) {
    if (schema->empty()) continue;
    boost::system::error_code ec;
    json::value parsed = json::parse(*schema, ec);
    if (ec || !parsed.is_object()) RouteMistake(route, "a schema is not a JSON object");
  }
  if (route.doc.success_status < 200 || route.doc.success_status > 299) {
    RouteMistake(route, "success_status must be 2xx");
  }
  segments_.push_back(std::move(segments));
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(Method method, std::string_view path,
                           std::map<std::string, std::string>* params) const {
  Match match;
  if (!path.starts_with('/')) return match;
  std::vector<std::string_view> parts = SplitPath(path);
  size_t best = routes_.size();
  for (size_t i = 0; i < routes_.size(); ++i) {
    const std::vector<Segment>& segments = segments_[i];
    if (segments.size() != parts.size()) continue;
    bool matches = true;
    for (size_t k = 0; k < parts.size() && matches; ++k) {
      matches = segments[k].is_param ? !parts[k].empty() : segments[k].text == parts[k];
    }
    if (!matches) continue;
    if (routes_[i].method != method) {
      match.path_matched = true;
      continue;
    }
    if (best == routes_.size()) {
      best = i;
      continue;
    }
    // Both match the same path, so they differ only where one has a parameter and the
    // other a literal; the leftmost such difference decides, the literal winning.
    for (size_t k = 0; k < parts.size(); ++k) {
      if (segments[k].is_param == segments_[best][k].is_param) continue;
      if (!segments[k].is_param) best = i;
      break;
    }
  }
  if (best == routes_.size()) return match;
  match.route = &routes_[best];
  if (params != nullptr) {
    params->clear();
    for (size_t k = 0; k < parts.size(); ++k) {
      const Segment& s = segments_[best][k];
      if (s.is_param) (*params)[s.text] = std::string(parts[k]);
    }
  }
  return match;
}

std::vector<Method> Router::AllowedMethods(std::string_view path) const {
  std::vector<Method> methods;
  if (!path.starts_with('/')) return methods;
  std::vector<std::string_view> parts = SplitPath(path);
  for (size_t i = 0; i < routes_.size(); ++i) {
    const std::vector<Segment>& segments = segments_[i];
    if (segments.size() != parts.size()) continue;
    bool matches = true;
    for (size_t k = 0; k < parts.size() && matches; ++k) {
      matches = segments[k].is_param ? !parts[k].empty() : segments[k].text == parts[k];
    }
    if (matches && std::find(methods.begin(), methods.end(), routes_[i].method) == methods.end()) {
      methods.push_back(routes_[i].method);
    }
  }
  return methods;
}

std::string Router::OpenApiJson(std::string_view title, std::string_view version,
                                std::string_view session_cookie) const {
  json::object paths;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& route = routes_[i];
    std::vector<std::string> path_params;
    for (const Segment& s : segments_[i]) {
      if (s.is_param) path_params.push_back(s.text);
    }
    json::value& item = paths[route.pattern];
    if (!item.is_object()) item.emplace_object();
    item.as_object()[LowercaseMethod(route.method)] = Operation(route, path_params);
  }

  json::object doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = json::object{{"title", title}, {"version", version}};
  doc["paths"] = std::move(paths);
  doc["components"] = json::object{
      {"schemas", json::object{{"Error", ErrorSchema()}}},
      {"securitySchemes",
       json::object{
           {"bearerAuth", json::object{{"type", "http"}, {"scheme", "bearer"}}},
           {"cookieAuth",
            json::object{{"type", "apiKey"}, {"in", "cookie"}, {"name", session_cookie}}},
       }},
  };
  return json::serialize(doc);
}

}  // namespace tj::http
