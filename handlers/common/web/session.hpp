// Per-request session and flash messages (SPEC §7 "Sessions and flash"): loaded lazily from the
// cookie, created only when there is something to keep, idle expiry, last-seen written at most
// once a minute, flash messages shown exactly once.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/ports/clock.hpp"
#include "common/ports/random.hpp"
#include "common/ports/session_store.hpp"
#include "common/web/http.hpp"

namespace audioconf::web {

struct Flash {
  std::string kind;  ///< "error" | "info" | "success"
  std::string message;
  bool contact_button = false;
};

/// Who signed in with ProConnect (SPEC §8): kept at most 12 hours, and never past idle expiry.
struct SignedInAgent {
  std::string sub;
  std::string email;
  std::string given_name;
  std::string usual_name;
  std::string id_token;           ///< for the end-session request (id_token_hint)
  std::int64_t signed_in_at = 0;  ///< seconds since the epoch
  [[nodiscard]] bool empty() const { return sub.empty(); }
};

/// ProConnect's session length: a sign-in counts for 12 hours at most (SPEC §8).
inline constexpr std::chrono::hours kSignedInMaxAge{12};

/// "Given Usual", or the address when the provider gave no name.
[[nodiscard]] std::string display_name(const SignedInAgent& agent);

struct SessionData {
  std::vector<Flash> flashes;
  SignedInAgent agent;
  /// A sign-in or sign-out round trip is under way (its state is bound to this session).
  bool round_trip = false;
  std::string email;  ///< the address last typed, to refill the form
  /// Why that address was refused, shown once next to the field (not only in the alerts), so
  /// the error is tied to the field even without JavaScript.
  std::string email_error;
  [[nodiscard]] bool empty() const {
    return flashes.empty() && email.empty() && email_error.empty() && agent.empty() && !round_trip;
  }
};

[[nodiscard]] std::string encode_session(const SessionData& data);
/// Tolerant: unknown members ignored; malformed JSON gives an empty session.
[[nodiscard]] SessionData decode_session(std::string_view json);

struct SessionSettings {
  std::string cookie_name = "audioconf_session";
  std::chrono::minutes idle_timeout{30};
  std::chrono::seconds touch_interval{60};
  bool secure_cookie = false;
};

class Session {
 public:
  Session(const Request& request, SessionStore& store, RandomSource& random, TimePoint now,
          SessionSettings settings);

  /// True when the visitor's cookie names a live session (no lookup without a cookie).
  [[nodiscard]] bool is_live();
  void add_flash(Flash flash);
  /// The pending flash messages; they will not be shown again.
  [[nodiscard]] std::vector<Flash> take_flashes();
  [[nodiscard]] std::string email();
  void set_email(std::string email);
  /// The refusal reason for the address; it will not be shown again.
  [[nodiscard]] std::string take_email_error();
  void set_email_error(std::string message);

  /// The signed-in agent, if any and signed in less than `max_age` ago (else forgotten).
  [[nodiscard]] std::optional<SignedInAgent> agent(std::chrono::seconds max_age);
  void set_agent(SignedInAgent agent);
  void clear_agent();
  /// Marks a round trip to the identity provider (keeps the session row until it returns).
  void set_round_trip(bool pending);
  /// The SHA-256 of this session's id, giving the visitor an id now if they have none (the row
  /// is written by commit()).
  [[nodiscard]] std::string bind_id_hash();
  /// A new session id for what the session holds: the old id stops working at commit().
  void renew_id();

  /// Writes what changed (create, update, delete or touch) and sets or clears the cookie.
  void commit(Response& response);

 private:
  void load();
  void set_cookie(Response& response, const std::string& value, bool expire) const;

  SessionStore& store_;
  RandomSource& random_;
  TimePoint now_;
  SessionSettings settings_;
  std::optional<std::string> cookie_value_;  ///< as received, when well-formed
  bool loaded_ = false;
  bool exists_ = false;  ///< a live row matched the cookie
  bool modified_ = false;
  bool fresh_id_ = false;                    ///< cookie_value_ was drawn here (not received)
  std::optional<std::string> retired_hash_;  ///< an id given up by renew_id(), deleted at commit
  TimePoint last_seen_{};
  SessionData data_;
};

/// SHA-256 (hex) of a session id: what the store keys on.
[[nodiscard]] std::string session_id_hash(std::string_view cookie_value);

}  // namespace audioconf::web
