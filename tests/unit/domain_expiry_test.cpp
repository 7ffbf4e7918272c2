// Unit tests for common/domain/expiry: SPEC §2 expiry vectors, the 5-minute rule, UTC formatting.
#include "common/domain/expiry.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace audioconf::domain {
namespace {

using std::chrono::sys_seconds;
using namespace std::chrono_literals;

sys_seconds at_epoch(std::int64_t seconds) { return sys_seconds{std::chrono::seconds{seconds}}; }

TEST(DayEndWithOffset, MatchesTheSpecVectors) {
  EXPECT_EQ(to_iso_utc(day_end_with_offset({2020, 2, 4}, -240)), "2020-02-04T19:59:59Z");
  EXPECT_EQ(to_iso_utc(day_end_with_offset({2020, 2, 4}, 180)), "2020-02-05T02:59:59Z");
  EXPECT_EQ(day_end_with_offset({2020, 2, 4}, -240), at_epoch(1580846399));
  EXPECT_EQ(day_end_with_offset({2020, 2, 4}, 180), at_epoch(1580871599));
}

TEST(DayEndWithOffset, HandlesParisZeroAndExtremeOffsets) {
  EXPECT_EQ(to_iso_utc(day_end_with_offset({2020, 2, 4}, -60)), "2020-02-04T22:59:59Z");
  EXPECT_EQ(to_iso_utc(day_end_with_offset({2020, 2, 4}, 0)), "2020-02-04T23:59:59Z");
  EXPECT_EQ(to_iso_utc(day_end_with_offset({2020, 2, 4}, -840)), "2020-02-04T09:59:59Z");
  EXPECT_EQ(to_iso_utc(day_end_with_offset({2020, 2, 4}, 720)), "2020-02-05T11:59:59Z");
  EXPECT_EQ(to_iso_utc(day_end_with_offset({2020, 2, 29}, 60)), "2020-03-01T00:59:59Z");
  EXPECT_EQ(to_iso_utc(day_end_with_offset({2026, 12, 31}, 300)), "2027-01-01T04:59:59Z");
}

TEST(DurationEnd, AddsMinutes) {
  const sys_seconds now = at_epoch(1583064000);  // 2020-03-01T12:00:00Z
  EXPECT_EQ(to_iso_utc(duration_end(now, 120)), "2020-03-01T14:00:00Z");
  EXPECT_EQ(to_iso_utc(duration_end(now, 1440)), "2020-03-02T12:00:00Z");
  EXPECT_EQ(duration_end(now, 60), now + 1h);
}

TEST(IsFarEnough, RequiresAtLeastFiveMinutesAhead) {
  const sys_seconds now = at_epoch(1583064000);
  EXPECT_TRUE(is_far_enough(now + 5min, now));
  EXPECT_TRUE(is_far_enough(now + 2h, now));
  EXPECT_FALSE(is_far_enough(now + 5min - 1s, now));
  EXPECT_FALSE(is_far_enough(now, now));
  EXPECT_FALSE(is_far_enough(now - 1h, now));
}

TEST(IsFarEnough, RefusesADayAlreadyOver) {
  // 23:57:00 in Paris (UTC+1) on 2020-02-04: the day ends in less than 5 minutes.
  const sys_seconds late = at_epoch(1580857199) - 179s;
  EXPECT_FALSE(is_far_enough(day_end_with_offset({2020, 2, 4}, -60), late));
  EXPECT_TRUE(is_far_enough(day_end_with_offset({2020, 2, 5}, -60), late));
}

TEST(ToIsoUtc, FormatsKnownInstants) {
  EXPECT_EQ(to_iso_utc(at_epoch(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(to_iso_utc(at_epoch(-1)), "1969-12-31T23:59:59Z");
  EXPECT_EQ(to_iso_utc(at_epoch(1583064000)), "2020-03-01T12:00:00Z");
  EXPECT_EQ(to_iso_utc(at_epoch(253402300799)), "9999-12-31T23:59:59Z");
  EXPECT_EQ(to_iso_utc(at_epoch(86399)), "1970-01-01T23:59:59Z");
  EXPECT_EQ(to_iso_utc(at_epoch(86400)), "1970-01-02T00:00:00Z");
}

}  // namespace
}  // namespace audioconf::domain
