#include "common/pg/login_token_store.hpp"

#include "common/pg/row_values.hpp"
#include "common/pg/time.hpp"

namespace audioconf::pg {
namespace {

ClaimedToken claimed_from(const pqxx::row& row) {
  return ClaimedToken{row[0].as<std::string>(), optional_int(row[1]), optional_text(row[2]),
                      optional_int(row[3]), optional_text(row[4])};
}

}  // namespace

LoginTokenStore::LoginTokenStore(Database& db) : db_(db) {
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
  db_.prepare("token_delete_expired",
              "DELETE FROM \"loginTokens\" WHERE token IN (SELECT token FROM \"loginTokens\" "
              "WHERE \"expiresAt\" < to_timestamp($1) LIMIT $2)");
  db_.prepare("link_events_delete_before",
              "DELETE FROM email_link_events WHERE token_hash IN (SELECT token_hash "
              "FROM email_link_events WHERE created_at < to_timestamp($1) LIMIT $2)");
}

bool LoginTokenStore::insert(const NewLoginToken& token, TimePoint now, const TokenLimit& limit) {
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

void LoginTokenStore::remove(const std::string& token_hash) {
  db_.autocommit([&](pqxx::nontransaction& tx) { tx.exec_prepared("token_delete", token_hash); });
}

TokenState LoginTokenStore::state(const std::string& token_hash, TimePoint now) {
  return db_.read([&](pqxx::nontransaction& tx) {
    pqxx::result rows = tx.exec_prepared("token_state", token_hash, to_epoch(now));
    if (rows.empty()) return TokenState::kUnknownOrExpired;
    if (rows[0][0].as<bool>()) return TokenState::kConsumed;
    if (!rows[0][2].as<bool>()) return TokenState::kUnknownOrExpired;
    if (rows[0][1].as<bool>()) return TokenState::kClaimed;
    return TokenState::kUsable;
  });
}

std::optional<ClaimedToken> LoginTokenStore::details(const std::string& token_hash, TimePoint now) {
  return db_.read([&](pqxx::nontransaction& tx) -> std::optional<ClaimedToken> {
    pqxx::result rows = tx.exec_prepared("token_details", token_hash, to_epoch(now));
    if (rows.empty()) return std::nullopt;
    return claimed_from(rows[0]);
  });
}

std::optional<ClaimedToken> LoginTokenStore::claim(const std::string& token_hash, TimePoint now,
                                                   std::chrono::seconds lease) {
  return db_.transaction([&](pqxx::work& tx) -> std::optional<ClaimedToken> {
    pqxx::result rows =
        tx.exec_prepared("token_claim", token_hash, to_epoch(now), std::to_string(lease.count()));
    if (rows.empty()) return std::nullopt;
    return claimed_from(rows[0]);
  });
}

void LoginTokenStore::release(const std::string& token_hash) {
  db_.autocommit([&](pqxx::nontransaction& tx) { tx.exec_prepared("token_release", token_hash); });
}

int LoginTokenStore::delete_expired(TimePoint now, int limit) {
  return db_.transaction([&](pqxx::work& tx) {
    return static_cast<int>(
        tx.exec_prepared("token_delete_expired", to_epoch(now), limit).affected_rows());
  });
}

int LoginTokenStore::delete_link_events_before(TimePoint before, int limit) {
  return db_.transaction([&](pqxx::work& tx) {
    return static_cast<int>(
        tx.exec_prepared("link_events_delete_before", to_epoch(before), limit).affected_rows());
  });
}

}  // namespace audioconf::pg
