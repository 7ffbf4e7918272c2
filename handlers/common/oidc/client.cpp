#include "common/oidc/client.hpp"

#include <openssl/evp.h>

#include <algorithm>

#include "common/crypto/encoding.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "common/web/url_encoding.hpp"

namespace audioconf::oidc {
namespace {

using std::chrono::milliseconds;
using SteadyPoint = std::chrono::steady_clock::time_point;

std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += web::percent_encode(name) + "=" + web::percent_encode(value);
  }
  return body;
}

std::string with_query(const std::string& endpoint,
                       const std::vector<std::pair<std::string, std::string>>& fields) {
  return endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&") + form_body(fields);
}

bool is_http_url(const std::string& url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

milliseconds left_until(SteadyPoint ends_at) {
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(
                                       ends_at - std::chrono::steady_clock::now()));
}

std::string media_type(const net::HttpResponse& response) {
  std::string type = response.header("Content-Type").value_or("");
  type = type.substr(0, type.find(';'));
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type;
}

}  // namespace

const char* to_string(SignInFailure failure) {
  switch (failure) {
    case SignInFailure::kProviderUnavailable:
      return "provider unavailable";
    case SignInFailure::kCodeRefused:
      return "code refused";
    case SignInFailure::kIdTokenRefused:
      return "ID token refused";
    case SignInFailure::kUserinfoRefused:
      return "userinfo refused";
    case SignInFailure::kNoEmail:
      return "no email claim";
  }
  return "unknown";
}

std::string pkce_challenge(std::string_view verifier) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(verifier.data(), verifier.size(), digest, &length, EVP_sha256(), nullptr);
  return crypto::base64url_encode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

OidcClient::OidcClient(ClientSettings settings, HttpFetch fetch, const Clock& clock)
    : settings_(std::move(settings)), fetch_(std::move(fetch)), clock_(clock) {}

net::HttpResponse OidcClient::call(net::HttpRequest request, milliseconds timeout) {
  if (timeout <= milliseconds(0)) throw ProviderUnavailable("no time left for the provider");
  request.connect_timeout = std::min(settings_.connect_timeout, timeout);
  request.total_timeout = std::min(settings_.call_timeout, timeout);
  try {
    return fetch_(request);
  } catch (const net::TransportError& error) {
    throw ProviderUnavailable(error.what());
  }
}

const ProviderMetadata& OidcClient::metadata(milliseconds timeout) {
  return metadata(timeout, settings_.metadata_ttl);
}

const ProviderMetadata& OidcClient::metadata(milliseconds timeout, std::chrono::seconds max_age) {
  auto now = std::chrono::steady_clock::now();
  if (metadata_ && now - metadata_at_ < max_age) return *metadata_;
  net::HttpRequest request;
  request.url = settings_.discovery_url;
  request.headers = {"Accept: application/json"};
  net::HttpResponse response = call(request, timeout);
  if (response.status != 200) throw ProviderUnavailable("discovery answered an error status");
  json::JsonPtr root = json::parse(response.body);
  if (!json_is_object(root.get())) throw ProviderUnavailable("discovery is not a JSON object");
  ProviderMetadata meta;
  meta.issuer = json::string_member(root.get(), "issuer");
  meta.authorization_endpoint = json::string_member(root.get(), "authorization_endpoint");
  meta.token_endpoint = json::string_member(root.get(), "token_endpoint");
  meta.userinfo_endpoint = json::string_member(root.get(), "userinfo_endpoint");
  meta.jwks_uri = json::string_member(root.get(), "jwks_uri");
  meta.end_session_endpoint = json::string_member(root.get(), "end_session_endpoint");
  meta.iss_parameter_supported =
      json_is_true(json_object_get(root.get(), "authorization_response_iss_parameter_supported"));
  for (const std::string* url : {&meta.issuer, &meta.authorization_endpoint, &meta.token_endpoint,
                                 &meta.userinfo_endpoint, &meta.jwks_uri}) {
    if (!is_http_url(*url)) throw ProviderUnavailable("discovery lacks an endpoint");
  }
  // OIDC Discovery §4.3: the issuer is the discovery URL without its well-known suffix.
  if (settings_.discovery_url != meta.issuer + "/.well-known/openid-configuration") {
    throw ProviderUnavailable("discovery names another issuer");
  }
  if (metadata_ && metadata_->jwks_uri != meta.jwks_uri) keys_.reset();
  metadata_ = std::move(meta);
  metadata_at_ = now;
  return *metadata_;
}

