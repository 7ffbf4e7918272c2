// Keys and tokens made in the test process (OpenSSL 3) for the OpenID Connect tests.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
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

/// A P-256 key pair with a kid, able to sign ES256 tokens (JOSE's raw R||S signature, or the DER
/// form OpenSSL produces) and to publish itself as a JWK.
class TestEcKey {
 public:
  explicit TestEcKey(std::string kid) : kid_(std::move(kid)), key_(EVP_EC_gen("P-256")) {
    if (key_ == nullptr) throw std::runtime_error("EVP_EC_gen failed");
  }
  ~TestEcKey() { EVP_PKEY_free(key_); }
  TestEcKey(const TestEcKey&) = delete;
  TestEcKey& operator=(const TestEcKey&) = delete;

  [[nodiscard]] const std::string& kid() const { return kid_; }

  [[nodiscard]] std::string jwk() const {
    return R"({"kty":"EC","use":"sig","alg":"ES256","crv":"P-256","kid":")" + kid_ + R"(","x":")" +
           coordinate(OSSL_PKEY_PARAM_EC_PUB_X) + R"(","y":")" +
           coordinate(OSSL_PKEY_PARAM_EC_PUB_Y) + R"("})";
  }

  /// header.payload.signature, the signature in JOSE's raw R||S form (RFC 7518 §3.4).
  [[nodiscard]] std::string sign(const std::string& header_json,
                                 const std::string& payload_json) const {
    std::string signed_part = signed_part_of(header_json, payload_json);
    return signed_part + "." + crypto::base64url_encode(der_to_raw(der_signature(signed_part)));
  }

  /// The same, with the signature left in OpenSSL's DER form (what JOSE forbids).
  [[nodiscard]] std::string sign_der(const std::string& header_json,
                                     const std::string& payload_json) const {
    std::string signed_part = signed_part_of(header_json, payload_json);
    return signed_part + "." + crypto::base64url_encode(der_signature(signed_part));
  }

  [[nodiscard]] std::string sign_es256(const std::string& payload_json) const {
    return sign(R"({"alg":"ES256","typ":"JWT","kid":")" + kid_ + R"("})", payload_json);
  }

 private:
  static std::string signed_part_of(const std::string& header_json,
                                    const std::string& payload_json) {
    return crypto::base64url_encode(header_json) + "." + crypto::base64url_encode(payload_json);
  }

  [[nodiscard]] std::string der_signature(const std::string& signed_part) const {
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
    return signature;
  }

  static std::string der_to_raw(const std::string& der) {
    const auto* data = reinterpret_cast<const unsigned char*>(der.data());
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &data, static_cast<long>(der.size()));
    if (sig == nullptr) throw std::runtime_error("d2i_ECDSA_SIG failed");
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
    ECDSA_SIG_free(sig);
    return raw;
  }

  [[nodiscard]] std::string coordinate(const char* name) const {
    BIGNUM* bn = nullptr;
    EVP_PKEY_get_bn_param(key_, name, &bn);
    std::string bytes(32, '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()), 32);
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
