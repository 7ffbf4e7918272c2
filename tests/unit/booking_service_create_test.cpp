// BookingService::create (POST /creer-conf): every path of the fault suite, without nginx.
#include <gtest/gtest.h>

#include "booking_service_fixture.hpp"
#include "common/domain/expiry.hpp"

namespace audioconf::booking::testing {
namespace {

class BookingServiceCreate : public BookingServiceTest {};

std::string iso(TimePoint at) {
  return domain::to_iso_utc(std::chrono::time_point_cast<std::chrono::seconds>(at));
}

TEST_F(BookingServiceCreate, CreatesTheRoomStoresTheConferenceAndMailsTheCode) {
  std::string token = link();
  CreateResult result = service().create(token);
  ASSERT_EQ(result.outcome, CreateOutcome::kCreated);
  ASSERT_EQ(db.conferences.count(result.conference_id), 1u);
  const NewConference& row = db.conferences.at(result.conference_id).conference;
  EXPECT_EQ(std::to_string(room_of(row.room_number_sealed)), result.code);
  EXPECT_EQ(result.code.size(), 9u);
  EXPECT_EQ(row.duration_minutes, 60);
  EXPECT_EQ(row.domain, "example.gouv.fr");
  EXPECT_EQ(row.phone_number, "0033122334455");
  EXPECT_EQ(iso(row.expires_at), "2026-02-04T11:00:00Z");
  EXPECT_EQ(iso(*ovh.rooms.at(std::stoll(result.code)).expires_at), "2026-02-04T11:00:00Z");
  EXPECT_TRUE(db.pending.empty());
  EXPECT_EQ(token_state(token), TokenState::kConsumed);
  ASSERT_EQ(emails.conferences.size(), 1u);
  EXPECT_EQ(emails.conferences[0].code, result.code);
  EXPECT_EQ(emails.conferences[0].conference_id, result.conference_id);
  EXPECT_EQ(emails.conferences[0].zone_label, "heure de Paris");
  EXPECT_EQ(emails.conferences[0].expires_local.hour, 12);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, DrawsAnotherNumberWhenOvhSaysItIsTaken) {
  std::string token = link();
  ovh.create_faults = {OvhFault::kRefused409, OvhFault::kRefused400};
  CreateResult result = service().create(token);
  ASSERT_EQ(result.outcome, CreateOutcome::kCreated);
  EXPECT_EQ(ovh.create_calls, 3);
  EXPECT_EQ(ovh.live_rooms(), std::set<std::int64_t>{std::stoll(result.code)});
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, GivesUpAfterThreeTakenNumbers) {
  std::string token = link();
  ovh.create_faults = {OvhFault::kRefused409, OvhFault::kRefused409, OvhFault::kRefused409};
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kOvhFailed);
  EXPECT_EQ(ovh.create_calls, 3);
  EXPECT_TRUE(db.conferences.empty());
  EXPECT_TRUE(db.pending.empty());
  EXPECT_EQ(token_state(token), TokenState::kUsable);  // the agent may retry with the same link
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, OvhRefusingTheCreationIsNotRetried) {
  std::string token = link();
  ovh.create_faults = {OvhFault::kRefused500};
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kOvhFailed);
  EXPECT_EQ(ovh.create_calls, 1);
  EXPECT_TRUE(db.pending.empty());
  EXPECT_EQ(token_state(token), TokenState::kUsable);
  EXPECT_TRUE(emails.conferences.empty());
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, OvhTimingOutAtCreationExpiresWhatMayHaveBeenCreated) {
  std::string token = link();
  ovh.create_faults = {OvhFault::kLostAnswer};
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kOvhFailed);
  EXPECT_EQ(ovh.expire_calls, 1);
  EXPECT_TRUE(ovh.live_rooms().empty());
  EXPECT_TRUE(db.pending.empty());
  EXPECT_EQ(token_state(token), TokenState::kUsable);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, OvhTimingOutWithNothingCreatedCountsTheRoomAsGone) {
  std::string token = link();
  ovh.create_faults = {OvhFault::kTimeout};
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kOvhFailed);
  EXPECT_TRUE(ovh.rooms.empty());
  EXPECT_TRUE(db.pending.empty());  // OVH answered 404 to the expiry: nothing to clean
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, OvhDownAfterALostCreationLeavesThePendingRowForThePurge) {
  std::string token = link();
  ovh.create_faults = {OvhFault::kLostAnswer};
  ovh.expire_faults = {OvhFault::kTimeout};
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kOvhFailed);
  EXPECT_EQ(ovh.live_rooms().size(), 1u);
  ASSERT_EQ(db.pending.size(), 1u);
  EXPECT_EQ(room_of(db.pending.begin()->second.room_number_sealed), *ovh.live_rooms().begin());
  EXPECT_TRUE(db.conferences.empty());
  EXPECT_EQ(token_state(token), TokenState::kUsable);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, OvhRefusingTheConfigurationExpiresTheRoom) {
  std::string token = link();
  ovh.configure_faults = {OvhFault::kRefused400};
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kOvhFailed);
  EXPECT_EQ(ovh.rooms.size(), 1u);
  EXPECT_TRUE(ovh.live_rooms().empty());
  EXPECT_TRUE(db.pending.empty());
  EXPECT_TRUE(db.conferences.empty());
  EXPECT_EQ(token_state(token), TokenState::kUsable);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, OvhTimingOutAtConfigurationExpiresTheRoom) {
  std::string token = link();
  ovh.configure_faults = {OvhFault::kTimeout};
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kOvhFailed);
  EXPECT_TRUE(ovh.live_rooms().empty());
  EXPECT_TRUE(db.pending.empty());
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, OvhDownAtConfigurationAndExpiryLeavesThePendingRow) {
  std::string token = link();
  ovh.configure_faults = {OvhFault::kTimeout};
  ovh.expire_faults = {OvhFault::kRefused500};
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kOvhFailed);
  EXPECT_EQ(ovh.live_rooms().size(), 1u);
  EXPECT_EQ(db.pending.size(), 1u);
  EXPECT_TRUE(db.conferences.empty());
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, DatabaseFailingAfterOvhExpiresTheRoomAndFreesTheLink) {
  std::string token = link();
  db.fail_conference_store = true;
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kOvhFailed);
  EXPECT_EQ(ovh.rooms.size(), 1u);
  EXPECT_TRUE(ovh.live_rooms().empty());
  EXPECT_TRUE(db.pending.empty());
  EXPECT_TRUE(db.conferences.empty());
  EXPECT_EQ(token_state(token), TokenState::kUsable);
  EXPECT_TRUE(emails.conferences.empty());
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, DatabaseAndOvhFailingAfterCreationLeaveThePendingRow) {
  std::string token = link();
  db.fail_conference_store = true;
  ovh.expire_faults = {OvhFault::kTimeout};
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kOvhFailed);
  EXPECT_EQ(ovh.live_rooms().size(), 1u);
  EXPECT_EQ(db.pending.size(), 1u);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, MailFailingStillBooksAndGivesTheCode) {
  std::string token = link();
  emails.fail = true;
  CreateResult result = service().create(token);
  EXPECT_EQ(result.outcome, CreateOutcome::kCreatedMailFailed);
  EXPECT_FALSE(result.code.empty());
  EXPECT_EQ(db.conferences.count(result.conference_id), 1u);
  EXPECT_EQ(token_state(token), TokenState::kConsumed);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, ALeaseTakenByAnotherRequestTouchesNothing) {
  std::string token = link();
  ASSERT_TRUE(tokens.claim(crypto::sha256_hex(token), clock.now(), BookingService::kClaimLease));
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kLinkInUse);
  EXPECT_EQ(ovh.create_calls, 0);
  EXPECT_TRUE(db.pending.empty());
  // A crashed holder's lease runs out by itself.
  clock.advance(BookingService::kClaimLease + std::chrono::seconds(1));
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kCreated);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, AReusedLinkSaysTheConferenceExists) {
  std::string token = link();
  ASSERT_EQ(service().create(token).outcome, CreateOutcome::kCreated);
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kLinkAlreadyUsed);
  EXPECT_EQ(ovh.create_calls, 1);
  EXPECT_EQ(db.conferences.size(), 1u);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, AnExpiredLinkIsRefused) {
  std::string token = link();
  clock.advance(std::chrono::minutes(120));
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kLinkExpired);
  EXPECT_EQ(ovh.create_calls, 0);
}

