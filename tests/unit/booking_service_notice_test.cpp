// BookingService and the organizer's emails (SPEC §8): the confirmation carries the calendar
// invitation; a cancellation (which ending is) mails the organizer a METHOD:CANCEL version with
// a higher SEQUENCE, raised with the cancellation itself; a failed email never undoes anything;
// the agent's zone is kept in duration mode too.
#include <gtest/gtest.h>

#include "booking_service_fixture.hpp"
#include "common/calendar/ics.hpp"

namespace audioconf::booking::testing {
namespace {

using namespace std::chrono_literals;

class BookingServiceNotice : public BookingServiceTest {
 protected:
  BookingServiceNotice() {
    settings.site = {"CoucouCollègues", "ne-pas-repondre@audioconf.example.gouv.fr",
                     "https://audioconf.example.gouv.fr"};
  }

  bool has_line(const std::string& ics, const std::string& line) {
    return ics.find("\r\n" + line + "\r\n") != std::string::npos;
  }
};

TEST_F(BookingServiceNotice, TheConfirmationCarriesTheFirstVersionOfTheInvitation) {
  const CreateResult created = service().create(link());
  ASSERT_EQ(created.outcome, CreateOutcome::kCreated);
  ASSERT_EQ(emails.conferences.size(), 1u);
  const calendar::Invitation& inv = emails.conferences[0].invitation;
  EXPECT_EQ(inv.uid, created.conference_id + "@audioconf.example.gouv.fr");
  EXPECT_EQ(inv.sequence, 0);
  EXPECT_FALSE(inv.cancelled);
  EXPECT_EQ(inv.start, morning());
  EXPECT_EQ(inv.end, morning() + 60min);
  EXPECT_EQ(inv.code, created.code);
  EXPECT_EQ(inv.sender_email, "ne-pas-repondre@audioconf.example.gouv.fr");
  EXPECT_EQ(inv.conference_url,
            "https://audioconf.example.gouv.fr/conferences/" + created.conference_id);
  const std::string ics = calendar::render_ics(inv);
  EXPECT_TRUE(has_line(ics, "METHOD:PUBLISH")) << ics;
  EXPECT_TRUE(has_line(ics, "STATUS:CONFIRMED")) << ics;
}

TEST_F(BookingServiceNotice, ADayBookingsInvitationCoversTheDayInTheAgentsZone) {
  settings.day_mode = true;
  const CreateResult created = service().create(link(day_request("2026-02-05", "America/Cayenne")));
  ASSERT_EQ(emails.conferences.size(), 1u);
  const calendar::Invitation& inv = emails.conferences[0].invitation;
  // Midnight to 23:59:59 in Cayenne (UTC-3).
  EXPECT_EQ(calendar::ics_utc(inv.start), "20260205T030000Z");
  EXPECT_EQ(calendar::ics_utc(inv.end), "20260206T025959Z");
}

TEST_F(BookingServiceNotice, CancellingMailsTheOrganizerTheCancellationWithAHigherSequence) {
  const CreateResult created = service().create(link());
  const calendar::Invitation booked = emails.conferences.at(0).invitation;
  clock.advance(10min);
  const CancelResult result = service().cancel(created.conference_id);
  EXPECT_EQ(result.outcome, CancelOutcome::kCanceled);
  EXPECT_EQ(result.notice, Notice::kSent);
  EXPECT_EQ(db.conferences.at(created.conference_id).ics_sequence, 1)
      << "raised with the cancellation, so the row agrees with the email";
  ASSERT_EQ(emails.cancellations.size(), 1u);
  const CanceledEmail& email = emails.cancellations[0];
  EXPECT_EQ(email.to, "agent@example.gouv.fr");
  EXPECT_EQ(email.code, created.code);
  EXPECT_EQ(email.zone_label, "heure de Paris");
  EXPECT_EQ(email.canceled_local.hour, 11);
  EXPECT_EQ(email.canceled_local.minute, 10);
  EXPECT_EQ(email.invitation.uid, booked.uid);
  EXPECT_GT(email.invitation.sequence, booked.sequence);
  EXPECT_TRUE(email.invitation.cancelled);
  EXPECT_EQ(email.invitation.start, booked.start);
  EXPECT_EQ(email.invitation.end, booked.end);
  const std::string ics = calendar::render_ics(email.invitation);
  EXPECT_TRUE(has_line(ics, "METHOD:CANCEL")) << ics;
  EXPECT_TRUE(has_line(ics, "STATUS:CANCELLED")) << ics;
  EXPECT_TRUE(has_line(ics, "SEQUENCE:1")) << ics;
}

TEST_F(BookingServiceNotice, ACancelThatFoundTheConferenceAlreadyCancelledSendsNothingMore) {
  const CreateResult created = service().create(link());
  ASSERT_EQ(service().cancel(created.conference_id).notice, Notice::kSent);
  const CancelResult again = service().cancel(created.conference_id);
  EXPECT_EQ(again.outcome, CancelOutcome::kNotActive);
  EXPECT_EQ(again.notice, Notice::kNone);
  EXPECT_EQ(emails.cancellations.size(), 1u);
  EXPECT_EQ(db.conferences.at(created.conference_id).ics_sequence, 1);
}

TEST_F(BookingServiceNotice, AnAdoptedConferenceWithAnAddressIsToldToo) {
  const CreateResult created = service().create(link());
  db.conferences.at(created.conference_id).conference.room_number_sealed.clear();
  const CancelResult result = service().cancel(created.conference_id);
  EXPECT_EQ(result.outcome, CancelOutcome::kMarkedOnly);
  EXPECT_EQ(result.notice, Notice::kSent);
  ASSERT_EQ(emails.cancellations.size(), 1u);
  const CanceledEmail& email = emails.cancellations[0];
  EXPECT_TRUE(email.code.empty()) << "we never had its code";
  EXPECT_EQ(email.invitation.sequence, 1);
  EXPECT_TRUE(email.invitation.cancelled);
  const std::string ics = calendar::render_ics(email.invitation);
  EXPECT_TRUE(has_line(ics, "METHOD:CANCEL")) << ics;
  EXPECT_EQ(ics.find("code"), std::string::npos) << ics;
}

TEST_F(BookingServiceNotice, AConferenceWithoutAddressIsCancelledWithoutEmail) {
  const CreateResult created = service().create(link());
  db.conferences.at(created.conference_id).conference.email.clear();  // anonymized
  const CancelResult result = service().cancel(created.conference_id);
  EXPECT_EQ(result.outcome, CancelOutcome::kCanceled);
  EXPECT_EQ(result.notice, Notice::kNone);
  EXPECT_TRUE(emails.cancellations.empty());
}

TEST_F(BookingServiceNotice, AFailedEmailLeavesTheCancellationStandingAndSaysSo) {
  const CreateResult created = service().create(link());
  emails.fail = true;
  const CancelResult result = service().cancel(created.conference_id);
  EXPECT_EQ(result.outcome, CancelOutcome::kCanceled);
  EXPECT_EQ(result.notice, Notice::kFailed);
  EXPECT_TRUE(db.conferences.at(created.conference_id).canceled_at.has_value());
  EXPECT_EQ(db.conferences.at(created.conference_id).ics_sequence, 1);
  EXPECT_FALSE(ovh.live(std::stoll(created.code)));
  EXPECT_EQ(service().find(created.conference_id).outcome, LookupOutcome::kCanceled);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceNotice, ADurationBookingKeepsTheAgentsZoneAndOffset) {
  LinkRequest request = duration_request();
  request.time_zone = "America/Cayenne";
  request.timezone_offset = "180";
  const CreateResult created = service().create(link(request));
  ASSERT_EQ(created.outcome, CreateOutcome::kCreated);
  const NewConference& row = db.conferences.at(created.conference_id).conference;
  EXPECT_EQ(row.time_zone, "America/Cayenne");
  EXPECT_EQ(row.timezone_offset, 180);
  // Its times are shown in it: 10:00Z + 1 h is 08:00 in Cayenne.
  ASSERT_EQ(emails.conferences.size(), 1u);
  EXPECT_EQ(emails.conferences[0].zone_label, "heure de Cayenne");
  EXPECT_EQ(emails.conferences[0].expires_local.hour, 8);
  EXPECT_EQ(service().find(created.conference_id).validity,
            "Cette conférence est active pendant 1 heure, elle expirera le mercredi 4 février "
            "2026 à 8h00 (heure de Cayenne).");
  clock.advance(5min);
  ASSERT_EQ(service().cancel(created.conference_id).notice, Notice::kSent);
  EXPECT_EQ(emails.cancellations.at(0).zone_label, "heure de Cayenne");
  EXPECT_EQ(emails.cancellations.at(0).canceled_local.hour, 7);
}

TEST_F(BookingServiceNotice, AZoneThisMachineDoesNotKnowIsNotKept) {
  LinkRequest request = duration_request();
  request.time_zone = "Mars/Olympus_Mons";
  const CreateResult created = service().create(link(request));
  ASSERT_EQ(created.outcome, CreateOutcome::kCreated);
  EXPECT_FALSE(db.conferences.at(created.conference_id).conference.time_zone.has_value());
  EXPECT_EQ(emails.conferences.at(0).zone_label, "heure de Paris");
}

}  // namespace
}  // namespace audioconf::booking::testing
