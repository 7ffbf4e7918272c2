#include "common/domain/booking_choices.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace audioconf::domain {

namespace {

constexpr std::array<int, 5> kOfferedDurations = {60, 120, 240, 720, 1440};

// French keeps the singular for 0 and 1 ("0 minute", "1 heure").
std::string count_with_unit(int count, const char* unit) {
  std::string out = std::to_string(count);
  out += ' ';
  out += unit;
  if (count > 1 || count < -1) out += 's';
  return out;
}

}  // namespace

std::vector<Choice> duration_choices(int max_duration_minutes) {
  std::vector<Choice> choices;
  for (int minutes : kOfferedDurations) {
    if (minutes <= max_duration_minutes) {
      choices.push_back(Choice{std::to_string(minutes), duration_label(minutes)});
    }
  }
  return choices;
}

std::string duration_label(int minutes) {
  if (minutes < 0) return std::to_string(minutes) + " minutes";
  if (minutes < 60) return count_with_unit(minutes, "minute");
  const int hours = minutes / 60;
  const int rest = minutes % 60;
  std::string out = count_with_unit(hours, "heure");
  if (rest != 0) {
    out += ' ';
    if (rest < 10) out += '0';
    out += std::to_string(rest);
  }
  return out;
}

std::vector<Choice> day_choices(CivilDate today, int num_days) {
  const int count = std::max(num_days, 1);
  std::vector<Choice> choices;
  choices.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const CivilDate day = add_days(today, i);
    std::string label = i == 0 ? "Aujourd'hui" : i == 1 ? "Demain" : french_long_date(day);
    choices.push_back(Choice{to_iso(day), std::move(label)});
  }
  return choices;
}

ChoiceCheck check_duration(std::optional<std::string_view> raw, int max_duration_minutes) {
  if (!raw || raw->empty()) return ChoiceCheck::kMissing;
  for (const Choice& choice : duration_choices(max_duration_minutes)) {
    if (choice.value == *raw) return ChoiceCheck::kValid;
  }
  return ChoiceCheck::kOutOfRange;
}

ChoiceCheck check_day(std::optional<std::string_view> raw, CivilDate today, int num_days) {
  if (!raw || raw->empty()) return ChoiceCheck::kMissing;
  const std::optional<CivilDate> day = parse_iso_date(*raw);
  if (!day) return ChoiceCheck::kOutOfRange;
  const CivilDate last = add_days(today, std::max(num_days, 1) - 1);
  return *day >= today && *day <= last ? ChoiceCheck::kValid : ChoiceCheck::kOutOfRange;
}

OffsetCheck check_timezone_offset(std::optional<std::string_view> raw) {
  if (!raw || raw->empty()) return {ChoiceCheck::kMissing, std::nullopt};
  std::string_view digits = *raw;
  bool negative = false;
  if (digits.front() == '-' || digits.front() == '+') {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  // Four digits are enough for any real offset and keep the arithmetic far from overflow.
  if (digits.empty() || digits.size() > 4) return {ChoiceCheck::kOutOfRange, std::nullopt};
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return {ChoiceCheck::kOutOfRange, std::nullopt};
    value = value * 10 + (c - '0');
  }
  if (negative) value = -value;
  if (value < kMinTimezoneOffsetMinutes || value > kMaxTimezoneOffsetMinutes) {
    return {ChoiceCheck::kOutOfRange, std::nullopt};
  }
  return {ChoiceCheck::kValid, value};
}

bool looks_like_iana_zone(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  if (name.front() == '/' || name.back() == '/') return false;
  if (name.find("//") != std::string_view::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

}  // namespace audioconf::domain
