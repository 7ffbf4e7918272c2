// Unit tests for common/domain/calendar: ISO parsing, day arithmetic and French wording.
#include "common/domain/calendar.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace audioconf::domain {
namespace {

TEST(ParseIsoDate, AcceptsRealDates) {
  EXPECT_EQ(parse_iso_date("2026-11-26"), (CivilDate{2026, 11, 26}));
  EXPECT_EQ(parse_iso_date("1970-01-01"), (CivilDate{1970, 1, 1}));
  EXPECT_EQ(parse_iso_date("9999-12-31"), (CivilDate{9999, 12, 31}));
  EXPECT_EQ(parse_iso_date("2024-02-29"), (CivilDate{2024, 2, 29}));
  EXPECT_EQ(parse_iso_date("2000-02-29"), (CivilDate{2000, 2, 29}));
}

TEST(ParseIsoDate, RefusesImpossibleOrMalformedDates) {
  const std::vector<std::string> refused = {
      "",
      "2026-02-30",
      "2026-02-29",
      "1900-02-29",
      "2100-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-01-00",
      "2026-01-32",
      "1969-12-31",
      "0000-01-01",
      "2026-1-01",
      "2026-01-1",
      "26-01-01",
      "2026/01/01",
      "2026-01-01 ",
      " 2026-01-01",
      "2026-01-01T00:00:00Z",
      "+026-01-01",
      "2026-0a-01",
      "２０２６-01-01",
      "10000-01-01",
      "-2026-01-01",
  };
  for (const auto& text : refused) {
    EXPECT_FALSE(parse_iso_date(text).has_value()) << text;
  }
}

TEST(ToIso, PadsEveryField) {
  EXPECT_EQ(to_iso({2026, 1, 5}), "2026-01-05");
  EXPECT_EQ(to_iso({2026, 11, 26}), "2026-11-26");
  EXPECT_EQ(to_iso({999, 1, 1}), "0999-01-01");
}

TEST(ToIso, RoundTripsWithParse) {
  for (const CivilDate d :
       {CivilDate{1970, 1, 1}, CivilDate{2024, 2, 29}, CivilDate{9999, 12, 31}}) {
    EXPECT_EQ(parse_iso_date(to_iso(d)), d);
  }
}

TEST(DaysFromCivil, MatchesKnownEpochOffsets) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({1970, 1, 2}), 1);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil({2020, 2, 4}), 18296);  // 1580774400 / 86400
  EXPECT_EQ(days_from_civil({1600, 1, 1}), -135140);
}

TEST(CivilFromDays, InvertsDaysFromCivilOverCenturies) {
  // Every day from 1899 to 2101, which crosses 1900/2100 (not leap) and 2000 (leap).
  const std::int64_t first = days_from_civil({1899, 1, 1});
  const std::int64_t last = days_from_civil({2101, 12, 31});
  CivilDate expected{1899, 1, 1};
  for (std::int64_t n = first; n <= last; ++n) {
    const CivilDate got = civil_from_days(n);
    ASSERT_EQ(got, expected) << n;
    ASSERT_EQ(days_from_civil(got), n);
    ASSERT_TRUE(is_valid_date(got));
    // Next expected date, computed the naive way.
    expected.day += 1;
    if (!is_valid_date(expected)) {
      expected.day = 1;
      expected.month += 1;
      if (expected.month > 12) {
        expected.month = 1;
        expected.year += 1;
      }
    }
  }
}

