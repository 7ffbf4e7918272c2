// When a conference expires (SPEC §2 /creer-conf step 2) and whether that is far enough ahead.
#pragma once

#include <chrono>
#include <string>

#include "common/domain/calendar.hpp"

namespace audioconf::domain {

/// Day mode with a browser offset (getTimezoneOffset(): UTC minus local, minutes): UTC
/// 23:59:59 of `day` plus the offset. 2020-02-04 with -240 → 2020-02-04T19:59:59Z; with 180 →
/// 2020-02-05T02:59:59Z. (With an IANA zone name civil::Zone::day_end does it instead.)
[[nodiscard]] std::chrono::sys_seconds day_end_with_offset(CivilDate day, int offset_minutes);

/// Duration mode: now + duration_minutes.
[[nodiscard]] std::chrono::sys_seconds duration_end(std::chrono::sys_seconds now,
                                                    int duration_minutes);

/// An expiry closer than this is refused (a day already over, a link used too late).
inline constexpr std::chrono::minutes kMinimumRemaining{5};

/// expires_at >= now + kMinimumRemaining.
[[nodiscard]] bool is_far_enough(std::chrono::sys_seconds expires_at, std::chrono::sys_seconds now);

/// "2020-02-04T19:59:59Z".
[[nodiscard]] std::string to_iso_utc(std::chrono::sys_seconds at);

}  // namespace audioconf::domain
