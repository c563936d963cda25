#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <iconv.h>

#include <string>
#include <vector>

#include "sheet/sheet.h"

namespace tj::sheet {
namespace {

using ::testing::ElementsAre;
using Rows = std::vector<std::vector<std::string>>;

// `utf8` in the legacy encoding `to` ("GBK"), converted the way a test file would be saved.
std::string Encode(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 4, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t out_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &dst, &out_left), static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

Table ReadOk(std::string_view bytes, size_t max_rows = 1'000'000) {
  auto t = Read(bytes, Format::kCsv, max_rows);
  EXPECT_TRUE(t) << (t ? "" : t.error().message_key + " " + t.error().args["reason"]);
  return t ? std::move(*t) : Table{};
}

TEST(CsvReaderTest, ReadsPlainUtf8) {
  Table t = ReadOk("姓名,性别,手机号\n张三,男,13800138000\n李四,女,13900139000\n");
  EXPECT_THAT(t.header, ElementsAre("姓名", "性别", "手机号"));
  EXPECT_EQ(t.rows, (Rows{{"张三", "男", "13800138000"}, {"李四", "女", "13900139000"}}));
  EXPECT_THAT(t.source_rows, ElementsAre(1u, 2u));
}

TEST(CsvReaderTest, StripsUtf8Bom) {
  Table t = ReadOk("\xEF\xBB\xBF姓名,团员编号\r\n张三,0012\r\n");
  EXPECT_THAT(t.header, ElementsAre("姓名", "团员编号"));
  EXPECT_EQ(t.rows, (Rows{{"张三", "0012"}}));
}

TEST(CsvReaderTest, DecodesGbk) {
  const std::string gbk =
      Encode("姓名,所在团组织\r\n张三,镇赉县第一中学团委\r\n联通,团支部\r\n", "GBK");
  ASSERT_NE(gbk.find("\xD5\xC5"), std::string::npos);  // 张 in GBK: really not UTF-8
  Table t = ReadOk(gbk);
  EXPECT_THAT(t.header, ElementsAre("姓名", "所在团组织"));
  // "联通" in GBK (C1 AA CD A8) has the bit pattern of UTF-8 but is not valid UTF-8.
  EXPECT_EQ(t.rows, (Rows{{"张三", "镇赉县第一中学团委"}, {"联通", "团支部"}}));
}

TEST(CsvReaderTest, DecodesGb18030FourByteCharacters) {
  // 𠀀 (U+20000) exists in GB18030 only, as a four-byte sequence.
  const std::string gb = Encode("名称\n\xF0\xA0\x80\x80家\n", "GB18030");
  Table t = ReadOk(gb);
  EXPECT_EQ(t.rows, (Rows{{"\xF0\xA0\x80\x80家"}}));
}

TEST(CsvReaderTest, DecodesUtf16WithBom) {
  // Excel's "Unicode text" export: UTF-16LE with a BOM, tab-separated.
  const std::string utf16 = Encode("\xEF\xBB\xBF姓名\t性别\r\n张三\t男\r\n", "UTF-16LE");
  Table t = ReadOk(utf16);
  EXPECT_THAT(t.header, ElementsAre("姓名", "性别"));
  EXPECT_EQ(t.rows, (Rows{{"张三", "男"}}));
}

TEST(CsvReaderTest, RefusesBytesThatAreNeitherUtf8NorGbk) {
  auto t = Read("name\n\x81\x20\xFF\n", Format::kCsv);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, ErrorCode::kBadRequest);
  EXPECT_EQ(t.error().message_key, "sheet.unreadable");
  EXPECT_THAT(t.error().args.at("reason"), ::testing::HasSubstr("neither UTF-8 nor GBK"));
}

TEST(CsvReaderTest, RefusesInvalidUtf8AfterABom) {
  auto t = Read("\xEF\xBB\xBFname\n\xD5\xC5\n", Format::kCsv);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message_key, "sheet.unreadable");
}

TEST(CsvReaderTest, RefusesXlsAndBinaryFiles) {
  auto xls = Read(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10), Format::kCsv);
  ASSERT_FALSE(xls);
  EXPECT_EQ(xls.error().message_key, "sheet.unreadable");
  EXPECT_THAT(xls.error().args.at("reason"), ::testing::HasSubstr(".xls"));
  auto binary = Read(std::string("a,b\n1,\0\n", 8), Format::kCsv);
  ASSERT_FALSE(binary);
  EXPECT_EQ(binary.error().message_key, "sheet.unreadable");
}

TEST(CsvReaderTest, HonoursQuotesCommasDoubledQuotesAndNewlines) {
  Table t = ReadOk(
      "名称,备注\n"
      "\"第一团支部, 高一(1)班\",\"他说\"\"好\"\"\"\n"
      "\"多行\r\n第二行\",\"  保留空格  \"\n"
      "\"\",5\" 屏幕\n");
  EXPECT_EQ(t.rows, (Rows{{"第一团支部, 高一(1)班", "他说\"好\""},
                          {"多行\r\n第二行", "  保留空格  "},
                          {"", "5\" 屏幕"}}));
  // A record spanning two lines is still one row.
  EXPECT_THAT(t.source_rows, ElementsAre(1u, 2u, 3u));
}

