// GET /api/status: JSON health for ops. The OVH check is cached (OVH allows ~60 calls/min per
// key); the database is checked on every call with short timeouts.
#pragma once

#include <chrono>
#include <optional>

#include "common/pg/schema_store.hpp"
#include "common/ports/telephony.hpp"
#include "common/web/app.hpp"
#include "status/proconnect_probe.hpp"

namespace audioconf::status {

/// What the status reports besides its checks (from the configuration; status/main.cpp fills it).
struct HealthSettings {
  bool feature_display_stats_on_landing = false;
  bool feature_reservations = false;
  bool feature_stats_page = false;
  bool uses_ovh_emulator = false;
  /// How long one OVH check answers for (STATUS_OVH_CACHE_SECONDS).
  std::chrono::seconds ovh_cache{0};
};

class Health {
 public:
  /// `ovh_probe`: an OVH client with short timeouts and no retry (ovh_probe_settings_for), so the
  /// status answers within seconds when OVH hangs.
  /// `proconnect`: the ProConnect discovery check (reports nothing while ProConnect is off).
  Health(HealthSettings settings, pg::SchemaStore& schema, Telephony& ovh_probe,
         ProConnectProbe& proconnect);
  [[nodiscard]] web::Response render(web::Context& ctx);

 private:
  [[nodiscard]] bool database_ok();
  [[nodiscard]] bool ovh_ok(TimePoint now);

  const HealthSettings settings_;
  pg::SchemaStore& schema_;
  Telephony& ovh_probe_;
  ProConnectProbe& proconnect_;
  std::optional<bool> ovh_cached_;
  TimePoint ovh_checked_at_{};
};

}  // namespace audioconf::status
