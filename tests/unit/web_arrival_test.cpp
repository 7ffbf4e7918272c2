// nginx passes its arrival time ($msec) so that a request's budget counts the time it waited for
// a worker (SPEC §8): the parameter is parsed strictly, and the budget starts from it.
#include <gtest/gtest.h>

#include "common/ports/deadline.hpp"
#include "common/web/http.hpp"

namespace audioconf::web {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(ParseNginxMsec, ReadsSecondsAndMilliseconds) {
  auto at = parse_nginx_msec("1733220000.123");
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->time_since_epoch(), milliseconds(1'733'220'000'123));
}

TEST(ParseNginxMsec, RefusesAnythingElse) {
  for (const char* text : {"", "1733220000", "1733220000.", "1733220000.12", "1733220000.1234",
                           ".123", "-1733220000.123", "17332x0000.123", "1733220000.1x3",
                           "1733220000.123 ", "9999999999999.000", "+1733220000.123"}) {
    EXPECT_FALSE(parse_nginx_msec(text).has_value()) << text;
  }
}

const TimePoint kNow{seconds(1'800'000'000)};

TEST(DeadlineStartFrom, TheTimeSpentQueuedCountsAgainstTheBudget) {
  FixedClock clock(kNow);
  Deadline deadline(clock);
  deadline.start_from(kNow - seconds(7), milliseconds(9000));
  EXPECT_EQ(deadline.allow(milliseconds(5000)), milliseconds(2000));
}

TEST(DeadlineStartFrom, ARequestQueuedLongerThanTheBudgetHasNoTimeLeft) {
  FixedClock clock(kNow);
  Deadline deadline(clock);
  deadline.start_from(kNow - seconds(30), milliseconds(9000));
  EXPECT_EQ(deadline.allow(milliseconds(5000)), milliseconds(0));
}

TEST(DeadlineStartFrom, AnArrivalInTheFutureOrUnknownCountsAsNow) {
  FixedClock clock(kNow);
  Deadline deadline(clock);
  deadline.start_from(kNow + seconds(60), milliseconds(9000));
  clock.advance(seconds(8));
  EXPECT_EQ(deadline.allow(milliseconds(5000)), milliseconds(1000));
  deadline.start_from(std::nullopt, milliseconds(9000));
  EXPECT_EQ(deadline.allow(milliseconds(5000)), milliseconds(5000));
}

}  // namespace
}  // namespace audioconf::web
