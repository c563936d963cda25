#include "base/resident_id.h"

#include <charconv>

namespace tj {
namespace {

constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheckChars[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

Error Bad(std::string_view field, std::string code, std::string key) {
  return Error::Validation(
      {ErrorDetail{std::string(field), std::nullopt, std::move(code), std::move(key), {}}});
}

}  // namespace

char ResidentIdCheckChar(std::string_view first17) {
  if (first17.size() != 17 || !AllDigits(first17)) return '?';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[sum % 11];
}

Result<ResidentId> ParseResidentId(std::string_view s, Date today, std::string_view field) {
  std::string n(s);
  if (n.size() == 18 && n[17] == 'x') n[17] = 'X';
  if (n.size() != 18 || !AllDigits(std::string_view(n).substr(0, 17)) ||
      !(n[17] == 'X' || (n[17] >= '0' && n[17] <= '9')))
    return Fail(Bad(field, "format", "member.id_number_format"));
  int y = 0, m = 0, d = 0;
  std::from_chars(n.data() + 6, n.data() + 10, y);
  std::from_chars(n.data() + 10, n.data() + 12, m);
  std::from_chars(n.data() + 12, n.data() + 14, d);
  Date birth{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
             std::chrono::day(static_cast<unsigned>(d))};
  if (!birth.ok() || y < 1900 || std::chrono::sys_days(birth) > std::chrono::sys_days(today))
    return Fail(Bad(field, "birth_date", "member.id_number_birth_date"));
  if (ResidentIdCheckChar(std::string_view(n).substr(0, 17)) != n[17])
    return Fail(Bad(field, "checksum", "member.id_number_checksum"));
  ResidentId id;
  id.division_code = n.substr(0, 6);
  id.birth_date = birth;
  id.gender = ((n[16] - '0') % 2 == 1) ? Gender::kMale : Gender::kFemale;
  id.number = std::move(n);
  return id;
}

std::string MaskIdNumber(std::string_view number) {
  if (number.size() <= 10) return std::string(number.size(), '*');
  return std::string(number.substr(0, 6)) + std::string(number.size() - 10, '*') +
         std::string(number.substr(number.size() - 4));
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() <= 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
         std::string(phone.substr(phone.size() - 4));
}

bool IsValidPhone(std::string_view p) {
  if (p.size() == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9' && AllDigits(p)) return true;
  auto dash = p.find('-');
  if (dash == std::string_view::npos || p[0] != '0') return false;
  auto area = p.substr(0, dash), local = p.substr(dash + 1);
  return (area.size() == 3 || area.size() == 4) && AllDigits(area) &&
         (local.size() == 7 || local.size() == 8) && AllDigits(local);
}

}  // namespace tj
