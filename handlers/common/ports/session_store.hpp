// Where sessions live (PostgreSQL in production, a map in unit tests). Keys are the SHA-256 of
// the cookie value, never the value itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/ports/clock.hpp"

namespace audioconf {

struct StoredSession {
  std::string data_json;
  TimePoint last_seen;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  /// The session if it exists and has not expired at `now`.
  [[nodiscard]] virtual std::optional<StoredSession> load(std::string_view id_hash,
                                                          TimePoint now) = 0;
  /// Creates or replaces the session's data, and marks it seen at `now`.
  virtual void save(std::string_view id_hash, std::string_view data_json, TimePoint now,
                    TimePoint expires_at) = 0;
  /// Marks the session seen at `now` (idle expiry moves on).
  virtual void touch(std::string_view id_hash, TimePoint now, TimePoint expires_at) = 0;
  virtual void remove(std::string_view id_hash) = 0;
};

}  // namespace audioconf
