// Date strings on the OVH wire: what we send (UTC, milliseconds, 'Z') and what we accept (RFC
// 3339).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/ports/clock.hpp"

namespace audioconf::ovh {

/// "2021-06-21T21:59:59.000Z": JavaScript's toISOString(), which the original service sent.
/// Sub-millisecond precision is dropped (rounded toward the past).
[[nodiscard]] std::string format_iso_millis(TimePoint at);

/// Parses an RFC 3339 date-time: "YYYY-MM-DDTHH:MM:SS", optional fraction (any number of digits,
/// kept to the microsecond), then 'Z' or "+hh:mm"/"-hh:mm". 't'/'z' are accepted too.
/// Returns nullopt for anything else, including impossible dates (2021-02-30) or times.
[[nodiscard]] std::optional<TimePoint> parse_rfc3339(std::string_view text);

}  // namespace audioconf::ovh
