// Configuration: one declarative table of settings (SPEC §5, §7), read from the environment,
// then `.env`, then `.env.email_whitelist`; start-up fails with one message listing every problem.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/text/allow_list.hpp"

namespace audioconf {

/// Raw settings by name, after merging the sources.
using Settings = std::map<std::string, std::string, std::less<>>;

struct Config {
  std::string app_name;
  std::string secret;
  std::string database_url;
  std::string hostname_with_protocol;  ///< e.g. https://audioconf.numerique.gouv.fr
  std::string time_zone;               ///< TZ, the server zone (default Europe/Paris)

  std::string mail_host;
  int mail_port = 25;
  std::string mail_user;
  std::string mail_password;
  bool mail_ignore_tls = false;
  std::string mail_service;
  std::string mail_sender_email;
  std::string support_email;

  std::string email_whitelist;  ///< comma-separated patterns, as configured
  /// EMAIL_WHITELIST compiled (load_config refuses patterns that do not compile).
  std::optional<text::EmailAllowList> email_allow_list;

  std::string ovh_app_key;
  std::string ovh_app_secret;
  std::string ovh_consumer_key;
  std::string ovh_account_number;
  std::string ovh_phone_number;
  std::string ovh_endpoint;

  int num_pin_digits = 9;
  int conference_max_duration_minutes = 1440;
  int token_duration_minutes = 120;
  int reserve_num_days_ahead = 14;
  int session_idle_minutes = 30;
  /// The shortest interval between two refreshes of one room's participants (SPEC §8).
  int participants_refresh_seconds = 5;
  /// OVH_MAX_CALLS_PER_MINUTE: the whole fleet's OVH calls over a sliding minute (SPEC §8).
  int ovh_max_calls_per_minute = 60;
  int email_links_per_hour = 5;
  int conferences_per_hour = 10;
  int status_ovh_cache_seconds = 20;  ///< OVH asks for ~60 calls/min per key at most
  int stats_cache_seconds = 20;       ///< how long a worker reuses the latest stats point
  std::string poll_url;
  std::string after_meeting_survey_url;
  std::vector<std::string> announcements;

  /// AUTH_METHODS: which sign-in methods the landing page offers (SPEC §8).
  std::string auth_methods;
  bool auth_email = true;
  bool auth_proconnect = false;
  std::string proconnect_discovery_url;
  std::string proconnect_client_id;
  std::string proconnect_client_secret;
  std::string proconnect_scopes;
  std::string proconnect_id_token_alg;
  std::string proconnect_userinfo_alg;
  std::string proconnect_acr_values_text;          ///< as configured (space- or comma-separated)
  std::vector<std::string> proconnect_acr_values;  ///< parsed

  bool feature_reservations = false;
  bool feature_display_stats_on_landing = false;
  bool feature_stats_page = false;
  bool feature_job_compute_stats = false;
  bool feature_job_anonymize_emails = false;
  bool feature_job_calls_stats = false;
  bool job_dry_run = false;
  bool job_calls_stats_small_run = false;
  /// Rows per statement of the anonymize and purge jobs (each batch commits on its own).
  int job_batch_size = 1000;

  /// scheme://host[:port] of hostname_with_protocol: the only origin accepted on POSTs.
  [[nodiscard]] std::string origin() const;
  /// Cookies get `Secure` when the public URL is https (TLS may end before nginx).
  [[nodiscard]] bool secure_cookies() const;
  /// The session cookie's name: `__Host-` prefixed when the public URL is https (the browser
  /// then refuses it unless Secure, Path=/ and host-only: no subdomain can plant one).
  [[nodiscard]] std::string session_cookie_name() const;
};

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses a dotenv file: KEY=VALUE lines, `export ` prefix, `#` comments, single or double quotes.
[[nodiscard]] Settings parse_dotenv(std::string_view text);

/// Environment over `.env` over `.env.email_whitelist` (later arguments lose).
[[nodiscard]] Settings merge_settings(const Settings& environment, const Settings& dotenv,
                                      const Settings& whitelist_file);

/// Builds and validates the configuration. Throws ConfigError naming every problem at once.
[[nodiscard]] Config load_config(const Settings& settings);

/// Reads the process environment and the dotenv files in `config_dir` (missing files are fine).
[[nodiscard]] Settings read_process_settings(const std::string& config_dir);

/// The configuration of this process: AUDIOCONF_CONFIG_DIR (default ".") for the files.
[[nodiscard]] Config load_process_config();

/// The names of every known setting, for documentation checks.
[[nodiscard]] std::vector<std::string> known_setting_names();

}  // namespace audioconf
