#include "base/json_writer.h"
#include "base/text.h"

#include <gtest/gtest.h>

namespace tj {
namespace {

TEST(TextTest, CountsCharactersNotBytes) {
  EXPECT_EQ(Utf8Length("团县委"), 3u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length(""), 0u);
}

TEST(TextTest, TrimsAsciiAndIdeographicSpace) {
  EXPECT_EQ(Trim("  团支部\t"), "团支部");
  EXPECT_EQ(Trim("\xE3\x80\x80团支部\xE3\x80\x80"), "团支部");
  EXPECT_EQ(Trim("   "), "");
}

TEST(TextTest, RejectsInvalidUtf8) {
  EXPECT_TRUE(IsValidUtf8("团 ok"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xFF\xFE"));
  EXPECT_FALSE(IsValidUtf8("\xE5\x9B"));
}

TEST(JsonWriterTest, EscapesStrings) {
  auto s = JsonObjectWriter().Str("a", "q\"b\\\n\x01").Int("n", -5).Bool("t", true).str();
  EXPECT_EQ(s, R"({"a":"q\"b\\\n\u0001","n":-5,"t":true})");
  EXPECT_EQ(JsonObjectWriter().OptStr("x", std::nullopt).str(), R"({"x":null})");
}

}  // namespace
}  // namespace tj

namespace tj {
namespace {

TEST(PercentEncodeTest, KeepsAttrCharsAndEncodesTheRest) {
  EXPECT_EQ(PercentEncode("a-b.c_d"), "a-b.c_d");
  EXPECT_EQ(PercentEncode("团课.jpg"), "%E5%9B%A2%E8%AF%BE.jpg");
  EXPECT_EQ(PercentEncode("a b\"c"), "a%20b%22c");
}

}  // namespace
}  // namespace tj
