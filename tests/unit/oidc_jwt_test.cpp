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

// ES256 (PROCONNECT_ID_TOKEN_ALG=ES256): P-256 keys, JOSE's raw R||S signature (RFC 7518 §3.4).
class Es256VerifierTest : public JwtVerifierTest {
 protected:
  static void SetUpTestSuite() {
    JwtVerifierTest::SetUpTestSuite();
    ec_key_ = new testing::TestEcKey("ec-1");
    ec_other_ = new testing::TestEcKey("ec-2");
  }
  static void TearDownTestSuite() {
    delete ec_key_;
    delete ec_other_;
    JwtVerifierTest::TearDownTestSuite();
  }

  JwtExpectations es256_expected() const {
    JwtExpectations e = expected();
    e.algorithm = "ES256";
    return e;
  }
  // Both kinds of key published side by side: the registered algorithm alone decides.
  JwkSet both_keys() const { return *JwkSet::parse(testing::jwks_of(key_->jwk(), ec_key_->jwk())); }

  static testing::TestEcKey* ec_key_;
  static testing::TestEcKey* ec_other_;
};
testing::TestEcKey* Es256VerifierTest::ec_key_ = nullptr;
testing::TestEcKey* Es256VerifierTest::ec_other_ = nullptr;

TEST_F(Es256VerifierTest, AcceptsAValidEs256TokenAndGivesItsClaims) {
  JwkSet ec_only = *JwkSet::parse(testing::jwks_of(ec_key_->jwk()));
  ASSERT_EQ(ec_only.size(), 1u);
  JwkSet mixed = both_keys();
  ASSERT_EQ(mixed.size(), 2u);
  for (const JwkSet* set : {&ec_only, &mixed}) {
    JwtResult result = JwtVerifier::verify(ec_key_->sign_es256(claims()), *set, es256_expected());
    ASSERT_TRUE(std::holds_alternative<VerifiedJwt>(result))
        << to_string(std::get<JwtError>(result));
    EXPECT_EQ(std::get<VerifiedJwt>(result).claim("sub"), "agent-1");
    EXPECT_EQ(std::get<VerifiedJwt>(result).kid, "ec-1");
  }
  // The claims are checked as for RS256.
  EXPECT_EQ(error_of(JwtVerifier::verify(
                ec_key_->sign_es256(claims(kNow, kNow + 60, kIssuer, kClient, "another-nonce")),
                both_keys(), es256_expected())),
            JwtError::nonce);
  EXPECT_EQ(error_of(JwtVerifier::verify(ec_key_->sign_es256(claims(kNow - 300, kNow - 61)),
                                         both_keys(), es256_expected())),
            JwtError::expired);
}

TEST_F(Es256VerifierTest, RefusesAnEs256TokenWhenRs256IsRegistered) {
  EXPECT_EQ(error_of(JwtVerifier::verify(ec_key_->sign_es256(claims()), both_keys(), expected())),
            JwtError::algorithm);
}

TEST_F(Es256VerifierTest, RefusesAnRs256TokenWhenEs256IsRegistered) {
  EXPECT_EQ(
      error_of(JwtVerifier::verify(key_->sign_rs256(claims()), both_keys(), es256_expected())),
      JwtError::algorithm);
  // An RSA signature under a header claiming ES256 and the RSA key's kid finds no EC key.
  std::string relabelled = key_->sign(R"({"alg":"ES256","kid":"key-1"})", claims());
  EXPECT_EQ(error_of(JwtVerifier::verify(relabelled, both_keys(), es256_expected())),
            JwtError::unknown_key);
}

TEST_F(Es256VerifierTest, RefusesATamperedEs256SignatureOrPayload) {
  std::string token = ec_key_->sign_es256(claims());
  std::size_t last = token.rfind('.');
  std::string signature = *crypto::base64url_decode(token.substr(last + 1));
  ASSERT_EQ(signature.size(), 64u);
  for (std::size_t at : {std::size_t{5}, std::size_t{40}}) {  // in R, then in S
    std::string flipped = signature;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x01);
    std::string forged = token.substr(0, last + 1) + crypto::base64url_encode(flipped);
    EXPECT_EQ(error_of(JwtVerifier::verify(forged, both_keys(), es256_expected())),
              JwtError::signature)
        << at;
  }
  // R and S swapped, truncated, or empty.
  std::string swapped = signature.substr(32) + signature.substr(0, 32);
  EXPECT_EQ(
      error_of(JwtVerifier::verify(token.substr(0, last + 1) + crypto::base64url_encode(swapped),
                                   both_keys(), es256_expected())),
      JwtError::signature);
  EXPECT_EQ(error_of(JwtVerifier::verify(
                token.substr(0, last + 1) + crypto::base64url_encode(signature.substr(0, 63)),
                both_keys(), es256_expected())),
            JwtError::signature);
  EXPECT_EQ(error_of(JwtVerifier::verify(token.substr(0, last + 1), both_keys(), es256_expected())),
            JwtError::signature);
  // Another payload under the original signature.
  std::size_t first = token.find('.');
  std::string payload_swapped = token.substr(0, first + 1) +
                                crypto::base64url_encode(claims(kNow, kNow + 3600)) +
                                token.substr(last);
  EXPECT_EQ(error_of(JwtVerifier::verify(payload_swapped, both_keys(), es256_expected())),
            JwtError::signature);
}

TEST_F(Es256VerifierTest, RefusesAnEs256TokenSignedByAnotherKeyClaimingOurKid) {
  std::string token = ec_other_->sign(R"({"alg":"ES256","kid":"ec-1"})", claims());
  EXPECT_EQ(error_of(JwtVerifier::verify(token, both_keys(), es256_expected())),
            JwtError::signature);
}

TEST_F(Es256VerifierTest, RefusesADerEncodedSignature) {
  // JOSE requires R||S; OpenSSL's own DER form is refused even though it would verify as DER.
  std::string token = ec_key_->sign_der(R"({"alg":"ES256","typ":"JWT","kid":"ec-1"})", claims());
  std::string der = *crypto::base64url_decode(token.substr(token.rfind('.') + 1));
  ASSERT_EQ(static_cast<unsigned char>(der[0]), 0x30u) << "a DER SEQUENCE";
  ASSERT_NE(der.size(), 64u);
  EXPECT_EQ(error_of(JwtVerifier::verify(token, both_keys(), es256_expected())),
            JwtError::signature);
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
