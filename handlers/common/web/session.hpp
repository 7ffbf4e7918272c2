// Per-request session and flash messages (SPEC §7 "Sessions and flash"): loaded lazily from the
// cookie, created only when there is something to keep, idle expiry, last-seen written at most
// once a minute, flash messages shown exactly once.
#pragma once

#include <chrono>
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

struct SessionData {
  std::vector<Flash> flashes;
  std::string email;  ///< the address last typed, to refill the form
  /// Why that address was refused, shown once next to the field (not only in the alerts), so
  /// the error is tied to the field even without JavaScript.
  std::string email_error;
  [[nodiscard]] bool empty() const {
    return flashes.empty() && email.empty() && email_error.empty();
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

  void add_flash(Flash flash);
  /// The pending flash messages; they will not be shown again.
  [[nodiscard]] std::vector<Flash> take_flashes();
  [[nodiscard]] std::string email();
  void set_email(std::string email);
  /// The refusal reason for the address; it will not be shown again.
  [[nodiscard]] std::string take_email_error();
  void set_email_error(std::string message);

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
  TimePoint last_seen_{};
  SessionData data_;
};

/// SHA-256 (hex) of a session id: what the store keys on.
[[nodiscard]] std::string session_id_hash(std::string_view cookie_value);

}  // namespace audioconf::web
