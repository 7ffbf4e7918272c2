#include "common/pg/purge_store.hpp"

#include "common/pg/time.hpp"

namespace audioconf::pg {

PurgeStore::PurgeStore(Database& db) : db_(db) {}

std::vector<PendingConference> PurgeStore::stale_pending(TimePoint older_than, int limit) {
  return db_.transaction([&](pqxx::work& tx) {
    std::vector<PendingConference> out;
    for (const auto& row :
         tx.exec_params("SELECT id::text, room_number_sealed FROM pending_conferences "
                        "WHERE created_at < to_timestamp($1) ORDER BY created_at LIMIT $2",
                        to_epoch(older_than), limit)) {
      out.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
    }
    return out;
  });
}

void PurgeStore::delete_pending(const std::string& id) {
  db_.transaction([&](pqxx::work& tx) {
    tx.exec_params("DELETE FROM pending_conferences WHERE id = $1::uuid", id);
  });
}

int PurgeStore::delete_expired_tokens(TimePoint now, int limit) {
  return db_.transaction([&](pqxx::work& tx) {
    return static_cast<int>(
        tx.exec_params("DELETE FROM \"loginTokens\" WHERE token IN (SELECT token FROM "
                       "\"loginTokens\" WHERE \"expiresAt\" < to_timestamp($1) LIMIT $2)",
                       to_epoch(now), limit)
            .affected_rows());
  });
}

int PurgeStore::delete_expired_sessions(TimePoint now, int limit) {
  return db_.transaction([&](pqxx::work& tx) {
    return static_cast<int>(
        tx.exec_params("DELETE FROM sessions WHERE id_hash IN (SELECT id_hash FROM sessions "
                       "WHERE expires_at < to_timestamp($1) LIMIT $2)",
                       to_epoch(now), limit)
            .affected_rows());
  });
}

int PurgeStore::delete_link_events_before(TimePoint before, int limit) {
  return db_.transaction([&](pqxx::work& tx) {
    return static_cast<int>(
        tx.exec_params("DELETE FROM email_link_events WHERE token_hash IN (SELECT token_hash "
                       "FROM email_link_events WHERE created_at < to_timestamp($1) LIMIT $2)",
                       to_epoch(before), limit)
            .affected_rows());
  });
}

}  // namespace audioconf::pg
