// What the booking flow needs from storage, one interface per table: login tokens, pending
// conferences (rooms being created at OVH) and conferences. PostgreSQL implements them
// (common/pg/*_store.hpp); the booking service's unit tests use in-memory fakes.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "common/ports/clock.hpp"

namespace audioconf {

struct NewLoginToken {
  std::string token_hash;
  std::string email;
  TimePoint expires_at;
  std::optional<int> duration_minutes;
  std::optional<std::string> conference_day;  ///< YYYY-MM-DD
  std::optional<int> timezone_offset;
  std::optional<std::string> time_zone;  ///< IANA name
};

/// What a usable (or just claimed) token asks for.
struct ClaimedToken {
  std::string email;
  std::optional<int> duration_minutes;
  std::optional<std::string> conference_day;
  std::optional<int> timezone_offset;
  std::optional<std::string> time_zone;
};

enum class TokenState { kUsable, kClaimed, kConsumed, kUnknownOrExpired };

/// At most `max_tokens` login links per address created since `since`. Counted in
/// email_link_events under `address_hash` (the keyed hash of the lower-cased address), rows the
/// purge job keeps for kLinkLimitWindow whatever the tokens' lifetime.
struct TokenLimit {
  TimePoint since;
  int max_tokens = 0;
  std::string address_hash{};
};

/// The window of the per-address link limit (RATE_LIMIT_EMAIL_LINKS_PER_HOUR).
inline constexpr std::chrono::hours kLinkLimitWindow{1};

class LoginTokens {
 public:
  virtual ~LoginTokens() = default;
  /// Stores the token and its link event unless its address already reached `limit`; false
  /// when it did.
  [[nodiscard]] virtual bool insert(const NewLoginToken& token, TimePoint now,
                                    const TokenLimit& limit) = 0;
  /// Removes a token and its link event (its email could not be sent: it does not count).
  virtual void remove(const std::string& token_hash) = 0;
  [[nodiscard]] virtual TokenState state(const std::string& token_hash, TimePoint now) = 0;
  /// The token's request if it is usable or leased (not expired, not consumed).
  [[nodiscard]] virtual std::optional<ClaimedToken> details(const std::string& token_hash,
                                                            TimePoint now) = 0;
  /// Takes a lease on a usable token so a concurrent second POST does nothing.
  [[nodiscard]] virtual std::optional<ClaimedToken> claim(const std::string& token_hash,
                                                          TimePoint now,
                                                          std::chrono::seconds lease) = 0;
  virtual void release(const std::string& token_hash) = 0;
};

/// A booking whose room is being created at OVH: kept until the conference is stored or the
/// room expired, so a crash or an OVH outage leaves something the purge job can clean.
class PendingConferences {
 public:
  virtual ~PendingConferences() = default;
  virtual void insert(const std::string& id, const std::string& room_number_sealed,
                      const std::string& token_hash, TimePoint now) = 0;
  virtual void update_room(const std::string& id, const std::string& room_number_sealed) = 0;
  virtual void remove(const std::string& id) = 0;
};

struct NewConference {
  std::string id;
  std::string email;
  std::string phone_number;
  std::optional<int> duration_minutes;
  std::optional<std::string> conference_day;
  TimePoint expires_at;
  std::string domain;
  std::string hashed_email;
  std::string room_number_sealed;
  std::optional<std::string> time_zone;  ///< the agent's IANA zone, both modes
  std::optional<int> timezone_offset{};  ///< the browser's offset (minutes, as JavaScript's)
};

struct ConferenceView {
  std::string id;
  std::string phone_number;
  std::optional<std::string> duration_minutes;
  std::optional<std::string> conference_day;
  TimePoint expires_at;
  std::optional<TimePoint> canceled_at;
  std::optional<std::string> room_number_sealed;
  /// The agent's IANA zone: times of this conference are shown in it. Absent on adopted and
  /// older rows (and before 0010, on duration-mode rows): the server zone is used.
  std::optional<std::string> time_zone;
  std::optional<std::string> email{};  ///< the organizer; absent once anonymized
  int ics_sequence = 0;                ///< the calendar invitation's SEQUENCE
  std::optional<int> timezone_offset{};
};

class Conferences {
 public:
  virtual ~Conferences() = default;
  /// Stores the conference, removes its pending row and consumes the token, atomically.
  virtual void store(const NewConference& conference, const std::string& token_hash,
                     TimePoint now) = 0;
  [[nodiscard]] virtual int count_for_hash_since(const std::string& hashed_email,
                                                 TimePoint since) = 0;
  [[nodiscard]] virtual std::optional<ConferenceView> find(const std::string& id) = 0;
  /// Sets canceledAt if not set yet and raises the invitation's SEQUENCE in the same write, so
  /// the invitation served afterwards agrees with the cancellation sent by email: the new
  /// SEQUENCE, or nullopt when the conference was already cancelled (or is unknown).
  [[nodiscard]] virtual std::optional<int> mark_canceled(const std::string& id, TimePoint now) = 0;
};

}  // namespace audioconf
