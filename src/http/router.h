// Routes requests to handlers by method and path pattern, and publishes the route table as
// an OpenAPI document.
//
// Patterns are literal segments and `{name}` parameters ("/api/v1/orgs/{id}/move"). Literal
// segments win over parameters. Each route carries its own body limit, which the server
// enforces before reading the body. Routes are added during start-up only; after that the
// router is read-only and safe to share between threads.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace tj::http {

using Handler = std::function<Response(Request&)>;

inline constexpr size_t kDefaultBodyLimit = 1 << 20;  // 1 MiB

// What the OpenAPI document says of a route.
struct RouteDoc {
  std::string summary;       // one line, English
  std::string tag;           // module ("auth", "orgs")
  bool auth = true;          // needs a session
  std::string request_schema;   // JSON Schema of the body as JSON text, empty if none
  std::string response_schema;  // JSON Schema of a success body as JSON text, empty if none
  std::vector<std::string> query_params;  // names of accepted query parameters
  int success_status = 200;  // 201 for creations, 204 for answers without a body
};

struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  RouteDoc doc;
  size_t body_limit = kDefaultBodyLimit;
  // The handler never blocks (no database, disk or password hashing), so it runs on the I/O
  // thread rather than queueing for a worker: the health check keeps answering while every
  // worker is busy with database work.
  bool on_io_thread = false;
};

class Router {
 public:
  // Aborts (a programmer mistake) on a duplicate method + pattern, a pattern that does not
  // start with '/', an empty or malformed `{param}` segment, or schema text that is not JSON.
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;       // null when nothing matched
    bool path_matched = false;          // some route has this path, with another method
  };
  // Matches a decoded path and, on success, fills `params` (when not null) with the values
  // of the route's `{name}` segments. Among several matching patterns the one with a literal
  // segment where the others have a parameter wins (leftmost difference decides).
  Match Find(Method method, std::string_view path,
             std::map<std::string, std::string>* params) const;

  // The methods of the routes whose pattern matches `path` (for the Allow header of a 405),
  // in the order they were added; empty when no pattern matches.
  std::vector<Method> AllowedMethods(std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

  // The OpenAPI 3.0.3 document of every route, as JSON text. Authenticated routes list two
  // schemes: a bearer token and the session cookie named `session_cookie`.
  std::string OpenApiJson(std::string_view title, std::string_view version,
                          std::string_view session_cookie = "tj_session") const;

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool is_param = false;
  };
  // Parallel to routes_: each pattern split into segments once, at Add().
  std::vector<std::vector<Segment>> segments_;
  std::vector<Route> routes_;
};

}  // namespace tj::http
