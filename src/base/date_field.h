// A day given in a request field ("YYYY-MM-DD"), checked the same way everywhere: required
// (when it is), a real calendar day, not after today. Pure; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/time.h"

namespace tj {

// The day, or nullopt with one detail appended on `field`: required, invalid_format or
// in_future. An absent or blank optional field is nullopt with no detail.
std::optional<Date> DayField(std::string_view field, const std::optional<std::string>& text, Date today,
                             bool required, std::vector<ErrorDetail>& details);

}  // namespace tj
