// The OpenID Connect client against a scripted provider (the HTTP seam): discovery cached and
// fetched again after a failure, keys fetched again once on an unknown kid (rotation), the code
// exchange with client_secret_post and PKCE, userinfo as a signed JWT with the ID token's sub.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/oidc/client.hpp"
#include "oidc_test_keys.hpp"

namespace audioconf::oidc {
namespace {

using testing::TestRsaKey;

const std::string kIssuer = "https://auth.example.gouv.fr/api/v2";
const std::string kNonce = "nonce-nonce-nonce-nonce-nonce-nonce-nonce";

/// A provider answering from a table; records every request.
class ScriptedProvider {
 public:
  std::vector<net::HttpRequest> requests;
  std::map<std::string, std::function<net::HttpResponse(const net::HttpRequest&)>> routes;
  bool down = false;

  net::HttpResponse operator()(const net::HttpRequest& request) {
    requests.push_back(request);
    if (down) throw net::TransportError("connection refused");
    std::string path = request.url.substr(0, request.url.find('?'));
    auto route = routes.find(path);
    if (route == routes.end()) return {404, {}, "not found"};
    return route->second(request);
  }
  int count(const std::string& path) const {
    int n = 0;
    for (const auto& r : requests) n += r.url.rfind(path, 0) == 0 ? 1 : 0;
    return n;
  }
};

net::HttpResponse json(std::string body) {
  return {200, {{"Content-Type", "application/json"}}, std::move(body)};
}

class OidcClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    old_key_ = new TestRsaKey("old");
    new_key_ = new TestRsaKey("new");
  }
  static void TearDownTestSuite() {
    delete old_key_;
    delete new_key_;
  }

  void SetUp() override {
    published_ = {old_key_};
    signer_ = old_key_;
    provider_.routes[kIssuer + "/.well-known/openid-configuration"] = [](const auto&) {
      return json(R"({"issuer":")" + kIssuer + R"(","authorization_endpoint":")" + kIssuer +
                  R"(/authorize","token_endpoint":")" + kIssuer +
                  R"(/token","userinfo_endpoint":")" + kIssuer + R"(/userinfo","jwks_uri":")" +
                  kIssuer + R"(/jwks","end_session_endpoint":")" + kIssuer +
                  R"(/session/end","authorization_response_iss_parameter_supported":true})");
    };
    provider_.routes[kIssuer + "/jwks"] = [this](const auto&) {
      std::string keys;
      for (const TestRsaKey* key : published_) keys += (keys.empty() ? "" : ",") + key->jwk();
      return json(R"({"keys":[)" + keys + "]}");
    };
    provider_.routes[kIssuer + "/token"] = [this](const net::HttpRequest& request) {
      token_body_ = request.body;
      return json(R"({"access_token":"at-123","token_type":"Bearer","expires_in":60,"id_token":")" +
                  signer_->sign_rs256(claims("agent-1", kNonce)) + R"("})");
    };
    provider_.routes[kIssuer + "/userinfo"] = [this](const net::HttpRequest&) {
      return net::HttpResponse{200,
                               {{"Content-Type", "application/jwt; charset=utf-8"}},
                               userinfo_body_.empty()
                                   ? signer_->sign_rs256(userinfo_claims("agent-1"))
                                   : userinfo_body_};
    };
  }

  static std::string claims(const std::string& sub, const std::string& nonce) {
    long long now = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    return R"({"sub":")" + sub + R"(","iss":")" + kIssuer + R"(","aud":"client-1","iat":)" +
           std::to_string(now) + R"(,"exp":)" + std::to_string(now + 60) + R"(,"nonce":")" + nonce +
           R"("})";
  }
  static std::string userinfo_claims(const std::string& sub) {
    return R"({"sub":")" + sub + R"(","iss":")" + kIssuer +
           R"(","aud":"client-1","email":"jean.dupont@example.gouv.fr","given_name":"Jean",)"
           R"("usual_name":"Dupont"})";
  }

  static ClientSettings client_settings() {
    ClientSettings settings;
    settings.discovery_url = kIssuer + "/.well-known/openid-configuration";
    settings.client_id = "client-1";
    settings.client_secret = "secret-1";
    settings.scopes = "openid email";
    settings.redirect_uri = "https://audioconf.example/connexion/proconnect/retour";
    settings.post_logout_redirect_uri = "https://audioconf.example/deconnexion/retour";
    return settings;
  }

  OidcClient client(ClientSettings settings = client_settings()) {
    return OidcClient(
        settings, [this](const net::HttpRequest& request) { return provider_(request); }, clock_);
  }

  ScriptedProvider provider_;
  SystemClock clock_;
  std::vector<const TestRsaKey*> published_;
  const TestRsaKey* signer_ = nullptr;
  std::string token_body_;
  std::string userinfo_body_;
  static TestRsaKey* old_key_;
  static TestRsaKey* new_key_;
};
TestRsaKey* OidcClientTest::old_key_ = nullptr;
TestRsaKey* OidcClientTest::new_key_ = nullptr;

