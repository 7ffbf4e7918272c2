#include "common/pg/pg_session_store.hpp"

#include "common/pg/time.hpp"

namespace audioconf::pg {

// Writes are single statements in autocommit (one round trip each), all safe to resend: an upsert,
// an update to fixed values, a delete.
PgSessionStore::PgSessionStore(Database& db) : db_(db) {
  db_.prepare("session_load",
              "SELECT data::text, extract(epoch FROM last_seen_at)::bigint FROM sessions "
              "WHERE id_hash = $1 AND expires_at > to_timestamp($2)");
  db_.prepare("session_save",
              "INSERT INTO sessions (id_hash, data, created_at, last_seen_at, expires_at) "
              "VALUES ($1, $2::jsonb, to_timestamp($3), to_timestamp($3), to_timestamp($4)) "
              "ON CONFLICT (id_hash) DO UPDATE SET data = EXCLUDED.data, "
              "last_seen_at = EXCLUDED.last_seen_at, expires_at = EXCLUDED.expires_at");
  db_.prepare("session_touch",
              "UPDATE sessions SET last_seen_at = to_timestamp($2), expires_at = to_timestamp($3) "
              "WHERE id_hash = $1");
  db_.prepare("session_remove", "DELETE FROM sessions WHERE id_hash = $1");
  db_.prepare("session_delete_expired",
              "DELETE FROM sessions WHERE id_hash IN (SELECT id_hash FROM sessions "
              "WHERE expires_at < to_timestamp($1) LIMIT $2)");
}

std::optional<StoredSession> PgSessionStore::load(std::string_view id_hash, TimePoint now) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<StoredSession> {
    pqxx::result rows = tx.exec_prepared("session_load", std::string(id_hash), to_epoch(now));
    if (rows.empty()) return std::nullopt;
    return StoredSession{rows[0][0].as<std::string>(), from_epoch(rows[0][1].as<std::int64_t>())};
  });
}

void PgSessionStore::save(std::string_view id_hash, std::string_view data_json, TimePoint now,
                          TimePoint expires_at) {
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_prepared("session_save", std::string(id_hash), std::string(data_json), to_epoch(now),
                     to_epoch(expires_at));
  });
}

void PgSessionStore::touch(std::string_view id_hash, TimePoint now, TimePoint expires_at) {
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_prepared("session_touch", std::string(id_hash), to_epoch(now), to_epoch(expires_at));
  });
}

void PgSessionStore::remove(std::string_view id_hash) {
  db_.autocommit(
      [&](pqxx::nontransaction& tx) { tx.exec_prepared("session_remove", std::string(id_hash)); });
}

int PgSessionStore::delete_expired(TimePoint now, int limit) {
  return db_.transaction([&](pqxx::work& tx) {
    return static_cast<int>(
        tx.exec_prepared("session_delete_expired", to_epoch(now), limit).affected_rows());
  });
}

}  // namespace audioconf::pg
