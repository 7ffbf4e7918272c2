// The `survey` job: one survey email per address whose conference expired in the last 24 hours,
// at most once a week per address; ok only if every send succeeded.
#pragma once

#include <string>

#include "common/pg/job_store.hpp"
#include "common/ports/mailer.hpp"
#include "common/render/templates.hpp"
#include "jobs/job_result.hpp"

namespace audioconf::jobs {

struct SurveySettings {
  std::string app_name;
  std::string sender;
  std::string survey_url;  ///< AFTER_MEETING_SURVEY_URL
  std::string secret;      ///< keys the email hash
};

[[nodiscard]] JobResult run_survey(pg::JobStore& store, Mailer& mailer,
                                   const render::TemplateSet& templates,
                                   const SurveySettings& settings, TimePoint now);

}  // namespace audioconf::jobs