TEST_F(BookingServiceCreate, MalformedOrUnknownLinksAreExpired) {
  EXPECT_EQ(service().create("").outcome, CreateOutcome::kLinkExpired);
  EXPECT_EQ(service().create("not a token!").outcome, CreateOutcome::kLinkExpired);
  EXPECT_EQ(service().create(std::string(43, 'A')).outcome, CreateOutcome::kLinkExpired);
  EXPECT_EQ(ovh.create_calls, 0);
}

TEST_F(BookingServiceCreate, TheHourlyConferenceLimitFreesTheLink) {
  settings.conferences_per_hour = 2;
  ASSERT_EQ(service().create(link()).outcome, CreateOutcome::kCreated);
  ASSERT_EQ(service().create(link()).outcome, CreateOutcome::kCreated);
  std::string third = link();
  EXPECT_EQ(service().create(third).outcome, CreateOutcome::kTooManyConferences);
  EXPECT_EQ(ovh.create_calls, 2);
  EXPECT_EQ(token_state(third), TokenState::kUsable);
  clock.advance(std::chrono::hours(1) + std::chrono::seconds(1));
  EXPECT_EQ(service().create(third).outcome, CreateOutcome::kCreated);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, ADayOverWhenTheLinkIsUsedIsRefused) {
  settings.day_mode = true;
  clock.set(TimePoint(std::chrono::seconds(1770245400)));  // 2026-02-04T22:50:00Z, 23:50 in Paris
  std::string token = link(day_request("2026-02-04", "Europe/Paris"));
  clock.advance(std::chrono::minutes(6));  // less than 5 minutes left
  EXPECT_EQ(service().create(token).outcome, CreateOutcome::kDayOver);
  EXPECT_EQ(ovh.create_calls, 0);
  EXPECT_EQ(token_state(token), TokenState::kUsable);
}

