// Sessions in PostgreSQL, so any worker of any handler on any host reads them.
#pragma once

#include "common/pg/database.hpp"
#include "common/ports/session_store.hpp"

namespace audioconf::pg {

class PgSessionStore final : public SessionStore {
 public:
  explicit PgSessionStore(Database& db);
  [[nodiscard]] std::optional<StoredSession> load(std::string_view id_hash, TimePoint now) override;
  void save(std::string_view id_hash, std::string_view data_json, TimePoint now,
            TimePoint expires_at) override;
  void touch(std::string_view id_hash, TimePoint now, TimePoint expires_at) override;
  void remove(std::string_view id_hash) override;
  /// At most `limit` sessions past their idle expiry (the purge job, by batches); the number
  /// deleted.
  [[nodiscard]] int delete_expired(TimePoint now, int limit);

 private:
  Database& db_;
};

}  // namespace audioconf::pg