TEST_F(OidcClientTest, TheAuthorizationUrlCarriesStateNonceAndS256Challenge) {
  OidcClient c = client();
  std::string url = c.authorization_url("state-1", "nonce-1", pkce_challenge("verifier-1"));
  EXPECT_EQ(url.rfind(kIssuer + "/authorize?", 0), 0u) << url;
  for (const char* part :
       {"response_type=code", "client_id=client-1", "state=state-1", "nonce=nonce-1",
        "code_challenge_method=S256", "scope=openid%20email",
        "redirect_uri=https%3A%2F%2Faudioconf.example%2Fconnexion%2Fproconnect%2Fretour"}) {
    EXPECT_NE(url.find(part), std::string::npos) << part << " in " << url;
  }
  EXPECT_NE(url.find("code_challenge=" + pkce_challenge("verifier-1")), std::string::npos);
}

TEST_F(OidcClientTest, DiscoveryIsCachedThenFetchedAgainAfterAFailure) {
  OidcClient c = client();
  (void)c.authorization_url("s", "n", "c");
  (void)c.authorization_url("s", "n", "c");
  EXPECT_EQ(provider_.count(kIssuer + "/.well-known"), 1);
  provider_.down = true;
  EXPECT_EQ(std::get<SignInFailure>(c.finish("code", kNonce, "verifier")),
            SignInFailure::kProviderUnavailable);
  provider_.down = false;
  (void)c.authorization_url("s", "n", "c");
  EXPECT_EQ(provider_.count(kIssuer + "/.well-known"), 2);
}

TEST_F(OidcClientTest, AProviderDownSinceDiscoveryWasCachedIsNoticedBeforeTheRedirect) {
  ClientSettings settings = client_settings();
  settings.sign_in_freshness = std::chrono::seconds(0);
  OidcClient c = client(settings);
  (void)c.authorization_url("s", "n", "c");
  provider_.down = true;
  EXPECT_THROW((void)c.authorization_url("s", "n", "c"), ProviderUnavailable);
  provider_.down = false;
  (void)c.authorization_url("s", "n", "c");
  EXPECT_EQ(provider_.count(kIssuer + "/.well-known"), 3);
}

TEST_F(OidcClientTest, TheCallbackIssuerMustBeTheProvidersAndIsRequiredWhenAdvertised) {
  OidcClient c = client();
  EXPECT_TRUE(c.callback_issuer_ok(kIssuer));
  EXPECT_FALSE(c.callback_issuer_ok(std::string("https://evil.example/api/v2")));
  EXPECT_FALSE(c.callback_issuer_ok(std::nullopt));
}

TEST_F(OidcClientTest, ASignInSendsTheSecretInTheBodyAndVerifiesBothTokens) {
  OidcClient c = client();
  SignInResult result = c.finish("code-1", kNonce, "verifier-1");
  ASSERT_TRUE(std::holds_alternative<AgentIdentity>(result))
      << to_string(std::get<SignInFailure>(result));
  const AgentIdentity& agent = std::get<AgentIdentity>(result);
  EXPECT_EQ(agent.sub, "agent-1");
  EXPECT_EQ(agent.email, "jean.dupont@example.gouv.fr");
  EXPECT_EQ(agent.given_name, "Jean");
  EXPECT_FALSE(agent.id_token.empty());
  for (const char* part : {"grant_type=authorization_code", "code=code-1", "client_id=client-1",
                           "client_secret=secret-1", "code_verifier=verifier-1"}) {
    EXPECT_NE(token_body_.find(part), std::string::npos) << part;
  }
  for (const auto& request : provider_.requests) {
    for (const auto& header : request.headers) {
      EXPECT_EQ(header.rfind("Authorization: Basic", 0), std::string::npos);
    }
  }
}

