// StatsStore against a real PostgreSQL: one point per minute, whoever writes it first.
#include "common/pg/stats_store.hpp"

#include <gtest/gtest.h>

#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

using testing::unique_suffix;

class StatsStoreTest : public ::testing::Test {
 protected:
  Database db_{testing::database_url(), "Europe/Paris"};
  StatsStore store_{db_};
};

TEST_F(StatsStoreTest, AMinuteHasOnePointWhoeverWritesItFirst) {
  // A minute in 1990, different for every run, away from other tests' points.
  TimePoint minute = stats_minute(from_epoch(
      630'000'000 + static_cast<std::int64_t>(std::stoull(unique_suffix()) % 10'000'000)));
  EXPECT_FALSE(store_.has_point(minute));
  EXPECT_TRUE(store_.insert(minute, RoomsStats{2, 7, 12}));
  EXPECT_TRUE(store_.has_point(minute));
  EXPECT_FALSE(store_.insert(minute, RoomsStats{3, 8, 13})) << "the same minute from another host";
  db_.transaction([&](pqxx::work& tx) {
    tx.exec_params(
        "DELETE FROM stats WHERE date >= to_timestamp($1) AND date < to_timestamp($1) + interval "
        "'1 minute'",
        to_epoch(minute));
  });
}

TEST_F(StatsStoreTest, TheMinuteOfAnInstantDropsItsSeconds) {
  EXPECT_EQ(stats_minute(from_epoch(1'800'000'059)), from_epoch(1'800'000'000));
  EXPECT_EQ(stats_minute(from_epoch(1'800'000'060)), from_epoch(1'800'000'060));
}

}  // namespace
}  // namespace audioconf::pg
