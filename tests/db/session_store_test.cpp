// PgSessionStore against a real PostgreSQL: save, load, idle expiry, purge.
#include "common/pg/pg_session_store.hpp"

#include <gtest/gtest.h>

#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

using testing::test_now;
using testing::unique_suffix;

class SessionStoreTest : public ::testing::Test {
 protected:
  Database db_{testing::database_url(), "Europe/Paris"};
  PgSessionStore store_{db_};
};

TEST_F(SessionStoreTest, ASavedSessionLoadsUntilItsIdleExpiry) {
  TimePoint now = test_now();
  std::string id = "db-test-session-" + unique_suffix();
  store_.save(id, R"({"email": "agent@example.gouv.fr"})", now, now + std::chrono::minutes(30));
  auto loaded = store_.load(id, now + std::chrono::minutes(1));
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->data_json, R"({"email": "agent@example.gouv.fr"})");  // jsonb spacing
  store_.touch(id, now + std::chrono::minutes(20), now + std::chrono::minutes(50));
  EXPECT_TRUE(store_.load(id, now + std::chrono::minutes(40)).has_value());
  EXPECT_FALSE(store_.load(id, now + std::chrono::minutes(51)).has_value());
  store_.remove(id);
  EXPECT_FALSE(store_.load(id, now).has_value());
}

TEST_F(SessionStoreTest, ThePurgeDeletesExpiredSessionsOnly) {
  // 1989: before every other test's rows, so this purge deletes none of theirs.
  TimePoint now = from_epoch(600'000'000);
  std::string id = "db-test-session-purge-" + unique_suffix();
  store_.save(id, "{}", now, now + std::chrono::minutes(30));
  EXPECT_TRUE(store_.load(id, now).has_value());
  EXPECT_GE(store_.delete_expired(now + std::chrono::minutes(31), 1000), 1);
  EXPECT_FALSE(store_.load(id, now).has_value());
}

}  // namespace
}  // namespace audioconf::pg
