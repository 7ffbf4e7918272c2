// Moderation seams: what the organizer's tools see of a live OVH room (real client:
// ovh/client.hpp) and the shared snapshot of its participants (PostgreSQL:
// pg/participant_snapshot_store.hpp). The moderation service's unit tests use fakes.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ports/clock.hpp"

namespace audioconf {

/// OVH `telephony.ConferenceParticipants`, the fields the organizer's page uses.
struct RoomParticipant {
  std::int64_t id = 0;
  std::string caller_number;  ///< as OVH sends it ("0033612345678"); never logged or stored
  std::string arrival;        ///< arrivalDateTime, RFC 3339
  bool speak = true;          ///< microphone on
  bool talking = false;
};

enum class ParticipantAction { kMute, kUnmute, kKick };

/// What became of one person in an action on everyone (mute everyone, end).
enum class EachOutcome {
  kDone,
  kGone,    ///< no longer on the line (OVH answered 404)
  kFailed,  ///< OVH refused otherwise, did not answer, or the request's time ran out
};

/// Every call throws ovh::OvhUnavailable (no usable answer) or ovh::OvhRefused (OVH said no).
class RoomModeration {
 public:
  virtual ~RoomModeration() = default;
  /// GET .../rooms/N/participants: the ids of the people on the line.
  [[nodiscard]] virtual std::vector<std::int64_t> participants(std::int64_t room_number) = 0;
  /// GET .../rooms/N/participants/ID.
  [[nodiscard]] virtual RoomParticipant participant(std::int64_t room_number, std::int64_t id) = 0;
  /// POST .../rooms/N/participants/ID/{mute|unmute|kick}.
  virtual void act(std::int64_t room_number, std::int64_t id, ParticipantAction action) = 0;
  /// POST .../rooms/N/{lock|unlock}.
  virtual void lock(std::int64_t room_number, bool locked) = 0;
  /// act() on each of `ids`; one outcome per id, in order, never throws for one person's
  /// failure. The production implementation calls OVH in parallel within the request's time
  /// budget (SPEC §8: ovh/parallel_room_moderation.hpp).
  [[nodiscard]] virtual std::vector<EachOutcome> act_on_each(std::int64_t room_number,
                                                             const std::vector<std::int64_t>& ids,
                                                             ParticipantAction action) = 0;
};

/// One person as the snapshot keeps them: the number already masked for display.
struct SnapshotEntry {
  std::int64_t id = 0;
  std::string masked_number;  ///< "06 12 •• •• 78", or empty when the number is hidden
  std::string arrival;        ///< RFC 3339, as OVH sent it
  bool speak = true;
  bool talking = false;
  std::int64_t fetched_at = 0;  ///< Unix seconds of the last detail call (0: never)
};

struct Snapshot {
  std::vector<SnapshotEntry> participants;
  std::optional<TimePoint> taken_at;  ///< when the list was last read from OVH
};

/// The participants of each conference's room, shared by every viewer and worker.
class ParticipantSnapshots {
 public:
  virtual ~ParticipantSnapshots() = default;
  [[nodiscard]] virtual Snapshot load(const std::string& conference_id) = 0;
  /// Takes the refresh lease (until now + lease) when no other refresh holds it and the snapshot
  /// is at least `min_interval` old (or absent). True when this caller must refresh.
  [[nodiscard]] virtual bool try_begin_refresh(const std::string& conference_id, TimePoint now,
                                               std::chrono::seconds min_interval,
                                               std::chrono::seconds lease) = 0;
  /// Stores a snapshot taken at `taken_at` and releases the lease.
  virtual void save(const std::string& conference_id, const Snapshot& snapshot) = 0;
  /// Updates the people without changing when the list was taken (after one of our actions).
  virtual void update_entries(const std::string& conference_id,
                              const std::vector<SnapshotEntry>& participants) = 0;
  /// The refresh failed: nothing is stored, and the next attempt waits until `retry_at` (so
  /// an OVH outage costs one call per interval, not one per viewer).
  virtual void abandon_refresh(const std::string& conference_id, TimePoint retry_at) = 0;
  /// Forgets the room's participants (the conference is over).
  virtual void remove(const std::string& conference_id) = 0;
};

/// The lock state of a conference's room, kept on our row (OVH exposes none to read).
class RoomLocks {
 public:
  virtual ~RoomLocks() = default;
  [[nodiscard]] virtual bool locked(const std::string& conference_id) = 0;
  virtual void set_locked(const std::string& conference_id, bool locked) = 0;
};

/// A conference's expiry on our row, moved by an extension (SPEC §8).
class ConferenceExpiries {
 public:
  virtual ~ConferenceExpiries() = default;
  /// Sets "expiresAt" to `to` (and adds `added_minutes` to a duration-mode booking's duration),
  /// raising the invitation's SEQUENCE, if the row is still active and still expires at `from`;
  /// false otherwise.
  [[nodiscard]] virtual bool extend(const std::string& conference_id, TimePoint from, TimePoint to,
                                    int added_minutes) = 0;
};

}  // namespace audioconf
