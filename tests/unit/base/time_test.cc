#include "base/time.h"

#include <gtest/gtest.h>

namespace tj {
namespace {

using namespace std::chrono;

Date D(int y, unsigned m, unsigned d) { return Date{year(y), month(m), day(d)}; }

TEST(TimeTest, ParsesOnlyRealCalendarDays) {
  EXPECT_EQ(ParseDate("2020-05-04"), D(2020, 5, 4));
  EXPECT_EQ(ParseDate("2020-02-29"), D(2020, 2, 29));
  EXPECT_FALSE(ParseDate("2021-02-29"));
  EXPECT_FALSE(ParseDate("2020-13-01"));
  EXPECT_FALSE(ParseDate("2020-5-4"));
  EXPECT_FALSE(ParseDate("2020/05/04"));
  EXPECT_FALSE(ParseDate(""));
  EXPECT_EQ(FormatDate(D(2020, 5, 4)), "2020-05-04");
}

TEST(TimeTest, AgeTurnsOnTheBirthdayItself) {
  Date birth = D(1998, 11, 27);
  EXPECT_EQ(AgeOn(birth, D(2026, 11, 26)), 27);  // the day before the 28th birthday
  EXPECT_EQ(AgeOn(birth, D(2026, 11, 27)), 28);  // the day of it
  EXPECT_EQ(AgeOn(birth, D(2026, 12, 31)), 28);
}

TEST(TimeTest, LeapDayBirthdaysCountOnFirstOfMarchInCommonYears) {
  Date birth = D(2008, 2, 29);
  EXPECT_EQ(AgeOn(birth, D(2022, 2, 28)), 13);
  EXPECT_EQ(AgeOn(birth, D(2022, 3, 1)), 14);
  EXPECT_EQ(AgeOn(birth, D(2024, 2, 29)), 16);
}

TEST(TimeTest, LocalDateUsesTheDeploymentZone) {
  // 2026-11-27T16:30Z is already the 28th in Shanghai.
  Instant t = *ParseInstant("2026-11-27T16:30:00Z");
  EXPECT_EQ(LocalDate(t, TimeZone{480}), D(2026, 11, 28));
  EXPECT_EQ(LocalDate(t, TimeZone{0}), D(2026, 11, 27));
  EXPECT_EQ(FormatInstant(t, TimeZone{480}), "2026-11-28T00:30:00+08:00");
  EXPECT_EQ(FormatInstant(t, TimeZone{-330}), "2026-11-27T11:00:00-05:30");
}

TEST(TimeTest, ReadsBothBackendsStorageForms) {
  Instant t = *ParseInstant("2026-11-27T07:53:56.123456Z");
  EXPECT_EQ(FormatInstantUtc(t), "2026-11-27T07:53:56.123456Z");
  EXPECT_EQ(ParseInstant("2026-11-27 07:53:56.123456+00"), t);
  EXPECT_EQ(ParseInstant("2026-11-27 15:53:56.123456+08:00"), t);
  EXPECT_EQ(ParseInstant("2026-11-27 07:53:56.12+00"), t - microseconds(3456));
  EXPECT_FALSE(ParseInstant("2026-11-27T07:53"));
  EXPECT_FALSE(ParseInstant("2026-11-27T07:53:56+8"));
  EXPECT_FALSE(ParseInstant("2026-11-27T25:00:00Z"));
}

TEST(TimeTest, ParsesZoneSpecs) {
  EXPECT_EQ(TimeZone::Parse("Asia/Shanghai")->offset_minutes, 480);
  EXPECT_EQ(TimeZone::Parse("UTC")->offset_minutes, 0);
  EXPECT_EQ(TimeZone::Parse("-05:30")->offset_minutes, -330);
  EXPECT_FALSE(TimeZone::Parse("Mars/Olympus"));
  EXPECT_FALSE(TimeZone::Parse("+25:00"));
}

TEST(TimeTest, ManualClockMovesOnlyWhenTold) {
  Instant start = *ParseInstant("2026-01-01T00:00:00Z");
  ManualClock clock(start);
  EXPECT_EQ(clock.Now(), start);
  clock.Advance(minutes(15));
  EXPECT_EQ(clock.Now(), start + minutes(15));
}

}  // namespace
}  // namespace tj

namespace tj {
namespace {

TEST(TimeTest, YearsBeforeKeepsTheDayOrFallsBackFromLeapDays) {
  EXPECT_EQ(YearsBefore(*ParseDate("2026-11-27"), 28), *ParseDate("1998-11-27"));
  EXPECT_EQ(YearsBefore(*ParseDate("2024-02-29"), 1), *ParseDate("2023-02-28"));
  EXPECT_EQ(YearsBefore(*ParseDate("2024-02-29"), 4), *ParseDate("2020-02-29"));
}

}  // namespace
}  // namespace tj
