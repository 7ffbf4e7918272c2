// JSON Web Token verification for OpenID Connect (ProConnect, SPEC §8): JWKS parsing and a
// verifier that accepts only the algorithm registered with the provider (proconnect.md §1, §4).
// Signatures are checked with OpenSSL 3's EVP API; `alg: none`, an HMAC keyed with a public key
// and any algorithm other than the registered one are refused before any key is looked at.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/json.hpp"
#include "common/ports/clock.hpp"

namespace audioconf::oidc {

/// The algorithms this verifier implements (the provider's registration picks one of them).
[[nodiscard]] bool is_supported_algorithm(std::string_view alg);

/// A set of public signing keys (RFC 7517), as published at the provider's `jwks_uri`.
class JwkSet {
 public:
  JwkSet();
  ~JwkSet();
  JwkSet(JwkSet&&) noexcept;
  JwkSet& operator=(JwkSet&&) noexcept;
  JwkSet(const JwkSet&) = delete;
  JwkSet& operator=(const JwkSet&) = delete;

  /// Parses a JWKS document; keys that are not usable public signature keys (unknown kty,
  /// `use` other than "sig", missing members) are skipped. nullopt when the document is not a
  /// JSON object with a `keys` array.
  [[nodiscard]] static std::optional<JwkSet> parse(std::string_view json_text);

  [[nodiscard]] std::size_t size() const;
  /// True when a key with that `kid` exists (an empty kid matches a set holding one key).
  [[nodiscard]] bool has_key(std::string_view kid) const;

  struct Key;

 private:
  friend class JwtVerifier;
  [[nodiscard]] const Key* find(std::string_view kid, std::string_view kty) const;
  std::vector<std::unique_ptr<Key>> keys_;
};

enum class JwtError {
  malformed,         ///< not three base64url parts of JSON objects
  algorithm,         ///< `alg` is not the registered one (none, HS256, ...)
  unknown_key,       ///< no key with the token's `kid`
  signature,         ///< the signature does not verify
  issuer,            ///< `iss` differs from the provider's issuer
  audience,          ///< `aud` does not hold our client id (or `azp` names another)
  expired,           ///< `exp` missing or in the past (beyond the skew)
  issued_in_future,  ///< `iat` missing or after now (beyond the skew)
  nonce,             ///< `nonce` differs from the one stored for this sign-in
  acr,               ///< `acr` missing or not one of the required values
};

/// For logs: a fixed word per error (never any token content).
[[nodiscard]] const char* to_string(JwtError error);

/// What a token must satisfy.
struct JwtExpectations {
  std::string algorithm;  ///< the registered algorithm, e.g. "RS256"
  std::string issuer;
  std::string audience;                 ///< our client_id
  std::optional<std::string> nonce;     ///< checked when set (ID tokens)
  std::vector<std::string> acr_values;  ///< when not empty, `acr` must be one of them
  TimePoint now;
  std::chrono::seconds skew{60};
  bool require_expiry = true;  ///< ID tokens must carry exp and iat
};

/// The verified claims.
struct VerifiedJwt {
  json::JsonPtr claims;
  std::string kid;
  [[nodiscard]] std::string claim(const char* name) const;
};

using JwtResult = std::variant<VerifiedJwt, JwtError>;

class JwtVerifier {
 public:
  /// Verifies `token` against `keys`; checks order: shape, alg, key, signature, claims.
  [[nodiscard]] static JwtResult verify(std::string_view token, const JwkSet& keys,
                                        const JwtExpectations& expected);
  /// The `kid` of the token's header, without verifying anything (to decide on a JWKS refetch).
  [[nodiscard]] static std::optional<std::string> peek_kid(std::string_view token);
};

}  // namespace audioconf::oidc
