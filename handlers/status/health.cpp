#include "status/health.hpp"

#include "common/json.hpp"
#include "common/log.hpp"
#include "common/version.hpp"

namespace audioconf::status {

Health::Health(HealthSettings settings, pg::SchemaStore& schema, Telephony& ovh_probe,
               ProConnectProbe& proconnect)
    : settings_(settings), schema_(schema), ovh_probe_(ovh_probe), proconnect_(proconnect) {}

bool Health::database_ok() {
  try {
    return schema_.has_migration(kLatestMigration);
  } catch (const std::exception& error) {
    log::warning(std::string("status: database check failed: ") + error.what());
    return false;
  }
}

bool Health::ovh_ok(TimePoint now) {
  if (ovh_cached_ && now - ovh_checked_at_ < settings_.ovh_cache) {
    return *ovh_cached_;
  }
  bool ok = false;
  try {
    (void)ovh_probe_.rooms_stats();
    ok = true;
  } catch (const std::exception& error) {
    log::warning(std::string("status: OVH check failed: ") + error.what());
  }
  ovh_cached_ = ok;
  ovh_checked_at_ = now;
  return ok;
}

web::Response Health::render(web::Context& ctx) {
  bool db = database_ok();
  bool ovh = ovh_ok(ctx.now);
  json::JsonPtr body(json_object());
  json_object_set_new(body.get(), "FEATURE_DISPLAY_STATS_ON_LANDING",
                      json_boolean(settings_.feature_display_stats_on_landing));
  json_object_set_new(body.get(), "FEATURE_RESERVATIONS",
                      json_boolean(settings_.feature_reservations));
  json_object_set_new(body.get(), "FEATURE_STATS_PAGE", json_boolean(settings_.feature_stats_page));
  json_object_set_new(body.get(), "version", json_string(kVersion));
  json_object_set_new(body.get(), "OVHEmulator", json_boolean(settings_.uses_ovh_emulator));
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
