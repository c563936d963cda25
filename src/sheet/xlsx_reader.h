// Reading the first worksheet of an XLSX workbook into a Table. Unzips from memory (libzip) and
// parses each XML part with expat as a stream, so memory follows the size of the table, not of
// the XML. Pure; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/error.h"
#include "sheet/sheet.h"

namespace tj::sheet {

// The most a workbook may unpack to, all parts together: 100 000 rows of member data unpack to
// about 40 MiB; a zip bomb goes far beyond.
inline constexpr uint64_t kMaxXlsxUncompressed = uint64_t{200} << 20;

// The first worksheet in workbook order (workbook.xml, resolved through its relationships).
// Errors as for Read: sheet.unreadable (not a zip, not a workbook, damaged or malformed parts,
// DTD entities, over `max_uncompressed`), sheet.empty, sheet.too_large.
Result<Table> ReadXlsx(std::string_view bytes, size_t max_rows,
                       uint64_t max_uncompressed = kMaxXlsxUncompressed);

}  // namespace tj::sheet
