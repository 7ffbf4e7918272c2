#include "common/local_time.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace audioconf {

void use_process_time_zone(const std::string& zone) {
  setenv("TZ", zone.c_str(), 1);
  tzset();
}

domain::LocalDateTime local_date_time(TimePoint at) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  std::tm local{};
  localtime_r(&seconds, &local);
  return domain::LocalDateTime{{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday},
                               local.tm_hour, local.tm_min, local.tm_sec};
}

domain::CivilDate local_date(TimePoint at) { return local_date_time(at).date; }

domain::LocalDateTime parse_local_date_time(const std::string& text) {
  domain::LocalDateTime value{{1970, 1, 1}, 0, 0, 0};
  std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &value.date.year, &value.date.month,
              &value.date.day, &value.hour, &value.minute, &value.second);
  return value;
}

std::string zone_label(const std::string& zone) {
  if (zone == "Europe/Paris") return "heure de Paris";
  std::string city = zone.substr(zone.rfind('/') + 1);
  for (char& c : city) {
    if (c == '_') c = ' ';
  }
  if (city.empty() || zone == "UTC" || zone == "Etc/UTC") return "heure UTC";
  return "heure de " + city;
}

}  // namespace audioconf