void OidcClient::refresh_keys(milliseconds timeout) {
  net::HttpRequest request;
  request.url = metadata(timeout).jwks_uri;
  request.headers = {"Accept: application/json"};
  net::HttpResponse response = call(request, timeout);
  if (response.status != 200) throw ProviderUnavailable("the key set answered an error status");
  auto keys = JwkSet::parse(response.body);
  if (!keys) throw ProviderUnavailable("the key set is not a JWKS");
  keys_ = std::move(*keys);
}

bool OidcClient::discovery_answers() {
  metadata_.reset();
  try {
    (void)metadata(settings_.call_timeout);
    return true;
  } catch (const ProviderUnavailable&) {
    return false;
  }
}

std::string OidcClient::authorization_url(std::string_view state, std::string_view nonce,
                                          std::string_view code_challenge) {
  const ProviderMetadata& meta = metadata(settings_.call_timeout, settings_.sign_in_freshness);
  std::vector<std::pair<std::string, std::string>> fields = {
      {"response_type", "code"},
      {"client_id", settings_.client_id},
      {"redirect_uri", settings_.redirect_uri},
      {"scope", settings_.scopes},
      {"state", std::string(state)},
      {"nonce", std::string(nonce)},
      {"code_challenge", std::string(code_challenge)},
      {"code_challenge_method", "S256"},
  };
  if (!settings_.acr_values.empty()) {
    std::string values;
    for (const std::string& value : settings_.acr_values) {
      if (!values.empty()) values += ' ';
      values += value;
    }
    fields.emplace_back("acr_values", values);
  }
  return with_query(meta.authorization_endpoint, fields);
}

bool OidcClient::callback_issuer_ok(const std::optional<std::string>& iss) {
  const ProviderMetadata& meta = metadata(settings_.call_timeout);
  if (!iss) return !meta.iss_parameter_supported;
  return *iss == meta.issuer;
}

std::string OidcClient::end_session_url(std::string_view id_token, std::string_view state) {
  const ProviderMetadata& meta = metadata(settings_.call_timeout);
  if (!is_http_url(meta.end_session_endpoint)) {
    throw ProviderUnavailable("the provider has no end-session endpoint");
  }
  return with_query(meta.end_session_endpoint,
                    {{"id_token_hint", std::string(id_token)},
                     {"state", std::string(state)},
                     {"post_logout_redirect_uri", settings_.post_logout_redirect_uri}});
}

JwtResult OidcClient::verify(std::string_view token, const std::string& alg,
                             std::optional<std::string> nonce, bool require_expiry,
                             SteadyPoint ends_at) {
  JwtExpectations expected;
  expected.algorithm = alg;
  expected.issuer = metadata(left_until(ends_at)).issuer;
  expected.audience = settings_.client_id;
  expected.nonce = std::move(nonce);
  expected.now = clock_.now();
  expected.require_expiry = require_expiry;
  if (expected.nonce) expected.acr_values = settings_.acr_values;
  if (!keys_) refresh_keys(left_until(ends_at));
  JwtResult result = JwtVerifier::verify(token, *keys_, expected);
  if (auto* error = std::get_if<JwtError>(&result); error && *error == JwtError::unknown_key) {
    // Keys rotate: one refetch per unknown kid, then the verdict stands.
    refresh_keys(left_until(ends_at));
    result = JwtVerifier::verify(token, *keys_, expected);
  }
  return result;
}

