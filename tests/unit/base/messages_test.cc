#include "base/messages.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace tj {
namespace {

TEST(MessagesTest, CatalogIsSortedForBinarySearch) {
  auto keys = MessageKeys();
  ASSERT_FALSE(keys.empty());
  for (size_t i = 1; i < keys.size(); ++i) EXPECT_LT(keys[i - 1], keys[i]) << keys[i];
}

TEST(MessagesTest, RendersArgumentsInEitherLanguage) {
  MessageArgs args{{"min", "10"}};
  EXPECT_EQ(RenderMessage("auth.password_too_short", args, Locale::kEn),
            "The password needs at least 10 characters");
  EXPECT_EQ(RenderMessage("auth.password_too_short", args, Locale::kZhCN), "密码至少 10 个字符");
  EXPECT_EQ(RenderMessage("no.such_key", {}, Locale::kEn), "no.such_key");
}

TEST(MessagesTest, AcceptLanguageDefaultsToChinese) {
  EXPECT_EQ(ParseAcceptLanguage(""), Locale::kZhCN);
  EXPECT_EQ(ParseAcceptLanguage("en"), Locale::kEn);
  EXPECT_EQ(ParseAcceptLanguage("en-US,en;q=0.9"), Locale::kEn);
  EXPECT_EQ(ParseAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8"), Locale::kZhCN);
  EXPECT_EQ(ParseAcceptLanguage("fr;q=1, en;q=0.5, zh;q=0.4"), Locale::kEn);
  EXPECT_EQ(ParseAcceptLanguage("fr"), Locale::kZhCN);
}

// Every message key the server code names must exist in the catalog (both languages are
// fields of one entry, so presence means both are there).
TEST(MessagesTest, EveryKeyUsedInTheSourcesIsInTheCatalog) {
  const char* root = std::getenv("TJ_SOURCE_DIR");
  ASSERT_NE(root, nullptr) << "ctest sets TJ_SOURCE_DIR";
  std::regex key_re("\"((?:auth|common|org|org_type|user|store|cli|audit|member|member_status|sheet|cadre|rules|recruitment|recruitment_stage|evaluation|applicant|number_range|quota|registration|party|transfer|transfer_state|transfer_action|dues|activity|study)\\.[a-z_]+)\"");
  int seen = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           std::filesystem::path(root) / "src")) {
    if (entry.path().extension() != ".cc" && entry.path().extension() != ".h") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), key_re), end; it != end; ++it) {
      ++seen;
      EXPECT_TRUE(HasMessage((*it)[1].str())) << (*it)[1].str() << " in " << entry.path();
    }
  }
  EXPECT_GT(seen, 20);
}

}  // namespace
}  // namespace tj
