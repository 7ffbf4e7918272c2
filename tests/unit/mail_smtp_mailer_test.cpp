// SmtpMailer without a server: service names and refusals that happen before any network I/O.
#include "common/mail/smtp_mailer.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace audioconf::mail {
namespace {

class ZeroRandom final : public RandomSource {
 public:
  std::string bytes(std::size_t count) override { return std::string(count, '\0'); }
};

TEST(MailSmtpService, ResolvesWellKnownNamesCaseInsensitively) {
  using Result = std::optional<std::pair<std::string, int>>;
  EXPECT_EQ(resolve_mail_service("gmail"), Result({"smtp.gmail.com", 465}));
  EXPECT_EQ(resolve_mail_service("GMail"), Result({"smtp.gmail.com", 465}));
  EXPECT_EQ(resolve_mail_service("Outlook365"), Result({"smtp.office365.com", 587}));
  EXPECT_EQ(resolve_mail_service("OVH"), Result({"ssl0.ovh.net", 465}));
  EXPECT_EQ(resolve_mail_service("Mailjet"), Result({"in-v3.mailjet.com", 587}));
  EXPECT_EQ(resolve_mail_service("SendinBlue"), Result({"smtp-relay.brevo.com", 587}));
  EXPECT_EQ(resolve_mail_service("brevo"), resolve_mail_service("sendinblue"));
}

TEST(MailSmtpService, RefusesUnknownNames) {
  EXPECT_FALSE(resolve_mail_service("laposte-interne"));
  EXPECT_FALSE(resolve_mail_service(""));
  EXPECT_FALSE(resolve_mail_service(" "));
}

TEST(MailSmtpMailer, RejectsAnInvalidHeaderBeforeConnecting) {
  SystemClock clock;
  ZeroRandom random;
  // Port 9 (discard) on loopback: nothing listens here; the error must come from validation.
  SmtpMailer mailer(SmtpSettings{.host = "127.0.0.1", .port = 9}, clock, random);
  MailMessage message{.from_name = "Audioconf",
                      .from_address = "noreply@example.test",
                      .to_address = "a@example.test\r\nBcc: b@example.test",
                      .subject = "Sujet",
                      .text_body = "Bonjour",
                      .html_body = ""};
  try {
    mailer.send(message);
    FAIL() << "expected MailError";
  } catch (const MailError& error) {
    EXPECT_NE(std::string(error.what()).find("invalid header field"), std::string::npos)
        << error.what();
  }
}

TEST(MailSmtpMailer, RefusesAnEmptyHostOrABadPort) {
  SystemClock clock;
  ZeroRandom random;
  EXPECT_THROW(SmtpMailer(SmtpSettings{.host = ""}, clock, random), std::invalid_argument);
  EXPECT_THROW(SmtpMailer(SmtpSettings{.host = "localhost", .port = 0}, clock, random),
               std::invalid_argument);
  EXPECT_THROW(SmtpMailer(SmtpSettings{.host = "localhost", .port = 70000}, clock, random),
               std::invalid_argument);
}

}  // namespace
}  // namespace audioconf::mail