TEST_F(OidcClientTest, AWrongNonceIsRefused) {
  OidcClient c = client();
  EXPECT_EQ(std::get<SignInFailure>(c.finish("code", "another-nonce", "verifier")),
            SignInFailure::kIdTokenRefused);
}

TEST_F(OidcClientTest, KeysAreFetchedAgainOnceWhenTheProviderRotates) {
  OidcClient c = client();
  ASSERT_TRUE(std::holds_alternative<AgentIdentity>(c.finish("code", kNonce, "v")));
  EXPECT_EQ(provider_.count(kIssuer + "/jwks"), 1);
  published_ = {old_key_, new_key_};
  signer_ = new_key_;
  ASSERT_TRUE(std::holds_alternative<AgentIdentity>(c.finish("code", kNonce, "v")));
  EXPECT_EQ(provider_.count(kIssuer + "/jwks"), 2) << "one refetch for the unknown kid";
  ASSERT_TRUE(std::holds_alternative<AgentIdentity>(c.finish("code", kNonce, "v")));
  EXPECT_EQ(provider_.count(kIssuer + "/jwks"), 2) << "then the cached keys";
}

TEST_F(OidcClientTest, AnUnknownKidAfterTheRefetchIsRefused) {
  OidcClient c = client();
  signer_ = new_key_;  // never published
  EXPECT_EQ(std::get<SignInFailure>(c.finish("code", kNonce, "v")), SignInFailure::kIdTokenRefused);
  EXPECT_EQ(provider_.count(kIssuer + "/jwks"), 2);
}

TEST_F(OidcClientTest, UserinfoAsPlainJsonOrWithAnotherSubIsRefused) {
  OidcClient c = client();
  userinfo_body_ = userinfo_claims("agent-1");  // plain JSON, unsigned
  EXPECT_EQ(std::get<SignInFailure>(c.finish("code", kNonce, "v")),
            SignInFailure::kUserinfoRefused);
  userinfo_body_ = old_key_->sign_rs256(userinfo_claims("someone-else"));
  EXPECT_EQ(std::get<SignInFailure>(c.finish("code", kNonce, "v")),
            SignInFailure::kUserinfoRefused);
  userinfo_body_ = crypto::base64url_encode(R"({"alg":"none"})") + "." +
                   crypto::base64url_encode(userinfo_claims("agent-1")) + ".";
  EXPECT_EQ(std::get<SignInFailure>(c.finish("code", kNonce, "v")),
            SignInFailure::kUserinfoRefused);
}

TEST_F(OidcClientTest, ARefusedCodeIsReportedAsSuch) {
  provider_.routes[kIssuer + "/token"] = [](const auto&) {
    return net::HttpResponse{400, {}, R"({"error":"invalid_grant"})"};
  };
  OidcClient c = client();
  EXPECT_EQ(std::get<SignInFailure>(c.finish("code", kNonce, "v")), SignInFailure::kCodeRefused);
}

TEST_F(OidcClientTest, DiscoveryNamingAnotherIssuerIsUnusable) {
  provider_.routes[kIssuer + "/.well-known/openid-configuration"] = [](const auto&) {
    return json(
        R"({"issuer":"https://evil.example","authorization_endpoint":"https://evil.example/a",)"
        R"("token_endpoint":"https://evil.example/t","userinfo_endpoint":"https://evil.example/u",)"
        R"("jwks_uri":"https://evil.example/j"})");
  };
  OidcClient c = client();
  EXPECT_THROW((void)c.authorization_url("s", "n", "c"), ProviderUnavailable);
  EXPECT_FALSE(c.discovery_answers());
}

TEST_F(OidcClientTest, TheEndSessionUrlCarriesTheHintStateAndReturnAddress) {
  OidcClient c = client();
  std::string url = c.end_session_url("id.token.value", "logout-state");
  EXPECT_EQ(url.rfind(kIssuer + "/session/end?", 0), 0u);
  EXPECT_NE(url.find("id_token_hint=id.token.value"), std::string::npos);
  EXPECT_NE(url.find("state=logout-state"), std::string::npos);
  EXPECT_NE(
      url.find("post_logout_redirect_uri=https%3A%2F%2Faudioconf.example%2Fdeconnexion%2Fretour"),
      std::string::npos);
}

}  // namespace
}  // namespace audioconf::oidc
