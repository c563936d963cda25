#include "base/crypto.h"

#include <gtest/gtest.h>

#include <set>

namespace tj::crypto {
namespace {

TEST(CryptoTest, Sha256MatchesTheStandardVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CryptoTest, TokensAre256BitsAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto t = RandomToken(32);
    EXPECT_EQ(t.size(), 43u);  // 32 bytes in unpadded base64url
    EXPECT_EQ(t.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(CryptoTest, PasswordHashesAreArgon2idSaltedAndVerify) {
  auto h1 = HashPassword("Correct-Horse-9");
  auto h2 = HashPassword("Correct-Horse-9");
  EXPECT_TRUE(h1.starts_with("$argon2id$"));
  EXPECT_NE(h1, h2);
  EXPECT_TRUE(VerifyPassword(h1, "Correct-Horse-9"));
  EXPECT_FALSE(VerifyPassword(h1, "Correct-Horse-8"));
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "x"));
}

TEST(CryptoTest, ConstantTimeEqualsComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace tj::crypto

namespace tj::crypto {
namespace {

TEST(Base64Test, RoundTripsBinaryAndRefusesGarbage) {
  std::string bytes("\x00\xff\x10png\x89", 7);
  EXPECT_EQ(Base64Encode("Man"), "TWFu");
  EXPECT_EQ(Base64Encode("Ma"), "TWE=");
  EXPECT_EQ(Base64Decode(Base64Encode(bytes)), bytes);
  EXPECT_EQ(Base64Decode(""), std::string());
  EXPECT_FALSE(Base64Decode("not base64!"));
}

}  // namespace
}  // namespace tj::crypto
