#include "common/pg/participant_snapshot_store.hpp"

#include <jansson.h>

#include <stdexcept>

#include "common/json.hpp"
#include "common/pg/time.hpp"

namespace audioconf::pg {

std::string entries_to_json(const std::vector<SnapshotEntry>& entries) {
  json::JsonPtr array(json_array());
  if (!array) throw std::runtime_error("cannot build the snapshot");
  for (const SnapshotEntry& e : entries) {
    json_t* item =
        json_pack("{s:I, s:s, s:s, s:b, s:b, s:I}", "id", static_cast<json_int_t>(e.id), "number",
                  e.masked_number.c_str(), "arrival", e.arrival.c_str(), "speak", e.speak,
                  "talking", e.talking, "fetchedAt", static_cast<json_int_t>(e.fetched_at));
    if (item == nullptr || json_array_append_new(array.get(), item) != 0) {
      throw std::runtime_error("cannot build the snapshot");
    }
  }
  return json::dump(array.get());
}

std::vector<SnapshotEntry> entries_from_json(const std::string& text) {
  std::vector<SnapshotEntry> entries;
  const json::JsonPtr array = json::parse(text);
  std::size_t index = 0;
  const json_t* item = nullptr;
  json_array_foreach(array.get(), index, item) {
    const json_t* id = json_object_get(item, "id");
    if (!json_is_integer(id)) continue;
    SnapshotEntry e;
    e.id = json_integer_value(id);
    e.masked_number = json::string_member(item, "number");
    e.arrival = json::string_member(item, "arrival");
    e.speak = json_is_true(json_object_get(item, "speak"));
    e.talking = json_is_true(json_object_get(item, "talking"));
    const json_t* fetched = json_object_get(item, "fetchedAt");
    e.fetched_at = json_is_integer(fetched) ? json_integer_value(fetched) : 0;
    entries.push_back(std::move(e));
  }
  return entries;
}

ParticipantSnapshotStore::ParticipantSnapshotStore(Database& db) : db_(db) {
  db_.prepare("snapshot_load",
              "SELECT participants::text, extract(epoch FROM \"takenAt\")::bigint "
              "FROM participant_snapshots WHERE \"conferenceId\" = $1::uuid");
  // One statement decides, so two workers can never both take the lease: the row is created
  // with the lease, or updated only when no live lease exists and the data is old enough.
  db_.prepare("snapshot_begin_refresh",
              "INSERT INTO participant_snapshots (\"conferenceId\", \"refreshingUntil\") "
              "VALUES ($1::uuid, to_timestamp($2) + make_interval(secs => $4::int)) "
              "ON CONFLICT (\"conferenceId\") DO UPDATE SET \"refreshingUntil\" = "
              "EXCLUDED.\"refreshingUntil\" "
              "WHERE (participant_snapshots.\"refreshingUntil\" IS NULL "
              "       OR participant_snapshots.\"refreshingUntil\" <= to_timestamp($2)) "
              "  AND (participant_snapshots.\"takenAt\" IS NULL "
              "       OR participant_snapshots.\"takenAt\" <= to_timestamp($2) - "
              "          make_interval(secs => $3::int)) "
              "RETURNING 1");
  db_.prepare("snapshot_save",
              "UPDATE participant_snapshots SET participants = $2::jsonb, "
              "\"takenAt\" = to_timestamp($3), \"refreshingUntil\" = NULL "
              "WHERE \"conferenceId\" = $1::uuid");
  db_.prepare("snapshot_update_entries",
              "UPDATE participant_snapshots SET participants = $2::jsonb "
              "WHERE \"conferenceId\" = $1::uuid");
  db_.prepare("snapshot_abandon",
              "UPDATE participant_snapshots SET \"refreshingUntil\" = to_timestamp($2) "
              "WHERE \"conferenceId\" = $1::uuid");
  db_.prepare("snapshot_remove",
              "DELETE FROM participant_snapshots WHERE \"conferenceId\" = $1::uuid");
}

Snapshot ParticipantSnapshotStore::load(const std::string& conference_id) {
  return db_.read([&](pqxx::nontransaction& tx) {
    Snapshot snapshot;
    const pqxx::result rows = tx.exec_prepared("snapshot_load", conference_id);
    if (rows.empty()) return snapshot;
    snapshot.participants = entries_from_json(rows[0][0].as<std::string>());
    if (!rows[0][1].is_null()) snapshot.taken_at = from_epoch(rows[0][1].as<std::int64_t>());
    return snapshot;
  });
}

bool ParticipantSnapshotStore::try_begin_refresh(const std::string& conference_id, TimePoint now,
                                                 std::chrono::seconds min_interval,
                                                 std::chrono::seconds lease) {
  return db_.autocommit([&](pqxx::nontransaction& tx) {
    return !tx.exec_prepared("snapshot_begin_refresh", conference_id, to_epoch(now),
                             static_cast<int>(min_interval.count()),
                             static_cast<int>(lease.count()))
                .empty();
  });
}

void ParticipantSnapshotStore::save(const std::string& conference_id, const Snapshot& snapshot) {
  const std::string taken = to_epoch(snapshot.taken_at.value_or(TimePoint{}));
  const std::string entries = entries_to_json(snapshot.participants);
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_prepared("snapshot_save", conference_id, entries, taken);
  });
}

