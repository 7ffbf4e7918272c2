// Civil (proleptic Gregorian) dates without time zones, and French date wording from our own
// tables.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace audioconf::domain {

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
  auto operator<=>(const CivilDate&) const = default;
};

/// Exactly "YYYY-MM-DD" (ASCII digits, no sign, no spaces) naming a real calendar date with a
/// year in 1970..9999; anything else (e.g. "2026-02-30", "2026-2-3") gives nullopt.
[[nodiscard]] std::optional<CivilDate> parse_iso_date(std::string_view text);

/// "YYYY-MM-DD" (years below 1000 zero-padded to 4 digits).
[[nodiscard]] std::string to_iso(CivilDate date);

/// The date `days` later (earlier when negative), across months and years.
[[nodiscard]] CivilDate add_days(CivilDate date, int days);

/// 0 = Sunday … 6 = Saturday.
[[nodiscard]] int weekday(CivilDate date);

/// Days since 1970-01-01 (negative before). Expects a valid date.
[[nodiscard]] std::int64_t days_from_civil(CivilDate date);

/// Inverse of days_from_civil.
[[nodiscard]] CivilDate civil_from_days(std::int64_t days);

/// True when year/month/day name a real date (any year).
[[nodiscard]] bool is_valid_date(CivilDate date);

/// French long date built from our own tables (no French locale on the machines):
/// "jeudi 26 novembre 2026", first day of a month "dimanche 1er novembre 2026".
/// An invalid date falls back to to_iso(date) rather than reading past the tables.
[[nodiscard]] std::string french_long_date(CivilDate date);

struct LocalDateTime {
  CivilDate date;
  int hour;
  int minute;
  int second;
};

/// "jeudi 26 novembre 2026 à 14h05": hour unpadded, minutes on two digits, seconds dropped.
[[nodiscard]] std::string french_date_time(const LocalDateTime& at);

}  // namespace audioconf::domain
