#include "common/crypto/hash.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>
#include <stdexcept>

#include "common/crypto/encoding.hpp"

namespace audioconf::crypto {
namespace {

// OpenSSL reads `nullptr, 0` as "no key/data" in places; a real empty buffer avoids that.
const unsigned char kEmpty[1] = {0};

const unsigned char* bytes_of(std::string_view s) {
  return s.empty() ? kEmpty : reinterpret_cast<const unsigned char*>(s.data());
}

std::string digest_hex(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int out_len = 0;
  if (EVP_Digest(bytes_of(data), data.size(), out, &out_len, md, nullptr) != 1) {
    throw std::runtime_error("OpenSSL digest failed");
  }
  return hex_encode(std::string_view(reinterpret_cast<const char*>(out), out_len));
}

// OpenSSL 3 looks the algorithm up in its provider tables on every use of EVP_sha256() (most of
// the cost of hashing a session id); fetched once, the implementation is reused. Never freed:
// it lives as long as the process.
const EVP_MD* fetched(const char* name) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) throw std::runtime_error(std::string("OpenSSL has no ") + name);
  return md;
}

struct KdfDeleter {
  void operator()(EVP_KDF* kdf) const { EVP_KDF_free(kdf); }
};
struct KdfCtxDeleter {
  void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};

}  // namespace

std::string sha256_hex(std::string_view data) {
  static const EVP_MD* const md = fetched("SHA2-256");
  return digest_hex(md, data);
}

std::string sha1_hex(std::string_view data) {
  static const EVP_MD* const md = fetched("SHA1");
  return digest_hex(md, data);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int out_len = 0;
  if (HMAC(EVP_sha256(), bytes_of(key), static_cast<int>(key.size()), bytes_of(data), data.size(),
           out, &out_len) == nullptr) {
    throw std::runtime_error("OpenSSL HMAC failed");
  }
  return hex_encode(std::string_view(reinterpret_cast<const char*>(out), out_len));
}

std::string hkdf_sha256(std::string_view key, std::string_view salt, std::string_view info,
                        std::size_t length) {
  const std::unique_ptr<EVP_KDF, KdfDeleter> kdf(
      EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr));
  if (!kdf) throw std::runtime_error("OpenSSL HKDF unavailable");
  const std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter> ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) throw std::runtime_error("OpenSSL HKDF context allocation failed");

  // OSSL_PARAM wants mutable pointers; OpenSSL only reads them.
  char digest_name[] = "SHA256";
  OSSL_PARAM params[5];
  std::size_t n = 0;
  params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest_name, 0);
  params[n++] = OSSL_PARAM_construct_octet_string(
      OSSL_KDF_PARAM_KEY, const_cast<unsigned char*>(bytes_of(key)), key.size());
  if (!salt.empty()) {  // RFC 5869: no salt means HashLen zero bytes, OpenSSL's default.
    params[n++] = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_SALT, const_cast<unsigned char*>(bytes_of(salt)), salt.size());
  }
  if (!info.empty()) {
    params[n++] = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_INFO, const_cast<unsigned char*>(bytes_of(info)), info.size());
  }
  params[n] = OSSL_PARAM_construct_end();

  std::string out(length, '\0');
  if (length == 0) return out;
  if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), out.size(), params) !=
      1) {
    throw std::runtime_error("OpenSSL HKDF derivation failed");
  }
  return out;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hashed_email(std::string_view secret, std::string_view email) {
  std::string lowered(email);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return hmac_sha256_hex(secret, lowered);
}

}  // namespace audioconf::crypto
