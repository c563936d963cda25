// WriteXlsx: libxlsxwriter in constant-memory mode (rows are streamed to its temporary file as
// they are written, so a 100 000-row export does not build a cell tree in memory).
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "sheet/sheet.h"

namespace tj::sheet {
namespace {

// Excel's "Bad" cell style fill, the light red users know as the mark of a problem.
constexpr lxw_color_t kLightRed = 0xFFC7CE;
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 60;

// A path of our own under the system's temporary directory, removed when this goes away.
class TempFile {
 public:
  TempFile() {
    std::error_code ec;
    const auto dir = std::filesystem::temp_directory_path(ec);
    std::string pattern = (ec ? std::filesystem::path("/tmp") : dir) / "tj-sheet-XXXXXX.xlsx";
    const int fd = mkstemps(pattern.data(), 5);
    if (fd < 0) return;
    close(fd);
    path_ = std::move(pattern);
  }
  ~TempFile() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }  // empty when creation failed

 private:
  std::string path_;
};

// East Asian wide and fullwidth characters take two columns (Hanzi, fullwidth punctuation).
bool IsWide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

// Width of `s` in character columns as Excel's default font roughly draws it.
double DisplayWidth(std::string_view s) {
  double width = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
    for (size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    width += IsWide(cp) ? 2 : 1;
    i += len;
  }
  return width;
}

// Written as a number only when Excel gives back exactly this text: canonical decimal (no
// leading zeros, no trailing fraction zeros, no exponent) and short enough that a General
// cell shows every digit (11 characters). Anything else ("0012", "1.50", an ID number) stays
// a string, so nothing is lost when a caller forgets a text column.
bool IsPlainNumber(std::string_view s) {
  if (s.empty() || s.size() > 11) return false;
  size_t i = 0;
  if (s[0] == '-') ++i;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  if (s[i] == '0' && i + 1 < s.size() && s[i + 1] != '.') return false;
  const size_t int_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == s.size()) return !(s[0] == '-' && s.substr(int_start) == "0");
  if (s[i] != '.' || i + 1 == s.size() || s.back() == '0') return false;
  for (++i; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

class Workbook {
 public:
  explicit Workbook(const std::string& path) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    book_ = workbook_new_opt(path.c_str(), &options);
  }
  ~Workbook() {
    if (book_) lxw_workbook_free(book_);  // a failure path: discard without writing
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() const { return book_; }
  lxw_error Close() {
    lxw_workbook* book = std::exchange(book_, nullptr);
    return workbook_close(book);
  }

 private:
  lxw_workbook* book_ = nullptr;
};

Error WriterError(std::string_view what, lxw_error error) {
  return Error::Internal("libxlsxwriter: " + std::string(what) + ": " + lxw_strerror(error));
}

}  // namespace

Result<std::string> WriteXlsx(const Table& table, const XlsxOptions& options) {
  TempFile file;
  if (file.path().empty()) return Fail(Error::Internal("WriteXlsx: cannot create a temp file"));
  Workbook book(file.path());
  if (!book.get()) return Fail(Error::Internal("libxlsxwriter: cannot create a workbook"));
  // Validated first: workbook_add_worksheet would also print a warning to stderr.
  if (lxw_error e = workbook_validate_sheet_name(book.get(), options.sheet_name.c_str());
      e != LXW_NO_ERROR)
    return Fail(WriterError("sheet name \"" + options.sheet_name + "\"", e));
  lxw_worksheet* sheet = workbook_add_worksheet(book.get(), options.sheet_name.c_str());
  if (!sheet) return Fail(Error::Internal("libxlsxwriter: cannot add a worksheet"));

  auto make_format = [&](bool bold, bool text, bool highlight) {
    lxw_format* f = workbook_add_format(book.get());
    if (bold) format_set_bold(f);
    if (text) format_set_num_format_index(f, 49);  // the built-in "@"
    if (highlight) {
      format_set_pattern(f, LXW_PATTERN_SOLID);
      format_set_bg_color(f, kLightRed);
    }
    return f;
  };
  lxw_format* header_format = make_format(true, false, false);
  lxw_format* header_highlight = make_format(true, false, true);
  lxw_format* text_format = make_format(false, true, false);
  lxw_format* highlight_format = make_format(false, false, true);
  lxw_format* highlight_text_format = make_format(false, true, true);

  size_t columns = table.header.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.size());
  std::vector<bool> is_text(columns, false);
  for (size_t c : options.text_columns)
    if (c < columns) is_text[c] = true;
  auto highlighted = [&](size_t c) { return options.highlight_column == c; };

  for (size_t c = 0; c < columns; ++c) {
    double width = c < options.widths.size() ? options.widths[c] : 0;
    if (width <= 0) {
      const double from_header = c < table.header.size() ? DisplayWidth(table.header[c]) + 2 : 0;
      width = std::clamp(from_header, kMinWidth, kMaxWidth);
    }
    // The column's own format makes cells typed later (into a template) text as well.
    if (lxw_error e =
            worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                                 is_text[c] ? text_format : nullptr);
        e != LXW_NO_ERROR)
      return Fail(WriterError("set_column", e));
  }
  worksheet_freeze_panes(sheet, 1, 0);

  for (size_t c = 0; c < table.header.size(); ++c) {
    if (lxw_error e =
            worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.header[c].c_str(),
                                   highlighted(c) ? header_highlight : header_format);
        e != LXW_NO_ERROR)
      return Fail(WriterError("header", e));
  }
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    const auto& cells = table.rows[r];
    for (size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const std::string& cell = cells[c];
      lxw_format* format = highlighted(c) ? (is_text[c] ? highlight_text_format : highlight_format)
                                          : (is_text[c] ? text_format : nullptr);
      lxw_error e = LXW_NO_ERROR;
      if (cell.empty()) {
        if (format) e = worksheet_write_blank(sheet, row, col, format);
      } else if (!is_text[c] && IsPlainNumber(cell)) {
        e = worksheet_write_number(sheet, row, col, std::strtod(cell.c_str(), nullptr), format);
      } else {
        e = worksheet_write_string(sheet, row, col, cell.c_str(), format);
      }
      if (e != LXW_NO_ERROR)
        return Fail(
            WriterError("row " + std::to_string(r + 1) + " column " + std::to_string(c + 1), e));
    }
  }
  if (lxw_error e = book.Close(); e != LXW_NO_ERROR) return Fail(WriterError("close", e));

  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.good() && !in.eof())
    return Fail(Error::Internal("WriteXlsx: cannot read back " + file.path()));
  return bytes;
}

}  // namespace tj::sheet
