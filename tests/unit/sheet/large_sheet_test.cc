// Whole-file reads at the size the member import must handle: 100 000 rows of 9 columns of
// Chinese text. Checks the content end to end and prints the time each read took.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "sheet/sheet.h"

namespace tj::sheet {
namespace {

constexpr size_t kRows = 100'000;

Table MemberList() {
  Table t;
  t.header = {"姓名",     "性别",       "民族", "身份证号", "手机号",
              "入团日期", "所在团组织", "职务", "备注"};
  t.rows.reserve(kRows);
  for (size_t i = 0; i < kRows; ++i) {
    const std::string n = std::to_string(i);
    const std::string serial = std::string(8 - n.size(), '0') + n;
    t.rows.push_back({"张" + n, i % 2 ? "男" : "女", "汉族", "2207211990" + serial, "138" + serial,
                      "2020-05-04",
                      "镇赉县第一中学团委高一(" + std::to_string(i % 20) + ")班团支部", "团员",
                      i % 7 ? "" : "转入, 待核实"});
  }
  return t;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void ExpectSame(const Table& read, const Table& written) {
  EXPECT_EQ(read.header, written.header);
  ASSERT_EQ(read.rows.size(), written.rows.size());
  EXPECT_EQ(read.rows.front(), written.rows.front());
  EXPECT_EQ(read.rows[12'345], written.rows[12'345]);
  EXPECT_EQ(read.rows.back(), written.rows.back());
  EXPECT_EQ(read.source_rows.back(), kRows);
}

TEST(LargeSheetTest, ReadsAHundredThousandRowCsv) {
  const Table written = MemberList();
  const std::string csv = WriteCsv(written);
  const auto start = std::chrono::steady_clock::now();
  auto read = Read(csv, Format::kCsv);
  const double seconds = SecondsSince(start);
  ASSERT_TRUE(read);
  ExpectSame(*read, written);
  std::printf("[ timing ] CSV %zu rows, %.1f MiB: %.3f s\n", kRows,
              static_cast<double>(csv.size()) / (1 << 20), seconds);
}

TEST(LargeSheetTest, ReadsAHundredThousandRowXlsx) {
  const Table written = MemberList();
  XlsxOptions options;
  options.text_columns = {3, 4};
  auto start = std::chrono::steady_clock::now();
  auto xlsx = WriteXlsx(written, options);
  const double write_seconds = SecondsSince(start);
  ASSERT_TRUE(xlsx);
  start = std::chrono::steady_clock::now();
  auto read = Read(*xlsx, Format::kXlsx);
  const double seconds = SecondsSince(start);
  ASSERT_TRUE(read) << read.error().args["reason"];
  ExpectSame(*read, written);
  std::printf("[ timing ] XLSX %zu rows, %.1f MiB: read %.3f s (write %.3f s)\n", kRows,
              static_cast<double>(xlsx->size()) / (1 << 20), seconds, write_seconds);
}

}  // namespace
}  // namespace tj::sheet
