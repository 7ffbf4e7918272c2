#include "common/pg/oidc_state_store.hpp"

#include "common/pg/time.hpp"

namespace audioconf::pg {
namespace {

const char* purpose_text(OidcPurpose purpose) {
  return purpose == OidcPurpose::kLogin ? "login" : "logout";
}

}  // namespace

// Single statements in autocommit. take() is one DELETE … RETURNING: two returns racing with
// the same state cannot both get the row.
OidcStateStore::OidcStateStore(Database& db) : db_(db) {
  db_.prepare("oidc_state_insert",
              "INSERT INTO oidc_sign_ins (state_hash, session_hash, purpose, nonce, "
              "code_verifier, request, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, "
              "$6::jsonb, to_timestamp($7), to_timestamp($8))");
  db_.prepare("oidc_state_take",
              "DELETE FROM oidc_sign_ins WHERE state_hash = $1 AND session_hash = $2 "
              "AND purpose = $3 RETURNING nonce, code_verifier, request::text, "
              "extract(epoch FROM created_at)::bigint, extract(epoch FROM expires_at)::bigint");
  db_.prepare("oidc_state_delete_expired",
              "DELETE FROM oidc_sign_ins WHERE state_hash IN (SELECT state_hash FROM "
              "oidc_sign_ins WHERE expires_at < to_timestamp($1) LIMIT $2)");
}

void OidcStateStore::insert(const OidcState& state) {
  db_.autocommit([&](pqxx::nontransaction& tx) {
    tx.exec_prepared("oidc_state_insert", state.state_hash, state.session_hash,
                     purpose_text(state.purpose), state.nonce, state.code_verifier,
                     state.request_json.empty() ? std::string("{}") : state.request_json,
                     to_epoch(state.created_at), to_epoch(state.expires_at));
  });
}

OidcTaken OidcStateStore::take(const std::string& state_hash, const std::string& session_hash,
                               OidcPurpose purpose, TimePoint now) {
  return db_.autocommit([&](pqxx::nontransaction& tx) -> OidcTaken {
    pqxx::result rows =
        tx.exec_prepared("oidc_state_take", state_hash, session_hash, purpose_text(purpose));
    if (rows.empty()) return {};
    OidcState state;
    state.state_hash = state_hash;
    state.session_hash = session_hash;
    state.purpose = purpose;
    state.nonce = rows[0][0].as<std::string>();
    state.code_verifier = rows[0][1].as<std::string>();
    state.request_json = rows[0][2].as<std::string>();
    state.created_at = from_epoch(rows[0][3].as<std::int64_t>());
    state.expires_at = from_epoch(rows[0][4].as<std::int64_t>());
    if (state.expires_at <= now) return {OidcTake::kExpired, std::nullopt};
    return {OidcTake::kTaken, std::move(state)};
  });
}

int OidcStateStore::delete_expired(TimePoint now, int limit) {
  return db_.transaction([&](pqxx::work& tx) {
    return static_cast<int>(
        tx.exec_prepared("oidc_state_delete_expired", to_epoch(now), limit).affected_rows());
  });
}

}  // namespace audioconf::pg
