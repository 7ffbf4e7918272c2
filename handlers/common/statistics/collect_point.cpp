#include "common/statistics/collect_point.hpp"

namespace audioconf::statistics {

CollectOutcome collect_point(Telephony& telephony, pg::StatsStore& store, TimePoint now) {
  TimePoint minute = pg::stats_minute(now);
  // Another host already wrote this minute: no OVH call at all.
  if (store.has_point(minute)) return CollectOutcome::kAlreadyDone;
  RoomsStats stats = telephony.rooms_stats();
  return store.insert(minute, stats) ? CollectOutcome::kInserted : CollectOutcome::kAlreadyDone;
}

}  // namespace audioconf::statistics
