// The `announcements` handler: the landing page (GET /). This file is the program's composition
// root: the page gets its settings, templates, store and zone here, by constructor.
#include "announcements/landing.hpp"
#include "common/web/app.hpp"

namespace {

using namespace audioconf;

announcements::LandingSettings landing_settings(const Config& config) {
  return {config.announcements,
          config.feature_reservations,
          config.conference_max_duration_minutes,
          config.reserve_num_days_ahead,
          config.feature_display_stats_on_landing,
          std::chrono::seconds(config.stats_cache_seconds),
          config.auth_email,
          config.auth_proconnect};
}

/// Everything the route uses, built once per worker process.
struct AnnouncementsProgram {
  explicit AnnouncementsProgram(web::App& app)
      : stats(app.db()),
        landing(landing_settings(app.config()), app.templates(), stats, app.server_zone()) {}

  pg::StatsStore stats;
  announcements::LandingPage landing;
};

}  // namespace

int main() {
  return web::run_handler("announcements", [](web::Routes& routes, web::App& app) {
    auto program = std::make_shared<AnnouncementsProgram>(app);
    routes.add("GET", "/", [program](web::Context& ctx) { return program->landing.render(ctx); });
  });
}
