#include "status/proconnect_probe.hpp"

#include "common/log.hpp"
#include "common/oidc/settings.hpp"

namespace audioconf::status {

ProConnectProbe::ProConnectProbe(const Config& config, const Clock& clock)
    : cache_for_(config.status_ovh_cache_seconds) {
  if (!config.auth_proconnect) return;
  oidc::ClientSettings settings = oidc::client_settings_of(config);
  settings.connect_timeout = std::chrono::milliseconds(1500);
  settings.call_timeout = std::chrono::milliseconds(3000);
  client_ = std::make_unique<oidc::OidcClient>(
      std::move(settings),
      [this](const net::HttpRequest& request) { return http_.perform(request); }, clock);
}

std::optional<bool> ProConnectProbe::ok(TimePoint now) {
  if (!client_) return std::nullopt;
  if (cached_ && now - checked_at_ < cache_for_) return cached_;
  cached_ = client_->discovery_answers();
  if (!*cached_) log::warning("status: ProConnect discovery does not answer");
  checked_at_ = now;
  return cached_;
}

}  // namespace audioconf::status
