#include "common/civil/zone.hpp"

#include <date/tz.h>

#include <algorithm>

namespace audioconf::civil {
namespace {

domain::CivilDate civil_of(date::year_month_day ymd) {
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

date::local_days local_days_of(domain::CivilDate day) {
  return date::local_days{date::year{day.year} / date::month{static_cast<unsigned>(day.month)} /
                          date::day{static_cast<unsigned>(day.day)}};
}

}  // namespace

std::optional<Zone> Zone::find(std::string_view name) {
  // The database's zones are sorted by name; a binary search answers "unknown" without the
  // exception locate_zone() would throw.
  const date::tzdb& db = date::get_tzdb();
  auto found = std::lower_bound(
      db.zones.begin(), db.zones.end(), name,
      [](const date::time_zone& zone, std::string_view wanted) { return zone.name() < wanted; });
  if (found == db.zones.end() || found->name() != name) return std::nullopt;
  return Zone(&*found, std::string(name));
}

domain::LocalDateTime Zone::local(TimePoint at) const {
  auto local = zone_->to_local(std::chrono::time_point_cast<std::chrono::seconds>(at));
  auto day = date::floor<date::days>(local);
  date::hh_mm_ss time{local - day};
  return {civil_of(date::year_month_day{day}), static_cast<int>(time.hours().count()),
          static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count())};
}

domain::CivilDate Zone::date_of(TimePoint at) const { return local(at).date; }

std::chrono::sys_seconds Zone::day_end(domain::CivilDate day) const {
  date::local_seconds end = local_days_of(day) + std::chrono::hours(23) + std::chrono::minutes(59) +
                            std::chrono::seconds(59);
  // A wall-clock time that happens twice (clocks going back) ends at the later instant; one that
  // never happens (clocks going forward) at the change itself.
  return zone_->to_sys(end, date::choose::latest);
}

std::string Zone::label() const {
  if (name_ == "Europe/Paris") return "heure de Paris";
  std::string city = name_.substr(name_.rfind('/') + 1);
  std::replace(city.begin(), city.end(), '_', ' ');
  if (city.empty() || name_ == "UTC" || name_ == "Etc/UTC") return "heure UTC";
  return "heure de " + city;
}

}  // namespace audioconf::civil
