// BookingService::request_link (POST /valider-email) and preview (GET /creer-conf).
#include <gtest/gtest.h>

#include "booking_service_fixture.hpp"

namespace audioconf::booking::testing {
namespace {

class BookingServiceRequestLink : public BookingServiceTest {};
class BookingServicePreview : public BookingServiceTest {};

TEST_F(BookingServiceRequestLink, StoresOnlyTheTokensHashAndMailsTheLink) {
  EXPECT_EQ(service().request_link(duration_request()), LinkOutcome::kSent);
  ASSERT_EQ(emails.links.size(), 1u);
  const LinkEmail& email = emails.links[0];
  EXPECT_EQ(email.to, "agent@example.gouv.fr");
  EXPECT_EQ(email.duration_minutes, 60);
  EXPECT_EQ(email.raw_token.size(), 43u);
  ASSERT_EQ(db.tokens.size(), 1u);
  EXPECT_EQ(db.tokens.begin()->first, crypto::sha256_hex(email.raw_token));
  const NewLoginToken& row = db.tokens.begin()->second.token;
  EXPECT_EQ(row.expires_at, clock.now() + std::chrono::minutes(120));
  EXPECT_EQ(row.timezone_offset, -60);
  EXPECT_EQ(row.time_zone, "Europe/Paris");
  EXPECT_EQ(email.expires_at, row.expires_at);
}

TEST_F(BookingServiceRequestLink, RefusesAMissingOrUnofferedDuration) {
  EXPECT_EQ(service().request_link(duration_request("agent@example.gouv.fr", "")),
            LinkOutcome::kMissingDuration);
  EXPECT_EQ(service().request_link(duration_request("agent@example.gouv.fr", "61")),
            LinkOutcome::kMissingDuration);
  EXPECT_EQ(service().request_link(duration_request("agent@example.gouv.fr", "100000")),
            LinkOutcome::kMissingDuration);
  EXPECT_TRUE(db.tokens.empty());
  EXPECT_TRUE(emails.links.empty());
}

TEST_F(BookingServiceRequestLink, RefusesADayOutsideTheOfferedWindow) {
  settings.day_mode = true;
  EXPECT_EQ(service().request_link(day_request("2026-02-03", "Europe/Paris")),
            LinkOutcome::kMissingDay);
  EXPECT_EQ(service().request_link(day_request("2026-02-18", "Europe/Paris")),
            LinkOutcome::kMissingDay);
  EXPECT_EQ(service().request_link(day_request("2026-02-30", "Europe/Paris")),
            LinkOutcome::kMissingDay);
  EXPECT_EQ(service().request_link(day_request("2026-02-17", "Europe/Paris")), LinkOutcome::kSent);
}

TEST_F(BookingServiceRequestLink, RefusesAnOffsetOutOfRange) {
  LinkRequest request = duration_request();
  request.timezone_offset = "100000";
  EXPECT_EQ(service().request_link(request), LinkOutcome::kBadTimezone);
  request.timezone_offset = "abc";
  EXPECT_EQ(service().request_link(request), LinkOutcome::kBadTimezone);
  request.timezone_offset.reset();
  EXPECT_EQ(service().request_link(request), LinkOutcome::kSent);
}

TEST_F(BookingServiceRequestLink, RefusesAnInvalidAddress) {
  for (const char* email : {"", "agent", "agent@", "@example.gouv.fr", "a b@example.gouv.fr"}) {
    EXPECT_EQ(service().request_link(duration_request(email)), LinkOutcome::kInvalidEmail) << email;
  }
  // RFC 5321: a relay refuses a local part over 64 characters.
  EXPECT_EQ(service().request_link(duration_request(std::string(65, 'a') + "@example.gouv.fr")),
            LinkOutcome::kInvalidEmail);
  EXPECT_EQ(service().request_link(duration_request(std::string(64, 'a') + "@example.gouv.fr")),
            LinkOutcome::kSent);
}

TEST_F(BookingServiceRequestLink, RefusesAnAddressOutsideTheAllowList) {
  allow_list = allow_list_of(".*\\.gouv\\.fr");
  EXPECT_EQ(service().request_link(duration_request("agent@example.com")),
            LinkOutcome::kNotAllowed);
  EXPECT_EQ(service().request_link(duration_request("agent@example.gouv.fr")), LinkOutcome::kSent);
}

TEST_F(BookingServiceRequestLink, RefusesADayAlreadyOverInTheAgentsZone) {
  settings.day_mode = true;
  clock.set(TimePoint(std::chrono::seconds(1770245760)));  // 2026-02-04T22:56:00Z, 23:56 Paris
  EXPECT_EQ(service().request_link(day_request("2026-02-04", "Europe/Paris")),
            LinkOutcome::kDayOver);
  // Still 20:56 in Cayenne: the same day is bookable there.
  EXPECT_EQ(service().request_link(day_request("2026-02-04", "America/Cayenne")),
            LinkOutcome::kSent);
}

TEST_F(BookingServiceRequestLink, AnUnknownZoneFallsBackToTheOffsetInDayMode) {
  settings.day_mode = true;
  EXPECT_EQ(service().request_link(day_request("2026-02-04", "Mars/Olympus", "180")),
            LinkOutcome::kSent);
  EXPECT_FALSE(db.tokens.begin()->second.token.time_zone.has_value());
}

TEST_F(BookingServiceRequestLink, TheHourlyLinkLimitCountsPerAddress) {
  settings.email_links_per_hour = 2;
  EXPECT_EQ(service().request_link(duration_request("Agent@example.gouv.fr")), LinkOutcome::kSent);
  EXPECT_EQ(service().request_link(duration_request("agent@example.gouv.fr")), LinkOutcome::kSent);
  EXPECT_EQ(service().request_link(duration_request("AGENT@example.gouv.fr")),
            LinkOutcome::kTooManyLinks);
  EXPECT_EQ(service().request_link(duration_request("other@example.gouv.fr")), LinkOutcome::kSent);
  EXPECT_EQ(emails.links.size(), 3u);
  clock.advance(std::chrono::hours(1) + std::chrono::seconds(1));
  EXPECT_EQ(service().request_link(duration_request("agent@example.gouv.fr")), LinkOutcome::kSent);
}

TEST_F(BookingServiceRequestLink, AMailFailureLeavesNoTokenBehindNorCounts) {
  settings.email_links_per_hour = 1;
  emails.fail = true;
  EXPECT_EQ(service().request_link(duration_request()), LinkOutcome::kMailFailed);
  EXPECT_TRUE(db.tokens.empty());
  EXPECT_TRUE(db.link_events.empty());
  emails.fail = false;
  EXPECT_EQ(service().request_link(duration_request()), LinkOutcome::kSent);
}

TEST_F(BookingServiceRequestLink, ATokenStoredWithoutConfirmationIsRemovedOnceTheDatabaseAnswers) {
  settings.email_links_per_hour = 1;
  db.token_insert_in_doubt = true;
  db.fail_token_remove = true;
  EXPECT_THROW((void)service().request_link(duration_request()), Unavailable);
  EXPECT_EQ(db.tokens.size(), 1u);  // committed, never mailed
  EXPECT_TRUE(emails.links.empty());
  db.token_insert_in_doubt = false;
  // The removal fails at the next request: kept, and tried again at the one after.
  EXPECT_EQ(service().request_link(duration_request("other@example.gouv.fr")), LinkOutcome::kSent);
  EXPECT_EQ(db.tokens.size(), 2u);
  db.fail_token_remove = false;
  // Removed first, so it neither stays behind nor counts against the address's limit of 1.
  EXPECT_EQ(service().request_link(duration_request()), LinkOutcome::kSent);
  EXPECT_EQ(db.tokens.size(), 2u);
  EXPECT_EQ(db.link_events.size(), 2u);
  EXPECT_EQ(emails.links.size(), 2u);
}

TEST_F(BookingServiceRequestLink, AnAddressTheRelayRefusesIsTheUsersToCorrect) {
  emails.refuse_recipient = true;
  EXPECT_EQ(service().request_link(duration_request()), LinkOutcome::kAddressRefusedByRelay);
  EXPECT_TRUE(db.tokens.empty());
  EXPECT_TRUE(db.link_events.empty());
}

TEST_F(BookingServiceRequestLink, TheLinkLimitOutlivesExpiredTokens) {
  settings.email_links_per_hour = 1;
  settings.token_duration_minutes = 10;
  EXPECT_EQ(service().request_link(duration_request()), LinkOutcome::kSent);
  db.tokens.clear();  // the purge removed the expired token, not its link event
  clock.advance(std::chrono::minutes(11));
  EXPECT_EQ(service().request_link(duration_request()), LinkOutcome::kTooManyLinks);
}

TEST_F(BookingServicePreview, ShowsWhatAUsableLinkBooks) {
  std::string token = link();
  LinkPreview preview = service().preview(token);
  EXPECT_EQ(preview.state, LinkState::kUsable);
  ASSERT_TRUE(preview.request.has_value());
  EXPECT_EQ(preview.request->duration_minutes, 60);
  EXPECT_EQ(token_state(token), TokenState::kUsable);  // looking changes nothing
}

TEST_F(BookingServicePreview, TellsWhyALinkCannotBeUsed) {
  std::string token = link();
  EXPECT_EQ(service().preview("garbage").state, LinkState::kExpired);
  EXPECT_EQ(service().preview(std::string(43, 'B')).state, LinkState::kExpired);
  ASSERT_EQ(service().create(token).outcome, CreateOutcome::kCreated);
  EXPECT_EQ(service().preview(token).state, LinkState::kAlreadyUsed);
  std::string later = link();
  clock.advance(std::chrono::minutes(121));
  EXPECT_EQ(service().preview(later).state, LinkState::kExpired);
}

TEST_F(BookingServicePreview, ALeasedLinkStillShowsItsPage) {
  std::string token = link();
  ASSERT_TRUE(tokens.claim(crypto::sha256_hex(token), clock.now(), BookingService::kClaimLease));
  EXPECT_EQ(service().preview(token).state, LinkState::kUsable);
}

}  // namespace
}  // namespace audioconf::booking::testing
