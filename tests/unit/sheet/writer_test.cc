#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sheet/sheet.h"
#include "sheet/zip_archive.h"

namespace tj::sheet {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Rows = std::vector<std::vector<std::string>>;

// The text of one part of an XLSX package.
std::string PartOf(const std::string& xlsx, const std::string& name) {
  auto zip = ZipArchive::Open(xlsx, 1 << 30);
  EXPECT_TRUE(zip);
  std::string out;
  if (!zip) return out;
  EXPECT_TRUE(zip->Stream(name, [&](std::string_view chunk) {
    out.append(chunk);
    return true;
  }));
  return out;
}

Table MemberTable() {
  Table t;
  t.header = {"姓名", "身份证号", "手机号", "团员编号", "积分", "入团日期", "备注"};
  t.rows = {
      {"张三", "110101199003071234", "13800138000", "0012", "3", "2020-05-04", "=1+1"},
      {"李四", "11010119900307123X", "013800138000", "00000000000000000001", "-12.5", "",
       "多行\n说明, 含逗号"},
      {"王五", "", "", "", "0.25", "2021-01-01", ""},
  };
  return t;
}

TEST(WriteCsvTest, WritesBomQuotingAndCrLf) {
  Table t{{"姓名", "备注"},
          {{"张三", "他说\"好\""}, {"李四", "a,b"}, {"王五", "两行\n文字"}, {" 空格 ", ""}},
          {}};
  EXPECT_EQ(WriteCsv(t),
            "\xEF\xBB\xBF姓名,备注\r\n"
            "张三,\"他说\"\"好\"\"\"\r\n"
            "李四,\"a,b\"\r\n"
            "王五,\"两行\n文字\"\r\n"
            "\" 空格 \",\r\n");
}

TEST(WriteCsvTest, DefusesFormulaInjection) {
  Table t{
      {"a", "b", "c", "d", "e"}, {{"=HYPERLINK(\"x\")", "+86 138", "-5", "@SUM(A1)", "a=b"}}, {}};
  EXPECT_EQ(WriteCsv(t),
            "\xEF\xBB\xBF"
            "a,b,c,d,e\r\n"
            "\"'=HYPERLINK(\"\"x\"\")\",'+86 138,'-5,'@SUM(A1),a=b\r\n");
}

TEST(WriteCsvTest, RoundTripsThroughRead) {
  Table t{{"姓名", "备注", "编号"},
          {{"张三", "多行\r\n说明, 含逗号 \"引号\"", "0012"}, {"李四", "  前后空格  ", ""}},
          {}};
  auto back = Read(WriteCsv(t), Format::kCsv);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->header, t.header);
  EXPECT_EQ(back->rows, t.rows);
}

TEST(WriteXlsxTest, RoundTripsTextColumnsNumbersAndChinese) {
  XlsxOptions options;
  options.sheet_name = "团员名单";
  options.text_columns = {1, 2, 3};
  auto bytes = WriteXlsx(MemberTable(), options);
  ASSERT_TRUE(bytes) << bytes.error().log_detail;
  EXPECT_EQ(DetectFormat(*bytes), Format::kXlsx);
  auto back = Read(*bytes, DetectFormat(*bytes));
  ASSERT_TRUE(back) << back.error().args["reason"];
  EXPECT_EQ(back->header, MemberTable().header);
  EXPECT_EQ(back->rows, MemberTable().rows);
  EXPECT_THAT(back->source_rows, ElementsAre(1u, 2u, 3u));
  EXPECT_THAT(PartOf(*bytes, "xl/workbook.xml"), HasSubstr("name=\"团员名单\""));
}

TEST(WriteXlsxTest, WritesPlainNumbersAsNumbersAndLongDigitsAsText) {
  // No text columns: "3" and "-12.5" become numbers; "0012", the ID and 12-digit phone numbers
  // stay strings (as numbers they would lose their zeros or digits) and still read back.
  auto bytes = WriteXlsx(MemberTable(), {});
  ASSERT_TRUE(bytes);
  auto back = Read(*bytes, Format::kXlsx);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->rows, MemberTable().rows);
  const std::string sheet = PartOf(*bytes, "xl/worksheets/sheet1.xml");
  EXPECT_THAT(sheet, HasSubstr("<c r=\"E2\"><v>3</v></c>"));
  EXPECT_THAT(sheet, HasSubstr("<c r=\"E3\"><v>-12.5</v></c>"));
  EXPECT_THAT(sheet, HasSubstr("<c r=\"C2\"><v>13800138000</v></c>"));
  EXPECT_THAT(sheet, Not(HasSubstr("<v>110101199003071234</v>")));
  EXPECT_THAT(sheet, Not(HasSubstr("<v>12</v>")));
}

TEST(WriteXlsxTest, FormatsHeaderTextColumnsWidthsAndHighlight) {
  XlsxOptions options;
  options.text_columns = {1};
  options.widths = {0, 30};
  options.highlight_column = 6;
  Table t = MemberTable();
  t.header[2] = "所在团组织全称（必填）";  // 11 wide characters: 22 + 2 columns
  auto bytes = WriteXlsx(t, options);
  ASSERT_TRUE(bytes);
  const std::string sheet = PartOf(*bytes, "xl/worksheets/sheet1.xml");
  const std::string styles = PartOf(*bytes, "xl/styles.xml");
  // Frozen header row.
  EXPECT_THAT(
      sheet,
      HasSubstr(
          "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
  // Widths: from the options, from a wide header, and the minimum for a short one.
  EXPECT_THAT(sheet, HasSubstr("<col min=\"1\" max=\"1\" width=\"8.7109375\""));
  EXPECT_THAT(sheet, HasSubstr("<col min=\"2\" max=\"2\" width=\"30.7109375\" style=\""));
  EXPECT_THAT(sheet, HasSubstr("<col min=\"3\" max=\"3\" width=\"24.7109375\""));
  // Bold header, the text format (@ is built-in 49), and the light red fill.
  EXPECT_THAT(styles, HasSubstr("<b/>"));
  EXPECT_THAT(styles, HasSubstr("numFmtId=\"49\""));
  EXPECT_THAT(styles, HasSubstr("<fgColor rgb=\"FFFFC7CE\"/>"));
  // The highlighted column's empty cell is still written, to carry the fill.
  EXPECT_THAT(sheet, HasSubstr("<c r=\"G4\" s=\""));
}

TEST(WriteXlsxTest, WritesAnEmptyTemplate) {
  Table t{{"姓名", "身份证号"}, {}, {}};
  XlsxOptions options;
  options.text_columns = {1};
  auto bytes = WriteXlsx(t, options);
  ASSERT_TRUE(bytes);
  auto back = Read(*bytes, Format::kXlsx);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->header, t.header);
  EXPECT_TRUE(back->rows.empty());
}

TEST(WriteXlsxTest, FailsOnAnInvalidSheetName) {
  XlsxOptions options;
  options.sheet_name = "a/b";
  auto bytes = WriteXlsx(MemberTable(), options);
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace tj::sheet
