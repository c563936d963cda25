// Assembles a Table from rows in the order a reader finds them: takes the first non-blank row
// as the header, pads or cuts later rows to the header's width, drops blank rows while keeping
// their numbers, and enforces the row and cell limits. Shared by the CSV and XLSX readers so
// both treat headers, blank rows and limits the same way. Not synchronized; one per Read call.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "sheet/sheet.h"

namespace tj::sheet {

// Excel's column limit (XFD); a wider header is refused as unreadable.
inline constexpr size_t kMaxColumns = 16384;
// Header width x data rows: bounds the memory a small file can claim by padding short rows
// (a 200 KB CSV of single-cell lines under a 16 384-column header would otherwise need
// tens of gigabytes of empty strings). At 32 bytes an empty std::string that is at most
// 320 MB; a member list of 9 to 20 columns meets it only past 500 000 rows.
inline constexpr size_t kMaxCells = 10'000'000;

// sheet.unreadable with `reason` (English, technical: it names what was wrong with the file).
Error Unreadable(std::string reason);

// True when `cell` holds nothing but ASCII spaces, tabs and line breaks.
bool IsBlankCell(std::string_view cell);

class TableBuilder {
 public:
  // `max_cells` is a parameter for tests; readers use kMaxCells.
  explicit TableBuilder(size_t max_rows, size_t max_cells = kMaxCells)
      : max_rows_(max_rows), max_cells_(max_cells) {}

  // Cells at this index or beyond are dropped anyway, so readers need not keep them. Before the
  // header is known this is one past kMaxColumns, so an over-wide header can be noticed.
  size_t column_limit() const { return has_header_ ? table_.header.size() : kMaxColumns + 1; }

  // Takes the cells of the row at 1-based position `source_row` in the file (the CSV record or
  // the XLSX row number); increasing from call to call. Moves the strings out and leaves `cells`
  // empty for reuse. Fails with sheet.too_large past the row limit, and with sheet.unreadable
  // when the header is wider than kMaxColumns.
  Result<void> AddRow(size_t source_row, std::vector<std::string>& cells);

  // The table. Fails with sheet.empty when no row had a non-blank cell.
  Result<Table> Finish() &&;

 private:
  size_t max_rows_;
  size_t max_cells_;
  bool has_header_ = false;
  size_t header_source_row_ = 0;
  Table table_;
};

}  // namespace tj::sheet
