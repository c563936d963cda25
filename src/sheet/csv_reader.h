// Reading CSV (and tab-separated) text into a Table: encoding detection (UTF-8 with or without
// BOM, GBK/GB18030, UTF-16 with BOM), RFC 4180 quoting, any line ends. Pure; safe from any
// thread.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/error.h"
#include "sheet/sheet.h"

namespace tj::sheet {

// Errors as for Read: sheet.unreadable (undecodable text, binary data, an unterminated quote),
// sheet.empty, sheet.too_large.
Result<Table> ReadCsv(std::string_view bytes, size_t max_rows);

}  // namespace tj::sheet
