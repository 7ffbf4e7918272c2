// Login tokens, pending conferences and conferences: every SQL statement of the booking flow.
// Each method is one short transaction; no network call ever happens inside one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/pg/database.hpp"
#include "common/ports/clock.hpp"

namespace audioconf::pg {

struct NewLoginToken {
  std::string token_hash;
  std::string email;
  TimePoint expires_at;
  std::optional<int> duration_minutes;
  std::optional<std::string> conference_day;  ///< YYYY-MM-DD
  std::optional<int> timezone_offset;
  std::optional<std::string> time_zone;  ///< IANA name
};

struct ClaimedToken {
  std::string email;
  std::optional<int> duration_minutes;
  std::optional<std::string> conference_day;
  std::optional<int> timezone_offset;
  std::optional<std::string> time_zone;
};

enum class TokenState { kUsable, kClaimed, kConsumed, kUnknownOrExpired };

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
  std::optional<std::string> time_zone;
};

struct ConferenceView {
  std::string id;
  std::string phone_number;
  std::optional<std::string> duration_minutes;
  std::optional<std::string> conference_day;
  TimePoint expires_at;
  std::optional<TimePoint> canceled_at;
  std::optional<std::string> room_number_sealed;
  std::string expires_local;   ///< "YYYY-MM-DD HH:MM:SS" in the conference's zone
  std::string canceled_local;  ///< same, for canceledAt
  std::string zone;            ///< the zone used for the two local times
};

/// At most `max_tokens` login links per address created since `since`. Counted in
/// email_link_events under `address_hash` (the keyed hash of the lower-cased address:
/// App::email_hash), rows the purge job keeps for kLinkLimitWindow whatever the tokens' lifetime.
struct TokenLimit {
  TimePoint since;
  int max_tokens = 0;
  std::string address_hash{};
};

/// The window of the per-address link limit (RATE_LIMIT_EMAIL_LINKS_PER_HOUR).
inline constexpr std::chrono::hours kLinkLimitWindow{1};

class BookingStore {
 public:
  explicit BookingStore(Database& db);

  /// Stores the token and its link event unless its address already reached `limit`; false
  /// when it did.
  [[nodiscard]] bool insert_token(const NewLoginToken& token, TimePoint now,
                                  const TokenLimit& limit);
  /// Removes a token and its link event (its email could not be sent: it does not count).
  void delete_token(const std::string& token_hash);
  [[nodiscard]] TokenState token_state(const std::string& token_hash, TimePoint now);
  [[nodiscard]] std::optional<ClaimedToken> token_details(const std::string& token_hash,
                                                          TimePoint now);
  /// Takes a lease on a usable token so a concurrent second POST does nothing.
  [[nodiscard]] std::optional<ClaimedToken> claim_token(const std::string& token_hash,
                                                        TimePoint now, std::chrono::seconds lease);
  void release_token(const std::string& token_hash);

  void insert_pending(const std::string& id, const std::string& room_number_sealed,
                      const std::string& token_hash, TimePoint now);
  void update_pending_room(const std::string& id, const std::string& room_number_sealed);
  void delete_pending(const std::string& id);
  /// Stores the conference, removes its pending row and consumes the token, atomically.
  void store_conference(const NewConference& conference, const std::string& token_hash,
                        TimePoint now);
  [[nodiscard]] int conferences_for_hash_since(const std::string& hashed_email, TimePoint since);

  [[nodiscard]] std::optional<ConferenceView> find_conference(const std::string& id,
                                                              const std::string& server_zone);
  /// Sets canceledAt if not set yet; false when it already was.
  [[nodiscard]] bool mark_canceled(const std::string& id, TimePoint now);

  /// 23:59:59 on `day` in the IANA `zone`, daylight saving applied by PostgreSQL's zone
  /// database; nullopt when the zone is unknown.
  [[nodiscard]] std::optional<TimePoint> day_end_in_zone(const std::string& day,
                                                         const std::string& zone);
  /// "YYYY-MM-DD HH:MM:SS" of `at` in the IANA `zone`; nullopt when the zone is unknown.
  [[nodiscard]] std::optional<std::string> format_in_zone(TimePoint at, const std::string& zone);

 private:
  Database& db_;
};

}  // namespace audioconf::pg
