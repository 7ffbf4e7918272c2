// The `compute-stats` job: one stats point for the current minute (nothing when another host
// wrote it), by the same collection as `stats --collect`.
#pragma once

#include "common/pg/stats_store.hpp"
#include "common/ports/telephony.hpp"
#include "jobs/job_result.hpp"

namespace audioconf::jobs {

[[nodiscard]] JobResult run_compute_stats(Telephony& telephony, pg::StatsStore& stats,
                                          TimePoint now);

}  // namespace audioconf::jobs
