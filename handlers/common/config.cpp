#include "common/config.hpp"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <variant>

#include "common/civil/zone.hpp"
#include "common/mail/smtp_mailer.hpp"

extern char** environ;

namespace audioconf {
namespace {

using Target = std::variant<std::string Config::*, int Config::*, bool Config::*>;

struct Setting {
  const char* name;
  Target target;
  const char* default_value;  ///< nullptr: no default
  bool required;
  int min = 0;  ///< for integers
  int max = 0;
};

// The one table of settings. Defaults follow the original service (SPEC §5).
const std::vector<Setting>& settings_table() {
  static const std::vector<Setting> table = {
      {"APP_NAME", &Config::app_name, "CoucouCollègues", false},
      {"SECRET", &Config::secret, nullptr, true},
      {"DATABASE_URL", &Config::database_url, nullptr, true},
      {"HOSTNAME_WITH_PROTOCOL", &Config::hostname_with_protocol, "http://localhost:8080", false},
      {"TZ", &Config::time_zone, "Europe/Paris", false},
      {"MAIL_HOST", &Config::mail_host, "", false},
      {"MAIL_PORT", &Config::mail_port, "25", false, 1, 65535},
      {"MAIL_USER", &Config::mail_user, "", false},
      {"MAIL_PASS", &Config::mail_password, "", false},
      {"MAIL_IGNORE_TLS", &Config::mail_ignore_tls, "false", false},
      {"MAIL_SERVICE", &Config::mail_service, "", false},
      {"MAIL_SENDER_EMAIL", &Config::mail_sender_email, nullptr, true},
      {"SUPPORT_EMAIL", &Config::support_email, "", false},
      {"EMAIL_WHITELIST", &Config::email_whitelist, "", false},
      {"OVH_ROOM_APP_KEY", &Config::ovh_app_key, nullptr, true},
      {"OVH_ROOM_APP_SECRET", &Config::ovh_app_secret, nullptr, true},
      {"OVH_ROOM_CONSUMER_KEY", &Config::ovh_consumer_key, nullptr, true},
      {"OVH_ROOM_ACCOUNT_NUMBER", &Config::ovh_account_number, nullptr, true},
      {"OVH_ROOM_PHONE_NUMBER", &Config::ovh_phone_number, nullptr, true},
      {"OVH_ENDPOINT", &Config::ovh_endpoint, "https://eu.api.ovh.com/1.0", false},
      {"NUM_PIN_DIGITS", &Config::num_pin_digits, "9", false, 4, 12},
      {"CONFERENCE_MAX_DURATION_IN_MINUTES", &Config::conference_max_duration_minutes, "1440",
       false, 60, 100000},
      {"TOKEN_DURATION_IN_MINUTES", &Config::token_duration_minutes, "120", false, 1, 10080},
      {"RESERVE_NUM_DAYS_AHEAD", &Config::reserve_num_days_ahead, "14", false, 1, 365},
      {"SESSION_IDLE_MINUTES", &Config::session_idle_minutes, "30", false, 1, 1440},
      {"RATE_LIMIT_EMAIL_LINKS_PER_HOUR", &Config::email_links_per_hour, "5", false, 1, 1000000},
      {"RATE_LIMIT_CONFERENCES_PER_HOUR", &Config::conferences_per_hour, "10", false, 1, 1000000},
      {"STATUS_OVH_CACHE_SECONDS", &Config::status_ovh_cache_seconds, "20", false, 0, 3600},
      {"STATS_CACHE_SECONDS", &Config::stats_cache_seconds, "20", false, 0, 3600},
      {"OVH_MAX_CALLS_PER_MINUTE", &Config::ovh_max_calls_per_minute, "60", false, 1, 100000},
      {"PARTICIPANTS_REFRESH_SECONDS", &Config::participants_refresh_seconds, "5", false, 1, 3600},
      {"POLL_URL", &Config::poll_url, "", false},
      {"AFTER_MEETING_SURVEY_URL", &Config::after_meeting_survey_url, "", false},
      {"AUTH_METHODS", &Config::auth_methods, "email", false},
      {"PROCONNECT_DISCOVERY_URL", &Config::proconnect_discovery_url, "", false},
      {"PROCONNECT_CLIENT_ID", &Config::proconnect_client_id, "", false},
      {"PROCONNECT_CLIENT_SECRET", &Config::proconnect_client_secret, "", false},
      {"PROCONNECT_SCOPES", &Config::proconnect_scopes,
       "openid email given_name usual_name uid siret idp_id", false},
      {"PROCONNECT_ID_TOKEN_ALG", &Config::proconnect_id_token_alg, "RS256", false},
      {"PROCONNECT_USERINFO_ALG", &Config::proconnect_userinfo_alg, "RS256", false},
      {"PROCONNECT_ACR_VALUES", &Config::proconnect_acr_values_text, "", false},
      {"FEATURE_RESERVATIONS", &Config::feature_reservations, "false", false},
      {"FEATURE_DISPLAY_STATS_ON_LANDING", &Config::feature_display_stats_on_landing, "false",
       false},
      {"FEATURE_STATS_PAGE", &Config::feature_stats_page, "false", false},
      {"FEATURE_JOB_COMPUTE_STATS", &Config::feature_job_compute_stats, "false", false},
      {"FEATURE_JOB_ANONYMIZE_EMAILS", &Config::feature_job_anonymize_emails, "false", false},
      {"FEATURE_JOB_CALLS_STATS", &Config::feature_job_calls_stats, "false", false},
      {"JOB_DRY_RUN", &Config::job_dry_run, "false", false},
      {"JOB_CALLS_STATS_SMALL_RUN", &Config::job_calls_stats_small_run, "false", false},
      {"JOB_BATCH_SIZE", &Config::job_batch_size, "1000", false, 1, 100000},
  };
  return table;
}

std::string trim_spaces(std::string_view text) {
  std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  std::size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string read_file_or_empty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::vector<std::string> split_announcements(const std::string& raw) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t bar = raw.find('|', start);
    std::string item = trim_spaces(std::string_view(raw).substr(
        start, bar == std::string::npos ? std::string::npos : bar - start));
    if (!item.empty()) out.push_back(item);
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

/// Items separated by commas and/or spaces, empty ones dropped.
std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!current.empty()) items.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) items.push_back(std::move(current));
  return items;
}

