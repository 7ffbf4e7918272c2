// Unit tests for common/text/allow_list: EMAIL_WHITELIST semantics and bounded matching.
#include "common/text/allow_list.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace audioconf::text {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

// Compiles or fails the test with the reported errors.
EmailAllowList compile_ok(std::string_view patterns) {
  auto result = EmailAllowList::compile(patterns);
  if (auto* errors = std::get_if<std::vector<std::string>>(&result)) {
    std::string all;
    for (const auto& e : *errors) all += e + "\n";
    ADD_FAILURE() << "unexpected compile errors for [" << patterns << "]:\n" << all;
    return std::get<EmailAllowList>(EmailAllowList::compile(""));
  }
  return std::get<EmailAllowList>(std::move(result));
}

std::vector<std::string> compile_errors(std::string_view patterns) {
  auto result = EmailAllowList::compile(patterns);
  if (auto* errors = std::get_if<std::vector<std::string>>(&result)) return *errors;
  return {};
}

constexpr std::string_view kBetaPattern = R"(.*@(.*\.|)beta\.gouv\.fr)";

TEST(EmailAllowList, SamplePatternAcceptsTheDomainAndItsSubdomains) {
  const EmailAllowList list = compile_ok(kBetaPattern);
  EXPECT_FALSE(list.allows_everyone());
  for (const char* email : {"a@beta.gouv.fr", "a@x.beta.gouv.fr", "A@BETA.GOUV.FR",
                            "jean.dupont@Sub.Beta.Gouv.Fr", "o'neil@a.b.beta.gouv.fr"}) {
    EXPECT_TRUE(list.allows(email)) << email;
  }
}

TEST(EmailAllowList, SamplePatternRefusesLookalikes) {
  const EmailAllowList list = compile_ok(kBetaPattern);
  for (const char* email :
       {"x@beta.gouv.fr.evil.example", "a@notbeta.gouv.fr", "a@beta.gouv.fr ", "a@beta.gouv.fr\n",
        "a@beta-gouv.fr", "a@betaXgouv.fr", "a@gouv.fr", "beta.gouv.fr", "", "a@beta.gouv.frx"}) {
    EXPECT_FALSE(list.allows(email)) << email;
  }
}

TEST(EmailAllowList, MatchMayStartAnywhereButMustReachTheEnd) {
  const EmailAllowList list = compile_ok(R"(@interieur\.gouv\.fr)");
  EXPECT_TRUE(list.allows("prenom.nom@interieur.gouv.fr"));
  EXPECT_FALSE(list.allows("prenom.nom@interieur.gouv.fr.example.com"));
  EXPECT_FALSE(list.allows("x@evil.example?@interieur.gouv.fr.evil"));
}

TEST(EmailAllowList, AlternationInsideAPatternIsEndAnchoredAsAWhole) {
  // Without anchoring the whole pattern, "a|b$" would let the first branch match anywhere.
  const EmailAllowList list = compile_ok(R"(@a\.gouv\.fr|@b\.gouv\.fr)");
  EXPECT_TRUE(list.allows("x@a.gouv.fr"));
  EXPECT_TRUE(list.allows("x@b.gouv.fr"));
  EXPECT_FALSE(list.allows("x@a.gouv.fr.evil.example"));
}

TEST(EmailAllowList, AnyOfSeveralPatternsAllows) {
  const EmailAllowList list = compile_ok(R"(@a\.fr, @b\.fr ,@c\.fr)");
  EXPECT_EQ(list.pattern_count(), 3u);
  EXPECT_TRUE(list.allows("x@a.fr"));
  EXPECT_TRUE(list.allows("x@b.fr"));
  EXPECT_TRUE(list.allows("x@c.fr"));
  EXPECT_FALSE(list.allows("x@d.fr"));
}

TEST(EmailAllowList, IgnoresEmptyEntries) {
  const EmailAllowList list = compile_ok(R"(,,@a\.fr,, ,@b\.fr,)");
  EXPECT_EQ(list.pattern_count(), 2u);
  EXPECT_FALSE(list.allows_everyone());
  EXPECT_TRUE(list.allows("x@a.fr"));
  EXPECT_FALSE(list.allows("x@other.fr"));
}

TEST(EmailAllowList, EmptyValueAllowsEveryone) {
  for (const char* value : {"", "   ", "\t\n"}) {
    const EmailAllowList list = compile_ok(value);
    EXPECT_TRUE(list.allows_everyone()) << value;
    EXPECT_EQ(list.pattern_count(), 0u);
    EXPECT_TRUE(list.allows("anyone@anywhere.example"));
  }
}

TEST(EmailAllowList, OnlyEmptyEntriesIsAnError) {
  for (const char* value : {",", ",,", " , , "}) {
    const auto errors = compile_errors(value);
    ASSERT_THAT(errors, SizeIs(1)) << value;
    EXPECT_THAT(errors[0], HasSubstr("only empty entries"));
  }
}

