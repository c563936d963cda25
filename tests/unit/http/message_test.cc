#include "http/message.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace tj::http {
namespace {

struct DecodeCase {
  std::string input;
  bool plus_is_space;
  std::optional<std::string> expected;
};

class PercentDecodeTest : public testing::TestWithParam<DecodeCase> {};

TEST_P(PercentDecodeTest, DecodesOrRefuses) {
  const DecodeCase& c = GetParam();
  EXPECT_EQ(PercentDecode(c.input, c.plus_is_space), c.expected) << "input: " << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PercentDecodeTest,
    testing::Values(DecodeCase{"", false, ""}, DecodeCase{"plain/path", false, "plain/path"},
                    DecodeCase{"a%20b", false, "a b"}, DecodeCase{"%41%62", false, "Ab"},
                    DecodeCase{"%e4%B8%ad", false, "\xE4\xB8\xAD"},  // mixed-case hex
                    DecodeCase{"a+b", false, "a+b"}, DecodeCase{"a+b", true, "a b"},
                    DecodeCase{"%2B", true, "+"},  // an escaped plus stays a plus
                    DecodeCase{"%2F", false, "/"},
                    DecodeCase{"x%00y", false, std::string("x\0y", 3)},
                    DecodeCase{"%", false, std::nullopt}, DecodeCase{"%2", false, std::nullopt},
                    DecodeCase{"abc%", false, std::nullopt}, DecodeCase{"%zz", false, std::nullopt},
                    DecodeCase{"%2G", false, std::nullopt},
                    DecodeCase{"%%41", false, std::nullopt}));

TEST(MethodTest, ParsesEveryKnownMethodAndRoundTripsItsName) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                   Method::kDelete, Method::kOptions}) {
    EXPECT_EQ(ParseMethod(MethodName(m)), m) << MethodName(m);
  }
  EXPECT_EQ(MethodName(Method::kPatch), "PATCH");
}

TEST(MethodTest, MethodNamesAreCaseSensitive) {
  EXPECT_EQ(ParseMethod("get"), Method::kOther);
  EXPECT_EQ(ParseMethod("Post"), Method::kOther);
  EXPECT_EQ(ParseMethod("BREW"), Method::kOther);
  EXPECT_EQ(ParseMethod(""), Method::kOther);
}

TEST(MethodTest, OnlyGetHeadAndOptionsAreSafe) {
  EXPECT_TRUE(IsSafe(Method::kGet));
  EXPECT_TRUE(IsSafe(Method::kHead));
  EXPECT_TRUE(IsSafe(Method::kOptions));
  EXPECT_FALSE(IsSafe(Method::kPost));
  EXPECT_FALSE(IsSafe(Method::kPatch));
  EXPECT_FALSE(IsSafe(Method::kDelete));
}

Request WithCookieHeader(std::string value) {
  Request r;
  r.headers["cookie"] = std::move(value);
  return r;
}

TEST(CookieTest, FindsEachCookieAmongSeveral) {
  Request r = WithCookieHeader("theme=dark; tj_session=abc123; lang=en");
  EXPECT_EQ(r.Cookie("tj_session"), "abc123");
  EXPECT_EQ(r.Cookie("theme"), "dark");
  EXPECT_EQ(r.Cookie("lang"), "en");
}

TEST(CookieTest, MissingCookieOrHeaderIsNullopt) {
  EXPECT_EQ(WithCookieHeader("a=1").Cookie("b"), std::nullopt);
  EXPECT_EQ(Request{}.Cookie("a"), std::nullopt);
  EXPECT_EQ(WithCookieHeader("").Cookie("a"), std::nullopt);
}

TEST(CookieTest, NameMustMatchExactlyNotAsPrefixOrSuffix) {
  Request r = WithCookieHeader("tj_session_old=x; old_tj_session=y");
  EXPECT_EQ(r.Cookie("tj_session"), std::nullopt);
}

TEST(CookieTest, ToleratesSpacesQuotesEqualsSignsAndJunk) {
  Request r = WithCookieHeader(" a = 1 ;b=\"quoted value\";junk;c=x=y;;d=");
  EXPECT_EQ(r.Cookie("a"), "1");
  EXPECT_EQ(r.Cookie("b"), "quoted value");
  EXPECT_EQ(r.Cookie("c"), "x=y");
  EXPECT_EQ(r.Cookie("d"), "");
  EXPECT_EQ(r.Cookie("junk"), std::nullopt);
}

TEST(CookieTest, FirstOfRepeatedNamesWins) {
  EXPECT_EQ(WithCookieHeader("a=1; a=2").Cookie("a"), "1");
}

TEST(RequestTest, HeaderAndQueryLookups) {
  Request r;
  r.headers["x-csrf-token"] = "t";
  r.query.emplace("tag", "first");
  r.query.emplace("tag", "second");
  r.query.emplace("page", "2");
  ASSERT_NE(r.Header("x-csrf-token"), nullptr);
  EXPECT_EQ(*r.Header("x-csrf-token"), "t");
  EXPECT_EQ(r.Header("authorization"), nullptr);
  ASSERT_NE(r.QueryParam("tag"), nullptr);
  EXPECT_EQ(*r.QueryParam("tag"), "first");
  EXPECT_EQ(*r.QueryParam("page"), "2");
  EXPECT_EQ(r.QueryParam("size"), nullptr);
}

TEST(ResponseTest, JsonSetsStatusBodyAndJsonContentType) {
  Response r = Response::Json(201, R"({"id":1})");
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, R"({"id":1})");
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_FALSE(r.file_path.has_value());
}

}  // namespace
}  // namespace tj::http