void check_sign_in_settings(Config& config, std::vector<std::string>& problems) {
  config.auth_email = false;
  config.auth_proconnect = false;
  std::vector<std::string> methods = split_list(config.auth_methods);
  for (const std::string& method : methods) {
    if (method == "email") {
      config.auth_email = true;
    } else if (method == "proconnect") {
      config.auth_proconnect = true;
    } else {
      problems.push_back("AUTH_METHODS: unknown method \"" + method +
                         "\" (use email, proconnect or both, comma-separated)");
    }
  }
  if (methods.empty()) problems.push_back("AUTH_METHODS must name email, proconnect or both");
  config.proconnect_acr_values = split_list(config.proconnect_acr_values_text);
  if (!config.auth_proconnect) return;
  const std::string& url = config.proconnect_discovery_url;
  if (url.empty()) {
    problems.push_back("PROCONNECT_DISCOVERY_URL is required when AUTH_METHODS has proconnect");
  } else if ((!url.starts_with("https://") && !url.starts_with("http://")) ||
             !url.ends_with("/.well-known/openid-configuration")) {
    problems.push_back(
        "PROCONNECT_DISCOVERY_URL must be an http(s) URL ending in "
        "/.well-known/openid-configuration");
  }
  if (config.proconnect_client_id.empty()) {
    problems.push_back("PROCONNECT_CLIENT_ID is required when AUTH_METHODS has proconnect");
  }
  if (config.proconnect_client_secret.empty()) {
    problems.push_back("PROCONNECT_CLIENT_SECRET is required when AUTH_METHODS has proconnect");
  }
  std::vector<std::string> scopes = split_list(config.proconnect_scopes);
  bool openid = false;
  bool email = false;
  for (const std::string& scope : scopes) {
    openid = openid || scope == "openid";
    email = email || scope == "email";
  }
  if (!openid || !email) problems.push_back("PROCONNECT_SCOPES must hold openid and email");
  for (auto [name, value] :
       {std::pair{"PROCONNECT_ID_TOKEN_ALG", &config.proconnect_id_token_alg},
        std::pair{"PROCONNECT_USERINFO_ALG", &config.proconnect_userinfo_alg}}) {
    if (*value != "RS256" && *value != "ES256") {
      problems.push_back(std::string(name) + " must be RS256 or ES256 (as registered)");
    }
  }
}

bool is_valid_origin_url(const std::string& url) {
  for (const char* scheme : {"http://", "https://"}) {
    std::string_view prefix(scheme);
    if (url.starts_with(prefix) && url.size() > prefix.size()) {
      std::string_view rest = std::string_view(url).substr(prefix.size());
      for (char c : rest) {
        if (c == ' ' || c == '?' || c == '#' || c == '@' || static_cast<unsigned char>(c) < 0x21) {
          return false;
        }
      }
      return true;
    }
  }
  return false;
}

}  // namespace

std::string Config::origin() const {
  std::string_view url = hostname_with_protocol;
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  std::size_t path_start = url.find('/', scheme_end + 3);
  return std::string(url.substr(0, path_start));
}

bool Config::secure_cookies() const { return hostname_with_protocol.starts_with("https://"); }

std::string Config::session_cookie_name() const {
  return secure_cookies() ? "__Host-audioconf_session" : "audioconf_session";
}

