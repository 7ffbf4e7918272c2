// Unit tests for common/web/url_encoding: strict decoding, form parsing limits, cookies.
#include "common/web/url_encoding.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace audioconf::web {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

using namespace std::string_literals;

struct Utf8Case {
  std::string bytes;
  bool valid;
  const char* why;
};

TEST(Utf8Validation, ClassifiesSequencesStrictly) {
  const std::vector<Utf8Case> cases = {
      {"", true, "empty"},
      {"plain ascii", true, "ascii"},
      {"\x00"s, true, "NUL is valid UTF-8"},
      {"\x7F", true, "DEL"},
      {"é", true, "2-byte"},
      {"\xE2\x82\xAC", true, "euro sign, 3-byte"},
      {"\xF0\x9F\x98\x80", true, "emoji, 4-byte"},
      {"\xF4\x8F\xBF\xBF", true, "U+10FFFF, highest code point"},
      {"\xEF\xBF\xBF", true, "U+FFFF noncharacter is still valid"},
      {"\xED\x9F\xBF", true, "U+D7FF just below surrogates"},
      {"\xEE\x80\x80", true, "U+E000 just above surrogates"},
      {"\xC2\x80", true, "U+0080 smallest 2-byte"},
      {"\xE0\xA0\x80", true, "U+0800 smallest 3-byte"},
      {"\xF0\x90\x80\x80", true, "U+10000 smallest 4-byte"},
      {"\x80", false, "lone continuation byte"},
      {"\xBF", false, "lone continuation byte (high)"},
      {"\xC3", false, "truncated 2-byte"},
      {"\xC3\x28", false, "bad continuation"},
      {"\xC0\xAF", false, "overlong '/' (C0)"},
      {"\xC1\xBF", false, "overlong (C1)"},
      {"\xE0\x80\xAF", false, "overlong 3-byte '/'"},
      {"\xE0\x9F\xBF", false, "overlong 3-byte U+07FF"},
      {"\xF0\x80\x80\xAF", false, "overlong 4-byte '/'"},
      {"\xF0\x8F\xBF\xBF", false, "overlong 4-byte U+FFFF"},
      {"\xED\xA0\x80", false, "surrogate U+D800"},
      {"\xED\xBF\xBF", false, "surrogate U+DFFF"},
      {"\xF4\x90\x80\x80", false, "U+110000 above range"},
      {"\xF5\x80\x80\x80", false, "F5 lead byte"},
      {"\xFF", false, "FF byte"},
      {"\xFE", false, "FE byte"},
      {"\xE2\x82", false, "truncated 3-byte"},
      {"\xF0\x9F\x98", false, "truncated 4-byte"},
      {"\xE2\x28\xA1", false, "bad second byte of 3-byte"},
      {"\xE2\x82\x28", false, "bad third byte of 3-byte"},
      {"\xF0\x9F\x98\x28", false, "bad fourth byte of 4-byte"},
      {"ok\xC3", false, "truncated at end after ascii"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(is_valid_utf8(c.bytes), c.valid) << c.why;
  }
}

TEST(Utf8Validation, HandlesOneMegabyteQuickly) {
  std::string big;
  for (int i = 0; i < 200'000; ++i) big += "aé€";
  EXPECT_TRUE(is_valid_utf8(big));
  big += '\x80';
  EXPECT_FALSE(is_valid_utf8(big));
}

struct DecodeCase {
  std::string input;
  bool plus_is_space;
  std::optional<std::string> expected;
};

TEST(PercentDecode, DecodesOrRefusesAsSpecified) {
  const std::vector<DecodeCase> cases = {
      {"", true, ""},
      {"abc", true, "abc"},
      {"a+b", true, "a b"},
      {"a+b", false, "a+b"},
      {"a%2Bb", true, "a+b"},
      {"a%2bb", false, "a+b"},
      {"%20", true, " "},
      {"%C3%A9t%C3%A9", true, "été"},
      {"%c3%a9", true, "é"},
      {"%25", true, "%"},
      {"%2525", true, "%25"},
      {"100%", true, std::nullopt},
      {"%", true, std::nullopt},
      {"%4", true, std::nullopt},
      {"%G1", true, std::nullopt},
      {"%1G", true, std::nullopt},
      {"%zz", true, std::nullopt},
      {"% 1", true, std::nullopt},
      {"%C3%28", true, std::nullopt},
      {"%C0%AF", true, std::nullopt},
      {"%ED%A0%80", true, std::nullopt},
      {"%FF", true, std::nullopt},
      {"%C3", true, std::nullopt},
      {"%00", true, "\x00"s},
      {"é", true, "é"},
      {"\xC3\x28", true, std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(percent_decode(c.input, c.plus_is_space), c.expected)
        << "input: " << c.input << " plus_is_space: " << c.plus_is_space;
  }
}

TEST(PercentDecode, HandlesOneMegabyteOfEscapes) {
  std::string encoded;
  for (int i = 0; i < 350'000; ++i) encoded += "%41";
  const auto decoded = percent_decode(encoded, true);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->size(), 350'000u);
  EXPECT_EQ(decoded->find_first_not_of('A'), std::string::npos);
}

TEST(ParseUrlencoded, KeepsOrderRepeatsAndEmptyValues) {
  const auto fields = parse_urlencoded("a=1&b=&c&a=2");
  ASSERT_TRUE(fields.has_value());
  EXPECT_THAT(*fields, ElementsAre(Pair("a", "1"), Pair("b", ""), Pair("c", ""), Pair("a", "2")));
}

TEST(ParseUrlencoded, DecodesPlusAndEscapesInKeysAndValues) {
  const auto fields =
      parse_urlencoded("email=jean+dupont%40beta.gouv.fr&na%6De=a%2Bb&token=x%3Dy%26z");
  ASSERT_TRUE(fields.has_value());
  EXPECT_THAT(*fields, ElementsAre(Pair("email", "jean dupont@beta.gouv.fr"), Pair("name", "a+b"),
                                   Pair("token", "x=y&z")));
}

TEST(ParseUrlencoded, SplitsOnlyAtTheFirstEqualsSign) {
  const auto fields = parse_urlencoded("k=a=b==");
  ASSERT_TRUE(fields.has_value());
  EXPECT_THAT(*fields, ElementsAre(Pair("k", "a=b==")));
}

TEST(ParseUrlencoded, SkipsEmptyPairsAndEmptyKeys) {
  const auto fields = parse_urlencoded("&&a=1&&&=orphan&b=2&");
  ASSERT_TRUE(fields.has_value());
  EXPECT_THAT(*fields, ElementsAre(Pair("a", "1"), Pair("b", "2")));
}

TEST(ParseUrlencoded, EmptyInputGivesNoFields) {
  const auto fields = parse_urlencoded("");
  ASSERT_TRUE(fields.has_value());
  EXPECT_THAT(*fields, IsEmpty());
}

TEST(ParseUrlencoded, RefusesMalformedInput) {
  const std::vector<std::string> malformed = {
      "a=%",       "a=%4",        "a=%G1",   "%zz=1",   "a=1&b=%C3%28",
      "a=%C0%AF",  "a=%ED%A0%80", "a=%00",   "a%00=1",  "a=x%01y",
      "a=%1B[31m", "a=%7F%FF",    "a=\x01"s, "a=\x00"s, "a=\xC3\x28",
  };
  for (const auto& input : malformed) {
    EXPECT_FALSE(parse_urlencoded(input).has_value()) << input;
  }
}

TEST(ParseUrlencoded, KeepsTabCarriageReturnAndLineFeedForTheCaller) {
  const auto fields = parse_urlencoded("a=x%0D%0Ay&b=%09");
  ASSERT_TRUE(fields.has_value());
  EXPECT_THAT(*fields, ElementsAre(Pair("a", "x\r\ny"), Pair("b", "\t")));
}

TEST(ParseUrlencoded, KeepsDeleteCharacter) {
  const auto fields = parse_urlencoded("a=%7F");
  ASSERT_TRUE(fields.has_value());
  EXPECT_THAT(*fields, ElementsAre(Pair("a", "\x7F")));
}

TEST(ParseUrlencoded, EnforcesFieldCountLimit) {
  const ParseLimits limits{.max_fields = 3, .max_key_bytes = 128, .max_value_bytes = 8192};
  EXPECT_TRUE(parse_urlencoded("a=1&b=2&c=3", limits).has_value());
  EXPECT_TRUE(parse_urlencoded("a=1&&b=2&&c=3&&", limits).has_value());
  EXPECT_FALSE(parse_urlencoded("a=1&b=2&c=3&d=4", limits).has_value());
  EXPECT_FALSE(parse_urlencoded("a=1&a=1&a=1&a=1", limits).has_value());
}

TEST(ParseUrlencoded, DefaultLimitAllowsSixtyFourFields) {
  std::string input;
  for (int i = 0; i < 64; ++i) input += "k" + std::to_string(i) + "=v&";
  EXPECT_TRUE(parse_urlencoded(input).has_value());
  input += "one=more";
  EXPECT_FALSE(parse_urlencoded(input).has_value());
}

TEST(ParseUrlencoded, EnforcesKeyAndValueLengthOnDecodedBytes) {
  const ParseLimits limits{.max_fields = 64, .max_key_bytes = 4, .max_value_bytes = 6};
  EXPECT_TRUE(parse_urlencoded("abcd=abcdef", limits).has_value());
  EXPECT_FALSE(parse_urlencoded("abcde=1", limits).has_value());
  EXPECT_FALSE(parse_urlencoded("a=abcdefg", limits).has_value());
  // Six decoded bytes written as 18 encoded ones: within the limit.
  EXPECT_TRUE(parse_urlencoded("a=%41%41%41%41%41%41", limits).has_value());
  EXPECT_FALSE(parse_urlencoded("a=%41%41%41%41%41%41%41", limits).has_value());
  // Non-ASCII counts in bytes: "éé" is four bytes.
  EXPECT_TRUE(parse_urlencoded("%C3%A9%C3%A9=1", limits).has_value());
  EXPECT_FALSE(parse_urlencoded("%C3%A9%C3%A9a=1", limits).has_value());
}

TEST(ParseUrlencoded, RefusesOneMegabyteValueUnderDefaultLimits) {
  const std::string input = "a=" + std::string(1'000'000, 'x');
  EXPECT_FALSE(parse_urlencoded(input).has_value());
}

TEST(ParseUrlencoded, ParsesOneMegabyteWhenLimitsAllowIt) {
  const ParseLimits limits{
      .max_fields = 100'000, .max_key_bytes = 16, .max_value_bytes = 2'000'000};
  const std::string big_value = "a=" + std::string(1'000'000, 'x');
  const auto one = parse_urlencoded(big_value, limits);
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->at(0).second.size(), 1'000'000u);

  std::string many;
  for (int i = 0; i < 20'000; ++i) many += "k=vvvvvv&";  // 180 KB of repeated keys
  const auto repeated = parse_urlencoded(many, limits);
  ASSERT_TRUE(repeated.has_value());
  EXPECT_EQ(repeated->size(), 20'000u);
}

TEST(FirstValue, ReturnsTheFirstOfRepeatedKeys) {
  const Fields fields = {{"a", "1"}, {"b", ""}, {"a", "2"}};
  EXPECT_EQ(first_value(fields, "a"), "1");
  EXPECT_EQ(first_value(fields, "b"), "");
  EXPECT_EQ(first_value(fields, "c"), std::nullopt);
  EXPECT_EQ(first_value(fields, "A"), std::nullopt);
  EXPECT_EQ(first_value({}, "a"), std::nullopt);
}

TEST(ParseCookieHeader, SplitsPairsAndTrimsSpaces) {
  EXPECT_THAT(parse_cookie_header("sid=xyz; theme=dark"),
              ElementsAre(Pair("sid", "xyz"), Pair("theme", "dark")));
  EXPECT_THAT(parse_cookie_header("  a = 1 ;\tb=2;c=3  "),
              ElementsAre(Pair("a", "1"), Pair("b", "2"), Pair("c", "3")));
}

TEST(ParseCookieHeader, IsLenientWithMalformedPairs) {
  EXPECT_THAT(parse_cookie_header("novalue; =orphan; ok=1;;; x=; y==z"),
              ElementsAre(Pair("ok", "1"), Pair("x", ""), Pair("y", "=z")));
  EXPECT_THAT(parse_cookie_header(""), IsEmpty());
  EXPECT_THAT(parse_cookie_header(";;;"), IsEmpty());
}

TEST(ParseCookieHeader, StripsSurroundingQuotesOnly) {
  EXPECT_THAT(
      parse_cookie_header("a=\"quoted\"; b=\"half; c=\"\"; d=\""),
      ElementsAre(Pair("a", "quoted"), Pair("b", "\"half"), Pair("c", ""), Pair("d", "\"")));
}

TEST(ParseCookieHeader, DoesNotPercentDecodeValues) {
  EXPECT_THAT(parse_cookie_header("a=x%20y+z"), ElementsAre(Pair("a", "x%20y+z")));
}

TEST(ParseCookieHeader, KeepsRepeatsInOrder) {
  EXPECT_THAT(parse_cookie_header("sid=first; sid=second"),
              ElementsAre(Pair("sid", "first"), Pair("sid", "second")));
}

TEST(ParseCookieHeader, KeepsAtMostThirtyTwoCookies) {
  std::string header;
  for (int i = 0; i < 40; ++i) header += "c" + std::to_string(i) + "=v; ";
  const Fields cookies = parse_cookie_header(header);
  ASSERT_EQ(cookies.size(), 32u);
  EXPECT_EQ(cookies.front().first, "c0");
  EXPECT_EQ(cookies.back().first, "c31");
}

TEST(ParseCookieHeader, SkippedPairsDoNotCountTowardTheCap) {
  std::string header;
  for (int i = 0; i < 100; ++i) header += "junk; ";
  header += "sid=abc";
  EXPECT_THAT(parse_cookie_header(header), ElementsAre(Pair("sid", "abc")));
}

TEST(PercentEncode, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(percent_encode(""), "");
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode("a b+c"), "a%20b%2Bc");
  EXPECT_EQ(percent_encode("jean@beta.gouv.fr"), "jean%40beta.gouv.fr");
  EXPECT_EQ(percent_encode("é"), "%C3%A9");
  EXPECT_EQ(percent_encode("/?#&=%'\""), "%2F%3F%23%26%3D%25%27%22");
  EXPECT_EQ(percent_encode("\x00\xFF"s), "%00%FF");
}

TEST(PercentEncode, RoundTripsThroughDecode) {
  const std::vector<std::string> samples = {"jean.o'neil+test@beta.gouv.fr", "a b&c=d", "été €",
                                            "100%", "x+y"};
  for (const auto& s : samples) {
    EXPECT_EQ(percent_decode(percent_encode(s), true), s) << s;
    EXPECT_EQ(percent_decode(percent_encode(s), false), s) << s;
  }
}

}  // namespace
}  // namespace audioconf::web