SignInResult OidcClient::finish(std::string_view code, std::string_view nonce,
                                std::string_view code_verifier) {
  const SteadyPoint ends_at = std::chrono::steady_clock::now() + settings_.finish_budget;
  try {
    const ProviderMetadata& meta = metadata(left_until(ends_at));
    net::HttpRequest token_request;
    token_request.method = "POST";
    token_request.url = meta.token_endpoint;
    token_request.headers = {"Content-Type: application/x-www-form-urlencoded",
                             "Accept: application/json"};
    token_request.body = form_body({{"grant_type", "authorization_code"},
                                    {"code", std::string(code)},
                                    {"redirect_uri", settings_.redirect_uri},
                                    {"client_id", settings_.client_id},
                                    {"client_secret", settings_.client_secret},
                                    {"code_verifier", std::string(code_verifier)}});
    net::HttpResponse token_response = call(token_request, left_until(ends_at));
    if (token_response.status >= 500) {
      metadata_.reset();
      return SignInFailure::kProviderUnavailable;
    }
    if (token_response.status != 200) {
      log::warning("ProConnect: the token endpoint refused the code (status " +
                   std::to_string(token_response.status) + ")");
      return SignInFailure::kCodeRefused;
    }
    json::JsonPtr tokens = json::parse(token_response.body);
    std::string id_token = json::string_member(tokens.get(), "id_token");
    std::string access_token = json::string_member(tokens.get(), "access_token");
    std::string token_type = json::string_member(tokens.get(), "token_type");
    std::transform(token_type.begin(), token_type.end(), token_type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (id_token.empty() || access_token.empty() || token_type != "bearer") {
      log::warning("ProConnect: the token answer lacks a token");
      return SignInFailure::kCodeRefused;
    }
    JwtResult id = verify(id_token, settings_.id_token_alg, std::string(nonce), true, ends_at);
    if (auto* error = std::get_if<JwtError>(&id)) {
      log::warning(std::string("ProConnect: ID token refused (") + oidc::to_string(*error) + ")");
      return SignInFailure::kIdTokenRefused;
    }
    const VerifiedJwt& id_claims = std::get<VerifiedJwt>(id);
    std::string sub = id_claims.claim("sub");
    if (sub.empty()) {
      log::warning("ProConnect: ID token without sub");
      return SignInFailure::kIdTokenRefused;
    }

    net::HttpRequest userinfo_request;
    userinfo_request.url = meta.userinfo_endpoint;
    userinfo_request.headers = {"Authorization: Bearer " + access_token, "Accept: application/jwt"};
    net::HttpResponse userinfo = call(userinfo_request, left_until(ends_at));
    if (userinfo.status >= 500) return SignInFailure::kProviderUnavailable;
    if (userinfo.status != 200) {
      log::warning("ProConnect: userinfo answered status " + std::to_string(userinfo.status));
      return SignInFailure::kUserinfoRefused;
    }
    // Registered as a signed JWT: a plain JSON answer is refused, whatever its header says.
    std::string body = userinfo.body;
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' ')) {
      body.pop_back();
    }
    if (media_type(userinfo) == "application/json" || body.starts_with("{")) {
      log::warning("ProConnect: userinfo is not a signed JWT");
      return SignInFailure::kUserinfoRefused;
    }
    JwtResult info = verify(body, settings_.userinfo_alg, std::nullopt, false, ends_at);
    if (auto* error = std::get_if<JwtError>(&info)) {
      log::warning(std::string("ProConnect: userinfo refused (") + oidc::to_string(*error) + ")");
      return SignInFailure::kUserinfoRefused;
    }
    const VerifiedJwt& claims = std::get<VerifiedJwt>(info);
    if (claims.claim("sub") != sub) {
      log::warning("ProConnect: userinfo sub differs from the ID token's");
      return SignInFailure::kUserinfoRefused;
    }
    AgentIdentity agent{sub, claims.claim("email"), claims.claim("given_name"),
                        claims.claim("usual_name"), std::move(id_token)};
    if (agent.email.empty()) return SignInFailure::kNoEmail;
    return agent;
  } catch (const ProviderUnavailable& error) {
    metadata_.reset();  // discovery is fetched afresh next time
    log::warning(std::string("ProConnect unavailable: ") + error.what());
    return SignInFailure::kProviderUnavailable;
  }
}

}  // namespace audioconf::oidc
