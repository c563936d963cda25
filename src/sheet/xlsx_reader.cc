#include "sheet/xlsx_reader.h"

#include <expat.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sheet/cell_format.h"
#include "sheet/table_builder.h"
#include "sheet/zip_archive.h"

namespace tj::sheet {
namespace {

// ---- expat glue -------------------------------------------------------------------------------

// Elements are matched on their local names, prefix dropped: that accepts the usual default
// namespace, prefixed parts (<x:row> from the .NET Open XML SDK) and ISO Strict's other
// namespace URIs alike. Expat's namespace processing would do the same for about a tenth more
// parse time (it builds "uri local" names for every element of a 50 MB sheet); within the
// elements each handler looks at, OOXML local names are unambiguous.
std::string_view LocalName(const XML_Char* name) {
  std::string_view s(name);
  const size_t colon = s.rfind(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

// The value of the unprefixed attribute `name`, or nullptr.
const char* Attr(const XML_Char** attrs, std::string_view name) {
  for (; *attrs; attrs += 2)
    if (std::strncmp(attrs[0], name.data(), name.size()) == 0 && attrs[0][name.size()] == '\0')
      return attrs[1];
  return nullptr;
}

// The value of the prefixed attribute with local name `local` (r:id), or nullptr.
const char* PrefixedAttr(const XML_Char** attrs, std::string_view local) {
  for (; *attrs; attrs += 2) {
    const char* colon = std::strchr(attrs[0], ':');
    if (colon && local == colon + 1 && std::string_view(attrs[0], colon) != "xmlns")
      return attrs[1];
  }
  return nullptr;
}

template <typename T>
std::optional<T> ParseInt(std::string_view s) {
  T value{};
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

// One XML part's consumer. A handler that finds the content unusable calls Abort.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void OnStart(std::string_view name, const XML_Char** attrs) = 0;
  virtual void OnEnd(std::string_view name) = 0;
  virtual void OnText(std::string_view /*text*/) {}

  void Abort(Error e) {
    if (!error_) error_ = std::move(e);
    XML_StopParser(parser_, XML_FALSE);
  }

 private:
  friend Result<void> ParsePart(ZipArchive&, const std::string&, XmlHandler&);
  XML_Parser parser_ = nullptr;
  std::optional<Error> error_;
};

struct ParserDeleter {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

Result<void> ParsePart(ZipArchive& zip, const std::string& part, XmlHandler& handler) {
  std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
  if (!parser) return Fail(Error::Internal("expat: cannot create a parser"));
  XML_Parser p = parser.get();
  handler.parser_ = p;
  XML_SetUserData(p, &handler);
  XML_SetElementHandler(
      p,
      [](void* h, const XML_Char* name, const XML_Char** attrs) {
        static_cast<XmlHandler*>(h)->OnStart(LocalName(name), attrs);
      },
      [](void* h, const XML_Char* name) { static_cast<XmlHandler*>(h)->OnEnd(LocalName(name)); });
  XML_SetCharacterDataHandler(p, [](void* h, const XML_Char* s, int len) {
    static_cast<XmlHandler*>(h)->OnText(std::string_view(s, static_cast<size_t>(len)));
  });
  // OOXML never declares entities; refusing them rules out entity expansion attacks.
  XML_SetEntityDeclHandler(
      p, [](void* h, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
            const XML_Char*, const XML_Char*) {
        static_cast<XmlHandler*>(h)->Abort(Unreadable("XML entity declarations are not allowed"));
      });

  bool xml_ok = true;
  auto streamed = zip.Stream(part, [&](std::string_view chunk) {
    xml_ok = XML_Parse(p, chunk.data(), static_cast<int>(chunk.size()), XML_FALSE) == XML_STATUS_OK;
    return xml_ok;
  });
  if (!streamed) return streamed;
  if (xml_ok) xml_ok = XML_Parse(p, "", 0, XML_TRUE) == XML_STATUS_OK;
  if (handler.error_) return Fail(std::move(*handler.error_));
  if (!xml_ok)
    return Fail(Unreadable("malformed XML in " + part + " (line " +
                           std::to_string(XML_GetCurrentLineNumber(p)) +
                           "): " + XML_ErrorString(XML_GetErrorCode(p))));
  return {};
}

// ---- package structure ------------------------------------------------------------------------

struct Relationship {
  std::string id;
  std::string type;
  std::string target;  // resolved to a part name
};

bool EndsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// The part name `target` refers to from a part in `base_dir` ("xl/"): relative targets
// ("worksheets/sheet1.xml", "../xl/x.xml") and absolute ones ("/xl/worksheets/sheet1.xml").
std::string ResolvePart(std::string_view base_dir, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(base_dir) + std::string(target);
  std::vector<std::string_view> segments;
  std::string_view rest = joined;
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(seg);
  }
  std::string out;
  for (const auto& seg : segments) {
    if (!out.empty()) out.push_back('/');
    out.append(seg);
  }
  return out;
}

std::string DirectoryOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// The relationships part of `part`: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels".
std::string RelsPartOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  const size_t name_at = slash == std::string_view::npos ? 0 : slash + 1;
  return std::string(part.substr(0, name_at)) + "_rels/" + std::string(part.substr(name_at)) +
         ".rels";
}

class RelsHandler : public XmlHandler {
 public:
  explicit RelsHandler(std::string base_dir) : base_dir_(std::move(base_dir)) {}
  std::vector<Relationship> rels;

  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship") return;
    const char* mode = Attr(attrs, "TargetMode");
    if (mode && std::string_view(mode) == "External") return;
    const char* id = Attr(attrs, "Id");
    const char* type = Attr(attrs, "Type");
    const char* target = Attr(attrs, "Target");
    if (!id || !type || !target) return;
    rels.push_back({id, type, ResolvePart(base_dir_, target)});
  }
  void OnEnd(std::string_view) override {}

 private:
  std::string base_dir_;
};

const Relationship* FindByType(const std::vector<Relationship>& rels, std::string_view suffix) {
  for (const auto& r : rels)
    if (EndsWith(r.type, suffix)) return &r;
  return nullptr;
}

class WorkbookHandler : public XmlHandler {
 public:
  bool date1904 = false;
  std::vector<std::string> sheet_ids;  // relationship ids, in workbook order

  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name == "workbookPr") {
      const char* v = Attr(attrs, "date1904");
      date1904 = v && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (name == "sheet") {
      if (const char* id = PrefixedAttr(attrs, "id")) sheet_ids.emplace_back(id);
    }
  }
  void OnEnd(std::string_view) override {}
};

// What each cell style (an index into cellXfs, the s= of a cell) does to numbers.
class StylesHandler : public XmlHandler {
 public:
  std::vector<NumberKind> Kinds() const {
    std::vector<NumberKind> kinds;
    kinds.reserve(xf_formats_.size());
    for (int id : xf_formats_) {
      auto custom = custom_.find(id);
      kinds.push_back(custom != custom_.end() ? custom->second : BuiltinNumberKind(id));
    }
    return kinds;
  }

  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name == "numFmts") {
      in_num_fmts_ = true;
    } else if (name == "numFmt" && in_num_fmts_) {  // not those of <dxf> (conditional formats)
      const char* id = Attr(attrs, "numFmtId");
      const char* code = Attr(attrs, "formatCode");
      if (!id || !code) return;
      if (auto n = ParseInt<int>(id)) custom_[*n] = ClassifyFormatCode(code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = Attr(attrs, "numFmtId");
      xf_formats_.push_back(id ? ParseInt<int>(id).value_or(0) : 0);
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
    if (name == "numFmts") in_num_fmts_ = false;
  }

 private:
  std::map<int, NumberKind> custom_;
  std::vector<int> xf_formats_;
  bool in_num_fmts_ = false;
  bool in_cell_xfs_ = false;
};

// Collects the text of rich text: all <t> under the current item except phonetic runs (<rPh>,
// the furigana of Japanese files).
class RichTextCollector {
 public:
  void Start(std::string_view name) {
    if (name == "rPh")
      ++phonetic_depth_;
    else if (name == "t" && phonetic_depth_ == 0)
      in_text_ = true;
  }
  void End(std::string_view name) {
    if (name == "rPh")
      --phonetic_depth_;
    else if (name == "t")
      in_text_ = false;
  }
  bool collecting() const { return in_text_; }

