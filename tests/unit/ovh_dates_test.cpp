// OVH wire dates: the ISO form we send and the RFC 3339 forms we accept.
#include "common/ovh/dates.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace audioconf::ovh {
namespace {

using namespace std::chrono_literals;

TimePoint utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{mo} /
                               std::chrono::day{d}} +
         std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}

TEST(OvhDates, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_iso_millis(utc(2021, 6, 21, 21, 59, 59)), "2021-06-21T21:59:59.000Z");
  EXPECT_EQ(format_iso_millis(utc(2021, 6, 21, 15, 23, 32) + 839ms + 999us),
            "2021-06-21T15:23:32.839Z");
  EXPECT_EQ(format_iso_millis(utc(1999, 12, 31, 0, 0, 0)), "1999-12-31T00:00:00.000Z");
}

TEST(OvhDates, ParsesZuluWithAndWithoutFraction) {
  EXPECT_EQ(parse_rfc3339("2021-06-21T21:59:59Z"), utc(2021, 6, 21, 21, 59, 59));
  EXPECT_EQ(parse_rfc3339("2021-06-21T21:59:59.000Z"), utc(2021, 6, 21, 21, 59, 59));
  EXPECT_EQ(parse_rfc3339("2021-06-21T15:23:32.839Z"), utc(2021, 6, 21, 15, 23, 32) + 839ms);
  EXPECT_EQ(parse_rfc3339("2021-06-21T15:23:32.5z"), utc(2021, 6, 21, 15, 23, 32) + 500ms);
}

TEST(OvhDates, AppliesOffsets) {
  EXPECT_EQ(parse_rfc3339("2021-06-21T23:59:59+02:00"), utc(2021, 6, 21, 21, 59, 59));
  EXPECT_EQ(parse_rfc3339("2021-06-21T19:59:59-04:00"), utc(2021, 6, 21, 23, 59, 59));
  EXPECT_EQ(parse_rfc3339("2021-01-01T00:30:00+01:00"), utc(2020, 12, 31, 23, 30, 0));
}

TEST(OvhDates, RoundTripsWhatItFormats) {
  const TimePoint at = utc(2024, 2, 29, 12, 0, 1) + 7ms;
  EXPECT_EQ(parse_rfc3339(format_iso_millis(at)), at);
}

TEST(OvhDates, RejectsMalformedOrImpossibleDates) {
  for (const char* text :
       {"", "2021-06-21", "2021-06-21T21:59:59", "2021-06-21 21:59:59Z", "2021-02-30T00:00:00Z",
        "2021-06-21T24:00:00Z", "2021-06-21T21:60:00Z", "2021-06-21T21:59:59.Z",
        "2021-06-21T21:59:59+0200", "2021-06-21T21:59:59Zjunk", "21-06-21T21:59:59Z",
        "2021-6-21T21:59:59Z", "not a date"}) {
    EXPECT_FALSE(parse_rfc3339(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace audioconf::ovh

namespace audioconf::ovh {
namespace {

// Found by fuzzing: a year outside the 64-bit nanosecond range of system_clock overflowed.
TEST(OvhDates, RejectsYearsTheClockCannotHold) {
  EXPECT_FALSE(parse_rfc3339("1010-06-21T15:23:32Z").has_value());
  EXPECT_FALSE(parse_rfc3339("9999-12-31T23:59:59Z").has_value());
  EXPECT_TRUE(parse_rfc3339("2261-01-01T00:00:00Z").has_value());
}

}  // namespace
}  // namespace audioconf::ovh
