// Chinese resident identity numbers (GB 11643-1999) and the masking of personal numbers.
//
// An ID number is 18 characters: a 6-digit division code, an 8-digit birth date, a 3-digit
// sequence (odd = male) and a check character computed with ISO 7064 MOD 11-2. Parsing checks
// all of it and yields the birth date and gender the number encodes. Pure functions; safe
// from any thread.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "base/time.h"

namespace tj {

enum class Gender { kMale, kFemale };

struct ResidentId {
  std::string number;         // 18 characters, a final 'x' upper-cased
  std::string division_code;  // first 6 digits
  Date birth_date;
  Gender gender = Gender::kMale;
};

// The check character for the first 17 digits ('0'..'9' or 'X'); '?' if they are not 17 digits.
char ResidentIdCheckChar(std::string_view first17);

// Parses and checks a number. Errors: kValidationFailed with one detail on `field`: code
// "format" (not 17 digits + digit/X), "birth_date" (no such day, or after `today`), or
// "checksum" (wrong check character).
Result<ResidentId> ParseResidentId(std::string_view s, Date today, std::string_view field = "id_number");

// "220821********123X": the first 6 and last 4 characters kept.
std::string MaskIdNumber(std::string_view number);
// "138****5678": the first 3 and last 4 digits kept.
std::string MaskPhone(std::string_view phone);

// Mainland mobile numbers: 11 digits starting with 1 and a second digit 3–9; landlines as
// 0AAA-NNNNNNN or 0AA-NNNNNNNN (3–4 digit area code, 7–8 digits).
bool IsValidPhone(std::string_view phone);

}  // namespace tj
