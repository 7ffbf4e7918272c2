// Mailer seam: handlers and jobs send mail through this interface (SMTP in production, a fake in
// unit tests).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace audioconf {

/// A file sent with an email (e.g. the calendar invitation), encoded in base64 by the mailer.
struct MailAttachment {
  std::string filename;      ///< plain ASCII, e.g. "invitation.ics"
  std::string content_type;  ///< e.g. "text/calendar; charset=utf-8; method=PUBLISH"
  std::string content;       ///< the bytes, as is
};

/// One email to one recipient, with both a plain-text and an HTML alternative (UTF-8), and
/// optionally files attached.
struct MailMessage {
  std::string from_name{};     // display name, e.g. APP_NAME "CoucouCollègues"
  std::string from_address{};  // MAIL_SENDER_EMAIL
  std::string to_address{};    // exactly one address
  std::string subject{};
  std::string text_body{};
  std::string html_body{};  // empty: the message is text-only
  std::vector<MailAttachment> attachments{};
};

/// Sending failed (invalid header field, server unreachable or refusing, timeout). The message
/// never includes an address, so it can be logged as is.
class MailError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The relay refused the recipient for good (a 5xx reply to RCPT TO): the address, not the
/// service, is at fault, so callers tell the user so and log a refusal, not an error. A 4xx
/// reply (try again later) stays a plain MailError.
class MailRecipientRefused : public MailError {
 public:
  using MailError::MailError;
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  /// Delivers `message` to the relay, or throws MailError (MailRecipientRefused when the relay
  /// refuses the recipient address). Do not call it with a database transaction open: it can
  /// block for the configured SMTP timeout.
  virtual void send(const MailMessage& message) = 0;
};

}  // namespace audioconf
