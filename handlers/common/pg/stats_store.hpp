// The `stats` table: one point per minute from OVH roomsStats.
#pragma once

#include <optional>
#include <vector>

#include "common/pg/database.hpp"
#include "common/ports/clock.hpp"
#include "common/ports/telephony.hpp"

namespace audioconf::pg {

struct StatsPoint {
  TimePoint date;
  int online_participants = 0;
  int active_conferences = 0;
  int booked_rooms = -1;  ///< negative: no value (the original's points before the column)
};

class StatsStore {
 public:
  explicit StatsStore(Database& db);
  [[nodiscard]] std::optional<StatsPoint> latest();
  /// The latest `limit` points, oldest first.
  [[nodiscard]] std::vector<StatsPoint> recent(int limit);
  /// True when a point exists for the minute `minute` (already truncated).
  [[nodiscard]] bool has_point(TimePoint minute);
  /// Inserts the point of `minute` (errorConfsCount 0); false when that minute already has one
  /// (another host was first: the date is the primary key).
  [[nodiscard]] bool insert(TimePoint minute, const RoomsStats& stats);

 private:
  Database& db_;
};

/// The start of the minute holding `at` (the key of a stats point).
[[nodiscard]] TimePoint stats_minute(TimePoint at);

}  // namespace audioconf::pg
