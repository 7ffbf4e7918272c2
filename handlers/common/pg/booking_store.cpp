#include "common/pg/booking_store.hpp"

#include "common/pg/time.hpp"

namespace audioconf::pg {
namespace {

// libpqxx 6 has no std::optional parameters: a null `const char*` is SQL NULL.
const char* nullable(const std::optional<std::string>& value) {
  return value ? value->c_str() : nullptr;
}

std::optional<std::string> text_of(const std::optional<int>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

std::optional<int> optional_int(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  try {
    return std::stoi(field.as<std::string>());
  } catch (const std::exception&) {
    return std::nullopt;  // the original stored durations as free text; treat junk as absent
  }
}

ClaimedToken claimed_from(const pqxx::row& row) {
  return ClaimedToken{row[0].as<std::string>(), optional_int(row[1]), optional_text(row[2]),
                      optional_int(row[3]), optional_text(row[4])};
}

}  // namespace

BookingStore::BookingStore(Database& db) : db_(db) {
  // The per-address limit and the inserts in one statement (one round trip, no transaction):
  // nothing is inserted when the address ($11, its keyed hash) already has $10 links since $9.
  // The count is over email_link_events, not "loginTokens": purge deletes expired tokens, and
  // with tokens shorter-lived than the window the limit would weaken. Two requests at the same
  // instant may both pass; the limit is a brake, not an exact quota.
  db_.prepare("token_insert",
              "WITH allowed AS (SELECT 1 WHERE (SELECT count(*) FROM email_link_events "
              "WHERE email_hash = $11 AND created_at >= to_timestamp($9)) < $10::integer), "
              "event AS (INSERT INTO email_link_events (token_hash, email_hash, created_at) "
              "SELECT $1, $11, to_timestamp($3) FROM allowed) "
              "INSERT INTO \"loginTokens\" (token, email, \"createdAt\", \"expiresAt\", "
              "\"durationInMinutes\", \"conferenceDay\", \"userTimezoneOffset\", \"userTimeZone\") "
              "SELECT $1, $2, to_timestamp($3), to_timestamp($4), $5, $6::date, $7::integer, $8 "
              "FROM allowed");
  db_.prepare("token_delete",
              "WITH event AS (DELETE FROM email_link_events WHERE token_hash = $1) "
              "DELETE FROM \"loginTokens\" WHERE token = $1");
  db_.prepare("token_state",
              "SELECT \"consumedAt\" IS NOT NULL, "
              "\"claimedUntil\" IS NOT NULL AND \"claimedUntil\" > to_timestamp($2), "
              "\"expiresAt\" > to_timestamp($2) FROM \"loginTokens\" WHERE token = $1");
  db_.prepare(
      "token_details",
      "SELECT email, \"durationInMinutes\", \"conferenceDay\"::text, \"userTimezoneOffset\", "
      "\"userTimeZone\" FROM \"loginTokens\" WHERE token = $1 "
      "AND \"expiresAt\" > to_timestamp($2) AND \"consumedAt\" IS NULL");
  db_.prepare(
      "token_claim",
      "UPDATE \"loginTokens\" SET \"claimedUntil\" = to_timestamp($2) + make_interval(secs => $3) "
      "WHERE token = $1 AND \"expiresAt\" > to_timestamp($2) AND \"consumedAt\" IS NULL "
      "AND (\"claimedUntil\" IS NULL OR \"claimedUntil\" <= to_timestamp($2)) "
      "RETURNING email, \"durationInMinutes\", \"conferenceDay\"::text, "
      "\"userTimezoneOffset\", \"userTimeZone\"");
  db_.prepare("token_release",
              "UPDATE \"loginTokens\" SET \"claimedUntil\" = NULL WHERE token = $1 "
              "AND \"consumedAt\" IS NULL");
  db_.prepare("pending_insert",
              "INSERT INTO pending_conferences (id, room_number_sealed, token_hash, created_at) "
              "VALUES ($1::uuid, $2, $3, to_timestamp($4))");
  db_.prepare("pending_update",
              "UPDATE pending_conferences SET room_number_sealed = $2 WHERE id = $1::uuid");
  db_.prepare("pending_delete", "DELETE FROM pending_conferences WHERE id = $1::uuid");
  // The conference row, the end of its pending row and the consumed token: one statement (one
  // round trip inside the transaction instead of three).
  db_.prepare(
      "conference_store",
      "WITH conference AS ("
      "INSERT INTO conferences (id, email, \"phoneNumber\", \"durationInMinutes\", "
      "\"createdAt\", \"expiresAt\", domain, \"hashedEmail\", \"conferenceDay\", "
      "\"roomNumberSealed\", \"timeZone\") VALUES ($1::uuid, $2, $3, $4, to_timestamp($5), "
      "to_timestamp($6), $7, $8, $9::date, $10, $11) RETURNING id), "
      "pending AS (DELETE FROM pending_conferences WHERE id = $1::uuid) "
      "UPDATE \"loginTokens\" SET \"consumedAt\" = to_timestamp($5), \"claimedUntil\" = NULL, "
      "\"conferenceId\" = (SELECT id FROM conference) WHERE token = $12");
  db_.prepare("conferences_for_hash",
              "SELECT count(*) FROM conferences WHERE \"hashedEmail\" = $1 "
              "AND \"createdAt\" >= to_timestamp($2)");
  db_.prepare(
      "conference_find",
      "SELECT id::text, \"phoneNumber\", \"durationInMinutes\", \"conferenceDay\"::text, "
      "extract(epoch FROM \"expiresAt\")::bigint, extract(epoch FROM \"canceledAt\")::bigint, "
      "\"roomNumberSealed\", "
      "to_char(\"expiresAt\" AT TIME ZONE coalesce(\"timeZone\", $2), 'YYYY-MM-DD HH24:MI:SS'), "
      "to_char(\"canceledAt\" AT TIME ZONE coalesce(\"timeZone\", $2), 'YYYY-MM-DD HH24:MI:SS'), "
      "coalesce(\"timeZone\", $2) FROM conferences WHERE id = $1::uuid");
  db_.prepare("conference_cancel",
              "UPDATE conferences SET \"canceledAt\" = to_timestamp($2) "
              "WHERE id = $1::uuid AND \"canceledAt\" IS NULL");
  db_.prepare("day_end_in_zone",
              "SELECT extract(epoch FROM (($1::date + time '23:59:59') AT TIME ZONE $2))::bigint");
  db_.prepare("format_in_zone",
              "SELECT to_char(to_timestamp($1) AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI:SS')");
}

bool BookingStore::insert_token(const NewLoginToken& token, TimePoint now,
                                const TokenLimit& limit) {
  return db_.autocommit([&](pqxx::nontransaction& tx) {
    auto duration = text_of(token.duration_minutes);
    auto offset = text_of(token.timezone_offset);
    return tx.exec_prepared("token_insert", token.token_hash, token.email, to_epoch(now),
                            to_epoch(token.expires_at), nullable(duration),
                            nullable(token.conference_day), nullable(offset),
                            nullable(token.time_zone), to_epoch(limit.since), limit.max_tokens,
                            limit.address_hash)
               .affected_rows() == 1;
  });
}

void BookingStore::delete_token(const std::string& token_hash) {
  db_.autocommit([&](pqxx::nontransaction& tx) { tx.exec_prepared("token_delete", token_hash); });
}

TokenState BookingStore::token_state(const std::string& token_hash, TimePoint now) {
  return db_.read([&](pqxx::nontransaction& tx) {
    pqxx::result rows = tx.exec_prepared("token_state", token_hash, to_epoch(now));
    if (rows.empty()) return TokenState::kUnknownOrExpired;
    if (rows[0][0].as<bool>()) return TokenState::kConsumed;
    if (!rows[0][2].as<bool>()) return TokenState::kUnknownOrExpired;
    if (rows[0][1].as<bool>()) return TokenState::kClaimed;
    return TokenState::kUsable;
  });
}

std::optional<ClaimedToken> BookingStore::token_details(const std::string& token_hash,
                                                        TimePoint now) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<ClaimedToken> {
    pqxx::result rows = tx.exec_prepared("token_details", token_hash, to_epoch(now));
    if (rows.empty()) return std::nullopt;
    return claimed_from(rows[0]);
  });
}

