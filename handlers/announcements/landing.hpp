// The landing page: announcements, flash messages, the booking form (duration or day mode) and
// the live statistics line.
#pragma once

#include <optional>
#include <string>

#include <chrono>
#include <vector>

#include "common/civil/zone.hpp"
#include "common/domain/calendar.hpp"
#include "common/pg/stats_store.hpp"
#include "common/render/templates.hpp"
#include "common/web/app.hpp"

namespace audioconf::announcements {

/// What the landing page shows, from the configuration (announcements/main.cpp fills it).
struct LandingSettings {
  std::vector<std::string> announcements;  ///< ANNOUNCEMENTS, ops' HTML, validated at start-up
  bool day_mode = false;                   ///< FEATURE_RESERVATIONS
  int conference_max_duration_minutes = 0;
  int reserve_num_days_ahead = 0;
  bool stats_line = false;  ///< FEATURE_DISPLAY_STATS_ON_LANDING
  std::chrono::seconds stats_cache{0};
  bool email_method = true;        ///< AUTH_METHODS has email: the address field
  bool proconnect_method = false;  ///< AUTH_METHODS has proconnect: the ProConnect button
};

class LandingPage {
 public:
  /// `zone`: the server zone (TZ), whose "today" starts the day choices.
  LandingPage(LandingSettings settings, const render::TemplateSet& templates, pg::StatsStore& stats,
              const civil::Zone& zone);
  [[nodiscard]] web::Response render(web::Context& ctx);

 private:
  /// The sentence about people online, or empty (feature off, no fresh point, database down).
  [[nodiscard]] std::string stats_sentence(TimePoint now);

  /// The <option>s of the day select: they change at midnight (server zone).
  const std::string& day_options(TimePoint now);

  const LandingSettings settings_;
  const render::TemplateSet& templates_;
  pg::StatsStore& stats_;
  const civil::Zone& zone_;
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
