// GET /stats: the latest points as line charts (static/js/stats.js reads them from a data-
// attribute: no inline script) and as a table that needs no JavaScript.
#pragma once

#include "common/pg/stats_store.hpp"
#include "common/web/app.hpp"

namespace audioconf::stats {

/// At most one day of minutes.
constexpr int kMaxPoints = 1440;

class StatsPage {
 public:
  explicit StatsPage(web::App& app);
  [[nodiscard]] web::Response render(web::Context& ctx);

 private:
  pg::StatsStore store_;
};

/// `stats --collect`: one point for the current minute, as cron (or a systemd timer) runs it.
/// Returns the process exit status (0: inserted, already there or disabled; 1: failure).
[[nodiscard]] int collect_once();

}  // namespace audioconf::stats
