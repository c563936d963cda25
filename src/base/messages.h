// The server's catalog of user-visible messages, in zh-CN (first) and en.
//
// Errors carry a key and named arguments; the HTTP layer renders them in the language the
// client asked for (Accept-Language). Keys are grouped by module ("org.*", "auth.*").
// The catalog is immutable static data: safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace tj {

enum class Locale { kZhCN, kEn };

// Picks zh-CN unless the header prefers English ("en", "en-US;q=0.9,...") over Chinese.
Locale ParseAcceptLanguage(std::string_view header);

// Renders `key` with `{name}` placeholders replaced from args. An argument written "@other.key"
// is itself rendered from the catalog (so enum values show as labels: "@org_type.branch" →
// 团支部). Unknown keys render as the key itself so a missing translation is visible.
std::string RenderMessage(std::string_view key, const MessageArgs& args, Locale locale);

// Every key in the catalog (for tests that check completeness).
std::vector<std::string_view> MessageKeys();
bool HasMessage(std::string_view key);

}  // namespace tj
