// Spreadsheets in and out: the tables users exchange with the system (imports, templates,
// exports). Reads CSV (UTF-8, UTF-8 with BOM, GBK, or UTF-16 with BOM, detected; comma- or
// tab-separated) and the first worksheet of an XLSX file; writes XLSX (libxlsxwriter) and CSV.
//
// Every cell is UTF-8 text: numbers as written ("1380000" without ".0"), date-formatted XLSX
// cells as "YYYY-MM-DD". Functions over byte strings, no shared state; safe from any thread.
// (WriteXlsx alone touches the disk: libxlsxwriter 1.1.4 writes only to a path, so it goes
// through a private temporary file that it deletes.)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace tj::sheet {

enum class Format { kCsv, kXlsx };

struct Table {
  std::vector<std::string> header;             // the first non-blank row, without trailing
                                               // empty cells
  std::vector<std::vector<std::string>> rows;  // the data rows (blank rows dropped), padded
                                               // or cut to header.size()
  // Parallel to `rows` (filled by Read; ignored by the writers): where each row stands in the
  // file as its user sees it, counted from the header: the row right below the header is 1,
  // and skipped blank rows still count. In a sheet whose header is on spreadsheet row 1 this
  // is the spreadsheet row number minus one.
  std::vector<size_t> source_rows;
};

// XLSX when the bytes start like a zip archive ("PK\x03\x04"), else CSV.
Format DetectFormat(std::string_view bytes);

// Parses a whole file. Errors: kBadRequest with key "sheet.unreadable" (not a CSV/XLSX it can
// read, with a reason in args {"reason"}), "sheet.empty" (no header row), "sheet.too_large"
// (over `max_rows` data rows, args {"max"}; a very wide header lowers the row limit so that
// rows x columns stays within 10 million cells).
Result<Table> Read(std::string_view bytes, Format format, size_t max_rows = 1'000'000);

struct XlsxOptions {
  std::string sheet_name = "Sheet1";
  // Column widths in characters, by column index; missing ones are sized from the header.
  std::vector<double> widths;
  // Columns whose cells are written as text even when they look like numbers (ID numbers,
  // phone numbers, member numbers lose digits as numbers).
  std::vector<size_t> text_columns;
  // A column to highlight (the error column of a rejected import), if any.
  std::optional<size_t> highlight_column;
};

// The table as an XLSX file (header bold and frozen). Errors: kInternal if libxlsxwriter fails.
Result<std::string> WriteXlsx(const Table& table, const XlsxOptions& options);

// The table as CSV (RFC 4180 quoting, CRLF), UTF-8 with a BOM so Excel opens it correctly.
// A cell starting with = + - @ (or a tab or CR) gets a leading ' so that Excel shows it as text
// instead of running it as a formula (CSV formula injection); "-5" is written as "'-5".
std::string WriteCsv(const Table& table);

}  // namespace tj::sheet
