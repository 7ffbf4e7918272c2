#include "common/config.hpp"

#include <gtest/gtest.h>

namespace audioconf {
namespace {

Settings minimal() {
  return {{"SECRET", "0123456789abcdef0123"},
          {"DATABASE_URL", "postgresql://u@127.0.0.1/db"},
          {"MAIL_HOST", "127.0.0.1"},
          {"MAIL_SENDER_EMAIL", "noreply@example.gouv.fr"},
          {"OVH_ROOM_APP_KEY", "ak"},
          {"OVH_ROOM_APP_SECRET", "as"},
          {"OVH_ROOM_CONSUMER_KEY", "ck"},
          {"OVH_ROOM_ACCOUNT_NUMBER", "aa1111111-ovh-1"},
          {"OVH_ROOM_PHONE_NUMBER", "0033122334455"}};
}

TEST(Config, AppliesDefaultsOfTheOriginalService) {
  Config config = load_config(minimal());
  EXPECT_EQ(config.app_name, "CoucouCollègues");
  EXPECT_EQ(config.time_zone, "Europe/Paris");
  EXPECT_EQ(config.num_pin_digits, 9);
  EXPECT_EQ(config.conference_max_duration_minutes, 1440);
  EXPECT_EQ(config.token_duration_minutes, 120);
  EXPECT_EQ(config.reserve_num_days_ahead, 14);
  EXPECT_EQ(config.ovh_endpoint, "https://eu.api.ovh.com/1.0");
  EXPECT_EQ(config.support_email, "noreply@example.gouv.fr");
  EXPECT_FALSE(config.feature_reservations);
}

TEST(Config, ListsEveryMissingRequiredSettingInOneMessage) {
  try {
    (void)load_config({});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    std::string message = error.what();
    for (const char* name :
         {"SECRET", "DATABASE_URL", "MAIL_SENDER_EMAIL", "OVH_ROOM_APP_KEY", "OVH_ROOM_APP_SECRET",
          "OVH_ROOM_CONSUMER_KEY", "OVH_ROOM_ACCOUNT_NUMBER", "OVH_ROOM_PHONE_NUMBER",
          "MAIL_HOST or MAIL_SERVICE"}) {
      EXPECT_NE(message.find(name), std::string::npos) << name << " missing from: " << message;
    }
  }
}

TEST(Config, RefusesATimeZoneTheSystemDoesNotKnow) {
  Settings settings = minimal();
  settings["TZ"] = "Mars/Olympus";
  EXPECT_THROW((void)load_config(settings), ConfigError);
  settings["TZ"] = "America/Cayenne";
  EXPECT_EQ(load_config(settings).time_zone, "America/Cayenne");
}

TEST(Config, ListsABadAllowListAndMailServiceWithTheOtherProblems) {
  Settings settings = minimal();
  settings["EMAIL_WHITELIST"] = ".*@(unclosed";
  settings["MAIL_SERVICE"] = "pigeon";
  settings["SECRET"] = "short";
  try {
    (void)load_config(settings);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("EMAIL_WHITELIST:"), std::string::npos) << message;
    EXPECT_NE(message.find("MAIL_SERVICE is not a known service name"), std::string::npos);
    EXPECT_NE(message.find("SECRET must be at least 16 characters long"), std::string::npos);
  }
}

TEST(Config, CompilesTheAllowList) {
  Settings settings = minimal();
  settings["EMAIL_WHITELIST"] = ".*@beta\\.gouv\\.fr";
  Config config = load_config(settings);
  ASSERT_TRUE(config.email_allow_list.has_value());
  EXPECT_TRUE(config.email_allow_list->allows("agent@beta.gouv.fr"));
  EXPECT_FALSE(config.email_allow_list->allows("agent@example.com"));
}

TEST(Config, RefusesMalformedNumbersAndOutOfRangeValues) {
  Settings settings = minimal();
  settings["MAIL_PORT"] = "25x";
  settings["RESERVE_NUM_DAYS_AHEAD"] = "0";
  try {
    (void)load_config(settings);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("MAIL_PORT must be a whole number"), std::string::npos);
    EXPECT_NE(message.find("RESERVE_NUM_DAYS_AHEAD must be between"), std::string::npos);
  }
}