 private:
  int phonetic_depth_ = 0;
  bool in_text_ = false;
};

class SharedStringsHandler : public XmlHandler {
 public:
  std::vector<std::string> strings;

  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name == "si") {
      in_item_ = true;
      current_.clear();
    } else if (name == "sst") {
      // A hint only, and capped: the file cannot make us reserve what it does not hold.
      if (const char* n = Attr(attrs, "uniqueCount"))
        strings.reserve(std::min<size_t>(ParseInt<size_t>(n).value_or(0), size_t{1} << 20));
    } else if (in_item_) {
      rich_.Start(name);
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "si") {
      in_item_ = false;
      DecodeXmlStringEscapes(current_);
      strings.push_back(std::move(current_));
      current_.clear();
    } else if (in_item_) {
      rich_.End(name);
    }
  }
  void OnText(std::string_view text) override {
    if (in_item_ && rich_.collecting()) current_.append(text);
  }

 private:
  bool in_item_ = false;
  RichTextCollector rich_;
  std::string current_;
};

// ---- the worksheet ----------------------------------------------------------------------------

// 0-based column of a cell reference ("C5" -> 2), or nullopt without letters.
std::optional<size_t> ColumnOf(std::string_view ref) {
  size_t col = 0, letters = 0;
  for (char c : ref) {
    if (c >= 'A' && c <= 'Z')
      col = col * 26 + static_cast<size_t>(c - 'A' + 1);
    else if (c >= 'a' && c <= 'z')
      col = col * 26 + static_cast<size_t>(c - 'a' + 1);
    else
      break;
    if (++letters > 3) return std::nullopt;  // past XFD
  }
  if (letters == 0) return std::nullopt;
  return col - 1;
}

