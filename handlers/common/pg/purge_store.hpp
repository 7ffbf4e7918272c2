// What the purge job deletes: expired login tokens and sessions, and pending conferences left
// by a crash or an OVH outage (their rooms are expired at OVH first, by the caller).
#pragma once

#include <string>
#include <vector>

#include "common/pg/database.hpp"
#include "common/ports/clock.hpp"

namespace audioconf::pg {

struct PendingConference {
  std::string id;
  std::string room_number_sealed;
};

class PurgeStore {
 public:
  explicit PurgeStore(Database& db);
  /// Pending rows older than `older_than` (a live booking attempt finishes well before).
  [[nodiscard]] std::vector<PendingConference> stale_pending(TimePoint older_than);
  void delete_pending(const std::string& id);
  [[nodiscard]] int delete_expired_tokens(TimePoint now);
  [[nodiscard]] int delete_expired_sessions(TimePoint now);
  /// Link events (the per-address link limit's count) created before `before`.
  [[nodiscard]] int delete_link_events_before(TimePoint before);

 private:
  Database& db_;
};

}  // namespace audioconf::pg
