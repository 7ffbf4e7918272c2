// Keys and tokens made in the test process (OpenSSL 3) for the OpenID Connect tests.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "common/crypto/encoding.hpp"

namespace audioconf::oidc::testing {

/// An RSA key pair with a kid, able to sign RS256 tokens and to publish itself as a JWK.
class TestRsaKey {
 public:
  explicit TestRsaKey(std::string kid) : kid_(std::move(kid)), key_(EVP_RSA_gen(2048)) {
    if (key_ == nullptr) throw std::runtime_error("EVP_RSA_gen failed");
  }
  ~TestRsaKey() { EVP_PKEY_free(key_); }
  TestRsaKey(const TestRsaKey&) = delete;
  TestRsaKey& operator=(const TestRsaKey&) = delete;

  [[nodiscard]] const std::string& kid() const { return kid_; }

  [[nodiscard]] std::string jwk() const {
    return R"({"kty":"RSA","use":"sig","alg":"RS256","kid":")" + kid_ + R"(","n":")" +
           bn_param(OSSL_PKEY_PARAM_RSA_N) + R"(","e":")" + bn_param(OSSL_PKEY_PARAM_RSA_E) +
           R"("})";
  }

  /// The public key as PEM text (what an algorithm-confusion attacker would HMAC with).
  [[nodiscard]] std::string public_pem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, key_);
    char* data = nullptr;
    long length = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(length));
    BIO_free(bio);
    return pem;
  }

  /// header.payload.signature with RS256 over the given JSON texts.
  [[nodiscard]] std::string sign(const std::string& header_json,
                                 const std::string& payload_json) const {
    std::string signed_part =
        crypto::base64url_encode(header_json) + "." + crypto::base64url_encode(payload_json);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::size_t length = 0;
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_);
    EVP_DigestSign(ctx, nullptr, &length,
                   reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size());
    std::string signature(length, '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                   reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size());
    EVP_MD_CTX_free(ctx);
    signature.resize(length);
    return signed_part + "." + crypto::base64url_encode(signature);
  }

  [[nodiscard]] std::string sign_rs256(const std::string& payload_json) const {
    return sign(R"({"alg":"RS256","typ":"JWT","kid":")" + kid_ + R"("})", payload_json);
  }

 private:
  [[nodiscard]] std::string bn_param(const char* name) const {
    BIGNUM* bn = nullptr;
    EVP_PKEY_get_bn_param(key_, name, &bn);
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(bn);
    return crypto::base64url_encode(bytes);
  }

  std::string kid_;
  EVP_PKEY* key_;
};

/// header.payload.HMAC-SHA256(secret).
inline std::string sign_hs256(const std::string& header_json, const std::string& payload_json,
                              const std::string& secret) {
  std::string signed_part =
      crypto::base64url_encode(header_json) + "." + crypto::base64url_encode(payload_json);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(), mac,
       &length);
  return signed_part + "." +
         crypto::base64url_encode(std::string(reinterpret_cast<char*>(mac), length));
}

inline std::string jwks_of(const std::string& jwk_a, const std::string& jwk_b = "") {
  return R"({"keys":[)" + jwk_a + (jwk_b.empty() ? "" : "," + jwk_b) + "]}";
}

}  // namespace audioconf::oidc::testing
