#include "jobs/compute_stats_job.hpp"

#include "common/statistics/collect_point.hpp"

namespace audioconf::jobs {

JobResult run_compute_stats(Telephony& telephony, pg::StatsStore& stats, TimePoint now) {
  auto outcome = statistics::collect_point(telephony, stats, now);
  return {true, outcome == statistics::CollectOutcome::kInserted
                    ? "points_inserted=1"
                    : "points_inserted=0 already_done=1"};
}

}  // namespace audioconf::jobs
