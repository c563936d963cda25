#include "base/resident_id.h"

#include <gtest/gtest.h>

#include "base/personal_data.h"

namespace tj {
namespace {

Date Today() { return *ParseDate("2026-11-27"); }

std::string Code(const Result<ResidentId>& r) {
  return r ? "ok" : r.error().details.at(0).code;
}

TEST(ResidentIdTest, AcceptsValidNumbersIncludingAFinalX) {
  auto a = ParseResidentId("11010519491231002X", Today());
  ASSERT_TRUE(a);
  EXPECT_EQ(a->birth_date, *ParseDate("1949-12-31"));
  EXPECT_EQ(a->gender, Gender::kFemale);  // sequence 002 is even
  auto lower = ParseResidentId("11010519491231002x", Today());
  ASSERT_TRUE(lower);
  EXPECT_EQ(lower->number, "11010519491231002X");
  auto b = ParseResidentId("220821199801151237", Today());
  ASSERT_TRUE(b);
  EXPECT_EQ(b->division_code, "220821");
  EXPECT_EQ(b->gender, Gender::kMale);  // 123 is odd
}

TEST(ResidentIdTest, RefusesAWrongCheckCharacter) {
  EXPECT_EQ(Code(ParseResidentId("220821199801151238", Today())), "checksum");
  EXPECT_EQ(Code(ParseResidentId("110105194912310021", Today())), "checksum");
}

TEST(ResidentIdTest, RefusesImpossibleOrFutureBirthDates) {
  std::string feb30 = "2208211998023012";
  feb30 += "3";
  feb30 += ResidentIdCheckChar(feb30);
  EXPECT_EQ(Code(ParseResidentId(feb30, Today())), "birth_date");
  EXPECT_EQ(Code(ParseResidentId("220821200802290031", Today())), "ok");  // a real leap day
  std::string future = "22082120270101123";
  future += ResidentIdCheckChar(future);
  EXPECT_EQ(Code(ParseResidentId(future, Today())), "birth_date");
}

TEST(ResidentIdTest, RefusesWrongLengthOrCharacters) {
  EXPECT_EQ(Code(ParseResidentId("22082119980115123", Today())), "format");
  EXPECT_EQ(Code(ParseResidentId("2208211998011512377", Today())), "format");
  EXPECT_EQ(Code(ParseResidentId("22082119980115A237", Today())), "format");
  EXPECT_EQ(Code(ParseResidentId("", Today())), "format");
}

TEST(MaskingTest, KeepsOnlyTheEnds) {
  EXPECT_EQ(MaskIdNumber("22082119980115123X"), "220821********123X");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("123"), "***");
}

TEST(PhoneTest, AcceptsMobilesAndLandlines) {
  EXPECT_TRUE(IsValidPhone("13812345678"));
  EXPECT_FALSE(IsValidPhone("12812345678"));
  EXPECT_FALSE(IsValidPhone("1381234567"));
  EXPECT_TRUE(IsValidPhone("0436-1234567"));
  EXPECT_FALSE(IsValidPhone("436-1234567"));
}

TEST(PersonalDataTest, SealsWithFreshNoncesAndOpensWithTheNamedKey) {
  std::string k1 = PersonalDataCipher::NewKey(), k2 = PersonalDataCipher::NewKey();
  std::string lookup = PersonalDataCipher::NewKey();
  PersonalDataCipher old_cipher({{1, k1}}, 1, lookup);
  std::string sealed_old = old_cipher.Seal("220821199801151237");
  EXPECT_EQ(sealed_old.find("220821"), std::string::npos);
  EXPECT_NE(old_cipher.Seal("220821199801151237"), sealed_old);
  PersonalDataCipher rotated({{1, k1}, {2, k2}}, 2, lookup);
  EXPECT_EQ(*rotated.Open(sealed_old), "220821199801151237");
  std::string sealed_new = rotated.Seal("13812345678");
  EXPECT_TRUE(sealed_new.starts_with("2:"));
  EXPECT_EQ(*rotated.Open(sealed_new), "13812345678");
  EXPECT_FALSE(old_cipher.Open(sealed_new));  // key 2 unknown there
  std::string tampered = sealed_new;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(rotated.Open(tampered));
  EXPECT_EQ(rotated.LookupHash("13812345678"), old_cipher.LookupHash("13812345678"));
  EXPECT_EQ(rotated.LookupHash("13812345678").size(), 64u);
  PersonalDataCipher other({{1, k1}}, 1, PersonalDataCipher::NewKey());
  EXPECT_NE(other.LookupHash("13812345678"), rotated.LookupHash("13812345678"));
}

}  // namespace
}  // namespace tj
