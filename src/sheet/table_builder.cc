#include "sheet/table_builder.h"

#include <algorithm>
#include <utility>

namespace tj::sheet {

Error Unreadable(std::string reason) {
  return Error::BadRequest("sheet.unreadable", {{"reason", std::move(reason)}});
}

bool IsBlankCell(std::string_view cell) {
  return std::all_of(cell.begin(), cell.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

namespace {

bool IsBlankRow(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const std::string& c) { return IsBlankCell(c); });
}

}  // namespace

Result<void> TableBuilder::AddRow(size_t source_row, std::vector<std::string>& cells) {
  if (!has_header_) {
    while (!cells.empty() && IsBlankCell(cells.back())) cells.pop_back();
    if (cells.empty()) return {};
    if (cells.size() > kMaxColumns)
      return Fail(
          Unreadable("the header row has more than " + std::to_string(kMaxColumns) + " columns"));
    has_header_ = true;
    header_source_row_ = source_row;
    table_.header = std::move(cells);
    cells.clear();
    max_rows_ = std::min(max_rows_, max_cells_ / table_.header.size());
    return {};
  }
  const size_t width = table_.header.size();
  if (cells.size() > width) cells.resize(width);
  if (IsBlankRow(cells)) {
    cells.clear();
    return {};
  }
  if (table_.rows.size() >= max_rows_)
    return Fail(Error::BadRequest("sheet.too_large", {{"max", std::to_string(max_rows_)}}));
  cells.resize(width);
  table_.rows.push_back(std::move(cells));
  table_.source_rows.push_back(source_row - header_source_row_);
  cells = {};
  cells.reserve(width);
  return {};
}

Result<Table> TableBuilder::Finish() && {
  if (!has_header_) return Fail(Error::BadRequest("sheet.empty"));
  return std::move(table_);
}

}  // namespace tj::sheet
