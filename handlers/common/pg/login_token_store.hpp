// The "loginTokens" table: booking links (only their SHA-256 is stored), their lease while a
// confirmation runs, their consumption. Each method is one short statement or transaction.
#pragma once

#include "common/pg/database.hpp"
#include "common/ports/booking_stores.hpp"

namespace audioconf::pg {

class LoginTokenStore final : public LoginTokens {
 public:
  explicit LoginTokenStore(Database& db);

  [[nodiscard]] bool insert(const NewLoginToken& token, TimePoint now, TokenLimit limit) override;
  void remove(const std::string& token_hash) override;
  [[nodiscard]] TokenState state(const std::string& token_hash, TimePoint now) override;
  [[nodiscard]] std::optional<ClaimedToken> details(const std::string& token_hash,
                                                    TimePoint now) override;
  [[nodiscard]] std::optional<ClaimedToken> claim(const std::string& token_hash, TimePoint now,
                                                  std::chrono::seconds lease) override;
  void release(const std::string& token_hash) override;
  /// Tokens past their expiry (they hold raw emails); the number deleted.
  [[nodiscard]] int delete_expired(TimePoint now);

 private:
  Database& db_;
};

}  // namespace audioconf::pg
