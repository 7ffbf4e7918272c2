// The pending_conferences table: a booking whose room is being created at OVH (room number
// sealed), removed once its conference is stored or its room expired. The purge job expires
// the rooms of the rows a crash or an OVH outage left behind.
#pragma once

#include <vector>

#include "common/pg/database.hpp"
#include "common/ports/booking_stores.hpp"

namespace audioconf::pg {

struct PendingConference {
  std::string id;
  std::string room_number_sealed;
};

class PendingConferenceStore final : public PendingConferences {
 public:
  explicit PendingConferenceStore(Database& db);

  void insert(const std::string& id, const std::string& room_number_sealed,
              const std::string& token_hash, TimePoint now) override;
  void update_room(const std::string& id, const std::string& room_number_sealed) override;
  void remove(const std::string& id) override;
  /// At most `limit` rows older than `older_than` (a live booking attempt finishes well
  /// before), oldest first.
  [[nodiscard]] std::vector<PendingConference> stale(TimePoint older_than, int limit);

 private:
  Database& db_;
};

}  // namespace audioconf::pg
