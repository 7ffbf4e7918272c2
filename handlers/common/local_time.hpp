// Server-zone civil time (TZ, applied to the process at start-up): "today" for the day window
// and the date labels. GCC 12 has no chrono time zones, so this goes through localtime_r.
#pragma once

#include <string>

#include "common/domain/calendar.hpp"
#include "common/ports/clock.hpp"

namespace audioconf {

/// Makes `zone` the process time zone (setenv TZ + tzset). Called once at start-up.
void use_process_time_zone(const std::string& zone);
[[nodiscard]] domain::CivilDate local_date(TimePoint at);
[[nodiscard]] domain::LocalDateTime local_date_time(TimePoint at);
/// Parses "YYYY-MM-DD HH:MM:SS" (what the database formats in a zone).
[[nodiscard]] domain::LocalDateTime parse_local_date_time(const std::string& text);
/// "heure de Paris" for Europe/Paris, else "heure de <City>" from the IANA name.
[[nodiscard]] std::string zone_label(const std::string& zone);

}  // namespace audioconf
