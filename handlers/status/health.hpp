// GET /api/status: JSON health for ops. The OVH check is cached (OVH allows ~60 calls/min per
// key); the database is checked on every call with short timeouts.
#pragma once

#include <optional>

#include "common/pg/schema_store.hpp"
#include "common/web/app.hpp"
#include "status/proconnect_probe.hpp"

namespace audioconf::status {

class Health {
 public:
  explicit Health(web::App& app);
  [[nodiscard]] web::Response render(web::Context& ctx);

 private:
  [[nodiscard]] bool database_ok();
  [[nodiscard]] bool ovh_ok(TimePoint now);

  web::App& app_;
  pg::SchemaStore schema_;
  // Its own client with short timeouts and no retry: a probe must answer within seconds.
  ovh::OvhClient probe_client_;
  ProConnectProbe proconnect_;  ///< proconnect_probe.hpp: discovery answers (when on)
  std::optional<bool> ovh_cached_;
  TimePoint ovh_checked_at_{};
};

}  // namespace audioconf::status
