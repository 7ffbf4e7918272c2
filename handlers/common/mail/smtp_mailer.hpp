// SmtpMailer: the production Mailer, SMTP(S) through one reusable libcurl easy handle.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/ports/clock.hpp"
#include "common/ports/deadline.hpp"
#include "common/ports/mailer.hpp"
#include "common/ports/random.hpp"

namespace audioconf::mail {

/// Relay settings (MAIL_HOST, MAIL_PORT, MAIL_USER, MAIL_PASS, MAIL_IGNORE_TLS).
struct SmtpSettings {
  std::string host{};
  int port = 25;
  std::string user{};      // empty: no AUTH
  std::string password{};  // used only with `user`
  /// true: never STARTTLS, even when offered (MailDev and local sinks). Port 465 always uses
  /// implicit TLS (smtps://); other ports use STARTTLS when the server offers it.
  bool ignore_tls = false;
  /// TCP connect plus greeting, EHLO and STARTTLS.
  std::chrono::milliseconds connect_timeout{3000};
  /// A whole send, connecting included.
  std::chrono::milliseconds total_timeout{8000};
};

/// MAIL_SERVICE well-known names (case-insensitive; spaces, '-', '_' and '.' ignored) →
/// {host, port}; nullopt for any other name, which configuration reports as an error:
///   gmail (googlemail)            smtp.gmail.com:465
///   outlook365 (office365)        smtp.office365.com:587
///   outlook (hotmail, outlookcom) smtp-mail.outlook.com:587
///   ovh                           ssl0.ovh.net:465
///   mailjet                       in-v3.mailjet.com:587
///   sendinblue (brevo)            smtp-relay.brevo.com:587
///   sendgrid                      smtp.sendgrid.net:587
///   mailgun                       smtp.mailgun.org:465
///   maildev                       localhost:1025 (development mail catcher; set MAIL_IGNORE_TLS)
[[nodiscard]] std::optional<std::pair<std::string, int>> resolve_mail_service(
    std::string_view name);

/// Sends each message over SMTP with libcurl. One easy handle lives as long as the object, so
/// consecutive sends reuse the open SMTP connection (a new connection to MailDev costs ~110 ms
/// before its greeting). A failed send drops the handle, so the next one reconnects; a send
/// that fails only because an idle reused connection was closed by the server is retried once
/// on a fresh connection. Not thread-safe: one SmtpMailer per thread.
/// The caller should have called curl_global_init once at start-up (the constructor does it
/// too, which is safe with this libcurl).
class SmtpMailer final : public Mailer {
 public:
  /// Keeps references to `clock` (Date header) and `random` (Message-ID, MIME boundary).
  /// `deadline`, when given, shortens every send to what is left of the current request's
  /// budget (see ports/deadline.hpp); it must outlive the mailer.
  SmtpMailer(SmtpSettings settings, const Clock& clock, RandomSource& random,
             const Deadline* deadline = nullptr);
  ~SmtpMailer() override;
  SmtpMailer(const SmtpMailer&) = delete;
  SmtpMailer& operator=(const SmtpMailer&) = delete;

  /// Throws MailError: invalid header field (before any network I/O), or the relay could not
  /// be reached, refused the message or timed out; MailRecipientRefused when it answered RCPT TO
  /// with a 5xx. The error names the curl error and the SMTP reply code, never an address.
  void send(const MailMessage& message) override;

 private:
  struct CurlEasyDeleter {
    void operator()(void* handle) const;
  };
  using CurlEasy = std::unique_ptr<void, CurlEasyDeleter>;

  /// What one curl transfer did (curl types stay out of this header).
  struct Outcome {
    int curl_code = 0;               // CURLcode
    long smtp_reply = 0;             // last SMTP reply code, 0 if none was received
    bool reused_connection = false;  // no new connection was opened for this transfer
    bool rcpt_failed = false;        // the failing reply was the one to RCPT TO
  };
  [[nodiscard]] Outcome attempt(const MailMessage& message, const std::string& mime);

  SmtpSettings settings_;
  const Clock& clock_;
  RandomSource& random_;
  const Deadline* deadline_;  ///< null: each send keeps its own timeout
  std::string url_base_;      // smtp[s]://host:port/
  CurlEasy easy_;             // created lazily, dropped after a failure
};

}  // namespace audioconf::mail
