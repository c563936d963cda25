#include "sheet/xlsx_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sheet/sheet.h"

namespace tj::sheet {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Rows = std::vector<std::vector<std::string>>;

// ---- hand-made packages -------------------------------------------------------------------------
// The fixtures are written out as XML, the way Excel and WPS lay out their parts, and packed into
// an uncompressed ("stored") zip here, so a reader of this test sees exactly what is parsed.
// Compressed archives come from WriteXlsx (libxlsxwriter) in the round-trip tests.

uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFF;
  for (unsigned char b : data) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void Put16(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void Put32(std::string& out, uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

struct Part {
  std::string name;
  std::string content;
  uint32_t declared_size = 0;  // the uncompressed size to claim; 0 = the true one
};

std::string StoredZip(const std::vector<Part>& parts) {
  std::string out, central;
  for (const auto& p : parts) {
    const auto offset = static_cast<uint32_t>(out.size());
    const uint32_t crc = Crc32(p.content);
    const auto size = static_cast<uint32_t>(p.content.size());
    const uint32_t declared = p.declared_size ? p.declared_size : size;
    const auto name_len = static_cast<uint32_t>(p.name.size());
    Put32(out, 0x04034b50);
    Put16(out, 20), Put16(out, 0), Put16(out, 0), Put16(out, 0), Put16(out, 0x21);
    Put32(out, crc), Put32(out, size), Put32(out, declared);
    Put16(out, name_len), Put16(out, 0);
    out += p.name;
    out += p.content;
    Put32(central, 0x02014b50);
    Put16(central, 20), Put16(central, 20), Put16(central, 0), Put16(central, 0);
    Put16(central, 0), Put16(central, 0x21);
    Put32(central, crc), Put32(central, size), Put32(central, declared);
    Put16(central, name_len), Put16(central, 0), Put16(central, 0), Put16(central, 0);
    Put16(central, 0), Put32(central, 0), Put32(central, offset);
    central += p.name;
  }
  const auto central_at = static_cast<uint32_t>(out.size());
  out += central;
  Put32(out, 0x06054b50);
  Put16(out, 0), Put16(out, 0);
  Put16(out, static_cast<uint32_t>(parts.size())), Put16(out, static_cast<uint32_t>(parts.size()));
  Put32(out, static_cast<uint32_t>(central.size())), Put32(out, central_at), Put16(out, 0);
  return out;
}

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRel =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string Xml(std::string_view body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + std::string(body);
}

std::string PackageRels() {
  return Xml(
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
      R"(</Relationships>)");
}

// A one-sheet workbook around `sheet_data` (the children of <sheetData>).
std::vector<Part> OneSheet(std::string_view sheet_data, std::string_view shared_strings = {},
                           std::string_view styles = {}, std::string_view workbook_pr = {}) {
  std::vector<Part> parts;
  parts.push_back({"_rels/.rels", PackageRels()});
  parts.push_back({"xl/workbook.xml",
                   Xml("<workbook xmlns=\"" + std::string(kMain) + "\" xmlns:r=\"" +
                       std::string(kRel) + "\">" + std::string(workbook_pr) +
                       "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                       "</workbook>")});
  std::string rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)";
  if (!shared_strings.empty()) {
    rels +=
        R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)";
    parts.push_back({"xl/sharedStrings.xml", Xml("<sst xmlns=\"" + std::string(kMain) + "\">" +
                                                 std::string(shared_strings) + "</sst>")});
  }
  if (!styles.empty()) {
    rels +=
        R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)";
    parts.push_back({"xl/styles.xml", Xml("<styleSheet xmlns=\"" + std::string(kMain) + "\">" +
                                          std::string(styles) + "</styleSheet>")});
  }
  parts.push_back({"xl/_rels/workbook.xml.rels", Xml(rels + "</Relationships>")});
  parts.push_back({"xl/worksheets/sheet1.xml",
                   Xml("<worksheet xmlns=\"" + std::string(kMain) + "\"><sheetData>" +
                       std::string(sheet_data) + "</sheetData></worksheet>")});
  return parts;
}

Table ReadOk(const std::string& bytes, size_t max_rows = 1'000'000) {
  auto t = Read(bytes, Format::kXlsx, max_rows);
  EXPECT_TRUE(t) << (t ? "" : t.error().message_key + " " + t.error().args["reason"]);
  return t ? std::move(*t) : Table{};
}

void ExpectUnreadable(const std::string& bytes, std::string_view reason_part = {}) {
  auto t = Read(bytes, Format::kXlsx);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, ErrorCode::kBadRequest);
  EXPECT_EQ(t.error().message_key, "sheet.unreadable");
  EXPECT_THAT(t.error().args.at("reason"), HasSubstr(std::string(reason_part)));
}

// ---- the fixture that looks like a committee's member list
// ---------------------------------------

constexpr std::string_view kMemberStrings =
    R"(<si><t>姓名</t></si>)"
    R"(<si><t>出生日期</t></si>)"
    R"(<si><t>手机号</t></si>)"
    R"(<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r></si>)"
    R"(<si><t>团员</t><rPh sb="0" eb="2"><t>だんいん</t></rPh><phoneticPr fontId="1"/></si>)"
    R"(<si><t>第一行_x000D_
第二行</t></si>)"
    R"(<si><t>积分</t></si>)";

// Style 0 General, 1 built-in 14 (m/d/yyyy), 2 custom yyyy年m月d日, 3 custom 0.00, 4 time.
// cellStyleXfs comes first and must not be counted as cell styles; the numFmt of a conditional
// format (dxf) must not redefine 177.
constexpr std::string_view kMemberStyles =
    R"(<numFmts count="3"><numFmt numFmtId="176" formatCode="yyyy年m月d日"/>)"
    R"(<numFmt numFmtId="177" formatCode="0.00"/><numFmt numFmtId="178" formatCode="h:mm"/></numFmts>)"
    R"(<cellStyleXfs count="2"><xf numFmtId="14"/><xf numFmtId="0"/></cellStyleXfs>)"
    R"(<cellXfs count="5"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/>)"
    R"(<xf numFmtId="176" xfId="0" applyNumberFormat="1"/><xf numFmtId="177" xfId="0"/>)"
    R"(<xf numFmtId="178" xfId="0"/></cellXfs>)"
    R"(<dxfs count="1"><dxf><numFmt numFmtId="177" formatCode="yyyy-mm-dd"/></dxf></dxfs>)";

constexpr std::string_view kMemberSheet =
    R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
    R"(<c r="C1" t="inlineStr"><is><t>入团日期</t></is></c><c r="D1" t="s"><v>2</v></c>)"
    R"(<c r="E1" t="s"><v>6</v></c><c r="F1" t="inlineStr"><is><t>备注</t></is></c></row>)"
    // Row 2: rich shared string, built-in date, custom CJK date, phone number, formula, bool.
    R"(<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>36526</v></c>)"
    R"(<c r="C2" s="2"><v>44927</v></c><c r="D2"><v>13800138000</v></c>)"
    R"(<c r="E2" s="3"><f>SUM(1,2)</f><v>3</v></c><c r="F2" t="b"><v>1</v></c></row>)"
    // Row 3 is missing (blank). Row 4: inline rich text, a date with a time, a string formula,
    // float noise, a phonetic shared string; B is missing.
    R"(<row r="4"><c r="A4" t="inlineStr"><is><r><t>李</t></r><r><t>四</t></r></is></c>)"
    R"(<c r="C4" s="2"><v>45000.75</v></c><c r="D4" t="str"><f>"138"&amp;"0013"</f><v>1380013</v></c>)"
    R"(<c r="E4" s="3"><v>0.30000000000000004</v></c><c r="F4" t="s"><v>4</v></c></row>)"
    // Row 5 has a cell only beyond the header: blank as far as the table goes.
    R"(<row r="5"><c r="H5" t="inlineStr"><is><t>注</t></is></c></row>)"
    // Row 7: cells without r=, an escaped line break, a time, an error value.
    R"(<row r="7"><c t="inlineStr"><is><t>王五</t></is></c><c s="4"><v>0.375</v></c>)"
    R"(<c t="e"><v>#N/A</v></c><c/><c s="3"><v>-12.5</v></c><c t="s"><v>5</v></c></row>)";

TEST(XlsxReaderTest, ReadsAHandMadeMemberList) {
  Table t = ReadOk(StoredZip(OneSheet(kMemberSheet, kMemberStrings, kMemberStyles)));
  EXPECT_THAT(t.header, ElementsAre("姓名", "出生日期", "入团日期", "手机号", "积分", "备注"));
  EXPECT_EQ(t.rows, (Rows{
                        {"张三 ", "2000-01-01", "2023-01-01", "13800138000", "3", "TRUE"},
                        {"李四", "", "2023-03-15", "1380013", "0.3", "团员"},
                        {"王五", "09:00:00", "#N/A", "", "-12.5", "第一行\r\n第二行"},
                    }));
  EXPECT_THAT(t.source_rows, ElementsAre(1u, 3u, 6u));
}

TEST(XlsxReaderTest, ReadsSparseCellsAndSkipsRowGaps) {
  Table t = ReadOk(StoredZip(OneSheet(
      R"(<row r="3"><c r="A3" t="inlineStr"><is><t>a</t></is></c><c r="C3" t="inlineStr"><is><t>c</t></is></c></row>)"
      R"(<row r="4"><c r="B4"><v>2</v></c></row>)"
      R"(<row r="9"><c r="C9"><v>3</v></c><c r="E9"><v>5</v></c></row>)")));
  EXPECT_THAT(t.header, ElementsAre("a", "", "c"));
  EXPECT_EQ(t.rows, (Rows{{"", "2", ""}, {"", "", "3"}}));
  EXPECT_THAT(t.source_rows, ElementsAre(1u, 6u));
}

// A date-time cell (built-in 22, m/d/yy h:mm, or a custom code with both) keeps its time of
// day; at midnight it reads as the date alone, as a date-only cell does.
TEST(XlsxReaderTest, ReadsDateTimesWithTheirTime) {
  constexpr std::string_view styles =
      R"(<numFmts count="1"><numFmt numFmtId="180" formatCode="yyyy/m/d h:mm"/></numFmts>)"
      R"(<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="22"/><xf numFmtId="180"/></cellXfs>)";
  constexpr std::string_view sheet =
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>学习时间</t></is></c></row>)"
      R"(<row r="2"><c r="A2" s="1"><v>46183.84375</v></c></row>)"
      R"(<row r="3"><c r="A3" s="2"><v>46183.5</v></c></row>)"
      R"(<row r="4"><c r="A4" s="1"><v>46183</v></c></row>)";
  EXPECT_EQ(ReadOk(StoredZip(OneSheet(sheet, {}, styles))).rows,
            (Rows{{"2026-06-10 20:15:00"}, {"2026-06-10 12:00:00"}, {"2026-06-10"}}));
}

