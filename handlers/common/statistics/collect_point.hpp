// The compute-stats work, shared by `stats --collect` and `jobs compute-stats`: one roomsStats
// call to OVH, one row of the stats table for the minute of `now`.
#pragma once

#include "common/pg/stats_store.hpp"
#include "common/ports/clock.hpp"
#include "common/ports/telephony.hpp"

namespace audioconf::statistics {

enum class CollectOutcome { kInserted, kAlreadyDone };

/// Throws ovh::OvhUnavailable/OvhRefused when OVH fails. No OVH call when another host already
/// wrote the point of this minute.
[[nodiscard]] CollectOutcome collect_point(Telephony& telephony, pg::StatsStore& store,
                                           TimePoint now);

}  // namespace audioconf::statistics
