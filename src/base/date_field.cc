#include "base/date_field.h"

#include "base/text.h"

namespace tj {

std::optional<Date> DayField(std::string_view field, const std::optional<std::string>& text, Date today,
                             bool required, std::vector<ErrorDetail>& details) {
  std::string t = Trim(text.value_or(""));
  if (t.empty()) {
    if (required) details.push_back(FieldError(std::string(field), "required", "common.required"));
    return std::nullopt;
  }
  auto d = ParseDate(t);
  if (!d) {
    details.push_back(FieldError(std::string(field), "invalid_format", "common.date_format"));
    return std::nullopt;
  }
  if (std::chrono::sys_days(*d) > std::chrono::sys_days(today)) {
    details.push_back(FieldError(std::string(field), "in_future", "common.date_in_future"));
    return std::nullopt;
  }
  return d;
}

}  // namespace tj
