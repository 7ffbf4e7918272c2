// The JWT verifier: tokens made in the test with keys generated in the test.
#include <gtest/gtest.h>

#include <string>

#include "common/oidc/jwt.hpp"
#include "oidc_test_keys.hpp"

namespace audioconf::oidc {
namespace {

using testing::TestRsaKey;

constexpr long long kNow = 1'800'000'000;
const std::string kIssuer = "http://localhost:18295/api/v2";
const std::string kClient = "audioconf-test";
const std::string kNonce = "nonce-0123456789-0123456789-0123456789";

std::string claims(long long iat = kNow, long long exp = kNow + 60,
                   const std::string& iss = kIssuer, const std::string& aud = kClient,
                   const std::string& nonce = kNonce) {
  return R"({"sub":"agent-1","iss":")" + iss + R"(","aud":")" + aud + R"(","iat":)" +
         std::to_string(iat) + R"(,"exp":)" + std::to_string(exp) + R"(,"nonce":")" + nonce +
         R"(","acr":"eidas1"})";
}

class JwtVerifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    key_ = new TestRsaKey("key-1");
    other_ = new TestRsaKey("key-2");
  }
  static void TearDownTestSuite() {
    delete key_;
    delete other_;
  }

  JwtExpectations expected() const {
    JwtExpectations e;
    e.algorithm = "RS256";
    e.issuer = kIssuer;
    e.audience = kClient;
    e.nonce = kNonce;
    e.now = TimePoint(std::chrono::seconds(kNow));
    return e;
  }
  JwkSet keys() const { return *JwkSet::parse(testing::jwks_of(key_->jwk())); }

  static JwtError error_of(const JwtResult& result) {
    if (const auto* error = std::get_if<JwtError>(&result)) return *error;
    ADD_FAILURE() << "the token was accepted";
    return JwtError::malformed;
  }

  static TestRsaKey* key_;
  static TestRsaKey* other_;
};
TestRsaKey* JwtVerifierTest::key_ = nullptr;
TestRsaKey* JwtVerifierTest::other_ = nullptr;

TEST_F(JwtVerifierTest, AcceptsAValidTokenAndGivesItsClaims) {
  JwtResult result = JwtVerifier::verify(key_->sign_rs256(claims()), keys(), expected());
  ASSERT_TRUE(std::holds_alternative<VerifiedJwt>(result));
  EXPECT_EQ(std::get<VerifiedJwt>(result).claim("sub"), "agent-1");
  EXPECT_EQ(std::get<VerifiedJwt>(result).kid, "key-1");
}

TEST_F(JwtVerifierTest, RefusesAnExpiredTokenBeyondTheSkew) {
  auto e = expected();
  EXPECT_EQ(
      error_of(JwtVerifier::verify(key_->sign_rs256(claims(kNow - 300, kNow - 61)), keys(), e)),
      JwtError::expired);
  // Within the skew it still passes.
  EXPECT_TRUE(std::holds_alternative<VerifiedJwt>(
      JwtVerifier::verify(key_->sign_rs256(claims(kNow - 300, kNow - 30)), keys(), e)));
}

TEST_F(JwtVerifierTest, RefusesATokenIssuedInTheFuture) {
  EXPECT_EQ(error_of(JwtVerifier::verify(key_->sign_rs256(claims(kNow + 120, kNow + 180)), keys(),
                                         expected())),
            JwtError::issued_in_future);
}

TEST_F(JwtVerifierTest, RefusesATokenWithoutExpiry) {
  std::string payload = R"({"sub":"a","iss":")" + kIssuer + R"(","aud":")" + kClient +
                        R"(","nonce":")" + kNonce + R"("})";
  EXPECT_EQ(error_of(JwtVerifier::verify(key_->sign_rs256(payload), keys(), expected())),
            JwtError::expired);
}

TEST_F(JwtVerifierTest, RefusesAWrongAudience) {
  EXPECT_EQ(error_of(JwtVerifier::verify(
                key_->sign_rs256(claims(kNow, kNow + 60, kIssuer, "another-client")), keys(),
                expected())),
            JwtError::audience);
}

TEST_F(JwtVerifierTest, RefusesSeveralAudiencesWithoutOurAzp) {
  std::string payload = R"({"sub":"a","iss":")" + kIssuer + R"(","aud":[")" + kClient +
                        R"(","other"],"iat":)" + std::to_string(kNow) + R"(,"exp":)" +
                        std::to_string(kNow + 60) + R"(,"nonce":")" + kNonce + R"("})";
  EXPECT_EQ(error_of(JwtVerifier::verify(key_->sign_rs256(payload), keys(), expected())),
            JwtError::audience);
}

TEST_F(JwtVerifierTest, RefusesAWrongIssuer) {
  EXPECT_EQ(error_of(JwtVerifier::verify(
                key_->sign_rs256(claims(kNow, kNow + 60, "http://evil.example/api/v2")), keys(),
                expected())),
            JwtError::issuer);
}

TEST_F(JwtVerifierTest, RefusesAWrongNonce) {
  EXPECT_EQ(error_of(JwtVerifier::verify(
                key_->sign_rs256(claims(kNow, kNow + 60, kIssuer, kClient, "another-nonce")),
                keys(), expected())),
            JwtError::nonce);
}

