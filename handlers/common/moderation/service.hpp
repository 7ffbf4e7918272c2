// The organizer's tools without HTTP (SPEC §8): the shared participant snapshot of a
// conference's room, refreshed at most once per interval whatever the number of viewers, and
// the moderation actions (mute, unmute, exclude, mute everyone, lock, unlock). Built on the
// booking service: a conference is looked up (unknown, expired, cancelled) the same way as its
// page. Every call answers with an outcome the handler turns into a page, JSON or a redirect.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/booking/rooms.hpp"
#include "common/booking/service.hpp"
#include "common/config.hpp"
#include "common/ports/clock.hpp"
#include "common/ports/moderation.hpp"

namespace audioconf::moderation {

struct ModerationSettings {
  std::string secret;  ///< opens the sealed room numbers
  /// PARTICIPANTS_REFRESH_SECONDS: the shortest interval between two refreshes of one room.
  std::chrono::seconds refresh_interval{5};
  /// Details fetched per refresh for people already known (new ones are always fetched): the
  /// others are read again in turn, the oldest first.
  int known_details_per_refresh = 4;
  /// CONFERENCE_MAX_DURATION_IN_MINUTES: an extension never goes further than this from now.
  int max_duration_minutes = 1440;
};

[[nodiscard]] ModerationSettings moderation_settings_for(const Config& config);

/// What "prolonger" adds (SPEC §8).
inline constexpr std::chrono::minutes kExtension{60};

enum class Access {
  kOpen,       ///< an active conference with a room we can reach
  kNotActive,  ///< unknown, expired or cancelled: see `lookup`
  kAdopted,    ///< booked with the original service: no room number stored
};

struct RoomState {
  Access access = Access::kNotActive;
  booking::ConferenceLookup lookup{};
  std::vector<SnapshotEntry> participants{};  ///< arrival order
  std::optional<TimePoint> taken_at{};        ///< when the list was read from OVH
  bool refresh_failed = false;                ///< OVH did not answer this time: data is old
  /// The fleet's OVH call budget left this refresh nothing (or not every detail): the data is
  /// older than usual, and refreshes come again as the budget allows.
  bool refresh_slowed = false;
  bool locked = false;
};

enum class ActionOutcome {
  kDone,
  kPartial,          ///< mute everyone: some calls failed (see done/total)
  kParticipantGone,  ///< that person is no longer on the line
  kOvhFailed,        ///< OVH refused or did not answer: nothing changed on our side
  kNotActive,        ///< see state.lookup
  kAdopted,
  kTooLong,      ///< extend: past CONFERENCE_MAX_DURATION_IN_MINUTES from now
  kStoreFailed,  ///< extend: our row could not follow OVH (OVH was put back)
};

enum class RoomAction { kMute, kUnmute, kKick, kMuteAll, kLock, kUnlock, kExtend, kEnd };

struct ActionResult {
  ActionOutcome outcome = ActionOutcome::kNotActive;
  RoomAction action = RoomAction::kMute;
  int done = 0;   ///< mute everyone: microphones muted
  int total = 0;  ///< mute everyone: people on the line
  RoomState state{};
  std::optional<TimePoint> new_expiry{};          ///< extend: when done
  std::optional<booking::CancelResult> cancel{};  ///< end: the cancellation's own outcome
};

/// What the calendar invitation needs (no OVH call).
struct InvitationData {
  Access access = Access::kNotActive;
  booking::ConferenceLookup lookup{};
  std::int64_t room_number = 0;
  int sequence = 0;
};

class ModerationService {
 public:
  /// `ovh` makes the organizer's actions (never refused by the OVH call budget); `refresher`
  /// reads the participants for the snapshot (it spends only what the budget leaves, SPEC §8).
  ModerationService(booking::BookingService& booking, RoomModeration& ovh,
                    RoomModeration& refresher, Telephony& telephony,
                    ParticipantSnapshots& snapshots, RoomLocks& locks, ConferenceExpiries& expiries,
                    const Clock& clock, ModerationSettings settings);

  /// The room as the page shows it: refreshed from OVH first when due and no one else is.
  [[nodiscard]] RoomState room(std::string_view raw_id);
  [[nodiscard]] ActionResult act(std::string_view raw_id, std::int64_t participant_id,
                                 RoomAction action);
  [[nodiscard]] ActionResult mute_all(std::string_view raw_id);
  [[nodiscard]] ActionResult set_locked(std::string_view raw_id, bool locked);
  /// One hour more (SPEC §8): OVH's expirationDate first, then our row; OVH is put back when
  /// the row cannot follow, so "active row iff live room" holds for the new expiry too.
  [[nodiscard]] ActionResult extend(std::string_view raw_id);
  /// End = cancel (SPEC §8): lock the room, exclude everyone on the line, then cancel as the
  /// booking service does (expire at OVH, mark the row). Only the expiry decides the outcome:
  /// a refused lock or exclusion is logged and the end goes on. `adopted_too`: the cancel route
  /// also marks a conference adopted from the original service (no room to act on); the organizer
  /// routes refuse it. done/total count the people excluded.
  [[nodiscard]] ActionResult end(std::string_view raw_id, bool adopted_too);
  /// GET .../invitation.ics: the conference, its code and the invitation's SEQUENCE.
  [[nodiscard]] InvitationData invitation(std::string_view raw_id);

  /// A refresh holds the room's lease at most this long (a crashed worker frees it then).
  static constexpr std::chrono::seconds kRefreshLease{15};

 private:
  struct Open {
    RoomState state;
    std::int64_t room_number = 0;
  };
  [[nodiscard]] Open open(std::string_view raw_id);
  void refresh(Open& open, TimePoint now);
  [[nodiscard]] RoomState current(Open& open);

  booking::BookingService& booking_;
  RoomModeration& ovh_;
  RoomModeration& refresher_;
  Telephony& telephony_;
  ParticipantSnapshots& snapshots_;
  RoomLocks& locks_;
  ConferenceExpiries& expiries_;
  const Clock& clock_;
  ModerationSettings settings_;
  booking::RoomNumberBox rooms_;
};

}  // namespace audioconf::moderation