TEST(XlsxReaderTest, HonoursDate1904) {
  constexpr std::string_view styles =
      R"(<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>)";
  constexpr std::string_view sheet =
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>日期</t></is></c></row>)"
      R"(<row r="2"><c r="A2" s="1"><v>34063</v></c></row>)";
  EXPECT_EQ(ReadOk(StoredZip(OneSheet(sheet, {}, styles, R"(<workbookPr date1904="1"/>)"))).rows,
            (Rows{{"1997-04-05"}}));
  EXPECT_EQ(
      ReadOk(StoredZip(OneSheet(sheet, {}, styles, R"(<workbookPr date1904="false"/>)"))).rows,
      (Rows{{"1993-04-04"}}));
}

TEST(XlsxReaderTest, TakesTheFirstWorksheetInWorkbookOrder) {
  // The archive lists sheet1.xml first, but the workbook puts "名单" (sheet2.xml) first; a
  // chartsheet before it has no cells. Parts use a prefix (as the .NET SDK writes them) and the
  // package uses an absolute target.
  const std::string ns =
      " xmlns:x=\"" + std::string(kMain) + "\" xmlns:r=\"" + std::string(kRel) + "\"";
  std::vector<Part> parts = {
      {"_rels/.rels",
       Xml(R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
           R"(<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/>)"
           R"(</Relationships>)")},
      {"xl/worksheets/sheet1.xml",
       Xml("<x:worksheet" + ns +
           "><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\">"
           "<x:is><x:t>second</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>")},
      {"xl/worksheets/sheet2.xml",
       Xml("<x:worksheet" + ns +
           "><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\">"
           "<x:is><x:t>first</x:t></x:is></x:c></x:row><x:row r=\"2\"><x:c r=\"A2\"><x:v>7</x:v>"
           "</x:c></x:row></x:sheetData></x:worksheet>")},
      {"xl/workbook.xml",
       Xml("<x:workbook" + ns +
           "><x:sheets><x:sheet name=\"图表\" sheetId=\"3\" r:id=\"rId3\"/>"
           "<x:sheet name=\"名单\" sheetId=\"2\" r:id=\"rId2\"/>"
           "<x:sheet name=\"其他\" sheetId=\"1\" r:id=\"rId1\"/></x:sheets></x:workbook>")},
      {"xl/_rels/workbook.xml.rels",
       Xml(R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
           R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
           R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="./worksheets/../worksheets/sheet2.xml"/>)"
           R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>)"
           R"(</Relationships>)")},
  };
  Table t = ReadOk(StoredZip(parts));
  EXPECT_THAT(t.header, ElementsAre("first"));
  EXPECT_EQ(t.rows, (Rows{{"7"}}));
}

