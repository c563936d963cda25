#include "sheet/cell_format.h"

#include <gtest/gtest.h>

namespace tj::sheet {
namespace {

TEST(CellFormatTest, FormatsNumbersAsExcelShowsThem) {
  const struct {
    double value;
    const char* text;
  } cases[] = {
      {1380000, "1380000"},
      {13800138000, "13800138000"},
      {-42, "-42"},
      {0, "0"},
      {-0.0, "0"},
      {0.1, "0.1"},
      {0.30000000000000004, "0.3"},  // 0.1 + 0.2
      {4.4000000000000004, "4.4"},
      {3.14159265358979, "3.14159265358979"},
      {1.0 / 3, "0.333333333333333"},
      {123456.5, "123456.5"},
      {0.00012, "0.00012"},
      {1.5e-10, "0.00000000015"},
      {110101199003071234.0, "110101199003071000"},  // an ID number already stored as a number
      {1e20, "100000000000000000000"},
      {1.5e21, "1.5E+21"},
      {-2.5e-11, "-2.5E-11"},
  };
  for (const auto& c : cases) EXPECT_EQ(FormatNumber(c.value), c.text) << c.value;
}

TEST(CellFormatTest, ConvertsSerialNumbersToDates) {
  EXPECT_EQ(FormatDate(1, false), "1900-01-01");
  EXPECT_EQ(FormatDate(59, false), "1900-02-28");
  EXPECT_EQ(FormatDate(60, false), "1900-02-29");  // Excel's phantom leap day
  EXPECT_EQ(FormatDate(61, false), "1900-03-01");
  EXPECT_EQ(FormatDate(36526, false), "2000-01-01");
  EXPECT_EQ(FormatDate(45292.75, false), "2024-01-01");         // the time is dropped
  EXPECT_EQ(FormatDate(45292.999999999, false), "2024-01-02");  // rounds to the millisecond
  EXPECT_EQ(FormatDate(2958465, false), "9999-12-31");
  EXPECT_EQ(FormatDate(0, true), "1904-01-01");
  EXPECT_EQ(FormatDate(34063, true), "1997-04-05");  // 1904 system: 1462 days behind
  EXPECT_EQ(FormatDate(35525, false), "1997-04-05");
  EXPECT_EQ(FormatDate(0, false), std::nullopt);
  EXPECT_EQ(FormatDate(-3, true), std::nullopt);
  EXPECT_EQ(FormatDate(3e6, false), std::nullopt);
}

TEST(CellFormatTest, ConvertsSerialNumbersToTimes) {
  EXPECT_EQ(FormatTime(0.5), "12:00:00");
  EXPECT_EQ(FormatTime(45292.375), "09:00:00");
  EXPECT_EQ(FormatTime(0.99999999), "00:00:00");
}

TEST(CellFormatTest, ClassifiesBuiltinFormats) {
  EXPECT_EQ(BuiltinNumberKind(0), NumberKind::kNumber);
  EXPECT_EQ(BuiltinNumberKind(14), NumberKind::kDate);
  EXPECT_EQ(BuiltinNumberKind(22), NumberKind::kDateTime);
  EXPECT_EQ(BuiltinNumberKind(31), NumberKind::kDate);  // yyyy"年"m"月"d"日" in zh-CN
  EXPECT_EQ(BuiltinNumberKind(57), NumberKind::kDate);
  EXPECT_EQ(BuiltinNumberKind(20), NumberKind::kTime);
  EXPECT_EQ(BuiltinNumberKind(32), NumberKind::kTime);  // h"时"mm"分"
  EXPECT_EQ(BuiltinNumberKind(46), NumberKind::kTime);
  EXPECT_EQ(BuiltinNumberKind(49), NumberKind::kNumber);  // @
}

TEST(CellFormatTest, ClassifiesCustomFormatCodes) {
  const struct {
    const char* code;
    NumberKind kind;
  } cases[] = {
      {"yyyy年m月d日", NumberKind::kDate},
      {"yyyy\"年\"m\"月\"d\"日\"", NumberKind::kDate},
      {"[$-804]yyyy/mm/dd;@", NumberKind::kDate},
      {"yyyy-mm-dd hh:mm:ss", NumberKind::kDateTime},
      {"mmm", NumberKind::kDate},
      {"d-mmm", NumberKind::kDate},
      {"h:mm AM/PM", NumberKind::kTime},
      {"[h]:mm:ss", NumberKind::kTime},
      {"mm:ss", NumberKind::kTime},
      {"h\"时\"mm\"分\"", NumberKind::kTime},
      {"General", NumberKind::kNumber},
      {"0.00", NumberKind::kNumber},
      {"#,##0.00_);[Red](#,##0.00)", NumberKind::kNumber},
      {"0\" days\"", NumberKind::kNumber},
      {"\"Day \"0", NumberKind::kNumber},
      {"0.00E+00", NumberKind::kNumber},
      {"@", NumberKind::kNumber},
      {"[Red]0;[Blue]-0", NumberKind::kNumber},
      {"\\d0", NumberKind::kNumber},
      {"0;\"d\"", NumberKind::kNumber},
  };
  for (const auto& c : cases) EXPECT_EQ(ClassifyFormatCode(c.code), c.kind) << c.code;
}

TEST(CellFormatTest, DecodesOoxmlStringEscapes) {
  std::string s = "第一行_x000D_\n第二行";
  DecodeXmlStringEscapes(s);
  EXPECT_EQ(s, "第一行\r\n第二行");
  s = "literal _x005F_x0041_ and _xZZZZ_ and _x12";
  DecodeXmlStringEscapes(s);
  EXPECT_EQ(s, "literal _x0041_ and _xZZZZ_ and _x12");
  s = "_xD840__xDC00_";  // a surrogate pair: U+20000
  DecodeXmlStringEscapes(s);
  EXPECT_EQ(s, "\xF0\xA0\x80\x80");
}

}  // namespace
}  // namespace tj::sheet
