// The `calls-stats` job: OVH call histories → "phoneCalls"; ok only if every number and history
// was read.
#pragma once

#include "common/pg/job_store.hpp"
#include "common/ports/telephony.hpp"
#include "jobs/job_result.hpp"

namespace audioconf::jobs {

struct CallsStatsSettings {
  bool dry_run = false;    ///< JOB_DRY_RUN: read everything, write nothing
  bool small_run = false;  ///< JOB_CALLS_STATS_SMALL_RUN: two numbers only
};

[[nodiscard]] JobResult run_calls_stats(pg::JobStore& store, pg::JobRunStore& runs,
                                        Telephony& telephony, CallsStatsSettings settings);

}  // namespace audioconf::jobs
