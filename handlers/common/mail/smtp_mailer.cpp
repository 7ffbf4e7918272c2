#include "common/mail/smtp_mailer.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "common/mail/mime.hpp"

namespace audioconf::mail {
namespace {

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

/// The message being uploaded as SMTP DATA; curl does the dot-stuffing and the final ".".
struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user_data) {
  auto* upload = static_cast<Upload*>(user_data);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

/// SMTP servers drop idle connections (MailDev after 60 s, RFC 5321 suggests at least 5 min):
/// reusing only younger connections makes the reused-but-dead case rare.
constexpr long kMaxConnectionAgeSeconds = 50;

/// EHLO name: the sender's domain when it is a plain host name (it goes into the URL path).
std::string ehlo_name(std::string_view from_address) {
  const std::string_view domain = from_address.substr(from_address.rfind('@') + 1);
  const bool plain = !domain.empty() && std::all_of(domain.begin(), domain.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-';
  });
  return plain ? std::string(domain) : std::string("localhost");
}

/// A failure that only says the reused connection was already closed by the server: nothing of
/// this message was accepted (no reply at all, or 421 "closing"), so sending again is safe.
bool is_stale_connection_failure(int curl_code, long smtp_reply) {
  const bool connection_error = curl_code == CURLE_SEND_ERROR || curl_code == CURLE_RECV_ERROR ||
                                curl_code == CURLE_GOT_NOTHING;
  return connection_error && (smtp_reply == 0 || smtp_reply == 421);
}

std::string describe(int curl_code, long smtp_reply) {
  // curl_easy_strerror gives a fixed text per code: it never contains the recipient.
  return std::string("SMTP send failed: ") + curl_easy_strerror(static_cast<CURLcode>(curl_code)) +
         " (curl error " + std::to_string(curl_code) + ", SMTP reply " +
         std::to_string(smtp_reply) + ")";
}

std::string normalized_service_name(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == ' ' || c == '-' || c == '_' || c == '.') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

void global_init_once() {
  // Thread-safe since libcurl 7.84; a no-op when main() already did it.
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (init != CURLE_OK) throw MailError("libcurl initialisation failed");
}

}  // namespace

std::optional<std::pair<std::string, int>> resolve_mail_service(std::string_view name) {
  struct Service {
    std::string_view name;
    std::string_view host;
    int port;
  };
  static constexpr Service kServices[] = {
      {"gmail", "smtp.gmail.com", 465},          {"googlemail", "smtp.gmail.com", 465},
      {"outlook365", "smtp.office365.com", 587}, {"office365", "smtp.office365.com", 587},
      {"outlook", "smtp-mail.outlook.com", 587}, {"outlookcom", "smtp-mail.outlook.com", 587},
      {"hotmail", "smtp-mail.outlook.com", 587}, {"ovh", "ssl0.ovh.net", 465},
      {"mailjet", "in-v3.mailjet.com", 587},     {"sendinblue", "smtp-relay.brevo.com", 587},
      {"brevo", "smtp-relay.brevo.com", 587},    {"sendgrid", "smtp.sendgrid.net", 587},
      {"mailgun", "smtp.mailgun.org", 465},      {"maildev", "localhost", 1025},
  };
  const std::string wanted = normalized_service_name(name);
  if (wanted.empty()) return std::nullopt;
  for (const Service& service : kServices) {
    if (service.name == wanted) return std::make_pair(std::string(service.host), service.port);
  }
  return std::nullopt;
}

void SmtpMailer::CurlEasyDeleter::operator()(void* handle) const { curl_easy_cleanup(handle); }

SmtpMailer::SmtpMailer(SmtpSettings settings, const Clock& clock, RandomSource& random,
                       const Deadline* deadline)
    : settings_(std::move(settings)), clock_(clock), random_(random), deadline_(deadline) {
  if (settings_.host.empty()) throw std::invalid_argument("SMTP host is empty");
  if (settings_.port < 1 || settings_.port > 65535) {
    throw std::invalid_argument("SMTP port out of range");
  }
  global_init_once();
  const bool ipv6_literal = settings_.host.find(':') != std::string::npos;
  url_base_ = std::string(settings_.port == 465 ? "smtps://" : "smtp://") +
              (ipv6_literal ? "[" + settings_.host + "]" : settings_.host) + ":" +
              std::to_string(settings_.port) + "/";
}

