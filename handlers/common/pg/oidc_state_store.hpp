// OidcStates on PostgreSQL (table oidc_sign_ins, migration 0008).
#pragma once

#include "common/pg/database.hpp"
#include "common/ports/oidc_states.hpp"

namespace audioconf::pg {

class OidcStateStore final : public OidcStates {
 public:
  explicit OidcStateStore(Database& db);
  void insert(const OidcState& state) override;
  [[nodiscard]] OidcTaken take(const std::string& state_hash, const std::string& session_hash,
                               OidcPurpose purpose, TimePoint now) override;
  int delete_expired(TimePoint now, int limit) override;

 private:
  Database& db_;
};

}  // namespace audioconf::pg
