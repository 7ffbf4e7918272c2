// What the purge job deletes: expired login tokens and sessions, link events past the link
// limit's hour, and pending conferences left by a crash or an OVH outage (their rooms are expired
// at OVH first, by the caller). Deletions go by batches of at most `limit` rows, each committed
// on its own and returning how many rows it deleted (jobs::in_batches repeats them).
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
  /// At most `limit` pending rows older than `older_than` (a live booking attempt finishes well
  /// before), oldest first.
  [[nodiscard]] std::vector<PendingConference> stale_pending(TimePoint older_than, int limit);
  void delete_pending(const std::string& id);
  [[nodiscard]] int delete_expired_tokens(TimePoint now, int limit);
  [[nodiscard]] int delete_expired_sessions(TimePoint now, int limit);
  /// Link events (the per-address link limit's count) created before `before`.
  [[nodiscard]] int delete_link_events_before(TimePoint before, int limit);

 private:
  Database& db_;
};

}  // namespace audioconf::pg
