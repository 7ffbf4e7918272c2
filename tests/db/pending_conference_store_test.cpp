// PendingConferenceStore against a real PostgreSQL: a row's life, and what the purge finds.
#include "common/pg/pending_conference_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

using testing::test_now;
using testing::unique_suffix;
using testing::unique_uuid;

class PendingConferenceStoreTest : public ::testing::Test {
 protected:
  Database db_{testing::database_url(), "Europe/Paris"};
  PendingConferenceStore store_{db_};

  std::optional<PendingConference> stale_row(const std::string& id, TimePoint older_than) {
    auto rows = store_.stale(older_than, 100000);
    auto found = std::find_if(rows.begin(), rows.end(),
                              [&](const PendingConference& row) { return row.id == id; });
    if (found == rows.end()) return std::nullopt;
    return *found;
  }
};

TEST_F(PendingConferenceStoreTest, ARowIsStaleOnceOlderThanTheGraceAndGoesWhenRemoved) {
  TimePoint now = test_now();
  std::string id = unique_uuid();
  store_.insert(id, "sealed-1", "db-test-pending-" + unique_suffix(), now);
  EXPECT_FALSE(stale_row(id, now).has_value());
  store_.update_room(id, "sealed-2");
  auto row = stale_row(id, now + std::chrono::seconds(1));
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->room_number_sealed, "sealed-2");
  store_.remove(id);
  EXPECT_FALSE(stale_row(id, now + std::chrono::seconds(1)).has_value());
}

}  // namespace
}  // namespace audioconf::pg
