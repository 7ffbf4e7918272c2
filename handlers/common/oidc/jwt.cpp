#include "common/oidc/jwt.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "common/crypto/encoding.hpp"

namespace audioconf::oidc {
namespace {

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

struct BnDeleter {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnDeleter>;

BnPtr bignum(const std::string& bytes) {
  return BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                         static_cast<int>(bytes.size()), nullptr));
}

std::optional<std::string> decoded_member(const json_t* object, const char* name) {
  std::string text = json::string_member(object, name);
  if (text.empty()) return std::nullopt;
  return crypto::base64url_decode(text);
}

PkeyPtr key_from_params(const char* type, OSSL_PARAM_BLD* builder) {
  PkeyPtr result;
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(builder);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* key = nullptr;
  if (params != nullptr && ctx != nullptr && EVP_PKEY_fromdata_init(ctx) == 1 &&
      EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1) {
    result.reset(key);
  }
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  return result;
}

PkeyPtr rsa_public_key(const json_t* jwk) {
  auto n = decoded_member(jwk, "n");
  auto e = decoded_member(jwk, "e");
  if (!n || !e || n->size() < 256) return nullptr;  // 2048 bits at least
  BnPtr bn_n = bignum(*n);
  BnPtr bn_e = bignum(*e);
  if (!bn_n || !bn_e) return nullptr;
  OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
  PkeyPtr key;
  if (builder != nullptr && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, bn_n.get()) &&
      OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, bn_e.get())) {
    key = key_from_params("RSA", builder);
  }
  OSSL_PARAM_BLD_free(builder);
  return key;
}

PkeyPtr ec_p256_public_key(const json_t* jwk) {
  if (json::string_member(jwk, "crv") != "P-256") return nullptr;
  auto x = decoded_member(jwk, "x");
  auto y = decoded_member(jwk, "y");
  if (!x || !y || x->size() != 32 || y->size() != 32) return nullptr;
  std::string point = "\x04" + *x + *y;
  OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
  PkeyPtr key;
  if (builder != nullptr &&
      OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) &&
      OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size())) {
    key = key_from_params("EC", builder);
  }
  OSSL_PARAM_BLD_free(builder);
  return key;
}

