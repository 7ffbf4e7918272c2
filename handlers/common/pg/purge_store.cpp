#include "common/pg/purge_store.hpp"

#include "common/pg/time.hpp"

namespace audioconf::pg {

PurgeStore::PurgeStore(Database& db) : db_(db) {}

std::vector<PendingConference> PurgeStore::stale_pending(TimePoint older_than) {
  return db_.transaction([&](pqxx::work& tx) {
    std::vector<PendingConference> out;
    for (const auto& row :
         tx.exec_params("SELECT id::text, room_number_sealed FROM pending_conferences "
                        "WHERE created_at < to_timestamp($1) ORDER BY created_at",
                        to_epoch(older_than))) {
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

int PurgeStore::delete_expired_tokens(TimePoint now) {
  return db_.transaction([&](pqxx::work& tx) {
    return static_cast<int>(
        tx.exec_params("DELETE FROM \"loginTokens\" WHERE \"expiresAt\" < to_timestamp($1)",
                       to_epoch(now))
            .affected_rows());
  });
}

int PurgeStore::delete_expired_sessions(TimePoint now) {
  return db_.transaction([&](pqxx::work& tx) {
    return static_cast<int>(
        tx.exec_params("DELETE FROM sessions WHERE expires_at < to_timestamp($1)", to_epoch(now))
            .affected_rows());
  });
}

int PurgeStore::delete_link_events_before(TimePoint before) {
  return db_.transaction([&](pqxx::work& tx) {
    return static_cast<int>(
        tx.exec_params("DELETE FROM email_link_events WHERE created_at < to_timestamp($1)",
                       to_epoch(before))
            .affected_rows());
  });
}

}  // namespace audioconf::pg
