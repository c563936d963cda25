// How XLSX cell values become the text a user saw in Excel: numbers without float noise or
// ".0", date-formatted serial numbers as ISO dates, and the _xHHHH_ escapes of OOXML strings.
// Pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tj::sheet {

// What a cell's number format makes of a number.
enum class NumberKind {
  kNumber,
  kDate,      // shown as a date: read as "YYYY-MM-DD"
  kDateTime,  // a date with a time: "YYYY-MM-DD HH:MM:SS", or the date alone at midnight
  kTime,      // shown as a time of day only: read as "HH:MM:SS"
};

// The kind of a built-in number format id (those a workbook may use without declaring them).
// Dates: 14-17, 27-31, 36, 50-54, 57, 58 (the CJK ids as Excel defines them for zh-CN,
// where 27 is yyyy"年"m"月" and 31 is yyyy"年"m"月"d"日"); date and time: 22 (m/d/yy h:mm).
// Times: 18-21, 32-35, 45-47, 55, 56.
NumberKind BuiltinNumberKind(int id);

// The kind of a format code declared in styles.xml ("yyyy年m月d日", "[$-F800]dddd", "0.00").
// Only the first section counts; quoted text, [brackets], and \x, _x, *x escapes are ignored.
// A date has y or d, or m without h or s; a time has h or s (or an elapsed [h], [m], [s]);
// both make a date with a time.
NumberKind ClassifyFormatCode(std::string_view code);

// A number as Excel shows it in a General cell wide enough: integers in full ("13800138000"),
// at most 15 significant digits, no exponent from 1e-10 up to 1e21 ("0.1" for
// 0.10000000000000001); beyond that "1.5E+21" / "1.5E-11".
std::string FormatNumber(double value);

// The date of an Excel serial number ("2024-03-05"), the time of day ignored. The 1900 system
// keeps Lotus' phantom 1900-02-29 (serial 60); the 1904 system counts from 1904-01-01 = 0.
// nullopt outside what Excel can show as a date (serial < 1 in the 1900 system, < 0 in the
// 1904 one, past 9999-12-31).
std::optional<std::string> FormatDate(double serial, bool date1904);

// The time of day of an Excel serial number, "HH:MM:SS" (rounded to the second).
std::string FormatTime(double serial);

// `text` with the OOXML escapes _xHHHH_ (UTF-16 code units; Excel writes control characters
// such as _x000D_ this way, and a literal "_x" as _x005F_x) replaced by what they stand for.
void DecodeXmlStringEscapes(std::string& text);

}  // namespace tj::sheet
