// The choices offered by the booking form (duration or day) and the checks of what came back.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/domain/calendar.hpp"

namespace audioconf::domain {

/// One <option>: the submitted value and its French label.
struct Choice {
  std::string value;
  std::string label;
};

inline constexpr int kDefaultDurationMinutes = 120;

/// Duration mode: 60, 120, 240, 720, 1440 minutes, each kept if <= max_duration_minutes
/// (CONFERENCE_MAX_DURATION_IN_MINUTES), labelled "1 heure", "2 heures", "4 heures",
/// "12 heures", "24 heures"; values are the decimal minutes ("120").
[[nodiscard]] std::vector<Choice> duration_choices(int max_duration_minutes);

/// French wording of any duration: whole hours "1 heure" / "3 heures"; under an hour
/// "1 minute" / "45 minutes" (0 → "0 minute", French singular); otherwise hours then
/// two-digit minutes, "1 heure 30", "2 heures 05". Negative values: "-5 minutes".
[[nodiscard]] std::string duration_label(int minutes);

/// Day mode: num_days choices in all (RESERVE_NUM_DAYS_AHEAD; values below 1 count as 1):
/// "Aujourd'hui", "Demain", then french_long_date of the following days; values are ISO dates.
[[nodiscard]] std::vector<Choice> day_choices(CivilDate today, int num_days);

enum class ChoiceCheck { kValid, kMissing, kOutOfRange };

/// nullopt or "" → kMissing; exactly one of duration_choices(max)'s values → kValid; anything
/// else (other numbers, "0120", " 120", above the maximum) → kOutOfRange.
[[nodiscard]] ChoiceCheck check_duration(std::optional<std::string_view> raw,
                                         int max_duration_minutes);

/// nullopt or "" → kMissing; an ISO date within today … today + num_days - 1 → kValid;
/// malformed, in the past or beyond the window → kOutOfRange.
[[nodiscard]] ChoiceCheck check_day(std::optional<std::string_view> raw, CivilDate today,
                                    int num_days);

inline constexpr int kMinTimezoneOffsetMinutes = -840;  // UTC+14 (Kiribati)
inline constexpr int kMaxTimezoneOffsetMinutes = 720;   // UTC-12

/// userTimezoneOffset (JavaScript getTimezoneOffset(): UTC minus local, in minutes).
/// {kMissing, nullopt}: absent or empty, i.e. "not given" (NOT an error: fall back to the zone
/// name or the server zone). {kValid, minutes}: an optional '-' or '+' then 1..4 ASCII digits,
/// within -840..720. {kOutOfRange, nullopt}: anything else.
struct OffsetCheck {
  ChoiceCheck check;
  std::optional<int> minutes;
};
[[nodiscard]] OffsetCheck check_timezone_offset(std::optional<std::string_view> raw);

/// Sanity check of an IANA zone name from the browser before it reaches the database (which
/// decides whether it exists): 1..64 characters among letters, digits, '/', '_', '-', '+';
/// no leading or trailing '/', no "//" (and no '.', hence no "..").
[[nodiscard]] bool looks_like_iana_zone(std::string_view name);

}  // namespace audioconf::domain
