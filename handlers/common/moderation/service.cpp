#include "common/moderation/service.hpp"

#include <algorithm>

#include "common/log.hpp"
#include "common/moderation/masking.hpp"
#include "common/ovh/errors.hpp"

namespace audioconf::moderation {
namespace {

std::int64_t unix_seconds(TimePoint at) {
  return std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count();
}

SnapshotEntry entry_of(const RoomParticipant& p, TimePoint now) {
  return SnapshotEntry{.id = p.id,
                       .masked_number = mask_caller_number(p.caller_number),
                       .arrival = p.arrival,
                       .speak = p.speak,
                       .talking = p.talking,
                       .fetched_at = unix_seconds(now)};
}

/// The shape of a conference id (the lookup already told whether such a conference exists).
bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (c == '-')) return false;
    if (!dash && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

bool is_not_found(const ovh::OvhRefused& refusal) { return refusal.status() == 404; }

/// The answer to an action on a conference the organizer's tools cannot act on (adopted from
/// the original database, or not active): nothing was asked of OVH.
ActionResult refused(RoomAction action, const RoomState& state) {
  ActionResult result;
  result.action = action;
  result.outcome =
      state.access == Access::kAdopted ? ActionOutcome::kAdopted : ActionOutcome::kNotActive;
  result.state = state;
  return result;
}

}  // namespace

ModerationSettings moderation_settings_for(const Config& config) {
  ModerationSettings settings;
  settings.secret = config.secret;
  settings.refresh_interval = std::chrono::seconds{config.participants_refresh_seconds};
  settings.max_duration_minutes = config.conference_max_duration_minutes;
  return settings;
}

ModerationService::ModerationService(booking::BookingService& booking, RoomModeration& ovh,
                                     RoomModeration& refresher, Telephony& telephony,
                                     ParticipantSnapshots& snapshots, RoomLocks& locks,
                                     ConferenceExpiries& expiries, const Clock& clock,
                                     ModerationSettings settings)
    : booking_(booking),
      ovh_(ovh),
      refresher_(refresher),
      telephony_(telephony),
      snapshots_(snapshots),
      locks_(locks),
      expiries_(expiries),
      clock_(clock),
      settings_(std::move(settings)),
      rooms_(settings_.secret) {}

ModerationService::Open ModerationService::open(std::string_view raw_id) {
  Open result;
  result.state.lookup = booking_.find(raw_id);
  const booking::ConferenceLookup& lookup = result.state.lookup;
  if (lookup.outcome != booking::LookupOutcome::kActive) {
    // The conference is over: what we knew of its line goes (SPEC §8).
    if (is_uuid(raw_id)) snapshots_.remove(std::string(raw_id));
    result.state.access = Access::kNotActive;
    return result;
  }
  const ConferenceView& view = *lookup.view;
  const std::optional<std::int64_t> number =
      view.room_number_sealed ? rooms_.open(*view.room_number_sealed) : std::nullopt;
  if (!number) {
    result.state.access = Access::kAdopted;
    return result;
  }
  result.room_number = *number;
  result.state.access = Access::kOpen;
  return result;
}

RoomState ModerationService::current(Open& open) {
  RoomState state = open.state;
  const std::string& id = state.lookup.view->id;
  Snapshot snapshot = snapshots_.load(id);
  state.participants = std::move(snapshot.participants);
  state.taken_at = snapshot.taken_at;
  state.locked = locks_.locked(id);
  return state;
}

void ModerationService::refresh(Open& open, TimePoint now) {
  const std::string& id = open.state.lookup.view->id;
  if (!snapshots_.try_begin_refresh(id, now, settings_.refresh_interval, kRefreshLease)) return;
  const Snapshot previous = snapshots_.load(id);
  std::vector<std::int64_t> ids;
  try {
    ids = refresher_.participants(open.room_number);
  } catch (const ovh::OvhBudgetSpent&) {
    // Not an OVH failure: the budget serves users first. Try again after an interval.
    snapshots_.abandon_refresh(id, now + settings_.refresh_interval);
    open.state.refresh_slowed = true;
    return;
  } catch (const ovh::OvhUnavailable&) {
    snapshots_.abandon_refresh(id, now + settings_.refresh_interval);
    open.state.refresh_failed = true;
    log::warning("participants refresh: OVH did not answer");
    return;
  } catch (const ovh::OvhRefused& refusal) {
    snapshots_.abandon_refresh(id, now + settings_.refresh_interval);
    open.state.refresh_failed = true;
    log::warning(std::string("participants refresh refused: ") + refusal.what());
    return;
  }
  // Known people keep their details; new ones need theirs, and a few known ones (the oldest
  // read) are read again so talking and microphone states follow.
  Snapshot next;
  next.taken_at = now;
  for (const std::int64_t participant_id : ids) {
    const auto known = std::find_if(previous.participants.begin(), previous.participants.end(),
                                    [&](const SnapshotEntry& e) { return e.id == participant_id; });
    SnapshotEntry fresh;
    fresh.id = participant_id;
    fresh.fetched_at = 0;
    next.participants.push_back(known != previous.participants.end() ? *known : fresh);
  }
  std::vector<SnapshotEntry*> due;
  for (SnapshotEntry& e : next.participants) due.push_back(&e);
  std::stable_sort(due.begin(), due.end(), [](const SnapshotEntry* a, const SnapshotEntry* b) {
    return a->fetched_at < b->fetched_at;
  });
  int known_read = 0;
  std::vector<std::int64_t> gone;
  for (SnapshotEntry* e : due) {
    if (e->fetched_at != 0 && known_read >= settings_.known_details_per_refresh) break;
    if (e->fetched_at != 0) ++known_read;
    try {
      *e = entry_of(refresher_.participant(open.room_number, e->id), now);
    } catch (const ovh::OvhBudgetSpent&) {
      open.state.refresh_slowed = true;  // the list is new; the other details next time
      break;
    } catch (const ovh::OvhRefused& refusal) {
      if (is_not_found(refusal)) {
        gone.push_back(e->id);  // left between the list and this call
        continue;
      }
      open.state.refresh_failed = true;
      break;
    } catch (const ovh::OvhUnavailable&) {
      open.state.refresh_failed = true;  // keep what we have; the rest next time
      break;
    }
  }
  std::erase_if(next.participants, [&](const SnapshotEntry& e) {
    return std::find(gone.begin(), gone.end(), e.id) != gone.end();
  });
  snapshots_.save(id, next);
}

RoomState ModerationService::room(std::string_view raw_id) {
  Open opened = open(raw_id);
  if (opened.state.access != Access::kOpen) return opened.state;
  refresh(opened, clock_.now());
  return current(opened);
}

ActionResult ModerationService::act(std::string_view raw_id, std::int64_t participant_id,
                                    RoomAction action) {
  ActionResult result;
  result.action = action;
  Open opened = open(raw_id);
  if (opened.state.access != Access::kOpen) return refused(result.action, opened.state);
  const ParticipantAction call = action == RoomAction::kMute     ? ParticipantAction::kMute
                                 : action == RoomAction::kUnmute ? ParticipantAction::kUnmute
                                                                 : ParticipantAction::kKick;
  const std::string& id = opened.state.lookup.view->id;
  try {
    ovh_.act(opened.room_number, participant_id, call);
    result.outcome = ActionOutcome::kDone;
  } catch (const ovh::OvhRefused& refusal) {
    result.outcome =
        is_not_found(refusal) ? ActionOutcome::kParticipantGone : ActionOutcome::kOvhFailed;
    if (!is_not_found(refusal)) log::warning(std::string("moderation refused: ") + refusal.what());
  } catch (const ovh::OvhUnavailable&) {
    result.outcome = ActionOutcome::kOvhFailed;
    log::warning("moderation: OVH did not answer");
  }
  if (result.outcome == ActionOutcome::kDone || result.outcome == ActionOutcome::kParticipantGone) {
    // The snapshot follows at once: every viewer sees the change without waiting for a refresh.
    Snapshot snapshot = snapshots_.load(id);
    if (result.outcome == ActionOutcome::kParticipantGone || call == ParticipantAction::kKick) {
      std::erase_if(snapshot.participants,
                    [&](const SnapshotEntry& e) { return e.id == participant_id; });
    } else {
      for (SnapshotEntry& e : snapshot.participants) {
        if (e.id != participant_id) continue;
        e.speak = call == ParticipantAction::kUnmute;
        if (!e.speak) e.talking = false;
      }
    }
    snapshots_.update_entries(id, snapshot.participants);
  }
  result.state = current(opened);
  return result;
}

ActionResult ModerationService::mute_all(std::string_view raw_id) {
  ActionResult result;
  result.action = RoomAction::kMuteAll;
  Open opened = open(raw_id);
  if (opened.state.access != Access::kOpen) return refused(result.action, opened.state);
  const std::string& id = opened.state.lookup.view->id;
  std::vector<std::int64_t> ids;
  try {
    ids = ovh_.participants(opened.room_number);
  } catch (const std::exception&) {
    result.outcome = ActionOutcome::kOvhFailed;
    result.state = current(opened);
    return result;
  }
  result.total = static_cast<int>(ids.size());
  std::vector<std::int64_t> muted;
  for (const std::int64_t participant_id : ids) {
    try {
      ovh_.act(opened.room_number, participant_id, ParticipantAction::kMute);
      muted.push_back(participant_id);
    } catch (const ovh::OvhRefused& refusal) {
      if (is_not_found(refusal)) --result.total;  // left meanwhile: nothing to mute
    } catch (const ovh::OvhUnavailable&) {
      break;  // the request's budget is spent or OVH is down: report what was done
    }
  }
  result.done = static_cast<int>(muted.size());
  result.outcome = result.done == result.total ? ActionOutcome::kDone
                   : result.done == 0          ? ActionOutcome::kOvhFailed
                                               : ActionOutcome::kPartial;
  Snapshot snapshot = snapshots_.load(id);
  for (SnapshotEntry& e : snapshot.participants) {
    if (std::find(muted.begin(), muted.end(), e.id) != muted.end()) {
      e.speak = false;
      e.talking = false;
    }
  }
  snapshots_.update_entries(id, snapshot.participants);
  result.state = current(opened);
  return result;
}

ActionResult ModerationService::set_locked(std::string_view raw_id, bool locked) {
  ActionResult result;
  result.action = locked ? RoomAction::kLock : RoomAction::kUnlock;
  Open opened = open(raw_id);
  if (opened.state.access != Access::kOpen) return refused(result.action, opened.state);
  try {
    ovh_.lock(opened.room_number, locked);
    // OVH first, then our row: the row only says what OVH did.
    locks_.set_locked(opened.state.lookup.view->id, locked);
    result.outcome = ActionOutcome::kDone;
  } catch (const ovh::OvhRefused& refusal) {
    result.outcome = ActionOutcome::kOvhFailed;
    log::warning(std::string("room lock refused: ") + refusal.what());
  } catch (const ovh::OvhUnavailable&) {
    result.outcome = ActionOutcome::kOvhFailed;
    log::warning("room lock: OVH did not answer");
  }
  result.state = current(opened);
  return result;
}

ActionResult ModerationService::extend(std::string_view raw_id) {
  ActionResult result;
  result.action = RoomAction::kExtend;
  Open opened = open(raw_id);
  if (opened.state.access != Access::kOpen) return refused(result.action, opened.state);
  const ConferenceView& view = *opened.state.lookup.view;
  const TimePoint now = clock_.now();
  const TimePoint old_expiry = view.expires_at;
  const TimePoint new_expiry = std::max(old_expiry, now) + kExtension;
  if (new_expiry > now + std::chrono::minutes{settings_.max_duration_minutes}) {
    result.outcome = ActionOutcome::kTooLong;
    result.state = current(opened);
    return result;
  }
  // OVH first: if it refuses, nothing changed anywhere.
  try {
    telephony_.configure_room(opened.room_number, new_expiry);
  } catch (const std::exception& error) {
    log::warning(std::string("extension: OVH did not take the new expiry: ") + error.what());
    result.outcome = ActionOutcome::kOvhFailed;
    result.state = current(opened);
    return result;
  }
  bool stored = false;
  try {
    stored =
        expiries_.extend(view.id, old_expiry, new_expiry, static_cast<int>(kExtension.count()));
  } catch (const std::exception& error) {
    log::error(std::string("extension: the row could not be written: ") + error.what());
  }
  if (!stored) {
    // Our row still says the old expiry (or the conference was cancelled meanwhile): OVH
    // follows it back, so the room does not outlive the row.
    try {
      telephony_.configure_room(opened.room_number, old_expiry);
    } catch (const std::exception& error) {
      log::error(std::string("extension: OVH could not be put back: ") + error.what());
    }
    result.outcome = ActionOutcome::kStoreFailed;
    result.state = current(opened);
    return result;
  }
  log::info("conference extended");
  result.outcome = ActionOutcome::kDone;
  result.new_expiry = new_expiry;
  Open reopened = open(raw_id);
  result.state = reopened.state.access == Access::kOpen ? current(reopened) : current(opened);
  return result;
}

InvitationData ModerationService::invitation(std::string_view raw_id) {
  Open opened = open(raw_id);
  InvitationData data;
  data.access = opened.state.access;
  data.lookup = opened.state.lookup;
  if (data.access != Access::kOpen) return data;
  data.room_number = opened.room_number;
  data.sequence = locks_.invitation_sequence(data.lookup.view->id);
  return data;
}

ActionResult ModerationService::end(std::string_view raw_id, bool adopted_too) {
  ActionResult result;
  result.action = RoomAction::kEnd;
  Open opened = open(raw_id);
  if (opened.state.access == Access::kNotActive ||
      (opened.state.access == Access::kAdopted && !adopted_too)) {
    return refused(result.action, opened.state);
  }
  if (opened.state.access == Access::kOpen) {
    // Lock first so that no one joins while the others are being excluded. Only the expiry is
    // essential (it is what cancelling always did): a lock or an exclusion OVH refuses is logged
    // and the end goes on; when OVH does not answer, the request's time goes to the expiry.
    bool reachable = true;
    try {
      ovh_.lock(opened.room_number, true);
      locks_.set_locked(opened.state.lookup.view->id, true);
    } catch (const ovh::OvhRefused& refusal) {
      log::warning(std::string("end: the room could not be locked: ") + refusal.what());
    } catch (const ovh::OvhUnavailable& error) {
      log::warning(std::string("end: the room could not be locked: ") + error.what());
      reachable = false;
    }
    std::vector<std::int64_t> ids;
    if (reachable) {
      try {
        ids = ovh_.participants(opened.room_number);
      } catch (const std::exception& error) {
        log::warning(std::string("end: the participants could not be listed: ") + error.what());
      }
    }
    result.total = static_cast<int>(ids.size());
    for (const std::int64_t participant_id : ids) {
      try {
        ovh_.act(opened.room_number, participant_id, ParticipantAction::kKick);
        ++result.done;
      } catch (const ovh::OvhRefused& refusal) {
        if (is_not_found(refusal)) --result.total;  // hung up meanwhile
      } catch (const ovh::OvhUnavailable&) {
        break;  // the expiry below still closes the room
      }
    }
  }
  booking::CancelResult cancel = booking_.cancel(raw_id);
  switch (cancel.outcome) {
    case booking::CancelOutcome::kCanceled:
    case booking::CancelOutcome::kMarkedOnly:
      result.outcome = ActionOutcome::kDone;
      if (opened.state.lookup.view) {
        snapshots_.remove(opened.state.lookup.view->id);
        locks_.raise_invitation_sequence(opened.state.lookup.view->id);
      }
      break;
    case booking::CancelOutcome::kOvhFailed:
      result.outcome = ActionOutcome::kOvhFailed;
      break;
    case booking::CancelOutcome::kNotActive:
      result.outcome = ActionOutcome::kNotActive;
      break;
  }
  result.state = opened.state;
  result.state.lookup = cancel.lookup;
  result.cancel = std::move(cancel);
  return result;
}

}  // namespace audioconf::moderation