std::optional<ClaimedToken> BookingStore::claim_token(const std::string& token_hash, TimePoint now,
                                                      std::chrono::seconds lease) {
  return db_.transaction([&](pqxx::work& tx) -> std::optional<ClaimedToken> {
    pqxx::result rows =
        tx.exec_prepared("token_claim", token_hash, to_epoch(now), std::to_string(lease.count()));
    if (rows.empty()) return std::nullopt;
    return claimed_from(rows[0]);
  });
}

void BookingStore::release_token(const std::string& token_hash) {
  db_.autocommit([&](pqxx::nontransaction& tx) { tx.exec_prepared("token_release", token_hash); });
}

void BookingStore::insert_pending(const std::string& id, const std::string& room_number_sealed,
                                  const std::string& token_hash, TimePoint now) {
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_prepared("pending_insert", id, room_number_sealed, token_hash, to_epoch(now));
  });
}

void BookingStore::update_pending_room(const std::string& id,
                                       const std::string& room_number_sealed) {
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_prepared("pending_update", id, room_number_sealed);
  });
}

void BookingStore::delete_pending(const std::string& id) {
  db_.autocommit([&](pqxx::nontransaction& tx) { tx.exec_prepared("pending_delete", id); });
}

void BookingStore::store_conference(const NewConference& c, const std::string& token_hash,
                                    TimePoint now) {
  // A transaction rather than autocommit: a connection broken before COMMIT is retried safely
  // (the server rolled back), whereas a resent autocommit statement could meet its own row.
  db_.transaction([&](pqxx::work& tx) {
    auto duration = text_of(c.duration_minutes);
    tx.exec_prepared("conference_store", c.id, c.email, c.phone_number, nullable(duration),
                     to_epoch(now), to_epoch(c.expires_at), c.domain, c.hashed_email,
                     nullable(c.conference_day), c.room_number_sealed, nullable(c.time_zone),
                     token_hash);
  });
}