TEST_F(BookingServiceCreate, ADayBookingLastsUntilTheEndOfTheDayInTheAgentsZone) {
  settings.day_mode = true;
  std::string token = link(day_request("2026-02-04", "America/Cayenne", "180"));
  CreateResult result = service().create(token);
  ASSERT_EQ(result.outcome, CreateOutcome::kCreated);
  const NewConference& row = db.conferences.at(result.conference_id).conference;
  EXPECT_EQ(iso(row.expires_at), "2026-02-05T02:59:59Z");
  EXPECT_EQ(row.time_zone, "America/Cayenne");
  EXPECT_EQ(row.conference_day, "2026-02-04");
  EXPECT_FALSE(row.duration_minutes.has_value());
  EXPECT_EQ(emails.conferences.at(0).zone_label, "heure de Cayenne");
  EXPECT_EQ(emails.conferences.at(0).expires_local.hour, 23);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCreate, ADayBookingWithOnlyAnOffsetUsesIt) {
  settings.day_mode = true;
  std::string token = link(day_request("2026-02-04", std::nullopt, "-660"));  // Nouméa
  CreateResult result = service().create(token);
  ASSERT_EQ(result.outcome, CreateOutcome::kCreated);
  EXPECT_EQ(iso(db.conferences.at(result.conference_id).conference.expires_at),
            "2026-02-04T12:59:59Z");
  EXPECT_EQ(emails.conferences.at(0).zone_label, "heure de Paris");
}

TEST_F(BookingServiceCreate, ADayBookingWithoutZoneNorOffsetUsesTheServerZone) {
  settings.day_mode = true;
  clock.set(TimePoint(std::chrono::seconds(1774771200)));  // 2026-03-29T08:00:00Z
  std::string token = link(day_request("2026-03-29", std::nullopt));
  CreateResult result = service().create(token);
  ASSERT_EQ(result.outcome, CreateOutcome::kCreated);
  EXPECT_EQ(iso(db.conferences.at(result.conference_id).conference.expires_at),
            "2026-03-29T21:59:59Z");
}

}  // namespace
}  // namespace audioconf::booking::testing