Settings parse_dotenv(std::string_view text) {
  Settings out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? text.npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    std::string trimmed = trim_spaces(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    if (trimmed.starts_with("export ")) trimmed = trim_spaces(trimmed.substr(7));
    std::size_t equals = trimmed.find('=');
    if (equals == std::string::npos || equals == 0) continue;
    std::string key = trim_spaces(std::string_view(trimmed).substr(0, equals));
    std::string value = trim_spaces(std::string_view(trimmed).substr(equals + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else {
      // Unquoted values may end with a comment.
      std::size_t comment = value.find(" #");
      if (comment != std::string::npos) value = trim_spaces(value.substr(0, comment));
    }
    out[key] = value;
  }
  return out;
}

Settings merge_settings(const Settings& environment, const Settings& dotenv,
                        const Settings& whitelist_file) {
  Settings merged = whitelist_file;
  for (const auto& [key, value] : dotenv) merged[key] = value;
  for (const auto& [key, value] : environment) merged[key] = value;
  return merged;
}

Config load_config(const Settings& settings) {
  Config config;
  std::vector<std::string> problems;
  for (const Setting& setting : settings_table()) {
    auto found = settings.find(setting.name);
    bool present = found != settings.end() && !found->second.empty();
    std::string value =
        present ? found->second : (setting.default_value ? setting.default_value : "");
    if (!present && setting.required) {
      problems.push_back(std::string(setting.name) + " is required");
      continue;
    }
    std::visit(
        [&](auto member) {
          using Member = std::remove_reference_t<decltype(config.*member)>;
          if constexpr (std::is_same_v<Member, std::string>) {
            config.*member = value;
          } else if constexpr (std::is_same_v<Member, bool>) {
            // FEATURE_* flags are on only for the exact string "true" (SPEC §7).
            config.*member = value == "true";
          } else {
            int parsed = 0;
            auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
            if (error != std::errc() || end != value.data() + value.size()) {
              problems.push_back(std::string(setting.name) + " must be a whole number");
            } else if (parsed < setting.min || parsed > setting.max) {
              problems.push_back(std::string(setting.name) + " must be between " +
                                 std::to_string(setting.min) + " and " +
                                 std::to_string(setting.max));
            } else {
              config.*member = parsed;
            }
          }
        },
        setting.target);
  }

  auto announcements = settings.find("ANNOUNCEMENTS");
  if (announcements != settings.end())
    config.announcements = split_announcements(announcements->second);
  if (config.support_email.empty()) config.support_email = config.mail_sender_email;

  if (!config.hostname_with_protocol.empty() &&
      !is_valid_origin_url(config.hostname_with_protocol)) {
    problems.push_back("HOSTNAME_WITH_PROTOCOL must be an http:// or https:// URL");
  }
  while (config.hostname_with_protocol.ends_with('/')) config.hostname_with_protocol.pop_back();
  if (config.mail_host.empty() && config.mail_service.empty()) {
    problems.push_back("MAIL_HOST or MAIL_SERVICE is required");
  }
  if (!config.secret.empty() && config.secret.size() < 16) {
    problems.push_back("SECRET must be at least 16 characters long");
  }
  if (!config.ovh_endpoint.starts_with("http://") && !config.ovh_endpoint.starts_with("https://")) {
    problems.push_back("OVH_ENDPOINT must be an http:// or https:// URL");
  }
  if (config.mail_sender_email.find_first_of("\r\n<>,; ") != std::string::npos) {
    problems.push_back("MAIL_SENDER_EMAIL must be a single address");
  }
  auto allow_list = text::EmailAllowList::compile(config.email_whitelist);
  if (auto* errors = std::get_if<std::vector<std::string>>(&allow_list)) {
    std::string problem = "EMAIL_WHITELIST:";
    for (const std::string& error : *errors) problem += " " + error;
    problems.push_back(problem);
  } else {
    config.email_allow_list = std::get<text::EmailAllowList>(std::move(allow_list));
  }
  if (!config.mail_service.empty() && !mail::resolve_mail_service(config.mail_service)) {
    problems.push_back("MAIL_SERVICE is not a known service name");
  }
  if (!civil::Zone::find(config.time_zone)) {
    problems.push_back("TZ must name an IANA time zone of the system zone database");
  }
  check_sign_in_settings(config, problems);
  if (config.app_name.find_first_of("\r\n") != std::string::npos) {
    problems.push_back("APP_NAME must fit on one line");
  }

  if (!problems.empty()) {
    std::string message = "Invalid configuration: ";
    for (std::size_t i = 0; i < problems.size(); ++i) {
      if (i > 0) message += "; ";
      message += problems[i];
    }
    throw ConfigError(message);
  }
  return config;
}

Settings read_process_settings(const std::string& config_dir) {
  Settings environment;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view pair(*entry);
    std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    environment.emplace(std::string(pair.substr(0, equals)), std::string(pair.substr(equals + 1)));
  }
  std::string dir = config_dir.empty() ? "." : config_dir;
  return merge_settings(environment, parse_dotenv(read_file_or_empty(dir + "/.env")),
                        parse_dotenv(read_file_or_empty(dir + "/.env.email_whitelist")));
}

Config load_process_config() {
  const char* dir = std::getenv("AUDIOCONF_CONFIG_DIR");
  return load_config(read_process_settings(dir != nullptr ? dir : "."));
}

std::vector<std::string> known_setting_names() {
  std::vector<std::string> names;
  for (const Setting& setting : settings_table()) names.emplace_back(setting.name);
  names.emplace_back("ANNOUNCEMENTS");
  return names;
}

}  // namespace audioconf
