// The `status` handler: GET /api/status for ops and load balancers. This file is the program's
// composition root.
#include "common/ovh/client.hpp"
#include "common/settings_for.hpp"
#include "common/web/app.hpp"
#include "status/health.hpp"

namespace {

using namespace audioconf;

status::HealthSettings health_settings(const web::App& app) {
  const Config& config = app.config();
  return {config.feature_display_stats_on_landing, config.feature_reservations,
          config.feature_stats_page, app.uses_ovh_emulator(),
          std::chrono::seconds(config.status_ovh_cache_seconds)};
}

/// Everything the route uses, built once per worker process.
struct StatusProgram {
  explicit StatusProgram(web::App& app)
      : schema(app.db()),
        // Not the App's client: that one shares the request budget and retries GETs.
        // Counted in the OVH call budget, never refused by it: an operator asking must get
        // OVH's real state.
        ovh_probe(ovh_probe_settings_for(app.config()), app.clock(), nullptr,
                  ovh::CallGate{&app.ovh_call_budget(), CallPriority::kUser}),
        proconnect(app.config(), app.clock()),
        health(health_settings(app), schema, ovh_probe, proconnect) {}

  pg::SchemaStore schema;
  ovh::OvhClient ovh_probe;
  status::ProConnectProbe proconnect;  ///< discovery answers (when AUTH_METHODS has proconnect)
  status::Health health;
};

}  // namespace

int main() {
  return web::run_handler("status", [](web::Routes& routes, web::App& app) {
    auto program = std::make_shared<StatusProgram>(app);
    routes.add("GET", "/api/status",
               [program](web::Context& ctx) { return program->health.render(ctx); });
  });
}
