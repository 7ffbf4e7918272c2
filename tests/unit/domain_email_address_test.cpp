// Unit tests for common/domain/email_address: trimming, length cap, the original syntax and
// RFC 5321's limits.
#include "common/domain/email_address.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace audioconf::domain {
namespace {

using namespace std::string_literals;

TEST(EmailTrim, RemovesAsciiWhitespaceAtBothEndsOnly) {
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim("a@b.fr"), "a@b.fr");
  EXPECT_EQ(trim(" \t\r\n\v\fa@b.fr \t\r\n\v\f"), "a@b.fr");
  EXPECT_EQ(trim("  a b  "), "a b");
  // A non-breaking space (U+00A0) is not ASCII whitespace: kept, so the syntax check refuses it.
  EXPECT_EQ(trim("\xC2\xA0"
                 "a@b.fr"),
            "\xC2\xA0"
            "a@b.fr");
}

TEST(EmailLowerCase, LowersAsciiLettersOnly) {
  EXPECT_EQ(to_lower_ascii("Jean.DUPONT@Beta.Gouv.FR"), "jean.dupont@beta.gouv.fr");
  EXPECT_EQ(to_lower_ascii("ÉLODIE@x.fr"), "Élodie@x.fr");
  EXPECT_EQ(to_lower_ascii("123_-.'@"), "123_-.'@");
}

struct SyntaxCase {
  std::string email;
  EmailSyntax expected;
};

TEST(EmailSyntaxCheck, FollowsTheOriginalPattern) {
  const std::vector<SyntaxCase> cases = {
      {"", EmailSyntax::kEmpty},
      {"a@b.fr", EmailSyntax::kValid},
      {"jean.dupont@beta.gouv.fr", EmailSyntax::kValid},
      {"JEAN@BETA.GOUV.FR", EmailSyntax::kValid},
      {"o'neil@example.com", EmailSyntax::kValid},
      {"'@x.fr", EmailSyntax::kValid},
      {"a_b-c.d@sub_domain-x.example.org", EmailSyntax::kValid},
      {"a@b.c.d.museum", EmailSyntax::kInvalid},  // 6-letter TLD
      {"a@b.museu", EmailSyntax::kValid},         // 5 letters
      {"a@b.fr.", EmailSyntax::kInvalid},
      // The original's ([...]+) may end with a dot; RFC 5321 has no empty label (relays: 501).
      {"a@b..fr", EmailSyntax::kInvalid},
      {"a@..fr", EmailSyntax::kInvalid},
      {"a@.fr", EmailSyntax::kInvalid},   // nothing before the last dot
      {"a@fr", EmailSyntax::kInvalid},    // missing TLD
      {"a@b.f", EmailSyntax::kInvalid},   // 1-letter TLD
      {"a@b.f1", EmailSyntax::kInvalid},  // digit in TLD
      {"a@b.123", EmailSyntax::kInvalid},
      {"a@b.abcdef", EmailSyntax::kInvalid},
      {"@b.fr", EmailSyntax::kInvalid},
      {"a@", EmailSyntax::kInvalid},
      {"a", EmailSyntax::kInvalid},
      {"a@b@c.fr", EmailSyntax::kInvalid},
      {"a@b'c.fr", EmailSyntax::kInvalid},  // apostrophe only in the local part
      {"a+tag@b.fr", EmailSyntax::kInvalid},
      {"a b@c.fr", EmailSyntax::kInvalid},
      {"\"a\"@b.fr", EmailSyntax::kInvalid},
      {"a@b.fr ", EmailSyntax::kInvalid},  // untrimmed input is the caller's mistake
      {"a@b.fr\n", EmailSyntax::kInvalid},
      {"élodie@b.fr", EmailSyntax::kInvalid},
      {"a@bé.fr", EmailSyntax::kInvalid},
      {"a@b.fr\0x"s, EmailSyntax::kInvalid},
      {"a@[127.0.0.1]", EmailSyntax::kInvalid},
      {"a@b.FR", EmailSyntax::kValid},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(check_email_syntax(c.email), c.expected) << c.email;
  }
}

std::string email_of_length(std::size_t length) {
  const std::string suffix = "@beta.gouv.fr";
  return std::string(length - suffix.size(), 'a') + suffix;
}

