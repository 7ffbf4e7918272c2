// BookingService::find (conference and cancel pages) and cancel (POST .../annuler).
#include <gtest/gtest.h>

#include "booking_service_fixture.hpp"

namespace audioconf::booking::testing {
namespace {

class BookingServiceFind : public BookingServiceTest {};
class BookingServiceCancel : public BookingServiceTest {};

TEST_F(BookingServiceFind, AnActiveConferenceComesWithItsValiditySentence) {
  CreateResult created = service().create(link());
  ConferenceLookup found = service().find(created.conference_id);
  ASSERT_EQ(found.outcome, LookupOutcome::kActive);
  EXPECT_EQ(found.view->id, created.conference_id);
  EXPECT_EQ(found.validity,
            "Cette conférence est active pendant 1 heure, elle expirera le mercredi 4 février "
            "2026 à 12h00 (heure de Paris).");
}

TEST_F(BookingServiceFind, ADayConferenceSpeaksInItsOwnZone) {
  settings.day_mode = true;
  CreateResult created = service().create(link(day_request("2026-02-05", "America/Cayenne")));
  ConferenceLookup found = service().find(created.conference_id);
  ASSERT_EQ(found.outcome, LookupOutcome::kActive);
  EXPECT_EQ(found.validity,
            "Cette conférence est active toute la journée du jeudi 5 février 2026 (heure de "
            "Cayenne).");
}

TEST_F(BookingServiceFind, UnknownMalformedAndExpiredIdsAreExpired) {
  EXPECT_EQ(service().find("not-a-uuid").outcome, LookupOutcome::kExpired);
  EXPECT_EQ(service().find("123e4567-e89b-42d3-a456-426614174000").outcome,
            LookupOutcome::kExpired);
  CreateResult created = service().create(link());
  EXPECT_EQ(service().find(created.conference_id).outcome, LookupOutcome::kActive);
  clock.advance(std::chrono::minutes(60));
  EXPECT_EQ(service().find(created.conference_id).outcome, LookupOutcome::kExpired);
}

TEST_F(BookingServiceFind, IdsAreReadInAnyCase) {
  CreateResult created = service().create(link());
  std::string upper = created.conference_id;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(service().find(upper).outcome, LookupOutcome::kActive);
}

TEST_F(BookingServiceCancel, ExpiresTheRoomThenMarksTheRow) {
  CreateResult created = service().create(link());
  clock.advance(std::chrono::minutes(10));
  CancelResult result = service().cancel(created.conference_id);
  EXPECT_EQ(result.outcome, CancelOutcome::kCanceled);
  EXPECT_FALSE(ovh.live(std::stoll(created.code)));
  EXPECT_EQ(db.conferences.at(created.conference_id).canceled_at, clock.now());
  ConferenceLookup after = service().find(created.conference_id);
  EXPECT_EQ(after.outcome, LookupOutcome::kCanceled);
  ASSERT_TRUE(after.canceled_local.has_value());
  EXPECT_EQ(after.canceled_local->hour, 11);
  EXPECT_EQ(after.canceled_local->minute, 10);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCancel, OvhDownChangesNothing) {
  CreateResult created = service().create(link());
  ovh.expire_faults = {OvhFault::kTimeout};
  EXPECT_EQ(service().cancel(created.conference_id).outcome, CancelOutcome::kOvhFailed);
  EXPECT_TRUE(ovh.live(std::stoll(created.code)));
  EXPECT_FALSE(db.conferences.at(created.conference_id).canceled_at.has_value());
  expect_active_row_iff_live_room();
  EXPECT_EQ(service().cancel(created.conference_id).outcome, CancelOutcome::kCanceled);
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCancel, OvhRefusingTheExpiryChangesNothing) {
  CreateResult created = service().create(link());
  ovh.expire_faults = {OvhFault::kRefused500};
  EXPECT_EQ(service().cancel(created.conference_id).outcome, CancelOutcome::kOvhFailed);
  EXPECT_FALSE(db.conferences.at(created.conference_id).canceled_at.has_value());
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCancel, ARoomOvhNoLongerKnowsStillCancels) {
  CreateResult created = service().create(link());
  ovh.rooms.clear();
  EXPECT_EQ(service().cancel(created.conference_id).outcome, CancelOutcome::kCanceled);
  EXPECT_TRUE(db.conferences.at(created.conference_id).canceled_at.has_value());
  expect_active_row_iff_live_room();
}

TEST_F(BookingServiceCancel, AnAdoptedConferenceIsOnlyMarked) {
  CreateResult created = service().create(link());
  db.conferences.at(created.conference_id).conference.room_number_sealed.clear();
  EXPECT_EQ(service().cancel(created.conference_id).outcome, CancelOutcome::kMarkedOnly);
  EXPECT_EQ(ovh.expire_calls, 0);
  EXPECT_TRUE(db.conferences.at(created.conference_id).canceled_at.has_value());
}

TEST_F(BookingServiceCancel, ARoomNumberSealedWithAnotherSecretIsOnlyMarked) {
  CreateResult created = service().create(link());
  db.conferences.at(created.conference_id).conference.room_number_sealed =
      RoomNumberBox("another-secret-0123456789").seal(123456789, random);
  EXPECT_EQ(service().cancel(created.conference_id).outcome, CancelOutcome::kMarkedOnly);
  EXPECT_EQ(ovh.expire_calls, 0);
}

TEST_F(BookingServiceCancel, ASecondCancelFindsItCanceled) {
  CreateResult created = service().create(link());
  ASSERT_EQ(service().cancel(created.conference_id).outcome, CancelOutcome::kCanceled);
  CancelResult again = service().cancel(created.conference_id);
  EXPECT_EQ(again.outcome, CancelOutcome::kNotActive);
  EXPECT_EQ(again.lookup.outcome, LookupOutcome::kCanceled);
  EXPECT_EQ(ovh.expire_calls, 1);
}

TEST_F(BookingServiceCancel, AConcurrentCancelThatWonReadsAsCanceled) {
  CreateResult created = service().create(link());
  // The other request marks the row between our lookup and our update.
  class RacingConferences final : public Conferences {
   public:
    explicit RacingConferences(FakeConferences& inner) : inner_(inner) {}
    void store(const NewConference& c, const std::string& t, TimePoint now) override {
      inner_.store(c, t, now);
    }
    int count_for_hash_since(const std::string& h, TimePoint since) override {
      return inner_.count_for_hash_since(h, since);
    }
    std::optional<ConferenceView> find(const std::string& id) override { return inner_.find(id); }
    std::optional<int> mark_canceled(const std::string& id, TimePoint now) override {
      (void)inner_.mark_canceled(id, now);
      return inner_.mark_canceled(id, now);
    }

   private:
    FakeConferences& inner_;
  } racing(conferences);
  BookingService racing_service(
      BookingCollaborators{tokens, pending, racing, ovh, emails, allow_list, clock, random},
      settings, paris);
  EXPECT_EQ(racing_service.cancel(created.conference_id).outcome, CancelOutcome::kCanceled);
}

TEST_F(BookingServiceCancel, UnknownOrExpiredConferencesAreNotCanceled) {
  EXPECT_EQ(service().cancel("nope").outcome, CancelOutcome::kNotActive);
  CreateResult created = service().create(link());
  clock.advance(std::chrono::minutes(61));
  CancelResult result = service().cancel(created.conference_id);
  EXPECT_EQ(result.outcome, CancelOutcome::kNotActive);
  EXPECT_EQ(result.lookup.outcome, LookupOutcome::kExpired);
  EXPECT_EQ(ovh.expire_calls, 0);
}

}  // namespace
}  // namespace audioconf::booking::testing