TEST(EmailAllowList, ReportsEachBadPatternByName) {
  const auto errors = compile_errors(R"(@good\.fr,(unclosed,[z-a],@also-good\.fr)");
  ASSERT_THAT(errors, SizeIs(2));
  EXPECT_THAT(errors[0], HasSubstr("(unclosed"));
  EXPECT_THAT(errors[0], HasSubstr("pattern 2"));
  EXPECT_THAT(errors[1], HasSubstr("[z-a]"));
  EXPECT_THAT(errors[1], HasSubstr("pattern 3"));
}

TEST(EmailAllowList, IsCaseInsensitiveOnBothSides) {
  const EmailAllowList list = compile_ok(R"(@Beta\.GOUV\.fr)");
  EXPECT_TRUE(list.allows("a@beta.gouv.fr"));
  EXPECT_TRUE(list.allows("A@BETA.GOUV.FR"));
}

TEST(EmailAllowList, RefusesAddressesLongerThanTheEmailCap) {
  const EmailAllowList list = compile_ok(".*");
  EXPECT_TRUE(list.allows(std::string(254, 'a')));
  EXPECT_FALSE(list.allows(std::string(255, 'a')));
}

TEST(EmailAllowList, RefusesInvalidUtf8WithoutCrashing) {
  const EmailAllowList list = compile_ok(".*");
  EXPECT_FALSE(list.allows("a\xC3\x28@x.fr"));
  EXPECT_TRUE(list.allows("élodie@x.fr"));
}

TEST(EmailAllowList, HostileInputTerminatesQuickly) {
  const auto start = std::chrono::steady_clock::now();
  const EmailAllowList list = compile_ok(R"(.*@(.*\.|)beta\.gouv\.fr)");
  EXPECT_FALSE(list.allows(std::string(1'000'000, 'a')));
  EXPECT_FALSE(list.allows(std::string(1'000'000, '@') + "beta.gouv.fr"));
  EXPECT_FALSE(list.allows("a@" + std::string(240, '.') + "beta.gouv.frx"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
}

TEST(EmailAllowList, CatastrophicPatternHitsTheMatchLimitAndRefuses) {
  // Nested quantifiers: 2^n ways to split the a's before the end anchor fails. Unbounded, this
  // outlives the universe; the match limits make every call give up and refuse. The bound only
  // detects a hang (speed is the benchmark's business, and sanitizer builds are slower).
  const EmailAllowList list = compile_ok(R"((a|a)*@x\.fr, (\w+\s?)+@y\.fr)");
  const std::string hostile_x = std::string(60, 'a') + "@x.frx";
  const std::string hostile_y = std::string(200, 'a') + "@y.frx";
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(list.allows(hostile_x));
    EXPECT_FALSE(list.allows(hostile_y));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
  EXPECT_TRUE(list.allows("aaaa@x.fr"));
  EXPECT_TRUE(list.allows("jean dupont@y.fr"));
}

TEST(EmailAllowList, AnotherPatternCanStillAllowAfterOneHitsItsLimit) {
  const EmailAllowList list = compile_ok(R"(^(a|aa)+$, ^a+!@ok\.fr)");
  EXPECT_TRUE(list.allows(std::string(60, 'a') + "!@ok.fr"));
}

TEST(EmailAllowList, RealisticPatternsWorkAtTheMaximumLength) {
  // A group repeated once per character is the worst honest pattern: it must stay within the
  // match limits for the longest address we accept.
  const EmailAllowList list = compile_ok(
      R"(^([a-z0-9._'-])+@([a-z0-9-]+\.)*gouv\.fr, ^(\w+[.'-]?)+@([\w-]+\.)+culture\.fr)");
  const std::string local(254 - std::string("@x.gouv.fr").size(), 'a');
  EXPECT_TRUE(list.allows(local + "@x.gouv.fr"));
  std::string labels;
  while (labels.size() < 254 - std::string("a@culture.fr").size() - 2) labels += "b.";
  const std::string dotted = "a@" + labels + "culture.fr";
  ASSERT_LE(dotted.size(), 254u);
  EXPECT_TRUE(list.allows(dotted));
  std::string words;
  while (words.size() < 230) words += "jean.";
  EXPECT_TRUE(list.allows(words + "x@a.culture.fr"));
}

TEST(EmailAllowList, CopiesShareTheCompiledPatterns) {
  const EmailAllowList original = compile_ok(R"(@a\.fr)");
  const EmailAllowList copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_TRUE(copy.allows("x@a.fr"));
  EXPECT_FALSE(copy.allows("x@b.fr"));
}

}  // namespace
}  // namespace audioconf::text
