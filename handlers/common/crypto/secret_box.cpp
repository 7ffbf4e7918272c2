#include "common/crypto/secret_box.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <stdexcept>

#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"

namespace audioconf::crypto {
namespace {

constexpr std::string_view kPrefix = "v1.";
constexpr std::string_view kAad = "v1";
constexpr std::size_t kNonceSize = 12;
constexpr std::size_t kTagSize = 16;

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

CipherCtx new_ctx() {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) throw std::runtime_error("OpenSSL cipher context allocation failed");
  return ctx;
}

unsigned char* writable(std::string& s, std::size_t offset = 0) {
  return reinterpret_cast<unsigned char*>(s.data() + offset);
}

const unsigned char* readable(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

SecretBox::SecretBox(std::string_view secret, std::string_view purpose) {
  if (secret.empty()) throw std::invalid_argument("SecretBox needs a non-empty secret");
  std::string derived = hkdf_sha256(secret, "", purpose, key_.size());
  std::copy(derived.begin(), derived.end(), key_.begin());
  OPENSSL_cleanse(derived.data(), derived.size());
}

SecretBox::~SecretBox() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::string SecretBox::seal(std::string_view plaintext, RandomSource& random) const {
  if (plaintext.size() > INT_MAX / 2) throw std::invalid_argument("SecretBox plaintext too large");
  const std::string nonce = random.bytes(kNonceSize);
  if (nonce.size() != kNonceSize) throw std::runtime_error("random source returned a short read");

  // Layout: nonce || ciphertext || tag (GCM ciphertext has the plaintext's length).
  std::string out(kNonceSize + plaintext.size() + kTagSize, '\0');
  std::copy(nonce.begin(), nonce.end(), out.begin());

  const CipherCtx ctx = new_ctx();
  int len = 0;
  const bool ok =
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), readable(nonce)) ==
          1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, readable(kAad), static_cast<int>(kAad.size())) ==
          1 &&
      EVP_EncryptUpdate(ctx.get(), writable(out, kNonceSize), &len, readable(plaintext),
                        static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), writable(out, kNonceSize + plaintext.size()), &len) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize),
                          writable(out, kNonceSize + plaintext.size())) == 1;
  if (!ok) throw std::runtime_error("AES-256-GCM encryption failed");
  return std::string(kPrefix) + base64url_encode(out);
}

std::optional<std::string> SecretBox::open(std::string_view sealed) const {
  if (sealed.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  const std::optional<std::string> raw = base64url_decode(sealed.substr(kPrefix.size()));
  if (!raw || raw->size() < kNonceSize + kTagSize || raw->size() > INT_MAX / 2) {
    return std::nullopt;
  }
  const std::string_view bytes = *raw;
  const std::string_view nonce = bytes.substr(0, kNonceSize);
  const std::string_view ciphertext =
      bytes.substr(kNonceSize, bytes.size() - kNonceSize - kTagSize);
  std::string tag(bytes.substr(bytes.size() - kTagSize));

  std::string plaintext(ciphertext.size(), '\0');
  const CipherCtx ctx = new_ctx();
  int len = 0;
  // EVP_DecryptFinal_ex is where the tag is checked: it fails on any modification.
  const bool ok = EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(),
                                     readable(nonce)) == 1 &&
                  EVP_DecryptUpdate(ctx.get(), nullptr, &len, readable(kAad),
                                    static_cast<int>(kAad.size())) == 1 &&
                  EVP_DecryptUpdate(ctx.get(), writable(plaintext), &len, readable(ciphertext),
                                    static_cast<int>(ciphertext.size())) == 1 &&
                  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagSize),
                                      writable(tag)) == 1 &&
                  EVP_DecryptFinal_ex(ctx.get(), writable(plaintext, plaintext.size()), &len) == 1;
  if (!ok) {
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return std::nullopt;
  }
  return plaintext;
}

}  // namespace audioconf::crypto
