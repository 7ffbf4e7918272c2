// Time points cross the SQL boundary as whole Unix seconds (to_timestamp / extract(epoch)).
#pragma once

#include <chrono>
#include <cstdint>

#include "common/ports/clock.hpp"

namespace audioconf::pg {

[[nodiscard]] inline std::int64_t to_epoch(TimePoint at) {
  return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

[[nodiscard]] inline TimePoint from_epoch(std::int64_t seconds) {
  return TimePoint(std::chrono::seconds(seconds));
}

}  // namespace audioconf::pg
