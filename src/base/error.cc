#include "base/error.h"

#include <utility>

namespace tj {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest: return "bad_request";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kPasswordChangeRequired: return "password_change_required";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kValidationFailed: return "validation_failed";
    case ErrorCode::kRuleViolation: return "rule_violation";
    case ErrorCode::kLocked: return "locked";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kInternal: return "internal";
    case ErrorCode::kUnavailable: return "unavailable";
  }
  return "internal";
}

ErrorDetail FieldError(std::string field, std::string code, std::string message_key,
                       MessageArgs args) {
  return ErrorDetail{std::move(field), std::nullopt, std::move(code), std::move(message_key),
                     std::move(args)};
}

Error Error::BadRequest(std::string key, MessageArgs args) {
  return Error{ErrorCode::kBadRequest, std::move(key), std::move(args), {}, {}};
}
Error Error::Unauthenticated(std::string key) {
  return Error{ErrorCode::kUnauthenticated, std::move(key), {}, {}, {}};
}
Error Error::Forbidden(std::string key) {
  return Error{ErrorCode::kForbidden, std::move(key), {}, {}, {}};
}
Error Error::NotFound(std::string key, MessageArgs args) {
  return Error{ErrorCode::kNotFound, std::move(key), std::move(args), {}, {}};
}
Error Error::Conflict(std::string key, MessageArgs args) {
  return Error{ErrorCode::kConflict, std::move(key), std::move(args), {}, {}};
}
Error Error::Validation(std::vector<ErrorDetail> details) {
  return Error{ErrorCode::kValidationFailed, "common.validation_failed", {}, std::move(details), {}};
}
Error Error::Rule(std::string rule_code, std::string key, MessageArgs args) {
  ErrorDetail d{{}, std::nullopt, std::move(rule_code), key, args};
  return Error{ErrorCode::kRuleViolation, std::move(key), std::move(args), {std::move(d)}, {}};
}
Error Error::Internal(std::string log_detail) {
  return Error{ErrorCode::kInternal, "common.internal", {}, {}, std::move(log_detail)};
}

}  // namespace tj
