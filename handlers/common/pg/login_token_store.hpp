// The "loginTokens" table and its companion email_link_events: booking links (only their
// SHA-256 is stored), their lease while a confirmation runs, their consumption, and one event
// per link sent, which the per-address hourly limit counts and which outlives the token. Each
// method is one short statement or transaction; the purge's deletions go by batches of at most
// `limit` rows, each committed on its own and returning how many rows it deleted.
#pragma once

#include "common/pg/database.hpp"
#include "common/ports/booking_stores.hpp"

namespace audioconf::pg {

class LoginTokenStore final : public LoginTokens {
 public:
  explicit LoginTokenStore(Database& db);

  [[nodiscard]] bool insert(const NewLoginToken& token, TimePoint now,
                            const TokenLimit& limit) override;
  void remove(const std::string& token_hash) override;
  [[nodiscard]] TokenState state(const std::string& token_hash, TimePoint now) override;
  [[nodiscard]] std::optional<ClaimedToken> details(const std::string& token_hash,
                                                    TimePoint now) override;
  [[nodiscard]] std::optional<ClaimedToken> claim(const std::string& token_hash, TimePoint now,
                                                  std::chrono::seconds lease) override;
  void release(const std::string& token_hash) override;
  /// Tokens past their expiry (they hold raw emails).
  [[nodiscard]] int delete_expired(TimePoint now, int limit);
  /// Link events created before `before` (past the limit's window).
  [[nodiscard]] int delete_link_events_before(TimePoint before, int limit);

 private:
  Database& db_;
};

}  // namespace audioconf::pg
