#include "common/settings_for.hpp"

namespace audioconf {

ovh::OvhSettings ovh_settings_for(const Config& config) {
  ovh::OvhSettings settings;
  settings.endpoint = config.ovh_endpoint;
  settings.app_key = config.ovh_app_key;
  settings.app_secret = config.ovh_app_secret;
  settings.consumer_key = config.ovh_consumer_key;
  settings.billing_account = config.ovh_account_number;
  settings.service_name = config.ovh_phone_number;
  return settings;
}

ovh::OvhSettings ovh_probe_settings_for(const Config& config) {
  ovh::OvhSettings settings = ovh_settings_for(config);
  settings.connect_timeout = std::chrono::milliseconds(1500);
  settings.total_timeout = std::chrono::milliseconds(3000);
  settings.get_attempts = 1;
  return settings;
}

mail::SmtpSettings smtp_settings_for(const Config& config) {
  mail::SmtpSettings settings;
  settings.host = config.mail_host;
  settings.port = config.mail_port;
  if (!config.mail_service.empty()) {
    if (auto service = mail::resolve_mail_service(config.mail_service)) {
      settings.host = service->first;
      settings.port = service->second;
    }
  }
  settings.user = config.mail_user;
  settings.password = config.mail_password;
  settings.ignore_tls = config.mail_ignore_tls;
  return settings;
}

}  // namespace audioconf
