// The OpenID Connect client's settings from the configuration (PROCONNECT_*, SPEC §8).
#pragma once

#include "common/config.hpp"
#include "common/oidc/client.hpp"

namespace audioconf::oidc {

/// Redirect URIs are the public URL plus /connexion/proconnect/retour and /deconnexion/retour
/// (what the provider registration must list).
[[nodiscard]] ClientSettings client_settings_of(const Config& config);

}  // namespace audioconf::oidc