TEST(XlsxReaderTest, ReportsAnEmptySheet) {
  for (std::string_view data :
       {"", R"(<row r="1"/><row r="2"><c r="A2" t="inlineStr"><is><t> </t></is></c></row>)"}) {
    auto t = Read(StoredZip(OneSheet(data)), Format::kXlsx);
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().message_key, "sheet.empty");
  }
}

TEST(XlsxReaderTest, RefusesMoreRowsThanAllowed) {
  std::string data = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>)";
  for (int r = 2; r <= 6; ++r)
    data += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" +
            std::to_string(r) + "</v></c></row>";
  const std::string bytes = StoredZip(OneSheet(data));
  EXPECT_EQ(ReadOk(bytes, 5).rows.size(), 5u);
  auto t = Read(bytes, Format::kXlsx, 4);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message_key, "sheet.too_large");
  EXPECT_EQ(t.error().args.at("max"), "4");
}

TEST(XlsxReaderTest, RefusesGarbage) {
  ExpectUnreadable("PK\x03\x04 this is not really a zip", "zip");
  ExpectUnreadable("just some text");
  ExpectUnreadable("");
}

TEST(XlsxReaderTest, RefusesZipsThatAreNotWorkbooks) {
  ExpectUnreadable(StoredZip({{"word/document.xml", Xml("<document/>")}}), "not an Excel workbook");
  auto no_sheet = OneSheet("");
  no_sheet[1].content = Xml("<workbook xmlns=\"" + std::string(kMain) + "\"><sheets/></workbook>");
  ExpectUnreadable(StoredZip(no_sheet), "no worksheet");
}

