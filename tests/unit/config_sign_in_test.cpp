// Sign-in settings (SPEC §8): AUTH_METHODS and the PROCONNECT_* settings, checked at start-up.
#include <gtest/gtest.h>

#include "common/config.hpp"

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

Settings with_proconnect() {
  Settings s = minimal();
  s["AUTH_METHODS"] = "email,proconnect";
  s["PROCONNECT_DISCOVERY_URL"] = "http://localhost:8095/api/v2/.well-known/openid-configuration";
  s["PROCONNECT_CLIENT_ID"] = "client";
  s["PROCONNECT_CLIENT_SECRET"] = "secret";
  return s;
}

std::string problems_of(const Settings& settings) {
  try {
    (void)load_config(settings);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(ConfigSignIn, DefaultsToTheEmailedLinkOnly) {
  Config config = load_config(minimal());
  EXPECT_TRUE(config.auth_email);
  EXPECT_FALSE(config.auth_proconnect);
  EXPECT_EQ(config.proconnect_scopes, "openid email given_name usual_name uid siret idp_id");
  EXPECT_EQ(config.proconnect_id_token_alg, "RS256");
  EXPECT_EQ(config.proconnect_userinfo_alg, "RS256");
  EXPECT_TRUE(config.proconnect_acr_values.empty());
}

TEST(ConfigSignIn, AcceptsBothMethodsWithTheProviderSettings) {
  Settings s = with_proconnect();
  s["PROCONNECT_ACR_VALUES"] = "eidas1, eidas2";
  Config config = load_config(s);
  EXPECT_TRUE(config.auth_email);
  EXPECT_TRUE(config.auth_proconnect);
  EXPECT_EQ(config.proconnect_acr_values, (std::vector<std::string>{"eidas1", "eidas2"}));
  s["AUTH_METHODS"] = "proconnect";
  config = load_config(s);
  EXPECT_FALSE(config.auth_email);
}

TEST(ConfigSignIn, ListsEveryMissingProviderSetting) {
  Settings s = minimal();
  s["AUTH_METHODS"] = "proconnect";
  std::string message = problems_of(s);
  EXPECT_NE(message.find("PROCONNECT_DISCOVERY_URL"), std::string::npos) << message;
  EXPECT_NE(message.find("PROCONNECT_CLIENT_ID"), std::string::npos) << message;
  EXPECT_NE(message.find("PROCONNECT_CLIENT_SECRET"), std::string::npos) << message;
}

TEST(ConfigSignIn, RefusesUnknownMethodsAlgorithmsAndScopesWithoutOpenid) {
  Settings s = with_proconnect();
  s["AUTH_METHODS"] = "email,proconnect,password";
  s["PROCONNECT_ID_TOKEN_ALG"] = "HS256";
  s["PROCONNECT_USERINFO_ALG"] = "none";
  s["PROCONNECT_SCOPES"] = "email";
  s["PROCONNECT_DISCOVERY_URL"] = "ftp://example/";
  std::string message = problems_of(s);
  for (const char* name : {"AUTH_METHODS", "PROCONNECT_ID_TOKEN_ALG", "PROCONNECT_USERINFO_ALG",
                           "PROCONNECT_SCOPES"}) {
    EXPECT_NE(message.find(name), std::string::npos) << name << " in " << message;
  }
  s = with_proconnect();
  s["PROCONNECT_DISCOVERY_URL"] = "ftp://example/";
  EXPECT_NE(problems_of(s).find("PROCONNECT_DISCOVERY_URL"), std::string::npos);
}

TEST(ConfigSignIn, TheSessionCookieIsHostPrefixedBehindHttps) {
  Settings s = minimal();
  EXPECT_EQ(load_config(s).session_cookie_name(), "audioconf_session");
  s["HOSTNAME_WITH_PROTOCOL"] = "https://audioconf.numerique.gouv.fr";
  EXPECT_EQ(load_config(s).session_cookie_name(), "__Host-audioconf_session");
}

}  // namespace
}  // namespace audioconf
