// JobStore against a real PostgreSQL: imported phone calls and surveyed users.
#include "common/pg/job_store.hpp"

#include <gtest/gtest.h>

#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

using testing::test_now;
using testing::unique_suffix;

class JobStoreTest : public ::testing::Test {
 protected:
  Database db_{testing::database_url(), "Europe/Paris"};
  JobStore store_{db_};
};

TEST_F(JobStoreTest, APhoneCallIsImportedOnce) {
  std::string number = "0033100" + unique_suffix().substr(0, 6);
  PhoneCall call{number, {}};
  call.history.id = 42;
  call.history.date_begin = "2027-01-15T09:00:00+01:00";
  call.history.date_end = "2027-01-15T09:30:00+01:00";
  call.history.duration_seconds = 1800;
  call.history.count_participants = 3;
  call.history.count_connections = 4;
  std::string id = number + "_42";
  EXPECT_FALSE(store_.has_phone_call(id));
  EXPECT_TRUE(store_.insert_phone_call(call, 30));
  EXPECT_TRUE(store_.has_phone_call(id));
  EXPECT_FALSE(store_.insert_phone_call(call, 30));
  db_.transaction([&](pqxx::work& tx) {
    tx.exec_params("DELETE FROM \"phoneCalls\" WHERE \"phoneNumber\" = $1", number);
  });
}

TEST_F(JobStoreTest, ASurveyIsRememberedPerHashedAddress) {
  std::string hash = "db-test-survey-" + unique_suffix();
  TimePoint now = test_now();
  EXPECT_FALSE(store_.surveyed_since(hash, now - std::chrono::hours(24 * 7)));
  store_.record_survey(hash, now);
  EXPECT_TRUE(store_.surveyed_since(hash, now - std::chrono::hours(24 * 7)));
  EXPECT_FALSE(store_.surveyed_since(hash, now + std::chrono::seconds(1)));
  store_.record_survey(hash, now + std::chrono::hours(1));  // the same row, updated
  EXPECT_TRUE(store_.surveyed_since(hash, now + std::chrono::seconds(1)));
  db_.transaction([&](pqxx::work& tx) {
    tx.exec_params("DELETE FROM users WHERE \"hashedEmail\" = $1", hash);
  });
}

}  // namespace
}  // namespace audioconf::pg
