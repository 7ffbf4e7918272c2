// GET /stats: the latest points as line charts (static/js/stats.js reads them from a data-
// attribute: no inline script) and as a table that needs no JavaScript.
#pragma once

#include "common/civil/zone.hpp"
#include "common/pg/stats_store.hpp"
#include "common/web/app.hpp"

namespace audioconf::stats {

/// At most one day of minutes.
constexpr int kMaxPoints = 1440;

class StatsPage {
 public:
  /// `enabled`: FEATURE_STATS_PAGE (otherwise the page does not exist: 404). `zone`: the server
  /// zone (TZ), in which the points' times are shown.
  StatsPage(bool enabled, pg::StatsStore& store, const civil::Zone& zone);
  [[nodiscard]] web::Response render(web::Context& ctx);

 private:
  const bool enabled_;
  pg::StatsStore& store_;
  const civil::Zone& zone_;
};

}  // namespace audioconf::stats
