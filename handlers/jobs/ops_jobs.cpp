#include "jobs/ops_jobs.hpp"

#include <ctemplate/template.h>

#include "common/log.hpp"
#include "common/pg/job_store.hpp"
#include "common/pg/stats_store.hpp"
#include "jobs/rules.hpp"

namespace audioconf::jobs {
namespace {

constexpr auto kAnonymizeAfter = std::chrono::hours(48);
constexpr auto kSurveyWindow = std::chrono::hours(24);
constexpr auto kSurveyQuietPeriod = std::chrono::hours(24 * 7);
constexpr std::size_t kSmallRunNumbers = 2;
// A call that was still in progress when the last run listed the histories began before that
// run: look one day further back (present rows cost no OVH call).
constexpr auto kCallsOverlap = std::chrono::hours(24);

std::string count(const char* name, int value) {
  return std::string(name) + "=" + std::to_string(value);
}

}  // namespace

JobResult run_compute_stats(web::App& app) {
  pg::StatsStore store(app.db());
  auto outcome = pg::collect_stats_point(app.telephony(), store, app.clock().now());
  return {true, outcome == pg::CollectOutcome::kInserted ? "points_inserted=1"
                                                         : "points_inserted=0 already_done=1"};
}

JobResult run_anonymize(web::App& app) {
  pg::JobStore store(app.db());
  const TimePoint before = app.clock().now() - kAnonymizeAfter;
  const BatchTotals done = in_batches(app.config().job_batch_size, [&](int limit) {
    return store.anonymize_expired_before(before, limit);
  });
  return {true, "conferences_anonymized=" + std::to_string(done.rows) +
                    " batches=" + std::to_string(done.batches)};
}

JobResult run_survey(web::App& app) {
  const Config& config = app.config();
  TimePoint now = app.clock().now();
  pg::JobStore store(app.db());
  int sent = 0;
  int skipped = 0;
  int failed = 0;
  std::vector<std::string> recipients =
      unique_recipients(store.survey_emails(now - kSurveyWindow, now));
  for (const std::string& email : recipients) {
    std::string hash = app.email_hash(email);
    if (store.surveyed_since(hash, now - kSurveyQuietPeriod)) {
      ++skipped;
      continue;
    }
    ctemplate::TemplateDictionary dict("survey");
    dict.SetValue("SURVEY_URL", config.after_meeting_survey_url);
    auto [text, html] = app.templates().render_email("survey", dict);
    try {
      app.mailer().send(MailMessage{config.app_name, config.mail_sender_email, email,
                                    "Votre avis sur votre conférence téléphonique", text, html});
    } catch (const std::exception& failure) {
      // Not recorded: the next run of the day retries this address.
      log::error("survey email not sent to " + hash + ": " + failure.what());
      ++failed;
      continue;
    }
    // Recorded only after the send succeeded (a crash in between may send twice, never zero).
    store.record_survey(hash, now);
    ++sent;
  }
  return {failed == 0, count("recipients", static_cast<int>(recipients.size())) + " " +
                           count("sent", sent) + " " + count("skipped_recent", skipped) + " " +
                           count("failed", failed)};
}

JobResult run_calls_stats(web::App& app) {
  const Config& config = app.config();
  pg::JobStore store(app.db());
  pg::JobRunStore runs(app.db());
  std::optional<TimePoint> since = runs.last_done_start("calls-stats");
  if (since) *since -= kCallsOverlap;
  Telephony& ovh = app.telephony();
  std::vector<std::string> numbers = importable_numbers(
      ovh.conference_numbers(), config.job_calls_stats_small_run ? kSmallRunNumbers : 0);
  int listed = 0;
  int fetched = 0;
  int inserted = 0;
  int present = 0;
  int errors = 0;
  for (const std::string& number : numbers) {
    std::vector<std::int64_t> ids;
    try {
      ids = ovh.histories(number, since);
    } catch (const std::exception& failure) {
      log::error("histories of a conference number not listed: " + std::string(failure.what()));
      ++errors;
      continue;
    }
    for (std::int64_t id : ids) {
      ++listed;
      // Present rows are skipped without an OVH call (the "since" filter is inclusive).
      if (store.has_phone_call(phone_call_id(number, id))) {
        ++present;
        continue;
      }
      pg::PhoneCall call{number, {}};
      try {
        call.history = ovh.history(number, id);
      } catch (const std::exception& failure) {
        log::error("history " + std::to_string(id) + " not read: " + failure.what());
        ++errors;
        continue;
      }
      ++fetched;
      if (config.job_dry_run) continue;
      if (store.insert_phone_call(call, duration_minutes(call.history.duration_seconds))) {
        ++inserted;
      } else {
        ++present;
      }
    }
  }
  std::string summary = count("numbers", static_cast<int>(numbers.size())) + " " +
                        count("histories_listed", listed) + " " + count("fetched", fetched) + " " +
                        count("inserted", inserted) + " " + count("already_present", present) +
                        " " + count("errors", errors);
  if (config.job_dry_run) summary += " dry_run=1";
  return {errors == 0, summary};
}

}  // namespace audioconf::jobs
