#include "sheet/table_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tj::sheet {
namespace {

using ::testing::ElementsAre;

TEST(TableBuilderTest, LowersTheRowLimitForWideHeaders) {
  // 100 cells under a 10-column header: 10 rows, though 1 000 were allowed.
  TableBuilder builder(1'000, 100);
  std::vector<std::string> cells(10, "h");
  ASSERT_TRUE(builder.AddRow(1, cells));
  for (size_t r = 2; r <= 11; ++r) {
    cells = {"x"};
    ASSERT_TRUE(builder.AddRow(r, cells)) << r;
  }
  cells = {"x"};
  auto over = builder.AddRow(12, cells);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().message_key, "sheet.too_large");
  EXPECT_EQ(over.error().args.at("max"), "10");
}

TEST(TableBuilderTest, NumbersRowsFromTheHeaderAndLeavesCellsReusable) {
  TableBuilder builder(10);
  std::vector<std::string> cells = {" ", ""};
  ASSERT_TRUE(builder.AddRow(1, cells));  // blank: not the header
  cells = {"a", "b", " "};
  ASSERT_TRUE(builder.AddRow(3, cells));
  EXPECT_EQ(builder.column_limit(), 2u);
  EXPECT_TRUE(cells.empty());
  cells = {"1"};
  ASSERT_TRUE(builder.AddRow(4, cells));
  cells = {"\t", "\r\n"};
  ASSERT_TRUE(builder.AddRow(5, cells));
  cells = {"", "2"};
  ASSERT_TRUE(builder.AddRow(9, cells));
  auto table = std::move(builder).Finish();
  ASSERT_TRUE(table);
  EXPECT_THAT(table->header, ElementsAre("a", "b"));
  EXPECT_EQ(table->rows, (std::vector<std::vector<std::string>>{{"1", ""}, {"", "2"}}));
  EXPECT_THAT(table->source_rows, ElementsAre(1u, 6u));
}

}  // namespace
}  // namespace tj::sheet
