// /api/status's ProConnect check (SPEC §8): whether the provider's discovery answers, cached like
// the OVH check (STATUS_OVH_CACHE_SECONDS). Off (nothing reported) unless AUTH_METHODS has
// proconnect.
#pragma once

#include <memory>
#include <optional>

#include "common/config.hpp"
#include "common/net/http_client.hpp"
#include "common/oidc/client.hpp"

namespace audioconf::status {

class ProConnectProbe {
 public:
  ProConnectProbe(const Config& config, const Clock& clock);
  /// nullopt when ProConnect is off; else whether discovery answered (at most once per cache
  /// period).
  [[nodiscard]] std::optional<bool> ok(TimePoint now);

 private:
  std::chrono::seconds cache_for_;
  net::HttpClient http_;
  std::unique_ptr<oidc::OidcClient> client_;
  std::optional<bool> cached_;
  TimePoint checked_at_{};
};

}  // namespace audioconf::status
