// Plain request and response values passed between the server and handlers.
//
// They hold no Beast or Asio types, so handlers (src/api) compile without those headers and
// are testable without a socket. Header names are stored lowercase. Not synchronized: one
// request is handled by one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tj::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method m);
Method ParseMethod(std::string_view s);
// Unsafe methods change state and need a CSRF token when authenticated by cookie.
inline bool IsSafe(Method m) {
  return m == Method::kGet || m == Method::kHead || m == Method::kOptions;
}

struct Request {
  Method method = Method::kGet;
  std::string path;                                     // decoded, without the query
  std::multimap<std::string, std::string> query;        // decoded query parameters
  std::map<std::string, std::string> headers;           // lowercase names
  std::map<std::string, std::string> path_params;       // filled by the router: {id} -> "42"
  std::string body;
  std::string remote_address;                           // peer IP, no port

  // nullptr when absent.
  const std::string* Header(std::string_view lowercase_name) const;
  const std::string* QueryParam(std::string_view name) const;
  // The value of a cookie from the Cookie header.
  std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie...)
  std::string body;
  // Filled by the api layer so the access log can name the caller; 0 = anonymous.
  int64_t log_user_id = 0;
  // When set, the server streams this file as the body instead of `body`.
  std::optional<std::string> file_path;

  static Response Json(int status, std::string body);
  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Percent-decodes a path or query component ('+' as space when `plus_is_space`). Returns
// nullopt for malformed escapes.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

}  // namespace tj::http
