// JobRunStore against a real PostgreSQL: a job's work is done once per period.
#include <gtest/gtest.h>

#include "common/pg/job_store.hpp"
#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

using testing::test_now;
using testing::unique_suffix;

class JobRunStoreTest : public ::testing::Test {
 protected:
  Database db_{testing::database_url(), "Europe/Paris"};
  JobRunStore runs_{db_};
};

TEST_F(JobRunStoreTest, AFailedPeriodIsRetriedADoneOneIsNot) {
  std::string job = "db-test-job-" + unique_suffix();
  TimePoint now = test_now();
  EXPECT_FALSE(runs_.last_done_start(job).has_value());
  ASSERT_TRUE(runs_.begin(job, "2027-01-15", now));
  runs_.finish(job, "2027-01-15", false, "failed=1", now + std::chrono::seconds(5));
  EXPECT_FALSE(runs_.last_done_start(job).has_value());
  ASSERT_TRUE(runs_.begin(job, "2027-01-15", now + std::chrono::minutes(1)));
  runs_.finish(job, "2027-01-15", true, "sent=3", now + std::chrono::minutes(2));
  EXPECT_FALSE(runs_.begin(job, "2027-01-15", now + std::chrono::minutes(3)));
  EXPECT_EQ(runs_.last_done_start(job), now + std::chrono::minutes(1));
  EXPECT_TRUE(runs_.begin(job, "2027-01-16", now + std::chrono::hours(24)));
  db_.transaction(
      [&](pqxx::work& tx) { tx.exec_params("DELETE FROM job_runs WHERE job = $1", job); });
}

}  // namespace
}  // namespace audioconf::pg