enum class CellType { kNumber, kShared, kInline, kString, kBool, kError, kIsoDate };

CellType CellTypeOf(const char* t) {
  if (!t) return CellType::kNumber;
  const std::string_view s(t);
  if (s == "s") return CellType::kShared;
  if (s == "inlineStr") return CellType::kInline;
  if (s == "str") return CellType::kString;
  if (s == "b") return CellType::kBool;
  if (s == "e") return CellType::kError;
  if (s == "d") return CellType::kIsoDate;
  return CellType::kNumber;
}

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(TableBuilder& builder, const std::vector<std::string>& shared_strings,
               const std::vector<NumberKind>& style_kinds, bool date1904)
      : builder_(builder),
        shared_strings_(shared_strings),
        style_kinds_(style_kinds),
        date1904_(date1904) {}

  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (!in_sheet_data_) {
      in_sheet_data_ = name == "sheetData";
      return;
    }
    if (in_cell_) {
      if (name == "v") {
        in_value_ = true;
      } else if (name == "is") {
        in_inline_ = true;
      } else if (in_inline_) {
        rich_.Start(name);
      }
      return;
    }
    if (name == "row") {
      const char* r = Attr(attrs, "r");
      const size_t next = row_number_ + 1;
      row_number_ = r ? std::max(ParseInt<size_t>(r).value_or(next), next) : next;
      cells_.clear();
      column_ = static_cast<size_t>(-1);
    } else if (name == "c") {
      in_cell_ = true;
      const char* r = Attr(attrs, "r");
      const size_t next = column_ + 1;
      column_ = r ? ColumnOf(r).value_or(next) : next;
      type_ = CellTypeOf(Attr(attrs, "t"));
      const char* s = Attr(attrs, "s");
      style_ = s ? ParseInt<size_t>(s).value_or(0) : 0;
      text_.clear();
    }
  }

  void OnEnd(std::string_view name) override {
    if (!in_sheet_data_) return;
    if (in_cell_) {
      if (name == "c") {
        in_cell_ = in_value_ = in_inline_ = false;
        StoreCell();
      } else if (name == "v") {
        in_value_ = false;
      } else if (name == "is") {
        in_inline_ = false;
      } else if (in_inline_) {
        rich_.End(name);
      }
      return;
    }
    if (name == "row") {
      if (auto r = builder_.AddRow(row_number_, cells_); !r) Abort(std::move(r.error()));
    } else if (name == "sheetData") {
      in_sheet_data_ = false;
    }
  }

  void OnText(std::string_view text) override {
    if (in_value_ || (in_inline_ && rich_.collecting())) text_.append(text);
  }

 private:
  void StoreCell() {
    if (column_ >= builder_.column_limit()) return;
    if (cells_.size() <= column_) cells_.resize(column_ + 1);
    cells_[column_] = CellText();
  }

  std::string CellText() {
    switch (type_) {
      case CellType::kShared: {
        const auto index = ParseInt<size_t>(text_);
        return index && *index < shared_strings_.size() ? shared_strings_[*index] : std::string();
      }
      case CellType::kInline:
      case CellType::kString:
        DecodeXmlStringEscapes(text_);
        return std::move(text_);
      case CellType::kError:
        return std::move(text_);
      case CellType::kBool:
        return text_.empty() ? std::string() : text_ == "0" ? "FALSE" : "TRUE";
      case CellType::kIsoDate:  // "2024-03-05T00:00:00"
        if (text_.size() > 10 && text_[4] == '-' && text_[7] == '-') text_.resize(10);
        return std::move(text_);
      case CellType::kNumber:
        break;
    }
    if (text_.empty()) return {};
    double value = 0;
    const auto [end, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), value);
    if (ec != std::errc() || end != text_.data() + text_.size()) return std::move(text_);
    const NumberKind kind =
        style_ < style_kinds_.size() ? style_kinds_[style_] : NumberKind::kNumber;
    if (kind == NumberKind::kDate) {
      if (auto date = FormatDate(value, date1904_)) return std::move(*date);
    } else if (kind == NumberKind::kDateTime) {
      if (auto date = FormatDate(value, date1904_)) {
        std::string time = FormatTime(value);
        return time == "00:00:00" ? std::move(*date) : *date + " " + time;
      }
    } else if (kind == NumberKind::kTime) {
      return FormatTime(value);
    }
    return FormatNumber(value);
  }

  TableBuilder& builder_;
  const std::vector<std::string>& shared_strings_;
  const std::vector<NumberKind>& style_kinds_;
  const bool date1904_;

  bool in_sheet_data_ = false;
  size_t row_number_ = 0;  // 1-based, as in the r= of <row>
  std::vector<std::string> cells_;
  bool in_cell_ = false, in_value_ = false, in_inline_ = false;
  size_t column_ = 0;
  CellType type_ = CellType::kNumber;
  size_t style_ = 0;
  RichTextCollector rich_;
  std::string text_;
};

}  // namespace

