// The `anonymize` job: conferences expired more than two days ago lose their email (the domain
// is kept), by batches.
#pragma once

#include "common/pg/job_store.hpp"
#include "jobs/job_result.hpp"

namespace audioconf::jobs {

[[nodiscard]] JobResult run_anonymize(pg::JobStore& store, TimePoint now, int batch_size);

}  // namespace audioconf::jobs
