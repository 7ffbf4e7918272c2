// The OVH client's and the SMTP mailer's settings as this deployment configures them, for every
// program's composition (handlers and jobs alike).
#pragma once

#include "common/config.hpp"
#include "common/mail/smtp_mailer.hpp"
#include "common/ovh/client.hpp"

namespace audioconf {

/// Default timeouts and retries.
[[nodiscard]] ovh::OvhSettings ovh_settings_for(const Config& config);
/// For health probes (/api/status): short timeouts and no retry, so a probe answers within
/// seconds even when OVH hangs.
[[nodiscard]] ovh::OvhSettings ovh_probe_settings_for(const Config& config);
/// MAIL_SERVICE (already checked by load_config) wins over MAIL_HOST/MAIL_PORT.
[[nodiscard]] mail::SmtpSettings smtp_settings_for(const Config& config);

}  // namespace audioconf
