// Instants, calendar dates, the deployment's time zone and the injectable clock.
//
// Instants are UTC (microseconds); days, months and years are taken in the deployment's zone
// (Asia/Shanghai, UTC+8, by default; configurable as a fixed offset since the zones we serve
// have no daylight saving). Rules never read the system time directly: they take a Clock, so
// tests can pin "today" to the day before a birthday. SystemClock is thread-safe; ManualClock
// is thread-safe (atomic) so API tests can share one.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tj {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;
using Date = std::chrono::year_month_day;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

// A clock that only moves when told to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : micros_(start.time_since_epoch().count()) {}
  Instant Now() const override { return Instant(std::chrono::microseconds(micros_.load())); }
  void Set(Instant t) { micros_.store(t.time_since_epoch().count()); }
  void Advance(std::chrono::microseconds d) { micros_.fetch_add(d.count()); }

 private:
  std::atomic<int64_t> micros_;
};

// A fixed UTC offset standing for the deployment's zone.
struct TimeZone {
  int offset_minutes = 8 * 60;  // Asia/Shanghai
  // "Asia/Shanghai", "UTC", "+08:00", "-05:30". Returns nullopt for anything else.
  static std::optional<TimeZone> Parse(std::string_view spec);
};

// The calendar day of `t` in zone `tz`.
Date LocalDate(Instant t, TimeZone tz);

// "2026-11-27T15:53:56+08:00" (seconds precision, the zone's offset): the API's instant format.
std::string FormatInstant(Instant t, TimeZone tz);
// "2026-11-27T07:53:56.123456Z": the storage format in SQLite; sortable as text.
std::string FormatInstantUtc(Instant t);
// Accepts "2026-11-27T07:53:56Z", "...56.123456Z", "2026-11-27 07:53:56.12+00",
// "...+08:00" (the storage forms of both backends). Returns nullopt if malformed.
std::optional<Instant> ParseInstant(std::string_view s);

// "YYYY-MM-DD", validated as a real calendar day.
std::optional<Date> ParseDate(std::string_view s);
std::string FormatDate(Date d);

// True when day `a` comes before day `b`.
inline bool Before(Date a, Date b) { return std::chrono::sys_days(a) < std::chrono::sys_days(b); }

// The same day `years` years earlier (29 February falls back to the 28th in a common year).
Date YearsBefore(Date d, int years);

// The day `months` calendar months after `d` (before it when negative), clamped to the
// month's last day: 2026-01-31 + 1 month = 2026-02-28.
Date AddMonths(Date d, int months);

// Whole years from `birth` to `on` (a birthday counts on the day itself; 29 Feb birthdays
// count on 1 March in common years).
int AgeOn(Date birth, Date on);

}  // namespace tj
