// Civil time in IANA zones (SPEC §7 "Time"): "today" and the day window in the server zone, the
// end of a booked day in the agent's zone, local times for pages and emails, French zone labels.
// Backed by Howard Hinnant's date/tz on the system zone database (/usr/share/zoneinfo), so
// daylight saving follows the same rules as the rest of the machine, with no database round trip
// and no process-wide TZ.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/domain/calendar.hpp"
#include "common/ports/clock.hpp"

namespace date {
class time_zone;
}

namespace audioconf::civil {

class Zone {
 public:
  /// The zone named `name` in the system zone database; nullopt when it has no such zone (an
  /// unknown name is an ordinary answer here, not an error).
  [[nodiscard]] static std::optional<Zone> find(std::string_view name);

  [[nodiscard]] const std::string& name() const { return name_; }
  /// Wall-clock date and time of `at` in this zone.
  [[nodiscard]] domain::LocalDateTime local(TimePoint at) const;
  /// The date of `at` in this zone.
  [[nodiscard]] domain::CivilDate date_of(TimePoint at) const;
  /// 23:59:59 wall-clock time on `day` in this zone, as an instant (daylight saving applied).
  [[nodiscard]] std::chrono::sys_seconds day_end(domain::CivilDate day) const;
  /// "heure de Paris" for Europe/Paris, "heure UTC" for UTC, else "heure de <City>".
  [[nodiscard]] std::string label() const;

 private:
  Zone(const date::time_zone* zone, std::string name) : zone_(zone), name_(std::move(name)) {}
  const date::time_zone* zone_;
  std::string name_;
};

}  // namespace audioconf::civil