int BookingStore::conferences_for_hash_since(const std::string& hashed_email, TimePoint since) {
  return db_.read([&](pqxx::nontransaction& tx) {
    return tx.exec_prepared("conferences_for_hash", hashed_email, to_epoch(since))[0][0].as<int>();
  });
}

std::optional<ConferenceView> BookingStore::find_conference(const std::string& id,
                                                            const std::string& server_zone) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<ConferenceView> {
    pqxx::result rows = tx.exec_prepared("conference_find", id, server_zone);
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
    view.expires_local = row[7].as<std::string>();
    view.canceled_local = row[8].is_null() ? "" : row[8].as<std::string>();
    view.zone = row[9].as<std::string>();
    return view;
  });
}

bool BookingStore::mark_canceled(const std::string& id, TimePoint now) {
  return db_.autocommit([&](pqxx::nontransaction& tx) {
    return tx.exec_prepared("conference_cancel", id, to_epoch(now)).affected_rows() == 1;
  });
}

std::optional<TimePoint> BookingStore::day_end_in_zone(const std::string& day,
                                                       const std::string& zone) {
  try {
    return db_.read([&](pqxx::nontransaction& tx) -> std::optional<TimePoint> {
      return from_epoch(tx.exec_prepared("day_end_in_zone", day, zone)[0][0].as<std::int64_t>());
    });
  } catch (const pqxx::data_exception&) {
    return std::nullopt;  // unknown time zone name
  } catch (const pqxx::sql_error&) {
    return std::nullopt;
  }
}

}  // namespace audioconf::pg

namespace audioconf::pg {

std::optional<std::string> BookingStore::format_in_zone(TimePoint at, const std::string& zone) {
  try {
    return db_.read([&](pqxx::nontransaction& tx) -> std::optional<std::string> {
      return tx.exec_prepared("format_in_zone", to_epoch(at), zone)[0][0].as<std::string>();
    });
  } catch (const pqxx::sql_error&) {
    return std::nullopt;  // unknown time zone name
  }
}

}  // namespace audioconf::pg
