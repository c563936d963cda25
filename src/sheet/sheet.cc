#include "sheet/sheet.h"

#include "sheet/csv_reader.h"
#include "sheet/xlsx_reader.h"

namespace tj::sheet {

Format DetectFormat(std::string_view bytes) {
  return bytes.starts_with("PK\x03\x04") ? Format::kXlsx : Format::kCsv;
}

Result<Table> Read(std::string_view bytes, Format format, size_t max_rows) {
  return format == Format::kXlsx ? ReadXlsx(bytes, max_rows) : ReadCsv(bytes, max_rows);
}

namespace {

void AppendCsvCell(std::string& out, std::string_view cell) {
  // Excel runs a cell starting with these as a formula (=HYPERLINK(...), +cmd|...); a leading '
  // keeps it text. OWASP's list adds tab and CR, which Excel also treats as formula starts.
  const bool defuse =
      !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
  // Quoted also when the reader would otherwise trim the cell or split it.
  const bool quote = cell.find_first_of(",\"\r\n\t") != std::string_view::npos ||
                     (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (quote) out.push_back('"');
  if (defuse) out.push_back('\'');
  if (!quote) {
    out.append(cell);
    return;
  }
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendCsvRow(std::string& out, const std::vector<std::string>& row) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendCsvCell(out, row[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string WriteCsv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  if (!table.header.empty()) AppendCsvRow(out, table.header);
  for (const auto& row : table.rows) AppendCsvRow(out, row);
  return out;
}

}  // namespace tj::sheet
