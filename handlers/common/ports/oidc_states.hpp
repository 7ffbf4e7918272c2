// Where the OpenID Connect round trips in progress live (PostgreSQL, migration 0008): one row per
// `state` sent to the provider, bound to the visitor's session, used once, short-lived.
#pragma once

#include <optional>
#include <string>

#include "common/ports/clock.hpp"

namespace audioconf {

enum class OidcPurpose { kLogin, kLogout };

struct OidcState {
  std::string state_hash;    ///< SHA-256 (hex) of the state sent to the provider
  std::string session_hash;  ///< SHA-256 (hex) of the session id it is bound to
  OidcPurpose purpose = OidcPurpose::kLogin;
  std::string nonce;          ///< sign-in only
  std::string code_verifier;  ///< PKCE, sign-in only
  std::string request_json;   ///< what the form chose (duration or day, zone), sign-in only
  TimePoint created_at{};
  TimePoint expires_at{};
};

enum class OidcTake {
  kTaken,    ///< the state was there, bound to that session, in time: now gone
  kExpired,  ///< it was there, bound to that session, but too old: now gone too
  kUnknown,  ///< never issued, already used, or bound to another session (left in place)
};

struct OidcTaken {
  OidcTake outcome = OidcTake::kUnknown;
  std::optional<OidcState> state{};  ///< set when kTaken
};

class OidcStates {
 public:
  virtual ~OidcStates() = default;
  virtual void insert(const OidcState& state) = 0;
  /// Deletes and returns the row of `state_hash` if it belongs to `session_hash` and `purpose`.
  [[nodiscard]] virtual OidcTaken take(const std::string& state_hash,
                                       const std::string& session_hash, OidcPurpose purpose,
                                       TimePoint now) = 0;
  /// The purge job's share: rows past their expiry, at most `limit` of them.
  virtual int delete_expired(TimePoint now, int limit) = 0;
};

}  // namespace audioconf
