#include "common/pg/pending_conference_store.hpp"

#include "common/pg/time.hpp"

namespace audioconf::pg {

PendingConferenceStore::PendingConferenceStore(Database& db) : db_(db) {
  db_.prepare("pending_insert",
              "INSERT INTO pending_conferences (id, room_number_sealed, token_hash, created_at) "
              "VALUES ($1::uuid, $2, $3, to_timestamp($4))");
  db_.prepare("pending_update",
              "UPDATE pending_conferences SET room_number_sealed = $2 WHERE id = $1::uuid");
  db_.prepare("pending_delete", "DELETE FROM pending_conferences WHERE id = $1::uuid");
  db_.prepare("pending_stale",
              "SELECT id::text, room_number_sealed FROM pending_conferences "
              "WHERE created_at < to_timestamp($1) ORDER BY created_at LIMIT $2");
}

void PendingConferenceStore::insert(const std::string& id, const std::string& room_number_sealed,
                                    const std::string& token_hash, TimePoint now) {
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_prepared("pending_insert", id, room_number_sealed, token_hash, to_epoch(now));
  });
}

void PendingConferenceStore::update_room(const std::string& id,
                                         const std::string& room_number_sealed) {
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_prepared("pending_update", id, room_number_sealed);
  });
}

void PendingConferenceStore::remove(const std::string& id) {
  db_.autocommit([&](pqxx::nontransaction& tx) { tx.exec_prepared("pending_delete", id); });
}

std::vector<PendingConference> PendingConferenceStore::stale(TimePoint older_than, int limit) {
  return db_.read([&](pqxx::nontransaction& tx) {
    std::vector<PendingConference> out;
    for (const auto& row : tx.exec_prepared("pending_stale", to_epoch(older_than), limit)) {
      out.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
    }
    return out;
  });
}

}  // namespace audioconf::pg
