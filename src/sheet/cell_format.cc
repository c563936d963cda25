#include "sheet/cell_format.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace tj::sheet {

NumberKind BuiltinNumberKind(int id) {
  if (id == 22) return NumberKind::kDateTime;
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 ||
      (id >= 50 && id <= 54) || id == 57 || id == 58)
    return NumberKind::kDate;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
      id == 56)
    return NumberKind::kTime;
  return NumberKind::kNumber;
}

namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (Lower(s[i]) != Lower(prefix[i])) return false;
  return true;
}

}  // namespace

NumberKind ClassifyFormatCode(std::string_view code) {
  bool date = false, time = false, month_or_minute = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;  // later sections are for negatives, zero and text
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of(inside[0]) == std::string_view::npos &&
          (Lower(inside[0]) == 'h' || Lower(inside[0]) == 'm' || Lower(inside[0]) == 's'))
        time = true;  // elapsed time: [h]:mm:ss
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is a literal, a space of its width, or a fill
    } else if (StartsWithNoCase(code.substr(i), "am/pm")) {
      i += 4;
    } else if (StartsWithNoCase(code.substr(i), "a/p")) {
      i += 2;
    } else if (StartsWithNoCase(code.substr(i), "general")) {
      i += 6;
    } else {
      switch (Lower(c)) {
        case 'y':
        case 'd':
          date = true;
          break;
        case 'h':
        case 's':
          time = true;
          break;
        case 'm':
          month_or_minute = true;
          break;
        default:
          break;
      }
    }
  }
  if (date && time) return NumberKind::kDateTime;
  if (date) return NumberKind::kDate;
  if (time) return NumberKind::kTime;
  return month_or_minute ? NumberKind::kDate : NumberKind::kNumber;
}

std::string FormatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "INF" : "-INF";
  if (value == 0) return "0";  // also -0
  // 15 significant digits, as Excel keeps and shows them.
  char buf[40];
  const auto [end, ec] =
      std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific, 14);
  std::string_view s(buf, static_cast<size_t>(end - buf));  // "-d.dddddddddddddde+XX"
  std::string out;
  if (s.front() == '-') {
    out.push_back('-');
    s.remove_prefix(1);
  }
  const size_t e = s.find('e');
  std::string digits;
  digits.push_back(s[0]);
  digits.append(s.substr(2, e - 2));
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int exponent = 0;
  std::string_view exp_text = s.substr(e + 1);
  const bool negative_exp = exp_text.front() == '-';
  exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  if (negative_exp) exponent = -exponent;

  if (exponent >= 0 && exponent < 21) {
    const size_t int_len = static_cast<size_t>(exponent) + 1;
    if (digits.size() <= int_len) {
      out += digits;
      out.append(int_len - digits.size(), '0');
    } else {
      out.append(digits, 0, int_len);
      out.push_back('.');
      out.append(digits, int_len);
    }
  } else if (exponent < 0 && exponent >= -10) {
    out += "0.";
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (digits.size() > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    char tail[16];
    std::snprintf(tail, sizeof tail, "E%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += tail;
  }
  return out;
}

namespace {

constexpr int64_t kMsPerDay = 86'400'000;

// Excel rounds a serial to the millisecond before showing it, so 0.99999999 is the next day.
int64_t SerialToMs(double serial) { return std::llround(serial * static_cast<double>(kMsPerDay)); }

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::optional<std::string> FormatDate(double serial, bool date1904) {
  using namespace std::chrono;
  // Beyond 9999-12-31 in either system; also keeps llround in range.
  if (!std::isfinite(serial) || serial < -1 || serial >= 2958466) return std::nullopt;
  const int64_t day = FloorDiv(SerialToMs(serial), kMsPerDay);
  sys_days date;
  if (date1904) {
    if (day < 0 || day > 2957003) return std::nullopt;
    date = sys_days{year{1904} / January / 1} + days{day};
  } else {
    if (day < 1 || day > 2958465) return std::nullopt;
    if (day == 60) return "1900-02-29";  // Lotus 1-2-3's leap day, kept by Excel
    date = sys_days{year{1899} / December / 31} + days{day < 60 ? day : day - 1};
  }
  const year_month_day ymd{date};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return std::string(buf);
}

std::string FormatTime(double serial) {
  if (!std::isfinite(serial) || std::fabs(serial) > 1e7) return FormatNumber(serial);
  int64_t ms = SerialToMs(serial) % kMsPerDay;
  if (ms < 0) ms += kMsPerDay;
  const int64_t seconds = (ms + 500) / 1000 % 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  return std::string(buf);
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The UTF-16 unit of an escape "_xHHHH_" at the start of `s`, or -1.
int EscapeAt(std::string_view s) {
  if (s.size() < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_') return -1;
  int unit = 0;
  for (size_t i = 2; i < 6; ++i) {
    const int h = HexValue(s[i]);
    if (h < 0) return -1;
    unit = unit * 16 + h;
  }
  return unit;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

void DecodeXmlStringEscapes(std::string& text) {
  size_t at = text.find("_x");
  if (at == std::string::npos) return;
  std::string out(text, 0, at);
  const std::string_view s = text;
  while (at < s.size()) {
    const int unit = EscapeAt(s.substr(at));
    if (unit < 0) {
      out.push_back(s[at++]);
      continue;
    }
    at += 7;
    uint32_t cp = static_cast<uint32_t>(unit);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      const int low = EscapeAt(s.substr(at));
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
        at += 7;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    AppendUtf8(out, cp);
  }
  text = std::move(out);
}

}  // namespace tj::sheet
