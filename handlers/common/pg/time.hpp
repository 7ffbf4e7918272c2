// Time points cross the SQL boundary as Unix seconds: written with microseconds
// (to_timestamp of "seconds.micros" text, exact), read back as whole seconds
// (extract(epoch)::bigint).
#pragma once

#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string>

#include "common/ports/clock.hpp"

namespace audioconf::pg {

/// "1800000000.123456": text, because libpqxx would format a double through an iostream with
/// locale handling on every parameter of every statement; PostgreSQL reads it as a double.
[[nodiscard]] inline std::string to_epoch(TimePoint at) {
  std::int64_t micros =
      std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
  // Sign and magnitude: "-0.500000" is half a second before the epoch.
  bool before_epoch = micros < 0;
  auto magnitude = static_cast<std::uint64_t>(before_epoch ? -micros : micros);
  char text[32];
  std::snprintf(text, sizeof text, "%s%" PRIu64 ".%06" PRIu64, before_epoch ? "-" : "",
                magnitude / 1'000'000, magnitude % 1'000'000);
  return text;
}

[[nodiscard]] inline TimePoint from_epoch(std::int64_t seconds) {
  return TimePoint(std::chrono::seconds(seconds));
}

}  // namespace audioconf::pg
