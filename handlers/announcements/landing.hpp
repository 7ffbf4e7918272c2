// The landing page: announcements, flash messages, the booking form (duration or day mode) and
// the live statistics line.
#pragma once

#include <optional>
#include <string>

#include "common/domain/calendar.hpp"
#include "common/pg/stats_store.hpp"
#include "common/web/app.hpp"

namespace audioconf::announcements {

class LandingPage {
 public:
  explicit LandingPage(web::App& app);
  [[nodiscard]] web::Response render(web::Context& ctx);

 private:
  /// The sentence about people online, or empty (feature off, no fresh point, database down).
  [[nodiscard]] std::string stats_sentence(TimePoint now, std::chrono::seconds cache_ttl);

  /// The <option>s of the day select: they change at midnight (server zone).
  const std::string& day_options(web::Context& ctx);

  pg::StatsStore stats_;
  // The options are the same for every visitor: rendered once (per day), not per view (they
  // were a sixth of the page's cost through ctemplate dictionaries). Duration mode: at start-up.
  std::string duration_options_;
  std::string day_options_;
  domain::CivilDate day_options_date_{};
  // The latest point is cached a few seconds per worker: the line must not cost a query per view.
  std::optional<pg::StatsPoint> cached_point_;
  TimePoint cached_at_{};
  bool cache_valid_ = false;
};

}  // namespace audioconf::announcements
