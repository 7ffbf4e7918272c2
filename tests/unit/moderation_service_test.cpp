// ModerationService on fakes: the shared snapshot and its refresh rules, each action's outcomes,
// the conferences it refuses (unknown, cancelled, adopted), and caller-number masking.
#include <gtest/gtest.h>

#include <memory>

#include "booking_service_fixture.hpp"
#include "common/moderation/masking.hpp"
#include "common/moderation/service.hpp"
#include "moderation_fakes.hpp"

namespace audioconf::moderation::testing {
namespace {

using namespace std::chrono_literals;
using booking::testing::BookingServiceTest;

TEST(MaskCallerNumber, KeepsTheFirstFourAndTheLastTwoDigitsOfTheNationalForm) {
  EXPECT_EQ(mask_caller_number("0033612345678"), "06 12 •• •• 78");
  EXPECT_EQ(mask_caller_number("+33612345678"), "06 12 •• •• 78");
  EXPECT_EQ(mask_caller_number("0612345678"), "06 12 •• •• 78");
  EXPECT_EQ(mask_caller_number("0033140000012"), "01 40 •• •• 12");
}

TEST(MaskCallerNumber, HiddenOrStrangeNumbersAreNotShown) {
  EXPECT_EQ(mask_caller_number(""), "");
  EXPECT_EQ(mask_caller_number("anonymous"), "");
  EXPECT_EQ(mask_caller_number("0612"), "");
  EXPECT_EQ(mask_caller_number("06 12 34 56 78"), "");
}

TEST(MaskCallerNumber, ForeignNumbersKeepTheirPrefixAndHideTheMiddle) {
  EXPECT_EQ(mask_caller_number("00447700900123"), "00 44 •• •• •• •• 23");
}

/// The conferences rows of the booking fakes, extended the way the PostgreSQL store does.
class FakeExpiries final : public ConferenceExpiries {
 public:
  explicit FakeExpiries(booking::testing::FakeDatabase& db) : db_(db) {}
  bool fail = false;
  bool extend(const std::string& id, TimePoint from, TimePoint to, int added_minutes) override {
    if (fail) throw std::runtime_error("database down");
    auto row = db_.conferences.find(id);
    if (row == db_.conferences.end() || row->second.canceled_at ||
        row->second.conference.expires_at != from) {
      return false;
    }
    row->second.conference.expires_at = to;
    if (row->second.conference.duration_minutes) {
      *row->second.conference.duration_minutes += added_minutes;
    }
    return true;
  }

 private:
  booking::testing::FakeDatabase& db_;
};

class ModerationTest : public BookingServiceTest {
 protected:
  ModerationService& moderation() {
    if (!moderation_) {
      ModerationSettings s;
      s.secret = settings.secret;
      s.refresh_interval = 5s;
      s.known_details_per_refresh = known_details;
      s.max_duration_minutes = settings.conference_max_duration_minutes;
      moderation_ = std::make_unique<ModerationService>(service(), actions, refresher, ovh,
                                                        snapshots, locks, expiries, clock, s);
    }
    return *moderation_;
  }

  /// A booked conference; its room number.
  std::int64_t book() {
    const booking::CreateResult created = service().create(link());
    id = created.conference_id;
    return std::stoll(created.code);
  }

  void call_in(std::int64_t number, int people) {
    for (int i = 0; i < people; ++i) {
      RoomParticipant p;
      p.id = 5000 + i;
      p.caller_number = "00336123456" + std::to_string(10 + i);
      p.arrival = "2026-02-04T10:0" + std::to_string(i % 10) + ":00Z";
      p.talking = i == 0;
      room.rooms[number].push_back(p);
    }
  }

  FakeRoomModeration room;
  /// One fleet budget, as in production: the actions' client counts in it as a user, the
  /// refreshes' client as a refresh.
  FakeCallBudget budget;
  BudgetedRoomModeration actions{room, budget, CallPriority::kUser};
  BudgetedRoomModeration refresher{room, budget, CallPriority::kRefresh};
  FakeSnapshots snapshots;
  FakeLocks locks;
  FakeExpiries expiries{db};
  int known_details = 4;
  std::string id;

