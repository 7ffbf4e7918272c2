// `jobs NAME`: the scheduled jobs (cron or systemd timers run them on every host). An advisory
// lock keeps two copies from overlapping, and job_runs makes each do its work once per period
// (daily jobs: the server-zone date; purge: the 10-minute slot; compute-stats: the stats table
// is unique per minute). Prints the job names without an argument.
#include <chrono>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>

#include "common/log.hpp"
#include "common/pg/job_lock.hpp"
#include "jobs/anonymize_job.hpp"
#include "jobs/calls_stats_job.hpp"
#include "jobs/compute_stats_job.hpp"
#include "jobs/jobs_root.hpp"
#include "jobs/purge_job.hpp"
#include "jobs/rules.hpp"
#include "jobs/survey_job.hpp"

namespace {

using namespace audioconf;

struct JobSpec {
  std::function<jobs::JobResult(jobs::JobsRoot&)> run;
  jobs::Period period;
  /// Feature flags: a disabled job logs "disabled" and succeeds without touching anything.
  std::function<bool(const Config&)> enabled;
  /// Whether a run counts for its period (a dry run does not).
  std::function<bool(const Config&)> records_period;
};

bool always(const Config&) { return true; }

jobs::JobResult compute_stats(jobs::JobsRoot& root) {
  return jobs::run_compute_stats(root.telephony, root.stats, root.clock.now());
}

jobs::JobResult anonymize(jobs::JobsRoot& root) {
  return jobs::run_anonymize(root.jobs, root.clock.now(), root.config.job_batch_size);
}

jobs::JobResult survey(jobs::JobsRoot& root) {
  const Config& c = root.config;
  return jobs::run_survey(root.jobs, root.mailer, root.templates,
                          {c.app_name, c.mail_sender_email, c.after_meeting_survey_url, c.secret},
                          root.clock.now());
}

jobs::JobResult calls_stats(jobs::JobsRoot& root) {
  return jobs::run_calls_stats(root.jobs, root.runs, root.telephony,
                               {root.config.job_dry_run, root.config.job_calls_stats_small_run});
}

jobs::JobResult purge(jobs::JobsRoot& root) {
  return jobs::run_purge({root.pending, root.tokens, root.sessions, root.oidc_states},
                         root.telephony, root.rooms, root.clock.now(), root.config.job_batch_size);
}

const std::map<std::string, JobSpec>& known_jobs() {
  static const std::map<std::string, JobSpec> table = {
      {"compute-stats",
       {compute_stats, jobs::Period::kNone,
        [](const Config& c) { return c.feature_job_compute_stats; }, always}},
      {"anonymize",
       {anonymize, jobs::Period::kDaily,
        [](const Config& c) { return c.feature_job_anonymize_emails; }, always}},
      {"survey",
       {survey, jobs::Period::kDaily,
        [](const Config& c) { return !c.after_meeting_survey_url.empty(); }, always}},
      {"calls-stats",
       {calls_stats, jobs::Period::kDaily,
        [](const Config& c) { return c.feature_job_calls_stats; },
        [](const Config& c) { return !c.job_dry_run; }}},
      {"purge", {purge, jobs::Period::kTenMinutes, always, always}},
  };
  return table;
}

void log_outcome(bool ok, const std::string& what, std::chrono::steady_clock::time_point started) {
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  std::string line = what + " duration_ms=" + std::to_string(elapsed.count());
  if (ok) {
    log::info(line);
  } else {
    log::error(line);
  }
}

int usage(int argc) {
  std::ostream& out = argc == 1 ? std::cout : std::cerr;
  out << "usage: jobs NAME\njobs:";
  for (const auto& [name, job] : known_jobs()) out << " " << name;
  out << "\n";
  return argc == 1 ? 0 : 2;
}

/// The job's work, with the period bookkeeping around it; the exit code.
int run_recorded(const std::string& name, const JobSpec& spec, jobs::JobsRoot& root,
                 std::chrono::steady_clock::time_point started) {
  TimePoint now = root.clock.now();
  std::string period = jobs::period_key(spec.period, root.server_zone.local(now));
  bool records = !period.empty() && spec.records_period(root.config);
  if (records && !root.runs.begin(name, period, now)) {
    log_outcome(true, "already done for period " + period, started);
    return 0;
  }
  jobs::JobResult result;
  try {
    result = spec.run(root);
  } catch (const std::exception& error) {
    result = {false, std::string("error=\"") + error.what() + "\""};
  }
  // The period is done only when every unit of work succeeded; else the next run retries.
  if (records) root.runs.finish(name, period, result.ok, result.summary, root.clock.now());
  log_outcome(result.ok,
              std::string(result.ok ? "done" : "incomplete") +
                  (period.empty() ? "" : " period=" + period) + " " + result.summary,
              started);
  return result.ok ? 0 : 1;
}

int run_job(const std::string& name, std::chrono::steady_clock::time_point started) {
  const JobSpec& spec = known_jobs().at(name);
  jobs::JobsRoot root(load_process_config());
  if (!spec.enabled(root.config)) {
    log_outcome(true, "disabled (feature flag or setting off)", started);
    return 0;
  }
  pg::JobLock lock(root.config.database_url, name);
  if (!lock.held()) {
    log_outcome(true, "skipped: another run holds the lock", started);
    return 0;
  }
  return run_recorded(name, spec, root, started);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || known_jobs().count(argv[1]) == 0) return usage(argc);
  std::string name = argv[1];
  log::set_program("job-" + name);
  auto started = std::chrono::steady_clock::now();
  try {
    return run_job(name, started);
  } catch (const ConfigError& error) {
    log::error(error.what());
    return 2;
  } catch (const std::exception& error) {
    log_outcome(false, std::string("failed: ") + error.what(), started);
    return 1;
  }
}
