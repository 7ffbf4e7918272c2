// The jobs of SPEC §3 besides purge: compute-stats, anonymize, survey and calls-stats. Each
// does its units of work in their own transactions and reports counts; main.cpp handles the
// lock, the once-per-period bookkeeping and the summary line.
#pragma once

#include "common/web/app.hpp"
#include "jobs/purge_job.hpp"

namespace audioconf::jobs {

/// One stats point for the current minute (nothing when another host wrote it).
[[nodiscard]] JobResult run_compute_stats(web::App& app);
/// Conferences expired more than two days ago: email → NULL, domain kept.
[[nodiscard]] JobResult run_anonymize(web::App& app);
/// Survey emails for conferences expired in [now − 24 h, now); ok only if every send succeeded.
[[nodiscard]] JobResult run_survey(web::App& app);
/// OVH call histories → "phoneCalls"; ok only if every number and history was read.
[[nodiscard]] JobResult run_calls_stats(web::App& app);

}  // namespace audioconf::jobs