Result<Table> ReadXlsx(std::string_view bytes, size_t max_rows, uint64_t max_uncompressed) {
  auto opened = ZipArchive::Open(bytes, max_uncompressed);
  if (!opened) return Fail(std::move(opened.error()));
  ZipArchive& zip = *opened;

  // The workbook part, as the package's relationships name it (xl/workbook.xml in practice).
  std::string workbook_part = "xl/workbook.xml";
  if (zip.Contains("_rels/.rels")) {
    RelsHandler package_rels("");
    if (auto r = ParsePart(zip, "_rels/.rels", package_rels); !r) return Fail(r.error());
    if (const auto* doc = FindByType(package_rels.rels, "/officeDocument"))
      workbook_part = doc->target;
  }
  if (!zip.Contains(workbook_part))
    return Fail(Unreadable("a zip archive but not an Excel workbook (no " + workbook_part + ")"));

  WorkbookHandler workbook;
  if (auto r = ParsePart(zip, workbook_part, workbook); !r) return Fail(r.error());
  RelsHandler workbook_rels(DirectoryOf(workbook_part));
  if (const std::string rels_part = RelsPartOf(workbook_part); zip.Contains(rels_part)) {
    if (auto r = ParsePart(zip, rels_part, workbook_rels); !r) return Fail(r.error());
  }

  // The first sheet that is a worksheet (a chartsheet has no cells).
  const Relationship* sheet = nullptr;
  for (const auto& id : workbook.sheet_ids) {
    auto it = std::find_if(workbook_rels.rels.begin(), workbook_rels.rels.end(),
                           [&](const Relationship& r) { return r.id == id; });
    if (it != workbook_rels.rels.end() && EndsWith(it->type, "/worksheet")) {
      sheet = &*it;
      break;
    }
  }
  if (!sheet) return Fail(Unreadable("the workbook has no worksheet"));

  // Optional parts; found by relationship, else where Excel puts them.
  auto part_of = [&](std::string_view type_suffix, std::string fallback) {
    const Relationship* rel = FindByType(workbook_rels.rels, type_suffix);
    std::string part = rel ? rel->target : std::move(fallback);
    return zip.Contains(part) ? part : std::string();
  };
  std::vector<NumberKind> style_kinds;
  if (const std::string part = part_of("/styles", "xl/styles.xml"); !part.empty()) {
    StylesHandler styles;
    if (auto r = ParsePart(zip, part, styles); !r) return Fail(r.error());
    style_kinds = styles.Kinds();
  }
  SharedStringsHandler shared;
  if (const std::string part = part_of("/sharedStrings", "xl/sharedStrings.xml"); !part.empty()) {
    if (auto r = ParsePart(zip, part, shared); !r) return Fail(r.error());
  }

  TableBuilder builder(max_rows);
  SheetHandler cells(builder, shared.strings, style_kinds, workbook.date1904);
  if (auto r = ParsePart(zip, sheet->target, cells); !r) return Fail(r.error());
  return std::move(builder).Finish();
}

}  // namespace tj::sheet