TEST(CsvReaderTest, TrimsSpacesAroundUnquotedCellsOnly) {
  Table t = ReadOk(" 姓名 , 性别 \n  张三  ,  \"男\"  \n");
  EXPECT_THAT(t.header, ElementsAre("姓名", "性别"));
  EXPECT_EQ(t.rows, (Rows{{"张三", "男"}}));
}

TEST(CsvReaderTest, AcceptsCrLfAndCrLineEnds) {
  EXPECT_EQ(ReadOk("a,b\r\n1,2\r\n3,4").rows, (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(ReadOk("a,b\r1,2\r3,4\r").rows, (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(ReadOk("a,b\n1,2\r\n3,4\r5,6").rows, (Rows{{"1", "2"}, {"3", "4"}, {"5", "6"}}));
}

TEST(CsvReaderTest, ReadsTabSeparatedWhenTheHeaderHasTabsAndNoCommas) {
  Table t = ReadOk("姓名\t备注\n张三\t高一, 二班\n");
  EXPECT_THAT(t.header, ElementsAre("姓名", "备注"));
  EXPECT_EQ(t.rows, (Rows{{"张三", "高一, 二班"}}));
  // Commas in the header: a CSV whose cells contain tabs.
  Table csv = ReadOk("a,b\tc\n1,2\t3\n");
  EXPECT_THAT(csv.header, ElementsAre("a", "b\tc"));
}

TEST(CsvReaderTest, SkipsBlankRowsButKeepsTheirNumbers) {
  Table t = ReadOk(
      "\n"
      " , ,\n"
      "姓名,性别\n"
      "张三,男\n"
      "\n"
      ",\n"
      "  ,\"  \"\n"
      "李四,女\n"
      ",女\n");
  EXPECT_THAT(t.header, ElementsAre("姓名", "性别"));
  EXPECT_EQ(t.rows, (Rows{{"张三", "男"}, {"李四", "女"}, {"", "女"}}));
  EXPECT_THAT(t.source_rows, ElementsAre(1u, 5u, 6u));
}

TEST(CsvReaderTest, PadsShortRowsAndCutsLongOnes) {
  Table t = ReadOk("a,b,c\n1\n1,2,3,4,5\n,,,,x\n");
  EXPECT_EQ(t.rows, (Rows{{"1", "", ""}, {"1", "2", "3"}}));
  EXPECT_THAT(t.source_rows, ElementsAre(1u, 2u));  // ",,,,x" is blank within the header
}

TEST(CsvReaderTest, DropsTrailingEmptyHeaderCells) {
  Table t = ReadOk("姓名,性别,,\n张三,男,,备注\n");
  EXPECT_THAT(t.header, ElementsAre("姓名", "性别"));
  EXPECT_EQ(t.rows, (Rows{{"张三", "男"}}));
}

TEST(CsvReaderTest, ReportsAnEmptyFile) {
  for (std::string_view bytes : {"", "\xEF\xBB\xBF", "\r\n\r\n", " , \n,,\n"}) {
    auto t = Read(bytes, Format::kCsv);
    ASSERT_FALSE(t) << bytes;
    EXPECT_EQ(t.error().code, ErrorCode::kBadRequest);
    EXPECT_EQ(t.error().message_key, "sheet.empty");
  }
}

TEST(CsvReaderTest, AcceptsAHeaderWithoutRows) {
  Table t = ReadOk("姓名,性别\r\n");
  EXPECT_THAT(t.header, ElementsAre("姓名", "性别"));
  EXPECT_TRUE(t.rows.empty());
}

TEST(CsvReaderTest, RefusesMoreRowsThanAllowed) {
  EXPECT_EQ(ReadOk("a\n1\n\n2\n3\n", 3).rows.size(), 3u);
  auto t = Read("a\n1\n2\n3\n4\n", Format::kCsv, 3);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message_key, "sheet.too_large");
  EXPECT_EQ(t.error().args.at("max"), "3");
}

TEST(CsvReaderTest, RefusesAHeaderWiderThanExcelAllows) {
  std::string csv = "h";
  for (int c = 1; c <= 16'384; ++c) csv += ",h";
  auto t = Read(csv + "\n", Format::kCsv);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message_key, "sheet.unreadable");
  EXPECT_THAT(t.error().args.at("reason"), ::testing::HasSubstr("16384 columns"));
}

TEST(CsvReaderTest, RefusesAnUnterminatedQuote) {
  auto t = Read("a,b\n1,2\n3,\"4\n5,6\n", Format::kCsv);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message_key, "sheet.unreadable");
  EXPECT_THAT(t.error().args.at("reason"), ::testing::HasSubstr("row 3"));
}

TEST(CsvReaderTest, DetectsFormatFromTheZipSignature) {
  EXPECT_EQ(DetectFormat("PK\x03\x04rest"), Format::kXlsx);
  EXPECT_EQ(DetectFormat("姓名,性别"), Format::kCsv);
  EXPECT_EQ(DetectFormat(""), Format::kCsv);
}

}  // namespace
}  // namespace tj::sheet
