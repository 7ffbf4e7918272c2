// The `stats` table: one point per minute from OVH roomsStats.
#pragma once

#include <optional>
#include <vector>

#include "common/pg/database.hpp"
#include "common/ports/clock.hpp"

namespace audioconf::pg {

struct StatsPoint {
  TimePoint date;
  int online_participants = 0;
  int active_conferences = 0;
  int booked_rooms = -1;
};

class StatsStore {
 public:
  explicit StatsStore(Database& db);
  [[nodiscard]] std::optional<StatsPoint> latest();

 private:
  Database& db_;
};

}  // namespace audioconf::pg
