// The OpenID Connect relying party for ProConnect (SPEC §8, proconnect.md §1): discovery (cached,
// refetched after an hour or after a failure), the authorization URL with state, nonce and PKCE
// S256, the code exchange with client_secret_post, the ID token and the userinfo JWT verified
// against the provider's JWKS (refetched once on an unknown kid), and the end-session URL.
// Outbound calls have bounded timeouts; nothing here logs a code, a token or a claim value.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/net/http_client.hpp"
#include "common/oidc/jwt.hpp"
#include "common/ports/clock.hpp"

namespace audioconf::oidc {

struct ClientSettings {
  std::string discovery_url;
  std::string client_id;
  std::string client_secret;
  std::string scopes;
  std::string id_token_alg = "RS256";
  std::string userinfo_alg = "RS256";
  std::vector<std::string> acr_values;  ///< when set: asked for, and the ID token's acr checked
  std::string redirect_uri;
  std::string post_logout_redirect_uri;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds call_timeout{3000};
  /// What one sign-in's calls (discovery, token, keys, userinfo) may take in all.
  std::chrono::milliseconds finish_budget{6000};
  std::chrono::seconds metadata_ttl{3600};
  /// Before a browser is sent to the provider, discovery older than this is fetched again: a
  /// provider that went down since gives our French message, not the browser's error page.
  std::chrono::seconds sign_in_freshness{30};
};

/// What discovery gives (proconnect.md §1).
struct ProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string userinfo_endpoint;
  std::string jwks_uri;
  std::string end_session_endpoint;
  bool iss_parameter_supported = false;  ///< authorization_response_iss_parameter_supported
};

/// The provider did not answer (in time), or answered something unusable.
class ProviderUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Who signed in, from the verified ID token and userinfo.
struct AgentIdentity {
  std::string sub;
  std::string email;
  std::string given_name;
  std::string usual_name;
  std::string id_token;
};

enum class SignInFailure {
  kProviderUnavailable,  ///< no answer, or an unusable one
  kCodeRefused,          ///< the token endpoint refused the code (replayed, expired)
  kIdTokenRefused,       ///< the ID token failed a check
  kUserinfoRefused,      ///< the userinfo answer failed a check (or its sub differs)
  kNoEmail,              ///< no email claim
};
[[nodiscard]] const char* to_string(SignInFailure failure);

using SignInResult = std::variant<AgentIdentity, SignInFailure>;

/// One HTTP exchange; the seam unit tests replace.
using HttpFetch = std::function<net::HttpResponse(const net::HttpRequest&)>;

/// base64url(SHA-256(verifier)): the PKCE S256 code challenge (RFC 7636).
[[nodiscard]] std::string pkce_challenge(std::string_view verifier);

class OidcClient {
 public:
  OidcClient(ClientSettings settings, HttpFetch fetch, const Clock& clock);

  /// The provider's authorization URL for this round trip. Throws ProviderUnavailable.
  [[nodiscard]] std::string authorization_url(std::string_view state, std::string_view nonce,
                                              std::string_view code_challenge);
  /// Whether the callback's `iss` parameter is acceptable: equal to the issuer when present;
  /// required when discovery says the provider sends it. Throws ProviderUnavailable.
  [[nodiscard]] bool callback_issuer_ok(const std::optional<std::string>& iss);
  /// Exchanges the code and verifies everything (see the file comment).
  [[nodiscard]] SignInResult finish(std::string_view code, std::string_view nonce,
                                    std::string_view code_verifier);
  /// The end-session URL (id_token_hint, state, post_logout_redirect_uri). Throws
  /// ProviderUnavailable.
  [[nodiscard]] std::string end_session_url(std::string_view id_token, std::string_view state);
  /// For /api/status: discovery answers now (fetched afresh, then cached).
  [[nodiscard]] bool discovery_answers();

 private:
  const ProviderMetadata& metadata(std::chrono::milliseconds timeout);
  const ProviderMetadata& metadata(std::chrono::milliseconds timeout, std::chrono::seconds max_age);
  void refresh_keys(std::chrono::milliseconds timeout);
  net::HttpResponse call(net::HttpRequest request, std::chrono::milliseconds timeout);
  [[nodiscard]] JwtResult verify(std::string_view token, const std::string& alg,
                                 std::optional<std::string> nonce, bool require_expiry,
                                 std::chrono::steady_clock::time_point ends_at);

  ClientSettings settings_;
  HttpFetch fetch_;
  const Clock& clock_;
  std::optional<ProviderMetadata> metadata_;
  std::chrono::steady_clock::time_point metadata_at_{};
  std::optional<JwkSet> keys_;
};

}  // namespace audioconf::oidc
