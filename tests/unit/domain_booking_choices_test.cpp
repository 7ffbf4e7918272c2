// Unit tests for common/domain/booking_choices: offered options and checks of submitted values.
#include "common/domain/booking_choices.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace audioconf::domain {
namespace {

std::vector<std::string> values_of(const std::vector<Choice>& choices) {
  std::vector<std::string> values;
  for (const auto& c : choices) values.push_back(c.value);
  return values;
}

std::vector<std::string> labels_of(const std::vector<Choice>& choices) {
  std::vector<std::string> labels;
  for (const auto& c : choices) labels.push_back(c.label);
  return labels;
}

TEST(DurationChoices, OffersAllDurationsUnderTheDefaultMaximum) {
  const auto choices = duration_choices(1440);
  EXPECT_EQ(values_of(choices), (std::vector<std::string>{"60", "120", "240", "720", "1440"}));
  EXPECT_EQ(labels_of(choices), (std::vector<std::string>{"1 heure", "2 heures", "4 heures",
                                                          "12 heures", "24 heures"}));
}

TEST(DurationChoices, DropsDurationsAboveTheMaximum) {
  EXPECT_EQ(values_of(duration_choices(720)),
            (std::vector<std::string>{"60", "120", "240", "720"}));
  EXPECT_EQ(values_of(duration_choices(719)), (std::vector<std::string>{"60", "120", "240"}));
  EXPECT_EQ(values_of(duration_choices(60)), (std::vector<std::string>{"60"}));
  EXPECT_TRUE(duration_choices(59).empty());
  EXPECT_TRUE(duration_choices(0).empty());
  EXPECT_EQ(values_of(duration_choices(100'000)).size(), 5u);
}

TEST(DurationChoices, DefaultDurationIsOffered) {
  EXPECT_EQ(check_duration(std::to_string(kDefaultDurationMinutes), 1440), ChoiceCheck::kValid);
}

TEST(DurationLabel, WordsAnyDurationInFrench) {
  const std::vector<std::pair<int, std::string>> cases = {
      {0, "0 minute"},      {1, "1 minute"},     {45, "45 minutes"},  {59, "59 minutes"},
      {60, "1 heure"},      {61, "1 heure 01"},  {90, "1 heure 30"},  {120, "2 heures"},
      {125, "2 heures 05"}, {1440, "24 heures"}, {1500, "25 heures"}, {-5, "-5 minutes"},
  };
  for (const auto& [minutes, label] : cases) {
    EXPECT_EQ(duration_label(minutes), label) << minutes;
  }
}

TEST(DayChoices, StartsWithTodayAndTomorrowThenFrenchDates) {
  const auto choices = day_choices({2026, 11, 26}, 4);
  ASSERT_EQ(choices.size(), 4u);
  EXPECT_EQ(values_of(choices),
            (std::vector<std::string>{"2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"}));
  EXPECT_EQ(labels_of(choices),
            (std::vector<std::string>{"Aujourd'hui", "Demain", "samedi 28 novembre 2026",
                                      "dimanche 29 novembre 2026"}));
}

TEST(DayChoices, RollsOverMonthAndYearWithPremier) {
  const auto choices = day_choices({2026, 12, 30}, 14);
  ASSERT_EQ(choices.size(), 14u);
  EXPECT_EQ(choices[0].value, "2026-12-30");
  EXPECT_EQ(choices[1].value, "2026-12-31");
  EXPECT_EQ(choices[2].value, "2027-01-01");
  EXPECT_EQ(choices[2].label, "vendredi 1er janvier 2027");
  EXPECT_EQ(choices[13].value, "2027-01-12");
  EXPECT_EQ(choices[13].label, "mardi 12 janvier 2027");
}

TEST(DayChoices, CrossesLeapDay) {
  const auto choices = day_choices({2028, 2, 27}, 4);
  EXPECT_EQ(values_of(choices),
            (std::vector<std::string>{"2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"}));
  EXPECT_EQ(choices[3].label, "mercredi 1er mars 2028");
}

TEST(DayChoices, OffersAtLeastToday) {
  EXPECT_EQ(labels_of(day_choices({2026, 1, 1}, 1)), (std::vector<std::string>{"Aujourd'hui"}));
  EXPECT_EQ(labels_of(day_choices({2026, 1, 1}, 0)), (std::vector<std::string>{"Aujourd'hui"}));
  EXPECT_EQ(labels_of(day_choices({2026, 1, 1}, -3)), (std::vector<std::string>{"Aujourd'hui"}));
  EXPECT_EQ(labels_of(day_choices({2026, 1, 1}, 2)),
            (std::vector<std::string>{"Aujourd'hui", "Demain"}));
}

struct RawCheck {
  std::optional<std::string> raw;
  ChoiceCheck expected;
};

std::optional<std::string_view> view(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

TEST(CheckDuration, AcceptsOnlyOfferedValues) {
  const std::vector<RawCheck> cases = {
      {std::nullopt, ChoiceCheck::kMissing}, {"", ChoiceCheck::kMissing},
      {"60", ChoiceCheck::kValid},           {"120", ChoiceCheck::kValid},
      {"240", ChoiceCheck::kValid},          {"720", ChoiceCheck::kValid},
      {"1440", ChoiceCheck::kValid},         {"90", ChoiceCheck::kOutOfRange},
      {"0", ChoiceCheck::kOutOfRange},       {"-60", ChoiceCheck::kOutOfRange},
      {"0120", ChoiceCheck::kOutOfRange},    {" 120", ChoiceCheck::kOutOfRange},
      {"120 ", ChoiceCheck::kOutOfRange},    {"+120", ChoiceCheck::kOutOfRange},
      {"120.0", ChoiceCheck::kOutOfRange},   {"abc", ChoiceCheck::kOutOfRange},
      {"2880", ChoiceCheck::kOutOfRange},    {"99999999999999999999", ChoiceCheck::kOutOfRange},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(check_duration(view(c.raw), 1440), c.expected) << c.raw.value_or("<absent>");
  }
}

TEST(CheckDuration, RefusesOfferedValuesAboveTheConfiguredMaximum) {
  EXPECT_EQ(check_duration("240", 240), ChoiceCheck::kValid);
  EXPECT_EQ(check_duration("720", 240), ChoiceCheck::kOutOfRange);
  EXPECT_EQ(check_duration("1440", 720), ChoiceCheck::kOutOfRange);
  EXPECT_EQ(check_duration("60", 30), ChoiceCheck::kOutOfRange);
}

TEST(CheckDay, AcceptsTheWindowOnly) {
  const CivilDate today{2026, 12, 30};
  const std::vector<RawCheck> cases = {
      {std::nullopt, ChoiceCheck::kMissing},     {"", ChoiceCheck::kMissing},
      {"2026-12-30", ChoiceCheck::kValid},       {"2026-12-31", ChoiceCheck::kValid},
      {"2027-01-12", ChoiceCheck::kValid},  // today + 13: last of 14 days
      {"2027-01-13", ChoiceCheck::kOutOfRange},  {"2026-12-29", ChoiceCheck::kOutOfRange},
      {"2025-12-30", ChoiceCheck::kOutOfRange},  {"2027-02-30", ChoiceCheck::kOutOfRange},
      {"2026-12-3", ChoiceCheck::kOutOfRange},   {"30/12/2026", ChoiceCheck::kOutOfRange},
      {"2026-12-30 ", ChoiceCheck::kOutOfRange}, {"today", ChoiceCheck::kOutOfRange},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(check_day(view(c.raw), today, 14), c.expected) << c.raw.value_or("<absent>");
  }
}

TEST(CheckDay, SingleDayWindowAcceptsOnlyToday) {
  EXPECT_EQ(check_day("2026-03-01", {2026, 3, 1}, 1), ChoiceCheck::kValid);
  EXPECT_EQ(check_day("2026-03-02", {2026, 3, 1}, 1), ChoiceCheck::kOutOfRange);
  EXPECT_EQ(check_day("2026-03-01", {2026, 3, 1}, 0), ChoiceCheck::kValid);
}

TEST(CheckDay, AgreesWithDayChoices) {
  const CivilDate today{2028, 2, 20};
  for (const auto& choice : day_choices(today, 14)) {
    EXPECT_EQ(check_day(choice.value, today, 14), ChoiceCheck::kValid) << choice.value;
  }
}

TEST(CheckTimezoneOffset, TreatsAbsentAsNotGiven) {
  const OffsetCheck absent = check_timezone_offset(std::nullopt);
  EXPECT_EQ(absent.check, ChoiceCheck::kMissing);
  EXPECT_FALSE(absent.minutes.has_value());
  const OffsetCheck empty = check_timezone_offset("");
  EXPECT_EQ(empty.check, ChoiceCheck::kMissing);
  EXPECT_FALSE(empty.minutes.has_value());
}

TEST(CheckTimezoneOffset, AcceptsIntegersInRange) {
  const std::vector<std::pair<std::string, int>> cases = {
      {"-60", -60},   {"0", 0},     {"-0", 0},    {"+60", 60},    {"180", 180},
      {"-840", -840}, {"720", 720}, {"330", 330}, {"-345", -345}, {"0060", 60},
  };
  for (const auto& [raw, minutes] : cases) {
    const OffsetCheck result = check_timezone_offset(raw);
    EXPECT_EQ(result.check, ChoiceCheck::kValid) << raw;
    EXPECT_EQ(result.minutes, minutes) << raw;
  }
}

TEST(CheckTimezoneOffset, RefusesEverythingElse) {
  const std::vector<std::string> refused = {
      "-841", "721", "1000", "-1000", "99999999999", "-",    "+",   "--60", "60-",
      " 60",  "60 ", "6 0",  "60.5",  "1e2",         "0x10", "abc", "NaN",  "-60\n",
  };
  for (const auto& raw : refused) {
    const OffsetCheck result = check_timezone_offset(raw);
    EXPECT_EQ(result.check, ChoiceCheck::kOutOfRange) << raw;
    EXPECT_FALSE(result.minutes.has_value()) << raw;
  }
}

TEST(LooksLikeIanaZone, AcceptsRealZoneShapes) {
  for (const char* zone :
       {"Europe/Paris", "America/Cayenne", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+5",
        "Etc/GMT-14", "America/Port-au-Prince", "Pacific/Noumea", "Indian/Reunion"}) {
    EXPECT_TRUE(looks_like_iana_zone(zone)) << zone;
  }
  EXPECT_TRUE(looks_like_iana_zone(std::string(64, 'a')));
}

TEST(LooksLikeIanaZone, RefusesOddNames) {
  for (const char* zone :
       {"", "/etc/passwd", "../../etc/passwd", "Europe/../Paris", "Europe//Paris", "Europe/",
        "Europe/Paris ", "Europe Paris", "Europe/Paris;", "Europe\\Paris", "Europe/Pär", "a.b",
        "Europe/Paris'--"}) {
    EXPECT_FALSE(looks_like_iana_zone(zone)) << zone;
  }
  EXPECT_FALSE(looks_like_iana_zone(std::string(65, 'a')));
}

}  // namespace
}  // namespace audioconf::domain
