#include "common/domain/calendar.hpp"

#include <array>

namespace audioconf::domain {

namespace {

constexpr std::array<const char*, 7> kFrenchWeekdays = {"dimanche", "lundi",    "mardi", "mercredi",
                                                        "jeudi",    "vendredi", "samedi"};
constexpr std::array<const char*, 12> kFrenchMonths = {
    "janvier", "février", "mars",      "avril",   "mai",      "juin",
    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// Reads exactly `count` ASCII digits at `pos`; -1 if any is not a digit.
int read_digits(std::string_view text, std::size_t pos, std::size_t count) {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

void append_padded(std::string& out, int value, std::size_t width) {
  std::string digits = std::to_string(value);
  if (digits.size() < width) out.append(width - digits.size(), '0');
  out += digits;
}

}  // namespace

bool is_valid_date(CivilDate date) {
  if (date.month < 1 || date.month > 12) return false;
  return date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

std::optional<CivilDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const CivilDate date{read_digits(text, 0, 4), read_digits(text, 5, 2), read_digits(text, 8, 2)};
  if (date.year < 1970 || date.year > 9999 || !is_valid_date(date)) return std::nullopt;
  return date;
}

std::string to_iso(CivilDate date) {
  std::string out;
  out.reserve(10);
  append_padded(out, date.year, 4);
  out += '-';
  append_padded(out, date.month, 2);
  out += '-';
  append_padded(out, date.day, 2);
  return out;
}

// days_from_civil / civil_from_days: Howard Hinnant's public-domain algorithms
// (http://howardhinnant.github.io/date_algorithms.html), eras of 400 years.
std::int64_t days_from_civil(CivilDate date) {
  const std::int64_t y = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                          // [0, 399]
  const std::int64_t mp = (date.month + 9) % 12;                   // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;      // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;                             // [1, 31]
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;                                // [1, 12]
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

CivilDate add_days(CivilDate date, int days) {
  return civil_from_days(days_from_civil(date) + days);
}

int weekday(CivilDate date) {
  // 1970-01-01 was a Thursday (4).
  const std::int64_t w = (days_from_civil(date) + 4) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

std::string french_long_date(CivilDate date) {
  // Dates come from our own code, but a bad one must not index past the tables.
  if (!is_valid_date(date)) return to_iso(date);
  std::string out = kFrenchWeekdays[static_cast<std::size_t>(weekday(date))];
  out += ' ';
  out += date.day == 1 ? std::string("1er") : std::to_string(date.day);
  out += ' ';
  out += kFrenchMonths[static_cast<std::size_t>(date.month - 1)];
  out += ' ';
  out += std::to_string(date.year);
  return out;
}

std::string french_date_time(const LocalDateTime& at) {
  std::string out = french_long_date(at.date);
  out += " à ";
  out += std::to_string(at.hour);
  out += 'h';
  append_padded(out, at.minute, 2);
  return out;
}

}  // namespace audioconf::domain
