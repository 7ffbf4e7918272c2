#include "status/health.hpp"

#include "common/json.hpp"
#include "common/log.hpp"
#include "common/settings_for.hpp"
#include "common/version.hpp"

namespace audioconf::status {
namespace {

ovh::OvhSettings probe_settings(const Config& config) {
  ovh::OvhSettings settings = ovh_settings_for(config);
  settings.connect_timeout = std::chrono::milliseconds(1500);
  settings.total_timeout = std::chrono::milliseconds(3000);
  settings.get_attempts = 1;
  return settings;
}

}  // namespace

Health::Health(web::App& app)
    : app_(app),
      schema_(app.db()),
      probe_client_(probe_settings(app.config()), app.clock()),
      proconnect_(app.config(), app.clock()) {}

bool Health::database_ok() {
  try {
    return schema_.has_migration(kLatestMigration);
  } catch (const std::exception& error) {
    log::warning(std::string("status: database check failed: ") + error.what());
    return false;
  }
}

bool Health::ovh_ok(TimePoint now) {
  if (ovh_cached_ &&
      now - ovh_checked_at_ < std::chrono::seconds(app_.config().status_ovh_cache_seconds)) {
    return *ovh_cached_;
  }
  bool ok = false;
  try {
    (void)probe_client_.rooms_stats();
    ok = true;
  } catch (const std::exception& error) {
    log::warning(std::string("status: OVH check failed: ") + error.what());
  }
  ovh_cached_ = ok;
  ovh_checked_at_ = now;
  return ok;
}

web::Response Health::render(web::Context& ctx) {
  const Config& config = app_.config();
  bool db = database_ok();
  bool ovh = ovh_ok(ctx.now);
  json::JsonPtr body(json_object());
  json_object_set_new(body.get(), "FEATURE_DISPLAY_STATS_ON_LANDING",
                      json_boolean(config.feature_display_stats_on_landing));
  json_object_set_new(body.get(), "FEATURE_RESERVATIONS",
                      json_boolean(config.feature_reservations));
  json_object_set_new(body.get(), "FEATURE_STATS_PAGE", json_boolean(config.feature_stats_page));
  json_object_set_new(body.get(), "version", json_string(kVersion));
  json_object_set_new(body.get(), "OVHEmulator", json_boolean(app_.uses_ovh_emulator()));
  json_object_set_new(body.get(), "OVHStatus", json_boolean(ovh));
  json_object_set_new(body.get(), "DBStatus", json_boolean(db));
  bool proconnect = true;
  if (std::optional<bool> answered = proconnect_.ok(ctx.now)) {
    proconnect = *answered;
    json_object_set_new(body.get(), "ProConnectStatus", json_boolean(proconnect));
  }
  bool up = db && ovh && proconnect;
  json_object_set_new(body.get(), "status", json_boolean(up));
  web::Response response = web::Response::json(up ? 200 : 500, json::dump(body.get()));
  return response;
}

}  // namespace audioconf::status