// JOSE's ES256 signature is R||S (32 bytes each); OpenSSL verifies DER.
std::optional<std::string> es256_to_der(const std::string& raw) {
  if (raw.size() != 64) return std::nullopt;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
  if (sig == nullptr || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig, r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  int length = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  if (length <= 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

bool verify_signature(EVP_PKEY* key, std::string_view signed_part, const std::string& signature) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return false;
  bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(signed_part.data()),
                       signed_part.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

struct Parts {
  std::string_view header_b64, payload_b64, signature_b64;
};

std::optional<Parts> split(std::string_view token) {
  std::size_t first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  std::size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  return Parts{token.substr(0, first), token.substr(first + 1, second - first - 1),
               token.substr(second + 1)};
}

json::JsonPtr decode_object(std::string_view b64) {
  auto bytes = crypto::base64url_decode(b64);
  if (!bytes) return nullptr;
  json::JsonPtr value = json::parse(*bytes);
  if (!json_is_object(value.get())) return nullptr;
  return value;
}

std::optional<long long> integer_claim(const json_t* claims, const char* name) {
  const json_t* value = json_object_get(claims, name);
  if (json_is_integer(value)) return json_integer_value(value);
  if (json_is_real(value)) return static_cast<long long>(json_real_value(value));
  return std::nullopt;
}

bool audience_matches(const json_t* claims, const std::string& audience) {
  const json_t* aud = json_object_get(claims, "aud");
  bool found = false;
  std::size_t count = 0;
  if (json_is_string(aud)) {
    found = json_string_value(aud) == audience;
    count = 1;
  } else if (json_is_array(aud)) {
    std::size_t index = 0;
    const json_t* item = nullptr;
    json_array_foreach(aud, index, item) {
      if (json_is_string(item) && json_string_value(item) == audience) found = true;
      ++count;
    }
  }
  if (!found) return false;
  // OIDC Core §3.1.3.7: with several audiences, azp must be present; when present, ours.
  const json_t* azp = json_object_get(claims, "azp");
  if (azp != nullptr) return json_is_string(azp) && json_string_value(azp) == audience;
  return count == 1;
}

}  // namespace

struct JwkSet::Key {
  std::string kid;
  std::string kty;  ///< "RSA" or "EC"
  PkeyPtr key;
};

bool is_supported_algorithm(std::string_view alg) { return alg == "RS256" || alg == "ES256"; }

JwkSet::JwkSet() = default;
JwkSet::~JwkSet() = default;
JwkSet::JwkSet(JwkSet&&) noexcept = default;
JwkSet& JwkSet::operator=(JwkSet&&) noexcept = default;

std::optional<JwkSet> JwkSet::parse(std::string_view json_text) {
  json::JsonPtr root = json::parse(json_text);
  const json_t* keys = json_object_get(root.get(), "keys");
  if (!json_is_array(keys)) return std::nullopt;
  JwkSet set;
  std::size_t index = 0;
  const json_t* jwk = nullptr;
  json_array_foreach(keys, index, jwk) {
    if (!json_is_object(jwk)) continue;
    std::string use = json::string_member(jwk, "use");
    if (!use.empty() && use != "sig") continue;
    std::string kty = json::string_member(jwk, "kty");
    PkeyPtr key;
    if (kty == "RSA") {
      key = rsa_public_key(jwk);
    } else if (kty == "EC") {
      key = ec_p256_public_key(jwk);
    }
    if (!key) continue;  // "oct" (symmetric) keys and anything unusable are never loaded
    auto entry = std::make_unique<Key>();
    entry->kid = json::string_member(jwk, "kid");
    entry->kty = kty;
    entry->key = std::move(key);
    set.keys_.push_back(std::move(entry));
  }
  return set;
}

std::size_t JwkSet::size() const { return keys_.size(); }

bool JwkSet::has_key(std::string_view kid) const {
  return find(kid, "RSA") != nullptr || find(kid, "EC") != nullptr;
}

const JwkSet::Key* JwkSet::find(std::string_view kid, std::string_view kty) const {
  const Key* only = nullptr;
  std::size_t of_type = 0;
  for (const auto& key : keys_) {
    if (key->kty != kty) continue;
    ++of_type;
    only = key.get();
    if (!kid.empty() && key->kid == kid) return key.get();
  }
  // A token without kid is accepted only when exactly one key of the right type exists.
  if (kid.empty() && of_type == 1) return only;
  return nullptr;
}

const char* to_string(JwtError error) {
  switch (error) {
    case JwtError::malformed:
      return "malformed";
    case JwtError::algorithm:
      return "algorithm";
    case JwtError::unknown_key:
      return "unknown_key";
    case JwtError::signature:
      return "signature";
    case JwtError::issuer:
      return "issuer";
    case JwtError::audience:
      return "audience";
    case JwtError::expired:
      return "expired";
    case JwtError::issued_in_future:
      return "issued_in_future";
    case JwtError::nonce:
      return "nonce";
    case JwtError::acr:
      return "acr";
  }
  return "unknown";
}

std::string VerifiedJwt::claim(const char* name) const {
  return json::string_member(claims.get(), name);
}

std::optional<std::string> JwtVerifier::peek_kid(std::string_view token) {
  auto parts = split(token);
  if (!parts) return std::nullopt;
  json::JsonPtr header = decode_object(parts->header_b64);
  if (!header) return std::nullopt;
  return json::string_member(header.get(), "kid");
}

JwtResult JwtVerifier::verify(std::string_view token, const JwkSet& keys,
                              const JwtExpectations& expected) {
  auto parts = split(token);
  if (!parts) return JwtError::malformed;
  json::JsonPtr header = decode_object(parts->header_b64);
  if (!header) return JwtError::malformed;

  // The registered algorithm only: the token's header never chooses how it is verified.
  const json_t* alg = json_object_get(header.get(), "alg");
  if (!json_is_string(alg) || expected.algorithm != json_string_value(alg) ||
      !is_supported_algorithm(expected.algorithm)) {
    return JwtError::algorithm;
  }
  if (json_object_get(header.get(), "crit") != nullptr) return JwtError::malformed;

  std::string kid = json::string_member(header.get(), "kid");
  const JwkSet::Key* key = keys.find(kid, expected.algorithm == "RS256" ? "RSA" : "EC");
  if (key == nullptr) return JwtError::unknown_key;

  auto signature = crypto::base64url_decode(parts->signature_b64);
  if (!signature || signature->empty()) return JwtError::signature;
  if (expected.algorithm == "ES256") {
    signature = es256_to_der(*signature);
    if (!signature) return JwtError::signature;
  }
  std::string_view signed_part = std::string_view(
      parts->header_b64.data(), parts->header_b64.size() + 1 + parts->payload_b64.size());
  if (!verify_signature(key->key.get(), signed_part, *signature)) return JwtError::signature;

  json::JsonPtr claims = decode_object(parts->payload_b64);
  if (!claims) return JwtError::malformed;

  if (json::string_member(claims.get(), "iss") != expected.issuer || expected.issuer.empty()) {
    return JwtError::issuer;
  }
  if (!audience_matches(claims.get(), expected.audience)) return JwtError::audience;

  long long now =
      std::chrono::duration_cast<std::chrono::seconds>(expected.now.time_since_epoch()).count();
  long long skew = expected.skew.count();
  auto exp = integer_claim(claims.get(), "exp");
  auto iat = integer_claim(claims.get(), "iat");
  if (exp ? now > *exp + skew : expected.require_expiry) return JwtError::expired;
  if (iat ? *iat > now + skew : expected.require_expiry) return JwtError::issued_in_future;

  if (expected.nonce) {
    const json_t* nonce = json_object_get(claims.get(), "nonce");
    if (!json_is_string(nonce) || expected.nonce->empty()) return JwtError::nonce;
    std::string_view got = json_string_value(nonce);
    if (got.size() != expected.nonce->size() ||
        CRYPTO_memcmp(got.data(), expected.nonce->data(), got.size()) != 0) {
      return JwtError::nonce;
    }
  }
  if (!expected.acr_values.empty()) {
    std::string acr = json::string_member(claims.get(), "acr");
    bool allowed = false;
    for (const std::string& value : expected.acr_values) allowed = allowed || value == acr;
    if (!allowed) return JwtError::acr;
  }
  return VerifiedJwt{std::move(claims), kid};
}

}  // namespace audioconf::oidc
