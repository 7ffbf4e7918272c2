// Time points as SQL parameters: exact microseconds, signed before 1970.
#include "common/pg/time.hpp"

#include <gtest/gtest.h>

namespace audioconf::pg {
namespace {

using std::chrono::microseconds;

TEST(PgTime, WritesSecondsWithSixDigitsOfMicroseconds) {
  EXPECT_EQ(to_epoch(TimePoint(microseconds(1'800'000'000'123'456))), "1800000000.123456");
  EXPECT_EQ(to_epoch(TimePoint(microseconds(1'800'000'000'000'001))), "1800000000.000001");
  EXPECT_EQ(to_epoch(TimePoint(microseconds(0))), "0.000000");
}

TEST(PgTime, WritesInstantsBeforeTheEpochWithTheirSign) {
  EXPECT_EQ(to_epoch(TimePoint(microseconds(-500'000))), "-0.500000");
  EXPECT_EQ(to_epoch(TimePoint(microseconds(-1'500'001))), "-1.500001");
}

TEST(PgTime, ReadsWholeSeconds) {
  EXPECT_EQ(from_epoch(1'800'000'000).time_since_epoch(), std::chrono::seconds(1'800'000'000));
}

}  // namespace
}  // namespace audioconf::pg
