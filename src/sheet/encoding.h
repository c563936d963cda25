// Character encodings of text files users upload: strict UTF-8 validation and conversion from
// legacy encodings (GBK/GB18030 from Chinese Excel and WPS, UTF-16 from Excel's "Unicode text")
// through glibc iconv. Pure functions; safe from any thread (each call opens its own iconv
// descriptor).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/error.h"

namespace tj::sheet {

// The offset of the first byte that does not belong to well-formed UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF are ill-formed), or npos when all of `s` is valid.
// Strictness matters for detection: GBK text such as "联通" (C1 AA CD A8) has the bit pattern
// of UTF-8 but uses the overlong lead byte C1.
size_t FindInvalidUtf8(std::string_view s);

// `bytes` converted from `from_encoding` (an iconv name: "GB18030", "UTF-16") to UTF-8.
// Fails with sheet.unreadable naming the encoding and the offset of the first bad byte.
Result<std::string> ConvertToUtf8(std::string_view bytes, const char* from_encoding);

}  // namespace tj::sheet
