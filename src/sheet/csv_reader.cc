#include "sheet/csv_reader.h"

#include <string>
#include <utility>
#include <vector>

#include "sheet/encoding.h"
#include "sheet/table_builder.h"

namespace tj::sheet {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// Compound File Binary: .xls workbooks and password-protected (encrypted) .xlsx files.
constexpr std::string_view kCompoundFileMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// The text as UTF-8: a view of `bytes` when it already is UTF-8 (the common case costs no copy),
// else a view of `storage`, which receives the converted text.
Result<std::string_view> DecodeText(std::string_view bytes, std::string& storage) {
  if (bytes.starts_with(kCompoundFileMagic))
    return Fail(Unreadable(
        "an Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx or CSV"));
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    // Excel's "Unicode text" export. Neither pair can start GBK (FF is never a GBK byte).
    auto converted = ConvertToUtf8(bytes, "UTF-16");
    if (!converted) return Fail(std::move(converted.error()));
    storage = std::move(*converted);
    std::string_view text = storage;
    if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
    return text;
  }
  if (bytes.starts_with(kUtf8Bom)) {
    bytes.remove_prefix(kUtf8Bom.size());
    if (size_t bad = FindInvalidUtf8(bytes); bad != std::string_view::npos)
      return Fail(Unreadable("marked as UTF-8 but not valid UTF-8 (bad byte at offset " +
                             std::to_string(bad + kUtf8Bom.size()) + ")"));
    return bytes;
  }
  if (FindInvalidUtf8(bytes) == std::string_view::npos) return bytes;
  auto converted = ConvertToUtf8(bytes, "GB18030");
  if (!converted) {
    Error e = std::move(converted.error());
    e.args["reason"] = "neither UTF-8 nor GBK: " + e.args["reason"];
    return Fail(std::move(e));
  }
  storage = std::move(*converted);
  return std::string_view(storage);
}

// Tab-separated when the header line (the first line with any content) has tabs and no commas
// outside quotes; comma-separated otherwise.
char DetectDelimiter(std::string_view text) {
  size_t commas = 0, tabs = 0;
  bool content = false, in_quotes = false;
  for (char c : text) {
    if (in_quotes) {
      if (c == '"') in_quotes = false;  // a doubled "" closes and reopens: same result
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        content = true;
        break;
      case ',':
        ++commas;
        break;
      case '\t':
        ++tabs;
        break;
      case ' ':
        break;
      case '\r':
      case '\n':
        if (content) return tabs > 0 && commas == 0 ? '\t' : ',';
        commas = tabs = 0;
        break;
      default:
        content = true;
    }
  }
  return tabs > 0 && commas == 0 ? '\t' : ',';
}

class CsvParser {
 public:
  CsvParser(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

  bool AtEnd() const { return pos_ >= text_.size(); }

  // Parses the next record (`record` is its 1-based number, for messages) into `cells`,
  // keeping only its first `limit` cells. Fails on a quote that never closes.
  Result<void> Next(std::vector<std::string>& cells, size_t limit, size_t record) {
    cells.clear();
    const size_t n = text_.size();
    for (size_t column = 0;; ++column) {
      while (pos_ < n && IsSpace(text_[pos_])) ++pos_;
      std::string* out = column < limit ? &cells.emplace_back() : nullptr;
      if (pos_ < n && text_[pos_] == '"') {
        if (auto r = Quoted(out, record); !r) return r;
      } else {
        const size_t start = pos_;
        while (pos_ < n && !IsStop(text_[pos_])) ++pos_;
        if (out) out->assign(TrimRight(text_.substr(start, pos_ - start)));
      }
      if (pos_ >= n) return {};
      const char c = text_[pos_++];
      if (c == delimiter_) continue;
      if (c == '\r' && pos_ < n && text_[pos_] == '\n') ++pos_;
      return {};
    }
  }

 private:
  bool IsSpace(char c) const { return c == ' ' || (c == '\t' && delimiter_ != '\t'); }
  bool IsStop(char c) const { return c == delimiter_ || c == '\n' || c == '\r'; }

  std::string_view TrimRight(std::string_view s) const {
    while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
    return s;
  }

  // A quoted cell starting at pos_: taken verbatim, "" standing for ". Text between the closing
  // quote and the next separator (`"a"b`, which RFC 4180 forbids) is kept, as Excel does.
  Result<void> Quoted(std::string* out, size_t record) {
    ++pos_;
    for (;;) {
      const size_t quote = text_.find('"', pos_);
      if (quote == std::string_view::npos)
        return Fail(
            Unreadable("a quote opened in row " + std::to_string(record) + " is never closed"));
      if (out) out->append(text_.substr(pos_, quote - pos_));
      pos_ = quote + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        if (out) out->push_back('"');
        ++pos_;
        continue;
      }
      break;
    }
    const size_t start = pos_;
    while (pos_ < text_.size() && !IsStop(text_[pos_])) ++pos_;
    if (out) out->append(TrimRight(text_.substr(start, pos_ - start)));
    return {};
  }

  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
};

}  // namespace

Result<Table> ReadCsv(std::string_view bytes, size_t max_rows) {
  std::string storage;
  auto text = DecodeText(bytes, storage);
  if (!text) return Fail(std::move(text.error()));
  if (text->find('\0') != std::string_view::npos)
    return Fail(Unreadable("the file holds binary data, not text"));
  CsvParser parser(*text, DetectDelimiter(*text));
  TableBuilder builder(max_rows);
  std::vector<std::string> cells;
  for (size_t record = 1; !parser.AtEnd(); ++record) {
    if (auto r = parser.Next(cells, builder.column_limit(), record); !r) return Fail(r.error());
    if (auto r = builder.AddRow(record, cells); !r) return Fail(r.error());
  }
  return std::move(builder).Finish();
}

}  // namespace tj::sheet
