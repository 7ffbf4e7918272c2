// SecretBox: authenticated encryption of small values at rest (the room number, SPEC §2.4).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "common/ports/random.hpp"

namespace audioconf::crypto {

/// AES-256-GCM with a key derived from SECRET by HKDF-SHA256 (info = `purpose`, no salt).
/// Sealed text: "v1." + base64url(nonce[12] || ciphertext || tag[16]); the "v1" prefix is also
/// authenticated (AAD) so a future format cannot be confused with this one.
/// A database leak without SECRET reveals nothing, and any change to a sealed value is detected.
class SecretBox {
 public:
  /// `purpose` separates keys: a value sealed for one purpose never opens under another.
  /// Throws std::invalid_argument if `secret` is empty, std::runtime_error if OpenSSL fails.
  SecretBox(std::string_view secret, std::string_view purpose);
  ~SecretBox();
  SecretBox(const SecretBox&) = default;
  SecretBox& operator=(const SecretBox&) = default;

  /// Encrypts with a fresh 96-bit random nonce: sealing twice gives two different texts.
  /// Throws std::runtime_error if OpenSSL or the random source fails.
  [[nodiscard]] std::string seal(std::string_view plaintext, RandomSource& random) const;

  /// The plaintext, or nullopt on tampering, wrong key or purpose, unknown version or malformed
  /// input. Never throws for bad input.
  [[nodiscard]] std::optional<std::string> open(std::string_view sealed) const;

 private:
  std::array<unsigned char, 32> key_{};
};

}  // namespace audioconf::crypto
