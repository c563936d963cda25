#include "base/time.h"

#include <charconv>
#include <cstdio>

namespace tj {
namespace {

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

Instant SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

std::optional<TimeZone> TimeZone::Parse(std::string_view spec) {
  if (spec == "Asia/Shanghai" || spec == "Asia/Chongqing" || spec == "Asia/Harbin" ||
      spec == "PRC")
    return TimeZone{480};
  if (spec == "UTC" || spec == "Z") return TimeZone{0};
  if (spec.size() == 6 && (spec[0] == '+' || spec[0] == '-') && spec[3] == ':') {
    int h = 0, m = 0;
    if (!ParseInt(spec.substr(1, 2), h) || !ParseInt(spec.substr(4, 2), m) || h > 14 || m > 59)
      return std::nullopt;
    int total = h * 60 + m;
    return TimeZone{spec[0] == '-' ? -total : total};
  }
  return std::nullopt;
}

Date LocalDate(Instant t, TimeZone tz) {
  auto local = t + std::chrono::minutes(tz.offset_minutes);
  return Date(std::chrono::floor<std::chrono::days>(local));
}

std::string FormatInstant(Instant t, TimeZone tz) {
  auto local = std::chrono::floor<std::chrono::seconds>(t) + std::chrono::minutes(tz.offset_minutes);
  auto day = std::chrono::floor<std::chrono::days>(local);
  Date d(day);
  std::chrono::hh_mm_ss hms(local - day);
  int off = tz.offset_minutes;
  char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", int(d.year()),
                unsigned(d.month()), unsigned(d.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()), sign, off / 60, off % 60);
  return buf;
}

std::string FormatInstantUtc(Instant t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  Date d(day);
  std::chrono::hh_mm_ss hms(t - day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06dZ", int(d.year()),
                unsigned(d.month()), unsigned(d.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()),
                int(hms.subseconds().count()));
  return buf;
}

std::optional<Instant> ParseInstant(std::string_view s) {
  if (s.size() < 19) return std::nullopt;
  auto date = ParseDate(s.substr(0, 10));
  if (!date || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return std::nullopt;
  int h = 0, mi = 0, sec = 0;
  if (!ParseInt(s.substr(11, 2), h) || !ParseInt(s.substr(14, 2), mi) ||
      !ParseInt(s.substr(17, 2), sec) || h > 23 || mi > 59 || sec > 60)
    return std::nullopt;
  size_t i = 19;
  int64_t micros = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 6) {
        micros = micros * 10 + (s[i] - '0');
        ++digits;
      }
      ++i;
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 6; ++digits) micros *= 10;
  }
  int offset = 0;
  std::string_view rest = s.substr(i);
  if (rest == "Z" || rest.empty()) {
    offset = 0;
  } else if (rest[0] == '+' || rest[0] == '-') {
    int oh = 0, om = 0;
    if (rest.size() == 3) {
      if (!ParseInt(rest.substr(1, 2), oh)) return std::nullopt;
    } else if (rest.size() == 6 && rest[3] == ':') {
      if (!ParseInt(rest.substr(1, 2), oh) || !ParseInt(rest.substr(4, 2), om)) return std::nullopt;
    } else {
      return std::nullopt;
    }
    offset = (oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  auto t = std::chrono::sys_days(*date) + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(sec) + std::chrono::microseconds(micros) -
           std::chrono::minutes(offset);
  return std::chrono::time_point_cast<std::chrono::microseconds>(t);
}

std::optional<Date> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!ParseInt(s.substr(0, 4), y) || !ParseInt(s.substr(5, 2), m) || !ParseInt(s.substr(8, 2), d))
    return std::nullopt;
  Date date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
            std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatDate(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

Date YearsBefore(Date d, int years) {
  Date out{d.year() - std::chrono::years(years), d.month(), d.day()};
  return out.ok() ? out : Date{out.year(), out.month(), std::chrono::day(28)};
}

Date AddMonths(Date d, int months) {
  auto ym = std::chrono::year_month(d.year(), d.month()) + std::chrono::months(months);
  auto last = std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month()));
  std::chrono::day day = d.day() > last.day() ? last.day() : d.day();
  return Date{ym.year(), ym.month(), day};
}

int AgeOn(Date birth, Date on) {
  int age = int(on.year()) - int(birth.year());
  auto bm = unsigned(birth.month()), bd = unsigned(birth.day());
  auto om = unsigned(on.month()), od = unsigned(on.day());
  if (bm == 2 && bd == 29 && !on.year().is_leap()) {  // birthday falls on 1 March
    bm = 3;
    bd = 1;
  }
  if (om < bm || (om == bm && od < bd)) --age;
  return age;
}

}  // namespace tj