void ParticipantSnapshotStore::update_entries(const std::string& conference_id,
                                              const std::vector<SnapshotEntry>& participants) {
  const std::string entries = entries_to_json(participants);
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_prepared("snapshot_update_entries", conference_id, entries);
  });
}

void ParticipantSnapshotStore::abandon_refresh(const std::string& conference_id,
                                               TimePoint retry_at) {
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_prepared("snapshot_abandon", conference_id, to_epoch(retry_at));
  });
}

void ParticipantSnapshotStore::remove(const std::string& conference_id) {
  db_.autocommit(
      [&](pqxx::nontransaction& tx) { tx.exec_prepared("snapshot_remove", conference_id); });
}

RoomLockStore::RoomLockStore(Database& db) : db_(db) {
  db_.prepare("room_locked", "SELECT \"roomLocked\" FROM conferences WHERE id = $1::uuid");
  // The expiry read by the lookup is in whole seconds: compare within a second.
  db_.prepare("conference_extend",
              "UPDATE conferences SET \"expiresAt\" = to_timestamp($3), "
              "\"durationInMinutes\" = CASE WHEN \"durationInMinutes\" ~ '^[0-9]{1,6}$' "
              "THEN (\"durationInMinutes\"::int + $4::int)::text ELSE \"durationInMinutes\" END, "
              "\"icsSequence\" = \"icsSequence\" + 1 "
              "WHERE id = $1::uuid AND \"canceledAt\" IS NULL "
              "AND abs(extract(epoch FROM \"expiresAt\") - $2::double precision) < 1");
  db_.prepare("room_set_locked", "UPDATE conferences SET \"roomLocked\" = $2 WHERE id = $1::uuid");
}

bool RoomLockStore::locked(const std::string& conference_id) {
  return db_.read([&](pqxx::nontransaction& tx) {
    const pqxx::result rows = tx.exec_prepared("room_locked", conference_id);
    return !rows.empty() && rows[0][0].as<bool>();
  });
}

void RoomLockStore::set_locked(const std::string& conference_id, bool locked) {
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_prepared("room_set_locked", conference_id, locked);
  });
}

bool RoomLockStore::extend(const std::string& conference_id, TimePoint from, TimePoint to,
                           int added_minutes) {
  return db_.autocommit([&](pqxx::nontransaction& tx) {
    return tx.exec_prepared("conference_extend", conference_id, to_epoch(from), to_epoch(to),
                            added_minutes)
               .affected_rows() == 1;
  });
}

}  // namespace audioconf::pg