SmtpMailer::~SmtpMailer() = default;

void SmtpMailer::send(const MailMessage& message) {
  // Building first rejects invalid headers before any network I/O.
  const std::string mime = build_mime(message, clock_.now(), random_);
  Outcome outcome = attempt(message, mime);
  if (outcome.curl_code != CURLE_OK && outcome.reused_connection &&
      is_stale_connection_failure(outcome.curl_code, outcome.smtp_reply)) {
    outcome = attempt(message, mime);
  }
  if (outcome.curl_code == CURLE_OK) return;
  if (outcome.rcpt_failed && outcome.smtp_reply >= 500 && outcome.smtp_reply <= 599) {
    throw MailRecipientRefused(describe(outcome.curl_code, outcome.smtp_reply));
  }
  throw MailError(describe(outcome.curl_code, outcome.smtp_reply));
}

SmtpMailer::Outcome SmtpMailer::attempt(const MailMessage& message, const std::string& mime) {
  const std::chrono::milliseconds total =
      deadline_ != nullptr ? deadline_->allow(settings_.total_timeout) : settings_.total_timeout;
  if (total <= std::chrono::milliseconds(0)) {
    return Outcome{CURLE_OPERATION_TIMEDOUT, 0, false};  // no time left for this request
  }
  const std::chrono::milliseconds connect = std::min(settings_.connect_timeout, total);
  if (!easy_) {
    easy_.reset(curl_easy_init());
    if (!easy_) throw MailError("SMTP send failed: could not create a curl handle");
  }
  CURL* curl = easy_.get();
  // Options of the previous send must not leak into this one; the open connection survives.
  curl_easy_reset(curl);

  Upload upload{mime};
  const std::string url = url_base_ + ehlo_name(message.from_address);
  const std::string mail_from = "<" + message.from_address + ">";
  const std::string rcpt = "<" + message.to_address + ">";
  Slist recipients(curl_slist_append(nullptr, rcpt.c_str()));
  if (!recipients) throw MailError("SMTP send failed: out of memory");

  CURLcode code = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (code == CURLE_OK) code = curl_easy_setopt(curl, option, value);
  };
  set(CURLOPT_URL, url.c_str());
  set(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_TCP_NODELAY, 1L);
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect.count()));
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
  // Also bounds the QUIT exchange when the handle is cleaned up.
  set(CURLOPT_SERVER_RESPONSE_TIMEOUT, static_cast<long>((total.count() + 999) / 1000));
  set(CURLOPT_MAXAGE_CONN, kMaxConnectionAgeSeconds);
  if (settings_.port == 465) {
    set(CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  } else {
    set(CURLOPT_USE_SSL,
        static_cast<long>(settings_.ignore_tls ? CURLUSESSL_NONE : CURLUSESSL_TRY));
  }
  if (!settings_.user.empty()) {
    set(CURLOPT_USERNAME, settings_.user.c_str());
    set(CURLOPT_PASSWORD, settings_.password.c_str());
  }
  set(CURLOPT_MAIL_FROM, mail_from.c_str());
  set(CURLOPT_MAIL_RCPT, recipients.get());
  set(CURLOPT_UPLOAD, 1L);
  set(CURLOPT_READFUNCTION, &read_upload);
  set(CURLOPT_READDATA, static_cast<void*>(&upload));
  // The only way libcurl tells which command failed: its text ("RCPT failed: 550"), which
  // holds no address. Unset again below: the handle outlives this buffer.
  char error_text[CURL_ERROR_SIZE] = "";
  set(CURLOPT_ERRORBUFFER, static_cast<char*>(error_text));

  Outcome outcome;
  if (code == CURLE_OK) code = curl_easy_perform(curl);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, static_cast<char*>(nullptr));
  outcome.curl_code = code;
  outcome.rcpt_failed =
      code == CURLE_SEND_ERROR && std::strncmp(error_text, "RCPT failed", 11) == 0;
  long reply = 0;
  if (curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply) == CURLE_OK) {
    outcome.smtp_reply = reply;
  }
  long new_connections = 0;
  if (curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &new_connections) == CURLE_OK) {
    outcome.reused_connection = new_connections == 0;
  }
  if (code != CURLE_OK) {
    // curl_easy_reset keeps connections, so drop the whole handle: the next send reconnects.
    easy_.reset();
  }
  return outcome;
}

}  // namespace audioconf::mail
