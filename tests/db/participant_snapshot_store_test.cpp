// ParticipantSnapshotStore and RoomLockStore against a real PostgreSQL: one refresh lease per
// room at a time and per interval, the stored snapshot, its removal, the lock state.
#include "common/pg/participant_snapshot_store.hpp"

#include <gtest/gtest.h>

#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

using namespace std::chrono_literals;
using testing::test_now;
using testing::unique_uuid;

class ParticipantSnapshotStoreTest : public ::testing::Test {
 protected:
  ParticipantSnapshotStoreTest() {
    db_.autocommit([&](pqxx::nontransaction& tx) {
      tx.exec_params(
          "INSERT INTO conferences (id, \"phoneNumber\", \"expiresAt\") "
          "VALUES ($1::uuid, '0033122334455', to_timestamp($2))",
          id_, to_epoch(test_now() + 1h));
    });
  }

  /// The invitation's SEQUENCE on the row.
  int sequence() {
    return db_.read([&](pqxx::nontransaction& tx) {
      return tx
          .exec_params("SELECT \"icsSequence\" FROM conferences WHERE id = $1::uuid", id_)[0][0]
          .as<int>();
    });
  }

  Database db_{testing::database_url(), "Europe/Paris"};
  ParticipantSnapshotStore snapshots_{db_};
  RoomLockStore locks_{db_};
  std::string id_ = unique_uuid();
};

SnapshotEntry entry(std::int64_t id, bool speak) {
  SnapshotEntry e;
  e.id = id;
  e.masked_number = "06 12 •• •• 78";
  e.arrival = "2027-01-15T08:00:00Z";
  e.speak = speak;
  e.talking = !speak;
  e.fetched_at = 1'800'000'000;
  return e;
}

