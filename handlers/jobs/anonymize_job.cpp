#include "jobs/anonymize_job.hpp"

#include "jobs/rules.hpp"

namespace audioconf::jobs {
namespace {

constexpr auto kAnonymizeAfter = std::chrono::hours(48);

}  // namespace

JobResult run_anonymize(pg::JobStore& store, TimePoint now, int batch_size) {
  const TimePoint before = now - kAnonymizeAfter;
  const BatchTotals done = in_batches(
      batch_size, [&](int limit) { return store.anonymize_expired_before(before, limit); });
  return {true, "conferences_anonymized=" + std::to_string(done.rows) +
                    " batches=" + std::to_string(done.batches)};
}

}  // namespace audioconf::jobs
