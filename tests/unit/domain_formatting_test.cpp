// Unit tests for common/domain/formatting: phone numbers, codes, tel: links, stats sentence.
#include "common/domain/formatting.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace audioconf::domain {
namespace {

using Cases = std::vector<std::pair<std::string, std::string>>;

TEST(PhoneForHumans, FormatsFrenchNumbersInPairs) {
  const Cases cases = {
      {"0033122334455", "01 22 33 44 55"},
      {"+33122334455", "01 22 33 44 55"},
      {"0033972101234", "09 72 10 12 34"},
      // Unchanged: other countries, wrong lengths, non-digits, empty.
      {"0032122334455", "0032122334455"},
      {"003312233445", "003312233445"},
      {"00331223344556", "00331223344556"},
      {"+3312233445a", "+3312233445a"},
      {"0122334455", "0122334455"},
      {"33122334455", "33122334455"},
      {"", ""},
  };
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(phone_for_humans(input), expected) << input;
  }
}

TEST(PhoneE164, ConvertsToInternationalForm) {
  const Cases cases = {
      {"0033122334455", "+33122334455"},
      {"+33122334455", "+33122334455"},
      {"0032123456789", "+32123456789"},
      {"0122334455", "+33122334455"},
      {"00", "00"},
      {"+", "+"},
      {"0033-12", "0033-12"},
      {"+33 1 22", "+33 1 22"},
      {"", ""},
  };
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(phone_e164(input), expected) << input;
  }
}

TEST(GroupCode, GroupsByThreeFromTheLeft) {
  const Cases cases = {
      {"123456789", "123 456 789"},
      {"", ""},
      {"1", "1"},
      {"123", "123"},
      {"1234", "123 4"},
      {"123456", "123 456"},
      {"1234567890", "123 456 789 0"},
  };
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(group_code(input), expected) << input;
  }
}

TEST(TelUriWithCode, BuildsOneTapDialIn) {
  EXPECT_EQ(tel_uri_with_code("0033122334455", "123456789"), "tel:+33122334455,,123456789%23");
  EXPECT_EQ(tel_uri_with_code("+33122334455", "123456789"), "tel:+33122334455,,123456789%23");
}

TEST(TelUriWithCode, EncodesUnexpectedBytes) {
  EXPECT_EQ(tel_uri_with_code("0033122334455", "12#3"), "tel:+33122334455,,12%233%23");
  EXPECT_EQ(tel_uri_with_code("01 22", "1"), "tel:01%2022,,1%23");
  EXPECT_EQ(tel_uri_with_code("0033122334455", "1\"><x"), "tel:+33122334455,,1%22%3E%3C%78%23");
}

TEST(OnlineStatsSentence, UsesFrenchPlurals) {
  EXPECT_EQ(online_stats_sentence(1, 1),
            "Actuellement, il y a 1 personne dans 1 conférence téléphonique.");
  EXPECT_EQ(online_stats_sentence(2, 1),
            "Actuellement, il y a 2 personnes dans 1 conférence téléphonique.");
  EXPECT_EQ(online_stats_sentence(1, 2),
            "Actuellement, il y a 1 personne dans 2 conférences téléphoniques.");
  EXPECT_EQ(online_stats_sentence(37, 12),
            "Actuellement, il y a 37 personnes dans 12 conférences téléphoniques.");
  EXPECT_EQ(online_stats_sentence(0, 0),
            "Actuellement, il y a 0 personne dans 0 conférence téléphonique.");
  EXPECT_EQ(online_stats_sentence(1234567, 89012),
            "Actuellement, il y a 1234567 personnes dans 89012 conférences téléphoniques.");
}

TEST(IsRoomNumber, RequiresExactDigitsWithoutLeadingZero) {
  EXPECT_TRUE(is_room_number("123456789", 9));
  EXPECT_TRUE(is_room_number("900000000", 9));
  EXPECT_TRUE(is_room_number("1234", 4));
  EXPECT_FALSE(is_room_number("012345678", 9));
  EXPECT_FALSE(is_room_number("12345678", 9));
  EXPECT_FALSE(is_room_number("1234567890", 9));
  EXPECT_FALSE(is_room_number("12345678a", 9));
  EXPECT_FALSE(is_room_number("-12345678", 9));
  EXPECT_FALSE(is_room_number(" 12345678", 9));
  EXPECT_FALSE(is_room_number("١٢٣", 3));  // Arabic-Indic digits are not ASCII
  EXPECT_FALSE(is_room_number("", 0));
  EXPECT_FALSE(is_room_number("", 9));
  EXPECT_FALSE(is_room_number("1", -1));
}

}  // namespace
}  // namespace audioconf::domain
