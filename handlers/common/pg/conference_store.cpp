#include "common/pg/conference_store.hpp"

#include "common/pg/row_values.hpp"
#include "common/pg/time.hpp"

namespace audioconf::pg {

ConferenceStore::ConferenceStore(Database& db) : db_(db) {
  // The conference row, the end of its pending row and the consumed token: one statement (one
  // round trip inside the transaction instead of three).
  db_.prepare(
      "conference_store",
      "WITH conference AS ("
      "INSERT INTO conferences (id, email, \"phoneNumber\", \"durationInMinutes\", "
      "\"createdAt\", \"expiresAt\", domain, \"hashedEmail\", \"conferenceDay\", "
      "\"roomNumberSealed\", \"timeZone\", \"timezoneOffset\") VALUES ($1::uuid, $2, $3, $4, "
      "to_timestamp($5), to_timestamp($6), $7, $8, $9::date, $10, $11, $13::integer) "
      "RETURNING id), "
      "pending AS (DELETE FROM pending_conferences WHERE id = $1::uuid) "
      "UPDATE \"loginTokens\" SET \"consumedAt\" = to_timestamp($5), \"claimedUntil\" = NULL, "
      "\"conferenceId\" = (SELECT id FROM conference) WHERE token = $12");
  db_.prepare("conferences_for_hash",
              "SELECT count(*) FROM conferences WHERE \"hashedEmail\" = $1 "
              "AND \"createdAt\" >= to_timestamp($2)");
  db_.prepare("conference_find",
              "SELECT id::text, \"phoneNumber\", \"durationInMinutes\", \"conferenceDay\"::text, "
              "extract(epoch FROM \"expiresAt\")::bigint, "
              "extract(epoch FROM \"canceledAt\")::bigint, \"roomNumberSealed\", \"timeZone\", "
              "email, \"icsSequence\", \"timezoneOffset\" FROM conferences WHERE id = $1::uuid");
  db_.prepare("conference_cancel",
              "UPDATE conferences SET \"canceledAt\" = to_timestamp($2), "
              "\"icsSequence\" = \"icsSequence\" + 1 "
              "WHERE id = $1::uuid AND \"canceledAt\" IS NULL RETURNING \"icsSequence\"");
}

void ConferenceStore::store(const NewConference& c, const std::string& token_hash, TimePoint now) {
  // A transaction rather than autocommit: a connection broken before COMMIT is retried safely
  // (the server rolled back), whereas a resent autocommit statement could meet its own row.
  db_.transaction([&](pqxx::work& tx) {
    auto duration = text_of(c.duration_minutes);
    auto offset = text_of(c.timezone_offset);
    tx.exec_prepared("conference_store", c.id, c.email, c.phone_number, nullable(duration),
                     to_epoch(now), to_epoch(c.expires_at), c.domain, c.hashed_email,
                     nullable(c.conference_day), c.room_number_sealed, nullable(c.time_zone),
                     token_hash, nullable(offset));
  });
}

int ConferenceStore::count_for_hash_since(const std::string& hashed_email, TimePoint since) {
  return db_.read([&](pqxx::nontransaction& tx) {
    return tx.exec_prepared("conferences_for_hash", hashed_email, to_epoch(since))[0][0].as<int>();
  });
}

std::optional<ConferenceView> ConferenceStore::find(const std::string& id) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<ConferenceView> {
    pqxx::result rows = tx.exec_prepared("conference_find", id);
    if (rows.empty()) return std::nullopt;
    const pqxx::row& row = rows[0];
    ConferenceView view;
    view.id = row[0].as<std::string>();
    view.phone_number = row[1].as<std::string>();
    view.duration_minutes = optional_text(row[2]);
    view.conference_day = optional_text(row[3]);
    view.expires_at = from_epoch(row[4].as<std::int64_t>());
    if (!row[5].is_null()) view.canceled_at = from_epoch(row[5].as<std::int64_t>());
    view.room_number_sealed = optional_text(row[6]);
    view.time_zone = optional_text(row[7]);
    view.email = optional_text(row[8]);
    view.ics_sequence = row[9].as<int>();
    if (!row[10].is_null()) view.timezone_offset = row[10].as<int>();
    return view;
  });
}

std::optional<int> ConferenceStore::mark_canceled(const std::string& id, TimePoint now) {
  return db_.autocommit([&](pqxx::nontransaction& tx) -> std::optional<int> {
    const pqxx::result rows = tx.exec_prepared("conference_cancel", id, to_epoch(now));
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<int>();
  });
}

}  // namespace audioconf::pg