 private:
  std::unique_ptr<ModerationService> moderation_;
};

TEST_F(ModerationTest, ShowsWhoIsOnTheLineWithMaskedNumbers) {
  const std::int64_t number = book();
  call_in(number, 2);
  room.rooms[number][1].caller_number = "";
  const RoomState state = moderation().room(id);
  ASSERT_EQ(state.access, Access::kOpen);
  ASSERT_EQ(state.participants.size(), 2u);
  EXPECT_EQ(state.participants[0].masked_number, "06 12 •• •• 10");
  EXPECT_TRUE(state.participants[0].talking);
  EXPECT_EQ(state.participants[1].masked_number, "");
  EXPECT_EQ(state.taken_at, clock.now());
  EXPECT_FALSE(state.refresh_failed);
  // Only the masked form is kept in the shared snapshot.
  for (const SnapshotEntry& e : snapshots.rows.at(id).snapshot.participants) {
    EXPECT_EQ(e.masked_number.find("123456"), std::string::npos);
  }
}

TEST_F(ModerationTest, ViewersWithinTheIntervalShareOneRefresh) {
  const std::int64_t number = book();
  call_in(number, 3);
  for (int viewer = 0; viewer < 10; ++viewer) static_cast<void>(moderation().room(id));
  EXPECT_EQ(room.list_calls, 1);
  EXPECT_EQ(room.detail_calls, 3);
  clock.advance(4s);
  for (int viewer = 0; viewer < 10; ++viewer) static_cast<void>(moderation().room(id));
  EXPECT_EQ(room.list_calls, 1);
  clock.advance(1s);
  for (int viewer = 0; viewer < 10; ++viewer) static_cast<void>(moderation().room(id));
  EXPECT_EQ(room.list_calls, 2);
}

TEST_F(ModerationTest, ARefreshInFlightIsNotStartedAgain) {
  const std::int64_t number = book();
  call_in(number, 1);
  ASSERT_TRUE(snapshots.try_begin_refresh(id, clock.now(), 5s, 15s));  // another worker
  const RoomState state = moderation().room(id);
  EXPECT_EQ(room.list_calls, 0);
  EXPECT_TRUE(state.participants.empty());
  clock.advance(16s);  // that worker died: its lease ends
  EXPECT_EQ(moderation().room(id).participants.size(), 1u);
  EXPECT_EQ(room.list_calls, 1);
}

TEST_F(ModerationTest, DetailsAreReadForNewcomersAndForAFewKnownPeopleInTurn) {
  const std::int64_t number = book();
  call_in(number, 10);
  static_cast<void>(moderation().room(id));
  EXPECT_EQ(room.detail_calls, 10);
  room.rooms[number][9].talking = true;
  clock.advance(5s);
  static_cast<void>(moderation().room(id));
  EXPECT_EQ(room.detail_calls, 14) << "4 known people read again, no one new";
  RoomParticipant newcomer;
  newcomer.id = 9999;
  newcomer.caller_number = "0033699999999";
  room.rooms[number].push_back(newcomer);
  clock.advance(5s);
  const RoomState state = moderation().room(id);
  EXPECT_EQ(room.detail_calls, 19) << "the newcomer plus 4 known ones";
  EXPECT_EQ(state.participants.size(), 11u);
  // In turn: after three refreshes, 12 known reads covered the ten people.
  clock.advance(5s);
  const RoomState later = moderation().room(id);
  EXPECT_TRUE(later.participants[9].talking);
}

TEST_F(ModerationTest, PeopleWhoLeftDisappearAtTheNextRefresh) {
  const std::int64_t number = book();
  call_in(number, 3);
  static_cast<void>(moderation().room(id));
  room.rooms[number].erase(room.rooms[number].begin());
  clock.advance(5s);
  EXPECT_EQ(moderation().room(id).participants.size(), 2u);
}

TEST_F(ModerationTest, OvhDownKeepsTheOldListSaysSoAndRetriesOncePerInterval) {
  const std::int64_t number = book();
  call_in(number, 2);
  const TimePoint first = clock.now();
  static_cast<void>(moderation().room(id));
  clock.advance(10s);
  room.list_faults = {CallFault::kTimeout};
  const RoomState state = moderation().room(id);
  EXPECT_TRUE(state.refresh_failed);
  EXPECT_EQ(state.participants.size(), 2u);
  EXPECT_EQ(state.taken_at, first);
  // The other viewers in the same interval do not call OVH again.
  for (int viewer = 0; viewer < 5; ++viewer) static_cast<void>(moderation().room(id));
  EXPECT_EQ(room.list_calls, 2);
  clock.advance(5s);
  const RoomState back = moderation().room(id);
  EXPECT_FALSE(back.refresh_failed);
  EXPECT_EQ(back.taken_at, clock.now());
  EXPECT_EQ(room.list_calls, 3);
}

TEST_F(ModerationTest, AShortBudgetReadsTheListAndOnlyTheDetailsItAllows) {
  const std::int64_t number = book();
  call_in(number, 30);
  budget.per_minute = 60;  // refreshes may spend while under 48 calls this minute
  budget.used = 44;
  const RoomState state = moderation().room(id);
  EXPECT_EQ(room.list_calls, 1);
  EXPECT_EQ(room.detail_calls, 3) << "44 -> 48: the list and three people";
  EXPECT_TRUE(state.refresh_slowed);
  EXPECT_FALSE(state.refresh_failed) << "OVH answered: only our budget is short";
  ASSERT_EQ(state.participants.size(), 30u) << "everyone on the list is shown";
  EXPECT_EQ(state.taken_at, clock.now());
  int detailed = 0;
  for (const SnapshotEntry& e : state.participants) detailed += e.fetched_at != 0 ? 1 : 0;
  EXPECT_EQ(detailed, 3);
  // The next minute, the people still without details come first.
  budget.new_minute();
  budget.used = 40;
  clock.advance(5s);
  const RoomState next = moderation().room(id);
  EXPECT_EQ(room.detail_calls, 3 + 7);
  detailed = 0;
  for (const SnapshotEntry& e : next.participants) detailed += e.fetched_at != 0 ? 1 : 0;
  EXPECT_EQ(detailed, 10) << "7 newcomers' details, no known person read again before them";
}

TEST_F(ModerationTest, NoBudgetLeftKeepsTheOldListSaysSoAndAsksOncePerInterval) {
  const std::int64_t number = book();
  call_in(number, 2);
  const TimePoint first = clock.now();
  static_cast<void>(moderation().room(id));
  budget.per_minute = 60;
  budget.used = 48;
  clock.advance(10s);
  const RoomState state = moderation().room(id);
  EXPECT_EQ(room.list_calls, 1) << "nothing sent to OVH";
  EXPECT_TRUE(state.refresh_slowed);
  EXPECT_FALSE(state.refresh_failed);
  EXPECT_EQ(state.taken_at, first) << "the page shows the old list with its age";
  EXPECT_EQ(state.participants.size(), 2u);
  for (int viewer = 0; viewer < 5; ++viewer) static_cast<void>(moderation().room(id));
  EXPECT_EQ(budget.refused, 1) << "the other viewers of the interval do not ask again";
  budget.new_minute();
  clock.advance(5s);
  const RoomState back = moderation().room(id);
  EXPECT_FALSE(back.refresh_slowed);
  EXPECT_EQ(back.taken_at, clock.now());
  EXPECT_EQ(room.list_calls, 2);
}

TEST_F(ModerationTest, ActionsPassWhenTheBudgetRefusesRefreshes) {
  const std::int64_t number = book();
  call_in(number, 2);
  static_cast<void>(moderation().room(id));
  budget.per_minute = 60;
  budget.used = 500;  // far over: users' calls may overdraw it
  EXPECT_EQ(moderation().act(id, 5000, RoomAction::kMute).outcome, ActionOutcome::kDone);
  EXPECT_EQ(moderation().set_locked(id, true).outcome, ActionOutcome::kDone);
  EXPECT_EQ(moderation().mute_all(id).outcome, ActionOutcome::kDone);
  EXPECT_EQ(budget.used, 500 + 1 + 1 + 3)
      << "counted all the same (mute all: the list, two people)";
  EXPECT_FALSE(room.find(number, 5000)->speak);
  EXPECT_TRUE(room.locked[number]);
}

TEST_F(ModerationTest, MuteAndUnmuteChangeOvhAndTheSnapshotAtOnce) {
  const std::int64_t number = book();
  call_in(number, 2);
  static_cast<void>(moderation().room(id));
  ActionResult muted = moderation().act(id, 5000, RoomAction::kMute);
  EXPECT_EQ(muted.outcome, ActionOutcome::kDone);
  EXPECT_FALSE(room.find(number, 5000)->speak);
  EXPECT_FALSE(muted.state.participants[0].speak);
  EXPECT_FALSE(muted.state.participants[0].talking);
  ActionResult unmuted = moderation().act(id, 5000, RoomAction::kUnmute);
  EXPECT_EQ(unmuted.outcome, ActionOutcome::kDone);
  EXPECT_TRUE(room.find(number, 5000)->speak);
  EXPECT_TRUE(unmuted.state.participants[0].speak);
}

TEST_F(ModerationTest, ExcludeRemovesThePerson) {
  const std::int64_t number = book();
  call_in(number, 2);
  static_cast<void>(moderation().room(id));
  const ActionResult result = moderation().act(id, 5001, RoomAction::kKick);
  EXPECT_EQ(result.outcome, ActionOutcome::kDone);
  EXPECT_EQ(room.rooms[number].size(), 1u);
  ASSERT_EQ(result.state.participants.size(), 1u);
  EXPECT_EQ(result.state.participants[0].id, 5000);
}

TEST_F(ModerationTest, SomeoneWhoLeftIsGoneAndLeavesTheList) {
  const std::int64_t number = book();
  call_in(number, 2);
  static_cast<void>(moderation().room(id));
  room.rooms[number].pop_back();
  const ActionResult result = moderation().act(id, 5001, RoomAction::kMute);
  EXPECT_EQ(result.outcome, ActionOutcome::kParticipantGone);
  EXPECT_EQ(result.state.participants.size(), 1u);
}

TEST_F(ModerationTest, OvhRefusingOrSilentChangesNothingOnOurSide) {
  const std::int64_t number = book();
  call_in(number, 1);
  static_cast<void>(moderation().room(id));
  room.act_faults[5000] = CallFault::kTimeout;
  ActionResult result = moderation().act(id, 5000, RoomAction::kMute);
  EXPECT_EQ(result.outcome, ActionOutcome::kOvhFailed);
  EXPECT_TRUE(result.state.participants[0].speak);
  room.act_faults[5000] = CallFault::kRefused500;
  result = moderation().act(id, 5000, RoomAction::kKick);
  EXPECT_EQ(result.outcome, ActionOutcome::kOvhFailed);
  EXPECT_EQ(result.state.participants.size(), 1u);
}

TEST_F(ModerationTest, MuteEveryoneCountsWhatWasDone) {
  const std::int64_t number = book();
  call_in(number, 4);
  static_cast<void>(moderation().room(id));
  room.act_faults[5002] = CallFault::kRefused500;
  const ActionResult partial = moderation().mute_all(id);
  EXPECT_EQ(partial.outcome, ActionOutcome::kPartial);
  EXPECT_EQ(partial.done, 3);
  EXPECT_EQ(partial.total, 4);
  EXPECT_TRUE(room.find(number, 5002)->speak);
  EXPECT_FALSE(room.find(number, 5003)->speak);
  const ActionResult all = moderation().mute_all(id);
  EXPECT_EQ(all.outcome, ActionOutcome::kDone);
  EXPECT_EQ(all.done, 4);
  for (const SnapshotEntry& e : all.state.participants) EXPECT_FALSE(e.speak);
}

TEST_F(ModerationTest, MuteEveryoneStopsWhenOvhStopsAnswering) {
  const std::int64_t number = book();
  call_in(number, 3);
  room.act_faults[5001] = CallFault::kTimeout;
  const ActionResult result = moderation().mute_all(id);
  EXPECT_EQ(result.outcome, ActionOutcome::kPartial);
  EXPECT_EQ(result.done, 1);
  EXPECT_EQ(result.total, 3);
  EXPECT_EQ(room.act_calls, 2);
}

TEST_F(ModerationTest, MuteEveryoneInAnEmptyRoomIsDoneWithNothingToDo) {
  book();
  const ActionResult result = moderation().mute_all(id);
  EXPECT_EQ(result.outcome, ActionOutcome::kDone);
  EXPECT_EQ(result.total, 0);
}

TEST_F(ModerationTest, LockIsKeptOnOurRowOnlyOnceOvhDidIt) {
  const std::int64_t number = book();
  room.lock_faults = {CallFault::kRefused500};
  ActionResult result = moderation().set_locked(id, true);
  EXPECT_EQ(result.outcome, ActionOutcome::kOvhFailed);
  EXPECT_FALSE(locks.locked(id));
  result = moderation().set_locked(id, true);
  EXPECT_EQ(result.outcome, ActionOutcome::kDone);
  EXPECT_TRUE(room.locked[number]);
  EXPECT_TRUE(locks.locked(id));
  EXPECT_TRUE(moderation().room(id).locked);
  result = moderation().set_locked(id, false);
  EXPECT_EQ(result.outcome, ActionOutcome::kDone);
  EXPECT_FALSE(room.locked[number]);
  EXPECT_FALSE(moderation().room(id).locked);
}

TEST_F(ModerationTest, UnknownExpiredAndCancelledConferencesAreNotActive) {
  EXPECT_EQ(moderation().room("not-a-uuid").access, Access::kNotActive);
  EXPECT_EQ(moderation().room("123e4567-e89b-42d3-a456-426614174000").access, Access::kNotActive);
  EXPECT_EQ(moderation().act("nope", 1, RoomAction::kMute).outcome, ActionOutcome::kNotActive);
  const std::int64_t number = book();
  call_in(number, 1);
  static_cast<void>(moderation().room(id));
  ASSERT_EQ(snapshots.rows.count(id), 1u);
  ASSERT_EQ(service().cancel(id).outcome, booking::CancelOutcome::kCanceled);
  EXPECT_EQ(moderation().room(id).access, Access::kNotActive);
  EXPECT_EQ(snapshots.rows.count(id), 0u) << "the snapshot goes with the conference";
  EXPECT_EQ(moderation().set_locked(id, true).outcome, ActionOutcome::kNotActive);
  EXPECT_EQ(room.lock_calls, 0);
}

TEST_F(ModerationTest, AnAdoptedConferenceHasNoRoomToModerate) {
  book();
  db.conferences.at(id).conference.room_number_sealed.clear();
  EXPECT_EQ(moderation().room(id).access, Access::kAdopted);
  EXPECT_EQ(moderation().mute_all(id).outcome, ActionOutcome::kAdopted);
  EXPECT_EQ(room.list_calls, 0);
}

TEST_F(ModerationTest, ExtendMovesOvhThenOurRowByOneHour) {
  const std::int64_t number = book();
  const TimePoint before = db.conferences.at(id).conference.expires_at;
  clock.advance(10min);
  const ActionResult result = moderation().extend(id);
  ASSERT_EQ(result.outcome, ActionOutcome::kDone);
  EXPECT_EQ(result.new_expiry, before + 60min);
  EXPECT_EQ(ovh.rooms.at(number).expires_at, before + 60min);
  EXPECT_FALSE(ovh.rooms.at(number).expired);
  EXPECT_EQ(db.conferences.at(id).conference.expires_at, before + 60min);
  EXPECT_EQ(db.conferences.at(id).conference.duration_minutes, 60 + 60);
  expect_active_row_iff_live_room();
  // Still active past the old expiry, expired past the new one.
  clock.set(before + 30min);
  EXPECT_EQ(service().find(id).outcome, booking::LookupOutcome::kActive);
  expect_active_row_iff_live_room();
  clock.set(before + 61min);
  EXPECT_EQ(service().find(id).outcome, booking::LookupOutcome::kExpired);
}

TEST_F(ModerationTest, ExtendNeverGoesPastTheMaximumDurationFromNow) {
  settings.conference_max_duration_minutes = 150;
  const std::int64_t number = book();                                // 60 minutes
  ASSERT_EQ(moderation().extend(id).outcome, ActionOutcome::kDone);  // 120 from now
  const TimePoint expiry = db.conferences.at(id).conference.expires_at;
  const ActionResult refused = moderation().extend(id);  // would be 180
  EXPECT_EQ(refused.outcome, ActionOutcome::kTooLong);
  EXPECT_EQ(db.conferences.at(id).conference.expires_at, expiry);
  EXPECT_EQ(ovh.rooms.at(number).expires_at, expiry);
  clock.advance(40min);  // now 80 minutes left: +60 = 140 from now, allowed
  EXPECT_EQ(moderation().extend(id).outcome, ActionOutcome::kDone);
}

TEST_F(ModerationTest, ExtendRefusedByOvhChangesNothing) {
  const std::int64_t number = book();
  const TimePoint expiry = db.conferences.at(id).conference.expires_at;
  ovh.configure_faults = {booking::testing::OvhFault::kRefused500};
  EXPECT_EQ(moderation().extend(id).outcome, ActionOutcome::kOvhFailed);
  EXPECT_EQ(db.conferences.at(id).conference.expires_at, expiry);
  EXPECT_EQ(ovh.rooms.at(number).expires_at, expiry);
  expect_active_row_iff_live_room();
}

TEST_F(ModerationTest, ExtendPutsOvhBackWhenOurRowCannotFollow) {
  const std::int64_t number = book();
  const TimePoint expiry = db.conferences.at(id).conference.expires_at;
  expiries.fail = true;
  EXPECT_EQ(moderation().extend(id).outcome, ActionOutcome::kStoreFailed);
  EXPECT_EQ(ovh.rooms.at(number).expires_at, expiry);
  EXPECT_EQ(db.conferences.at(id).conference.expires_at, expiry);
  EXPECT_EQ(ovh.configure_calls, 3) << "booking, extension, then back";
  clock.set(expiry + 1s);
  expect_active_row_iff_live_room();
}

TEST_F(ModerationTest, EndLocksExcludesEveryoneThenCancels) {
  const std::int64_t number = book();
  call_in(number, 3);
  static_cast<void>(moderation().room(id));
  const ActionResult result = moderation().end(id, false);
  ASSERT_EQ(result.outcome, ActionOutcome::kDone);
  EXPECT_EQ(result.done, 3);
  EXPECT_EQ(result.total, 3);
  EXPECT_TRUE(room.locked[number]);
  EXPECT_TRUE(room.rooms[number].empty());
  EXPECT_TRUE(ovh.rooms.at(number).expired);
  EXPECT_TRUE(db.conferences.at(id).canceled_at.has_value());
  EXPECT_EQ(snapshots.rows.count(id), 0u);
  ASSERT_TRUE(result.cancel.has_value());
  EXPECT_EQ(result.cancel->outcome, booking::CancelOutcome::kCanceled);
  expect_active_row_iff_live_room();
}

TEST_F(ModerationTest, EndStillExpiresTheRoomWhenSomeExclusionsFail) {
  const std::int64_t number = book();
  call_in(number, 3);
  room.act_faults[5001] = CallFault::kRefused500;
  const ActionResult result = moderation().end(id, false);
  EXPECT_EQ(result.outcome, ActionOutcome::kDone);
  EXPECT_EQ(result.done, 2);
  EXPECT_EQ(result.total, 3);
  EXPECT_TRUE(ovh.rooms.at(number).expired);
}

TEST_F(ModerationTest, EndGoesOnWhenOvhRefusesTheLock) {
  const std::int64_t number = book();
  call_in(number, 2);
  room.lock_faults = {CallFault::kRefused500};
  const ActionResult result = moderation().end(id, false);
  EXPECT_EQ(result.outcome, ActionOutcome::kDone);
  EXPECT_EQ(result.done, 2);
  EXPECT_TRUE(room.rooms[number].empty());
  EXPECT_FALSE(locks.locked(id)) << "our row says only what OVH did";
  EXPECT_TRUE(ovh.rooms.at(number).expired);
  expect_active_row_iff_live_room();
}

TEST_F(ModerationTest, EndWithOvhSilentGoesStraightToTheExpiry) {
  const std::int64_t number = book();
  call_in(number, 2);
  room.lock_faults = {CallFault::kTimeout};
  ovh.expire_faults = {booking::testing::OvhFault::kTimeout};
  const ActionResult result = moderation().end(id, false);
  EXPECT_EQ(result.outcome, ActionOutcome::kOvhFailed);
  EXPECT_EQ(room.list_calls, 0);
  EXPECT_EQ(room.act_calls, 0);
  EXPECT_EQ(room.rooms[number].size(), 2u);
  EXPECT_FALSE(db.conferences.at(id).canceled_at.has_value());
  expect_active_row_iff_live_room();
}

TEST_F(ModerationTest, EndWhenOvhCannotExpireKeepsTheConferenceActive) {
  const std::int64_t number = book();
  call_in(number, 1);
  ovh.expire_faults = {booking::testing::OvhFault::kTimeout};
  const ActionResult result = moderation().end(id, false);
  EXPECT_EQ(result.outcome, ActionOutcome::kOvhFailed);
  EXPECT_FALSE(db.conferences.at(id).canceled_at.has_value());
  expect_active_row_iff_live_room();
}

TEST_F(ModerationTest, TheCancelRouteMarksAnAdoptedConferenceTheOrganizerRoutesDoNot) {
  book();
  db.conferences.at(id).conference.room_number_sealed.clear();
  EXPECT_EQ(moderation().end(id, false).outcome, ActionOutcome::kAdopted);
  EXPECT_FALSE(db.conferences.at(id).canceled_at.has_value());
  EXPECT_EQ(moderation().extend(id).outcome, ActionOutcome::kAdopted);
  const ActionResult result = moderation().end(id, true);
  EXPECT_EQ(result.outcome, ActionOutcome::kDone);
  EXPECT_EQ(result.cancel->outcome, booking::CancelOutcome::kMarkedOnly);
  EXPECT_EQ(room.lock_calls, 0);
}

}  // namespace
}  // namespace audioconf::moderation::testing
