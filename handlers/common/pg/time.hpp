// Time points cross the SQL boundary as Unix seconds: written with microseconds
// (to_timestamp of a double), read back as whole seconds (extract(epoch)::bigint).
#pragma once

#include <chrono>
#include <cstdint>

#include "common/ports/clock.hpp"

namespace audioconf::pg {

[[nodiscard]] inline double to_epoch(TimePoint at) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
  return static_cast<double>(micros) / 1e6;
}

[[nodiscard]] inline TimePoint from_epoch(std::int64_t seconds) {
  return TimePoint(std::chrono::seconds(seconds));
}

}  // namespace audioconf::pg