TEST_F(JwtVerifierTest, RefusesAnAcrOutsideTheRequiredValues) {
  auto e = expected();
  e.acr_values = {"eidas2", "eidas3"};
  EXPECT_EQ(error_of(JwtVerifier::verify(key_->sign_rs256(claims()), keys(), e)), JwtError::acr);
  e.acr_values = {"eidas1"};
  EXPECT_TRUE(std::holds_alternative<VerifiedJwt>(
      JwtVerifier::verify(key_->sign_rs256(claims()), keys(), e)));
}

TEST_F(JwtVerifierTest, RefusesAlgNone) {
  std::string token = crypto::base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                      crypto::base64url_encode(claims()) + ".";
  EXPECT_EQ(error_of(JwtVerifier::verify(token, keys(), expected())), JwtError::algorithm);
  std::string with_kid = crypto::base64url_encode(R"({"alg":"none","kid":"key-1"})") + "." +
                         crypto::base64url_encode(claims()) + "." + crypto::base64url_encode("x");
  EXPECT_EQ(error_of(JwtVerifier::verify(with_kid, keys(), expected())), JwtError::algorithm);
}

TEST_F(JwtVerifierTest, RefusesHs256SignedWithThePublicKeyPem) {
  std::string token = testing::sign_hs256(R"({"alg":"HS256","typ":"JWT","kid":"key-1"})", claims(),
                                          key_->public_pem());
  EXPECT_EQ(error_of(JwtVerifier::verify(token, keys(), expected())), JwtError::algorithm);
  // Even when HS256 were the registered algorithm, an RSA key is never used as an HMAC secret.
  auto e = expected();
  e.algorithm = "HS256";
  EXPECT_EQ(error_of(JwtVerifier::verify(token, keys(), e)), JwtError::algorithm);
}

TEST_F(JwtVerifierTest, RefusesAnyOtherAlgorithm) {
  for (const char* alg : {"RS384", "RS512", "PS256", "ES256", "EdDSA", "rs256", ""}) {
    std::string token =
        key_->sign(std::string(R"({"alg":")") + alg + R"(","kid":"key-1"})", claims());
    EXPECT_EQ(error_of(JwtVerifier::verify(token, keys(), expected())), JwtError::algorithm) << alg;
  }
}

TEST_F(JwtVerifierTest, RefusesATamperedPayload) {
  std::string token = key_->sign_rs256(claims());
  std::size_t first = token.find('.');
  std::size_t second = token.find('.', first + 1);
  std::string forged =
      token.substr(0, first + 1) +
      crypto::base64url_encode(R"({"sub":"admin","iss":")" + kIssuer + R"(","aud":")" + kClient +
                               R"(","iat":)" + std::to_string(kNow) + R"(,"exp":)" +
                               std::to_string(kNow + 60) + R"(,"nonce":")" + kNonce + R"("})") +
      token.substr(second);
  EXPECT_EQ(error_of(JwtVerifier::verify(forged, keys(), expected())), JwtError::signature);
}

TEST_F(JwtVerifierTest, RefusesATamperedSignature) {
  std::string token = key_->sign_rs256(claims());
  std::size_t last = token.rfind('.');
  std::string signature = *crypto::base64url_decode(token.substr(last + 1));
  signature[10] = static_cast<char>(signature[10] ^ 0x01);
  std::string forged = token.substr(0, last + 1) + crypto::base64url_encode(signature);
  EXPECT_EQ(error_of(JwtVerifier::verify(forged, keys(), expected())), JwtError::signature);
  EXPECT_EQ(error_of(JwtVerifier::verify(token.substr(0, last + 1), keys(), expected())),
            JwtError::signature);
}

TEST_F(JwtVerifierTest, RefusesATokenSignedByAnotherKeyClaimingOurKid) {
  std::string token = other_->sign(R"({"alg":"RS256","kid":"key-1"})", claims());
  EXPECT_EQ(error_of(JwtVerifier::verify(token, keys(), expected())), JwtError::signature);
}

TEST_F(JwtVerifierTest, AnUnknownKidIsReportedThenAcceptedAfterRotation) {
  std::string token = other_->sign_rs256(claims());
  EXPECT_EQ(JwtVerifier::peek_kid(token), "key-2");
  EXPECT_EQ(error_of(JwtVerifier::verify(token, keys(), expected())), JwtError::unknown_key);
  JwkSet rotated = *JwkSet::parse(testing::jwks_of(key_->jwk(), other_->jwk()));
  EXPECT_TRUE(std::holds_alternative<VerifiedJwt>(JwtVerifier::verify(token, rotated, expected())));
}

TEST_F(JwtVerifierTest, RefusesMalformedTokens) {
  for (const std::string& token :
       {std::string(""), std::string("a.b"), std::string("a.b.c.d"), std::string("!!!.e30.e30"),
        crypto::base64url_encode("[1]") + ".e30.e30"}) {
    EXPECT_EQ(error_of(JwtVerifier::verify(token, keys(), expected())), JwtError::malformed)
        << token;
  }
}

TEST(JwkSetTest, SkipsSymmetricAndEncryptionKeysAndRejectsNonSets) {
  EXPECT_FALSE(JwkSet::parse("[]").has_value());
  EXPECT_FALSE(JwkSet::parse("not json").has_value());
  auto set = JwkSet::parse(R"({"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"h"},)"
                           R"({"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB","kid":"e"}]})");
  ASSERT_TRUE(set.has_value());
  EXPECT_EQ(set->size(), 0u);
  EXPECT_FALSE(set->has_key("h"));
}

}  // namespace
}  // namespace audioconf::oidc
