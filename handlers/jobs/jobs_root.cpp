#include "jobs/jobs_root.hpp"

#include <cstdlib>

#include "common/settings_for.hpp"
#include "common/version.hpp"

namespace audioconf::jobs {
namespace {

std::string templates_dir() {
  const char* dir = std::getenv("AUDIOCONF_TEMPLATES_DIR");
  return dir != nullptr && *dir != '\0' ? dir : "templates";
}

}  // namespace

JobsRoot::JobsRoot(Config settings)
    : config(std::move(settings)),
      server_zone(civil::Zone::find(config.time_zone).value()),  // checked by load_config
      db(config.database_url, config.time_zone),
      runs(db),
      jobs(db),
      stats(db),
      tokens(db),
      pending(db),
      sessions(db),
      oidc_states(db),
      rooms(config.secret),
      ovh_budget(db, config.ovh_max_calls_per_minute),
      telephony(ovh_settings_for(config), clock, nullptr,
                ovh::CallGate{.budget = &ovh_budget,
                              .priority = CallPriority::kJob,
                              .wait_up_to = std::chrono::minutes(1)}),
      mailer(smtp_settings_for(config), clock, random, nullptr),
      templates(templates_dir(),
                render::SiteInfo{config.app_name, kVersion, config.support_email,
                                 config.hostname_with_protocol, config.feature_stats_page},
                render::TemplateSet::Scope::kHandlers) {}

}  // namespace audioconf::jobs
