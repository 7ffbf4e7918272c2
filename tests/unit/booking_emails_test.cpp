// TemplateBookingEmails on the real templates with a recording mailer: the confirmation, the
// extension and the cancellation each carry the calendar invitation as invitation.ics, with the
// content GET .../invitation.ics serves and the METHOD in its content type.
#include "common/booking/emails.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "common/calendar/ics.hpp"

namespace audioconf::booking {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string templates_root() {
  if (const char* dir = std::getenv("AUDIOCONF_TEMPLATES"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return (fs::path(__FILE__).parent_path() / ".." / ".." / "templates").lexically_normal().string();
}

const render::TemplateSet& templates() {
  static const render::TemplateSet set(
      templates_root(), render::SiteInfo{"CoucouCollègues", "1.2.3", "support@example.gouv.fr",
                                         "https://audioconf.example.gouv.fr", false});
  return set;
}

class RecordingMailer final : public Mailer {
 public:
  std::vector<MailMessage> sent;
  void send(const MailMessage& message) override { sent.push_back(message); }
};

calendar::Invitation invitation(int sequence, bool cancelled) {
  calendar::Invitation inv;
  inv.uid = "3f2c1a9e-0000-4000-8000-000000000001@audioconf.example.gouv.fr";
  inv.sequence = sequence;
  inv.cancelled = cancelled;
  inv.stamp = TimePoint(std::chrono::seconds(1770199200));
  inv.start = inv.stamp;
  inv.end = inv.stamp + std::chrono::hours(1);
  inv.app_name = "CoucouCollègues";
  inv.sender_email = "ne-pas-repondre@audioconf.example.gouv.fr";
  inv.phone_number = "0033122334455";
  inv.code = cancelled ? "" : "123456789";
  inv.conference_url = "https://audioconf.example.gouv.fr/conferences/x";
  return inv;
}

ConferenceEmail conference_email(int sequence) {
  return ConferenceEmail{"agent@example.gouv.fr",
                         "3f2c1a9e-0000-4000-8000-000000000001",
                         "123456789",
                         120,
                         std::nullopt,
                         domain::LocalDateTime{{2026, 2, 4}, 13, 0, 0},
                         "heure de Paris",
                         invitation(sequence, false)};
}

class BookingEmailsTest : public ::testing::Test {
 protected:
  RecordingMailer mailer;
  TemplateBookingEmails emails{
      templates(), mailer,
      EmailSettings{"CoucouCollègues", "ne-pas-repondre@audioconf.example.gouv.fr",
                    "https://audioconf.example.gouv.fr", "0033122334455", ""},
      *civil::Zone::find("Europe/Paris")};
};

TEST_F(BookingEmailsTest, TheConfirmationAttachesTheInvitationAsPublished) {
  emails.send_conference(conference_email(0));
  ASSERT_EQ(mailer.sent.size(), 1u);
  const MailMessage& message = mailer.sent[0];
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].filename, "invitation.ics");
  EXPECT_EQ(message.attachments[0].content_type, "text/calendar; charset=utf-8; method=PUBLISH");
  EXPECT_EQ(message.attachments[0].content, calendar::render_ics(invitation(0, false)));
  EXPECT_THAT(message.text_body, HasSubstr("invitation.ics"));
  EXPECT_THAT(message.html_body, HasSubstr("invitation.ics"));
}

TEST_F(BookingEmailsTest, TheExtensionSaysTheNewValidityAndAttachesTheUpdatedInvitation) {
  emails.send_extended(conference_email(1));
  ASSERT_EQ(mailer.sent.size(), 1u);
  const MailMessage& message = mailer.sent[0];
  EXPECT_EQ(message.to_address, "agent@example.gouv.fr");
  EXPECT_EQ(message.subject, "Votre conférence téléphonique est prolongée");
  for (const std::string* part : {&message.text_body, &message.html_body}) {
    EXPECT_THAT(*part, HasSubstr("13h00"));
    EXPECT_THAT(*part, HasSubstr("123 456 789"));
    EXPECT_THAT(*part, HasSubstr("https://audioconf.example.gouv.fr/conferences/"));
  }
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].content_type, "text/calendar; charset=utf-8; method=PUBLISH");
  EXPECT_THAT(message.attachments[0].content, HasSubstr("\r\nSEQUENCE:1\r\n"));
}

TEST_F(BookingEmailsTest, TheCancellationIsInFrenchAndAttachesTheCancelledInvitation) {
  CanceledEmail email{"agent@example.gouv.fr", "123456789",
                      domain::LocalDateTime{{2026, 2, 4}, 11, 10, 0}, "heure de Paris",
                      invitation(2, true)};
  emails.send_canceled(email);
  ASSERT_EQ(mailer.sent.size(), 1u);
  const MailMessage& message = mailer.sent[0];
  EXPECT_EQ(message.subject, "Conférence annulée");
  EXPECT_THAT(message.text_body, HasSubstr("Conférence annulée"));
  EXPECT_THAT(message.html_body, HasSubstr("<h1>Conférence annulée</h1>"));
  for (const std::string* part : {&message.text_body, &message.html_body}) {
    EXPECT_THAT(*part, HasSubstr("11h10 (heure de Paris)"));
    EXPECT_THAT(*part, HasSubstr("123 456 789"));
    EXPECT_THAT(*part, HasSubstr("01 22 33 44 55"));
  }
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].filename, "invitation.ics");
  EXPECT_EQ(message.attachments[0].content_type, "text/calendar; charset=utf-8; method=CANCEL");
  const std::string& ics = message.attachments[0].content;
  EXPECT_THAT(ics, HasSubstr("\r\nMETHOD:CANCEL\r\n"));
  EXPECT_THAT(ics, HasSubstr("\r\nSTATUS:CANCELLED\r\n"));
  EXPECT_THAT(ics, HasSubstr("\r\nSEQUENCE:2\r\n"));
}

TEST_F(BookingEmailsTest, AnAdoptedConferencesCancellationShowsNoCode) {
  emails.send_canceled(CanceledEmail{"agent@example.gouv.fr", "",
                                     domain::LocalDateTime{{2026, 2, 4}, 11, 10, 0},
                                     "heure de Paris", invitation(1, true)});
  ASSERT_EQ(mailer.sent.size(), 1u);
  EXPECT_THAT(mailer.sent[0].text_body, Not(HasSubstr("Code d'accès")));
  EXPECT_THAT(mailer.sent[0].html_body, Not(HasSubstr("Code d’accès")));
  EXPECT_THAT(mailer.sent[0].attachments.at(0).content, Not(HasSubstr("code")));
}

}  // namespace
}  // namespace audioconf::booking
