#include "jobs/calls_stats_job.hpp"

#include "common/log.hpp"
#include "common/ovh/errors.hpp"
#include "jobs/rules.hpp"

namespace audioconf::jobs {
namespace {

constexpr std::size_t kSmallRunNumbers = 2;
// A call that was still in progress when the last run listed the histories began before that
// run: look one day further back (present rows cost no OVH call).
constexpr auto kCallsOverlap = std::chrono::hours(24);

struct CallCounts {
  int listed = 0;
  int fetched = 0;
  int inserted = 0;
  int present = 0;
  int errors = 0;
};

std::string count(const char* name, int value) {
  return std::string(name) + "=" + std::to_string(value);
}

/// One history: skipped without an OVH call when present (the "since" filter is inclusive).
void import_call(pg::JobStore& store, Telephony& telephony, const std::string& number,
                 std::int64_t id, bool dry_run, CallCounts& counts) {
  ++counts.listed;
  if (store.has_phone_call(phone_call_id(number, id))) {
    ++counts.present;
    return;
  }
  pg::PhoneCall call{number, {}};
  try {
    call.history = telephony.history(number, id);
  } catch (const ovh::OvhBudgetSpent&) {
    throw;  // the run stops: see run_calls_stats
  } catch (const std::exception& failure) {
    log::error("history " + std::to_string(id) + " not read: " + failure.what());
    ++counts.errors;
    return;
  }
  ++counts.fetched;
  if (dry_run) return;
  if (store.insert_phone_call(call, duration_minutes(call.history.duration_seconds))) {
    ++counts.inserted;
  } else {
    ++counts.present;
  }
}

}  // namespace

JobResult run_calls_stats(pg::JobStore& store, pg::JobRunStore& runs, Telephony& telephony,
                          CallsStatsSettings settings) {
  std::optional<TimePoint> since = runs.last_done_start("calls-stats");
  if (since) *since -= kCallsOverlap;
  std::vector<std::string> numbers =
      importable_numbers(telephony.conference_numbers(), settings.small_run ? kSmallRunNumbers : 0);
  CallCounts counts;
  try {
    for (const std::string& number : numbers) {
      std::vector<std::int64_t> ids;
      try {
        ids = telephony.histories(number, since);
      } catch (const ovh::OvhBudgetSpent&) {
        throw;
      } catch (const std::exception& failure) {
        log::error("histories of a conference number not listed: " + std::string(failure.what()));
        ++counts.errors;
        continue;
      }
      for (std::int64_t id : ids) {
        import_call(store, telephony, number, id, settings.dry_run, counts);
      }
    }
  } catch (const ovh::OvhBudgetSpent&) {
    // Users kept the OVH call budget for a whole minute: the rest waits for the next run, which
    // starts from the same point (this run is not done) and skips what is already imported.
    log::warning("OVH call budget spent for a minute: the import stops here");
    ++counts.errors;
  }
  std::string summary =
      count("numbers", static_cast<int>(numbers.size())) + " " +
      count("histories_listed", counts.listed) + " " + count("fetched", counts.fetched) + " " +
      count("inserted", counts.inserted) + " " + count("already_present", counts.present) + " " +
      count("errors", counts.errors);
  if (settings.dry_run) summary += " dry_run=1";
  return {counts.errors == 0, summary};
}

}  // namespace audioconf::jobs