TEST(AddDays, RollsOverMonthsYearsAndLeapDays) {
  EXPECT_EQ(add_days({2026, 1, 31}, 1), (CivilDate{2026, 2, 1}));
  EXPECT_EQ(add_days({2026, 2, 28}, 1), (CivilDate{2026, 3, 1}));
  EXPECT_EQ(add_days({2024, 2, 28}, 1), (CivilDate{2024, 2, 29}));
  EXPECT_EQ(add_days({2024, 2, 29}, 1), (CivilDate{2024, 3, 1}));
  EXPECT_EQ(add_days({2026, 12, 31}, 1), (CivilDate{2027, 1, 1}));
  EXPECT_EQ(add_days({2027, 1, 1}, -1), (CivilDate{2026, 12, 31}));
  EXPECT_EQ(add_days({2026, 12, 25}, 13), (CivilDate{2027, 1, 7}));
  EXPECT_EQ(add_days({2026, 5, 5}, 0), (CivilDate{2026, 5, 5}));
  EXPECT_EQ(add_days({2024, 1, 1}, 366), (CivilDate{2025, 1, 1}));
}

TEST(Weekday, CountsFromSunday) {
  EXPECT_EQ(weekday({1970, 1, 1}), 4);    // Thursday
  EXPECT_EQ(weekday({2026, 11, 26}), 4);  // Thursday
  EXPECT_EQ(weekday({2026, 11, 1}), 0);   // Sunday
  EXPECT_EQ(weekday({2026, 11, 2}), 1);   // Monday
  EXPECT_EQ(weekday({2026, 11, 28}), 6);  // Saturday
  EXPECT_EQ(weekday({2000, 1, 1}), 6);    // Saturday
  EXPECT_EQ(weekday({1969, 12, 31}), 3);  // Wednesday, before the epoch
}

TEST(FrenchLongDate, UsesFrenchNamesAndPremier) {
  EXPECT_EQ(french_long_date({2026, 11, 26}), "jeudi 26 novembre 2026");
  EXPECT_EQ(french_long_date({2026, 11, 1}), "dimanche 1er novembre 2026");
  EXPECT_EQ(french_long_date({2026, 11, 2}), "lundi 2 novembre 2026");
  EXPECT_EQ(french_long_date({2026, 2, 3}), "mardi 3 février 2026");
  EXPECT_EQ(french_long_date({2026, 8, 19}), "mercredi 19 août 2026");
  EXPECT_EQ(french_long_date({2026, 12, 11}), "vendredi 11 décembre 2026");
  EXPECT_EQ(french_long_date({2026, 2, 28}), "samedi 28 février 2026");
  EXPECT_EQ(french_long_date({2027, 1, 1}), "vendredi 1er janvier 2027");
}

TEST(FrenchLongDate, NamesEveryMonth) {
  const std::vector<std::string> expected = {
      "jeudi 15 janvier 2026",    "dimanche 15 février 2026",  "dimanche 15 mars 2026",
      "mercredi 15 avril 2026",   "vendredi 15 mai 2026",      "lundi 15 juin 2026",
      "mercredi 15 juillet 2026", "samedi 15 août 2026",       "mardi 15 septembre 2026",
      "jeudi 15 octobre 2026",    "dimanche 15 novembre 2026", "mardi 15 décembre 2026"};
  for (int month = 1; month <= 12; ++month) {
    EXPECT_EQ(french_long_date({2026, month, 15}), expected[static_cast<std::size_t>(month - 1)]);
  }
}

TEST(FrenchLongDate, FallsBackToIsoForInvalidDates) {
  EXPECT_EQ(french_long_date({2026, 13, 1}), "2026-13-01");
  EXPECT_EQ(french_long_date({2026, 2, 30}), "2026-02-30");
}

TEST(FrenchDateTime, AddsHoursAndTwoDigitMinutes) {
  EXPECT_EQ(french_date_time({{2026, 11, 26}, 14, 5, 59}), "jeudi 26 novembre 2026 à 14h05");
  EXPECT_EQ(french_date_time({{2026, 11, 1}, 0, 0, 0}), "dimanche 1er novembre 2026 à 0h00");
  EXPECT_EQ(french_date_time({{2026, 11, 26}, 9, 30, 0}), "jeudi 26 novembre 2026 à 9h30");
  EXPECT_EQ(french_date_time({{2026, 11, 26}, 23, 59, 59}), "jeudi 26 novembre 2026 à 23h59");
}

}  // namespace
}  // namespace audioconf::domain