TEST(Config, FeatureFlagsAreOnlyOnForTheExactStringTrue) {
  Settings settings = minimal();
  settings["FEATURE_RESERVATIONS"] = "true";
  settings["FEATURE_STATS_PAGE"] = "TRUE";
  settings["FEATURE_DISPLAY_STATS_ON_LANDING"] = "1";
  Config config = load_config(settings);
  EXPECT_TRUE(config.feature_reservations);
  EXPECT_FALSE(config.feature_stats_page);
  EXPECT_FALSE(config.feature_display_stats_on_landing);
}

TEST(Config, SplitsAnnouncementsOnBarsAndDropsEmptyOnes) {
  Settings settings = minimal();
  settings["ANNOUNCEMENTS"] = "<b>Maintenance</b> ce soir| |Nouveau : <a href=\"/x\">ici</a>|";
  Config config = load_config(settings);
  ASSERT_EQ(config.announcements.size(), 2u);
  EXPECT_EQ(config.announcements[0], "<b>Maintenance</b> ce soir");
  EXPECT_EQ(config.announcements[1], "Nouveau : <a href=\"/x\">ici</a>");
}

TEST(Config, DerivesOriginAndSecureCookiesFromThePublicUrl) {
  Settings settings = minimal();
  settings["HOSTNAME_WITH_PROTOCOL"] = "https://audioconf.example.gouv.fr/";
  Config config = load_config(settings);
  EXPECT_EQ(config.hostname_with_protocol, "https://audioconf.example.gouv.fr");
  EXPECT_EQ(config.origin(), "https://audioconf.example.gouv.fr");
  EXPECT_TRUE(config.secure_cookies());
  settings["HOSTNAME_WITH_PROTOCOL"] = "http://localhost:8080";
  EXPECT_FALSE(load_config(settings).secure_cookies());
}

TEST(Config, RefusesAPublicUrlThatIsNotHttp) {
  Settings settings = minimal();
  settings["HOSTNAME_WITH_PROTOCOL"] = "ftp://example";
  EXPECT_THROW((void)load_config(settings), ConfigError);
}

TEST(Config, RefusesASenderAddressThatCouldInjectHeaders) {
  Settings settings = minimal();
  settings["MAIL_SENDER_EMAIL"] = "a@b.fr\r\nBcc: x@evil.example";
  EXPECT_THROW((void)load_config(settings), ConfigError);
}

TEST(Dotenv, ParsesQuotesCommentsAndExport) {
  Settings parsed = parse_dotenv(
      "# comment\n"
      "export APP_NAME=\"Mon service\"\n"
      "SECRET='abc def'\n"
      "PORT=8080 # inline comment\n"
      "EMPTY=\n"
      "not a setting\n"
      "EMAIL_WHITELIST=.*@(.*\\.|)beta\\.gouv\\.fr,.*@numerique\\.gouv\\.fr\r\n");
  EXPECT_EQ(parsed["APP_NAME"], "Mon service");
  EXPECT_EQ(parsed["SECRET"], "abc def");
  EXPECT_EQ(parsed["PORT"], "8080");
  EXPECT_EQ(parsed["EMPTY"], "");
  EXPECT_EQ(parsed["EMAIL_WHITELIST"], ".*@(.*\\.|)beta\\.gouv\\.fr,.*@numerique\\.gouv\\.fr");
  EXPECT_EQ(parsed.count("not a setting"), 0u);
}

TEST(Dotenv, EnvironmentOverridesDotenvWhichOverridesTheWhitelistFile) {
  Settings merged = merge_settings({{"A", "env"}}, {{"A", "dotenv"}, {"B", "dotenv"}},
                                   {{"A", "file"}, {"B", "file"}, {"EMAIL_WHITELIST", "x"}});
  EXPECT_EQ(merged["A"], "env");
  EXPECT_EQ(merged["B"], "dotenv");
  EXPECT_EQ(merged["EMAIL_WHITELIST"], "x");
}

}  // namespace
}  // namespace audioconf
