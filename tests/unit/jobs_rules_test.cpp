// Pure rules of the scheduled jobs and the /stats chart data.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "jobs/rules.hpp"
#include "stats/chart_data.hpp"

namespace audioconf {
namespace {

domain::LocalDateTime at(int hour, int minute) { return {{2026, 5, 4}, hour, minute, 7}; }

TEST(JobsBatches, RepeatsUntilABatchComesBackShort) {
  // A backlog of 7 rows in batches of 3: 3, 3, 1.
  int left = 7;
  std::vector<int> limits;
  const jobs::BatchTotals totals = jobs::in_batches(3, [&](int limit) {
    limits.push_back(limit);
    const int touched = std::min(limit, left);
    left -= touched;
    return touched;
  });
  EXPECT_EQ(totals.rows, 7);
  EXPECT_EQ(totals.batches, 3);
  EXPECT_EQ(limits, (std::vector<int>{3, 3, 3}));
  EXPECT_EQ(left, 0);
}

TEST(JobsBatches, AnExactMultipleEndsWithAnEmptyBatch) {
  int left = 6;
  const jobs::BatchTotals totals = jobs::in_batches(3, [&](int limit) {
    const int touched = std::min(limit, left);
    left -= touched;
    return touched;
  });
  EXPECT_EQ(totals.rows, 6);
  EXPECT_EQ(totals.batches, 3);  // 3, 3, then 0: nothing left
}

TEST(JobsBatches, AFailingBatchStopsTheRunAndKeepsWhatWasDone) {
  int done = 0;
  EXPECT_THROW(jobs::in_batches(2,
                                [&](int limit) {
                                  if (done == 4) throw std::runtime_error("statement timeout");
                                  done += limit;
                                  return limit;
                                }),
               std::runtime_error);
  EXPECT_EQ(done, 4);
}

TEST(JobsPeriod, DailyJobsAreKeyedByTheLocalDate) {
  EXPECT_EQ(jobs::period_key(jobs::Period::kDaily, at(0, 15)), "2026-05-04");
  EXPECT_EQ(jobs::period_key(jobs::Period::kDaily, at(23, 59)), "2026-05-04");
}

TEST(JobsPeriod, PurgeIsKeyedByItsTenMinuteSlot) {
  EXPECT_EQ(jobs::period_key(jobs::Period::kTenMinutes, at(10, 29)), "2026-05-04T10:20");
  EXPECT_EQ(jobs::period_key(jobs::Period::kTenMinutes, at(9, 0)), "2026-05-04T09:00");
}

TEST(JobsPeriod, UntrackedJobsHaveNoKey) {
  EXPECT_EQ(jobs::period_key(jobs::Period::kNone, at(1, 0)), "");
}

TEST(JobsSurvey, OneRecipientPerLowerCasedAddress) {
  auto recipients = jobs::unique_recipients(
      {"Agent@Example.gouv.fr", "other@example.gouv.fr", "agent@example.gouv.fr", ""});
  ASSERT_EQ(recipients.size(), 2u);
  EXPECT_EQ(recipients[0], "Agent@Example.gouv.fr");
  EXPECT_EQ(recipients[1], "other@example.gouv.fr");
}

TEST(JobsCalls, OnlyThirteenCharacterNumbersAreImported) {
  auto numbers =
      jobs::importable_numbers({"0033122334455", "0033111111112-21", "0033199999999"}, 0);
  EXPECT_EQ(numbers, (std::vector<std::string>{"0033122334455", "0033199999999"}));
}

TEST(JobsCalls, SmallRunKeepsTwoNumbers) {
  auto numbers =
      jobs::importable_numbers({"0033100000001", "short", "0033100000002", "0033100000003"}, 2);
  EXPECT_EQ(numbers, (std::vector<std::string>{"0033100000001", "0033100000002"}));
}

TEST(JobsCalls, DurationsAreRoundedUpToWholeMinutes) {
  EXPECT_EQ(jobs::duration_minutes(0), 0);
  EXPECT_EQ(jobs::duration_minutes(1), 1);
  EXPECT_EQ(jobs::duration_minutes(60), 1);
  EXPECT_EQ(jobs::duration_minutes(61), 2);
  EXPECT_EQ(jobs::duration_minutes(-5), 0);
}

TEST(JobsCalls, PhoneCallIdJoinsNumberAndCallId) {
  EXPECT_EQ(jobs::phone_call_id("0033122334455", 42), "0033122334455_42");
}

TEST(StatsChart, NegativeBookedCountsBecomeGaps) {
  std::vector<stats::ChartPoint> points = {{at(10, 1), 3, 1, 7}, {at(10, 2), 4, 2, -1}};
  EXPECT_EQ(stats::chart_json(points),
            "{\"labels\":[\"04/05/2026 10:01\",\"04/05/2026 10:02\"],\"participants\":[3,4],"
            "\"active\":[1,2],\"booked\":[7,null]}");
}

TEST(StatsChart, NoPointsGiveEmptyArrays) {
  EXPECT_EQ(stats::chart_json({}),
            "{\"labels\":[],\"participants\":[],\"active\":[],\"booked\":[]}");
}

}  // namespace
}  // namespace audioconf