TEST(XlsxReaderTest, RefusesMalformedXml) {
  ExpectUnreadable(StoredZip(OneSheet("<row r=\"1\"><c><v>1</v></row>")), "malformed XML");
  auto truncated = OneSheet("<row r=\"1\"><c><v>1</v></c></row>");
  truncated.back().content.resize(truncated.back().content.size() - 20);
  ExpectUnreadable(StoredZip(truncated), "malformed XML");
}

TEST(XlsxReaderTest, RefusesEntityDeclarations) {
  auto parts = OneSheet(R"(<row r="1"><c t="inlineStr"><is><t>&a;</t></is></c></row>)");
  parts.back().content =
      "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">]>" +
      parts.back().content.substr(parts.back().content.find("<worksheet"));
  ExpectUnreadable(StoredZip(parts), "entity");
}

TEST(XlsxReaderTest, RefusesAPartDeclaringMoreThanTheBudget) {
  auto parts = OneSheet(R"(<row r="1"><c><v>1</v></c></row>)");
  parts.back().declared_size = 0xF0000000;  // 3.75 GiB claimed for a few hundred bytes
  ExpectUnreadable(StoredZip(parts));
}

TEST(XlsxReaderTest, StopsReadingPastTheBudgetWhateverThePartDeclares) {
  // The worksheet claims 100 bytes but holds 200 KiB: the count of bytes actually read stops it.
  std::string data = R"(<row r="1"><c t="inlineStr"><is><t>h</t></is></c></row>)";
  for (int r = 2; data.size() < 200 * 1024; ++r)
    data += "<row r=\"" + std::to_string(r) + "\"><c><v>" + std::to_string(r) + "</v></c></row>";
  auto parts = OneSheet(data);
  parts.back().declared_size = 100;
  auto t = ReadXlsx(StoredZip(parts), 1'000'000, 64 * 1024);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message_key, "sheet.unreadable");
  EXPECT_THAT(t.error().args.at("reason"), HasSubstr("zip bomb"));
}

TEST(XlsxReaderTest, RefusesADeflatedWorkbookOverTheBudget) {
  // A real deflated archive whose worksheet unpacks to well over 64 KiB.
  Table big{{"编号", "说明"}, {}, {}};
  for (int i = 0; i < 3'000; ++i) big.rows.push_back({std::to_string(i), "重复的说明文字"});
  auto bytes = WriteXlsx(big, {});
  ASSERT_TRUE(bytes);
  ASSERT_LT(bytes->size(), 64u * 1024);
  EXPECT_EQ(ReadXlsx(*bytes, 1'000'000).value().rows.size(), 3'000u);
  auto t = ReadXlsx(*bytes, 1'000'000, 64 * 1024);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message_key, "sheet.unreadable");
  EXPECT_THAT(t.error().args.at("reason"), HasSubstr("zip bomb"));
}

}  // namespace
}  // namespace tj::sheet
