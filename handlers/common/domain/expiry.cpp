#include "common/domain/expiry.hpp"

#include <cstdint>

namespace audioconf::domain {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

void append_two_digits(std::string& out, std::int64_t value) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

}  // namespace

std::chrono::sys_seconds day_end_with_offset(CivilDate day, int offset_minutes) {
  const std::chrono::sys_seconds midnight{
      std::chrono::seconds{days_from_civil(day) * kSecondsPerDay}};
  return midnight + std::chrono::hours{23} + std::chrono::minutes{59} + std::chrono::seconds{59} +
         std::chrono::minutes{offset_minutes};
}

std::chrono::sys_seconds duration_end(std::chrono::sys_seconds now, int duration_minutes) {
  return now + std::chrono::minutes{duration_minutes};
}

bool is_far_enough(std::chrono::sys_seconds expires_at, std::chrono::sys_seconds now) {
  return expires_at >= now + kMinimumRemaining;
}

std::string to_iso_utc(std::chrono::sys_seconds at) {
  const std::int64_t total = at.time_since_epoch().count();
  // Floor division so instants before 1970 still land on the right day.
  std::int64_t days = total / kSecondsPerDay;
  std::int64_t second_of_day = total % kSecondsPerDay;
  if (second_of_day < 0) {
    second_of_day += kSecondsPerDay;
    --days;
  }
  std::string out = to_iso(civil_from_days(days));
  out += 'T';
  append_two_digits(out, second_of_day / 3600);
  out += ':';
  append_two_digits(out, second_of_day / 60 % 60);
  out += ':';
  append_two_digits(out, second_of_day % 60);
  out += 'Z';
  return out;
}

}  // namespace audioconf::domain
