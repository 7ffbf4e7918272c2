#include "jobs/survey_job.hpp"

#include <ctemplate/template.h>

#include "common/crypto/hash.hpp"
#include "common/log.hpp"
#include "jobs/rules.hpp"

namespace audioconf::jobs {
namespace {

constexpr auto kSurveyWindow = std::chrono::hours(24);
constexpr auto kSurveyQuietPeriod = std::chrono::hours(24 * 7);

std::string count(const char* name, int value) {
  return std::string(name) + "=" + std::to_string(value);
}

}  // namespace

JobResult run_survey(pg::JobStore& store, Mailer& mailer, const render::TemplateSet& templates,
                     const SurveySettings& settings, TimePoint now) {
  int sent = 0;
  int skipped = 0;
  int failed = 0;
  std::vector<std::string> recipients =
      unique_recipients(store.survey_emails(now - kSurveyWindow, now));
  for (const std::string& email : recipients) {
    std::string hash = crypto::hashed_email(settings.secret, email);
    if (store.surveyed_since(hash, now - kSurveyQuietPeriod)) {
      ++skipped;
      continue;
    }
    ctemplate::TemplateDictionary dict("survey");
    dict.SetValue("SURVEY_URL", settings.survey_url);
    auto [text, html] = templates.render_email("survey", dict);
    try {
      mailer.send(MailMessage{settings.app_name, settings.sender, email,
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

}  // namespace audioconf::jobs