TEST_F(ParticipantSnapshotStoreTest, OneLeaseAtATimeThenOneRefreshPerInterval) {
  const TimePoint now = test_now();
  EXPECT_TRUE(snapshots_.load(id_).participants.empty());
  EXPECT_FALSE(snapshots_.load(id_).taken_at.has_value());
  ASSERT_TRUE(snapshots_.try_begin_refresh(id_, now, 5s, 15s));
  EXPECT_FALSE(snapshots_.try_begin_refresh(id_, now, 5s, 15s)) << "a refresh is in flight";
  Snapshot snapshot;
  snapshot.taken_at = now;
  snapshot.participants = {entry(1001, true), entry(1002, false)};
  snapshots_.save(id_, snapshot);

  const Snapshot loaded = snapshots_.load(id_);
  ASSERT_EQ(loaded.participants.size(), 2u);
  EXPECT_EQ(loaded.participants[0].id, 1001);
  EXPECT_EQ(loaded.participants[0].masked_number, "06 12 •• •• 78");
  EXPECT_EQ(loaded.participants[1].talking, true);
  EXPECT_EQ(loaded.participants[1].fetched_at, 1'800'000'000);
  EXPECT_EQ(loaded.taken_at, now);

  EXPECT_FALSE(snapshots_.try_begin_refresh(id_, now + 4s, 5s, 15s)) << "fresh enough";
  EXPECT_TRUE(snapshots_.try_begin_refresh(id_, now + 5s, 5s, 15s));
}

TEST_F(ParticipantSnapshotStoreTest, ALeaseOfADeadWorkerEndsAndAFailureWaitsUntilRetry) {
  const TimePoint now = test_now();
  ASSERT_TRUE(snapshots_.try_begin_refresh(id_, now, 5s, 15s));
  EXPECT_FALSE(snapshots_.try_begin_refresh(id_, now + 14s, 5s, 15s));
  ASSERT_TRUE(snapshots_.try_begin_refresh(id_, now + 15s, 5s, 15s));
  snapshots_.abandon_refresh(id_, now + 20s);
  EXPECT_FALSE(snapshots_.try_begin_refresh(id_, now + 19s, 5s, 15s));
  EXPECT_TRUE(snapshots_.try_begin_refresh(id_, now + 20s, 5s, 15s));
}

TEST_F(ParticipantSnapshotStoreTest, EntriesChangeWithoutTheDateAndTheRowCanGo) {
  const TimePoint now = test_now();
  ASSERT_TRUE(snapshots_.try_begin_refresh(id_, now, 5s, 15s));
  Snapshot snapshot;
  snapshot.taken_at = now;
  snapshot.participants = {entry(7, true)};
  snapshots_.save(id_, snapshot);
  snapshots_.update_entries(id_, {entry(7, false)});
  const Snapshot loaded = snapshots_.load(id_);
  ASSERT_EQ(loaded.participants.size(), 1u);
  EXPECT_FALSE(loaded.participants[0].speak);
  EXPECT_EQ(loaded.taken_at, now);
  snapshots_.remove(id_);
  EXPECT_TRUE(snapshots_.load(id_).participants.empty());
}

TEST_F(ParticipantSnapshotStoreTest, TheLockStateLivesOnTheConferenceRow) {
  EXPECT_FALSE(locks_.locked(id_));
  locks_.set_locked(id_, true);
  EXPECT_TRUE(locks_.locked(id_));
  locks_.set_locked(id_, false);
  EXPECT_FALSE(locks_.locked(id_));
  EXPECT_FALSE(locks_.locked(unique_uuid()));
}

TEST_F(ParticipantSnapshotStoreTest, ExtendMovesAnActiveRowOnceAndRaisesTheSequence) {
  const TimePoint expiry = test_now() + 1h;
  EXPECT_EQ(sequence(), 0);
  ASSERT_TRUE(locks_.extend(id_, expiry, expiry + 1h, 60));
  EXPECT_EQ(sequence(), 1);
  EXPECT_FALSE(locks_.extend(id_, expiry, expiry + 1h, 60)) << "no longer expires at `from`";
  const auto row = db_.read([&](pqxx::nontransaction& tx) {
    return tx
        .exec_params(
            "SELECT extract(epoch FROM \"expiresAt\")::bigint FROM conferences "
            "WHERE id = $1::uuid",
            id_)[0][0]
        .as<std::int64_t>();
  });
  EXPECT_EQ(from_epoch(row), expiry + 1h);
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_params("UPDATE conferences SET \"canceledAt\" = now() WHERE id = $1::uuid", id_);
  });
  EXPECT_FALSE(locks_.extend(id_, expiry + 1h, expiry + 2h, 60)) << "a cancelled row stays";
  EXPECT_EQ(sequence(), 1) << "a refused extension raises nothing";
}

TEST_F(ParticipantSnapshotStoreTest, ExtendAddsToADurationButNotToADay) {
  const std::string other = unique_uuid();
  const TimePoint expiry = test_now() + 1h;
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_params(
        "INSERT INTO conferences (id, \"phoneNumber\", \"expiresAt\", \"durationInMinutes\") "
        "VALUES ($1::uuid, '0033122334455', to_timestamp($2), '120')",
        other, to_epoch(expiry));
  });
  ASSERT_TRUE(locks_.extend(other, expiry, expiry + 1h, 60));
  const auto duration = db_.read([&](pqxx::nontransaction& tx) {
    return tx
        .exec_params("SELECT \"durationInMinutes\" FROM conferences WHERE id = $1::uuid",
                     other)[0][0]
        .as<std::string>();
  });
  EXPECT_EQ(duration, "180");
  ASSERT_TRUE(locks_.extend(id_, expiry, expiry + 1h, 60));
  const auto none = db_.read([&](pqxx::nontransaction& tx) {
    return tx
        .exec_params("SELECT \"durationInMinutes\" IS NULL FROM conferences WHERE id = $1::uuid",
                     id_)[0][0]
        .as<bool>();
  });
  EXPECT_TRUE(none);
}

}  // namespace
}  // namespace audioconf::pg