TEST(EmailSyntaxCheck, AcceptsExactly254Characters) {
  // 64-byte local part, 63-byte labels: every other limit at its maximum too.
  const std::string longest = std::string(64, 'l') + "@" + std::string(63, 'a') + "." +
                              std::string(63, 'b') + "." + std::string(58, 'c') + ".fr";
  ASSERT_EQ(longest.size(), 254U);
  EXPECT_EQ(check_email_syntax(longest), EmailSyntax::kValid);
  EXPECT_EQ(check_email_syntax(email_of_length(255)), EmailSyntax::kTooLong);
  EXPECT_EQ(check_email_syntax("x" + longest), EmailSyntax::kTooLong);
}

TEST(EmailSyntaxCheck, RefusesWhatRelaysRefuse) {
  const std::vector<SyntaxCase> cases = {
      // The report's address: dots at the ends and doubled in both parts, hyphen-only labels.
      {"inj..l..x.@-.-..fr", EmailSyntax::kInvalid},
      // Local part: at most 64 bytes, a dot-string.
      {std::string(64, 'a') + "@beta.gouv.fr", EmailSyntax::kValid},
      {std::string(65, 'a') + "@beta.gouv.fr", EmailSyntax::kInvalid},
      {".jean@beta.gouv.fr", EmailSyntax::kInvalid},
      {"jean.@beta.gouv.fr", EmailSyntax::kInvalid},
      {"jean..dupont@beta.gouv.fr", EmailSyntax::kInvalid},
      {".@beta.gouv.fr", EmailSyntax::kInvalid},
      {"jean.dupont@beta.gouv.fr", EmailSyntax::kValid},
      {"j.-_'.d@beta.gouv.fr", EmailSyntax::kValid},  // hyphens and apostrophes are atext
      // Domain labels: 1 to 63 bytes, no hyphen at either end, none empty.
      {"a@" + std::string(63, 'b') + ".fr", EmailSyntax::kValid},
      {"a@" + std::string(64, 'b') + ".fr", EmailSyntax::kInvalid},
      {"a@x." + std::string(64, 'b') + ".fr", EmailSyntax::kInvalid},
      {"a@.beta.fr", EmailSyntax::kInvalid},
      {"a@beta..gouv.fr", EmailSyntax::kInvalid},
      {"a@-beta.fr", EmailSyntax::kInvalid},
      {"a@beta-.fr", EmailSyntax::kInvalid},
      {"a@sub.-beta.fr", EmailSyntax::kInvalid},
      {"a@-.fr", EmailSyntax::kInvalid},
      {"a@b-e-t-a.fr", EmailSyntax::kValid},
      {"a@x--y.fr", EmailSyntax::kValid},  // inner hyphens, doubled too (xn--…)
      {"a@1.2.fr", EmailSyntax::kValid},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(check_email_syntax(c.email), c.expected) << c.email;
  }
}

TEST(EmailSyntaxCheck, ChecksLengthBeforeSyntax) {
  EXPECT_EQ(check_email_syntax(std::string(255, '@')), EmailSyntax::kTooLong);
  EXPECT_EQ(check_email_syntax(std::string(1'000'000, 'a')), EmailSyntax::kTooLong);
}

TEST(EmailSyntaxCheck, HandlesPathologicalShapesWithinTheCap) {
  // Shapes that make backtracking engines slow: many dots and no valid end.
  EXPECT_EQ(check_email_syntax("a@" + std::string(248, '.') + "a1"), EmailSyntax::kInvalid);
  EXPECT_EQ(check_email_syntax("a@" + std::string(248, '.') + "fr"), EmailSyntax::kInvalid);
  EXPECT_EQ(check_email_syntax(std::string(60, 'a') + "@" + std::string(189, '-') + ".fr"),
            EmailSyntax::kInvalid);
  EXPECT_EQ(check_email_syntax(std::string(120, '\'') + "@" + std::string(120, 'a') + ".x"),
            EmailSyntax::kInvalid);
}

TEST(EmailDomain, TakesThePartAfterTheLastAtLowerCased) {
  EXPECT_EQ(email_domain("Jean@Beta.Gouv.FR"), "beta.gouv.fr");
  EXPECT_EQ(email_domain("a@b@c.fr"), "c.fr");
  EXPECT_EQ(email_domain("a@"), "");
  EXPECT_EQ(email_domain("no-at-sign"), "");
  EXPECT_EQ(email_domain(""), "");
}

}  // namespace
}  // namespace audioconf::domain
