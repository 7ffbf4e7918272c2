#include "common/oidc/settings.hpp"

namespace audioconf::oidc {

ClientSettings client_settings_of(const Config& config) {
  ClientSettings settings;
  settings.discovery_url = config.proconnect_discovery_url;
  settings.client_id = config.proconnect_client_id;
  settings.client_secret = config.proconnect_client_secret;
  settings.scopes = config.proconnect_scopes;
  settings.id_token_alg = config.proconnect_id_token_alg;
  settings.userinfo_alg = config.proconnect_userinfo_alg;
  settings.acr_values = config.proconnect_acr_values;
  settings.redirect_uri = config.hostname_with_protocol + "/connexion/proconnect/retour";
  settings.post_logout_redirect_uri = config.hostname_with_protocol + "/deconnexion/retour";
  return settings;
}

}  // namespace audioconf::oidc
