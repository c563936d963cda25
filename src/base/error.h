// Error values for expected failures (validation, not found, conflict, rule violations...).
//
// Every layer returns `Result<T>` (= std::expected<T, Error>) for failures a caller can act on;
// exceptions are reserved for I/O libraries and are caught at the session boundary. An Error
// carries a machine code, a message key into the message catalog (messages.h) with named
// arguments, and optional per-field/per-row details. The HTTP layer maps the code to a status
// and renders the message in the caller's language. Plain value type; not synchronized.
#pragma once

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tj {

enum class ErrorCode {
  kBadRequest,              // 400 bad_request
  kUnauthenticated,         // 401 unauthenticated
  kForbidden,               // 403 forbidden
  kPasswordChangeRequired,  // 403 password_change_required
  kNotFound,                // 404 not_found
  kMethodNotAllowed,        // 405 method_not_allowed
  kConflict,                // 409 conflict
  kPayloadTooLarge,         // 413 payload_too_large
  kValidationFailed,        // 422 validation_failed
  kRuleViolation,           // 422 rule_violation
  kLocked,                  // 423 locked
  kRateLimited,             // 429 rate_limited
  kInternal,                // 500 internal
  kUnavailable,             // 503 unavailable
};

// The wire name of a code ("not_found").
std::string_view ErrorCodeName(ErrorCode code);

using MessageArgs = std::map<std::string, std::string, std::less<>>;

// One problem with one field (and, for imports, one row).
struct ErrorDetail {
  std::string field;         // snake_case field name, empty when not about one field
  std::optional<int> row;    // 1-based data row for imports
  std::string code;          // machine code of the rule or check ("checksum", "too_short")
  std::string message_key;   // catalog key; rendered per language
  MessageArgs args;
};

// A detail about one field (no row).
ErrorDetail FieldError(std::string field, std::string code, std::string message_key,
                       MessageArgs args = {});

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message_key;   // catalog key, e.g. "org.not_found"
  MessageArgs args;
  std::vector<ErrorDetail> details;
  std::string log_detail;    // for the server log only (never sent to clients)

  static Error BadRequest(std::string key, MessageArgs args = {});
  static Error Unauthenticated(std::string key = "auth.unauthenticated");
  static Error Forbidden(std::string key = "common.forbidden");
  static Error NotFound(std::string key = "common.not_found", MessageArgs args = {});
  static Error Conflict(std::string key, MessageArgs args = {});
  static Error Validation(std::vector<ErrorDetail> details);
  static Error Rule(std::string rule_code, std::string key, MessageArgs args = {});
  static Error Internal(std::string log_detail);
};

template <typename T>
using Result = std::expected<T, Error>;

// Shorthand for returning an error from a function returning Result<T>.
inline std::unexpected<Error> Fail(Error e) { return std::unexpected<Error>(std::move(e)); }

}  // namespace tj
