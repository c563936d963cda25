// Small text helpers shared by every layer: UTF-8 length, trimming, ASCII case folding.
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace tj {

// The number of UTF-8 code points in `s` (limits on names count characters, not bytes).
size_t Utf8Length(std::string_view s);
// `s` without leading and trailing ASCII whitespace and U+3000 (ideographic space).
std::string Trim(std::string_view s);
std::string AsciiLower(std::string_view s);
// True when `s` is valid UTF-8.
bool IsValidUtf8(std::string_view s);

// Percent-encodes every byte but RFC 5987's attr-char (letters, digits, !#$&+-.^_`|~), for
// filename*=UTF-8''... in Content-Disposition.
std::string PercentEncode(std::string_view s);

}  // namespace tj
