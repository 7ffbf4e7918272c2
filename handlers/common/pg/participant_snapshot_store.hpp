// participant_snapshots (one row per conference whose participants page was opened) and the
// lock state on conferences."roomLocked": the organizer's tools' shared state (SPEC §8).
#pragma once

#include "common/pg/database.hpp"
#include "common/ports/moderation.hpp"

namespace audioconf::pg {

class ParticipantSnapshotStore final : public ParticipantSnapshots {
 public:
  explicit ParticipantSnapshotStore(Database& db);

  [[nodiscard]] Snapshot load(const std::string& conference_id) override;
  [[nodiscard]] bool try_begin_refresh(const std::string& conference_id, TimePoint now,
                                       std::chrono::seconds min_interval,
                                       std::chrono::seconds lease) override;
  void save(const std::string& conference_id, const Snapshot& snapshot) override;
  void update_entries(const std::string& conference_id,
                      const std::vector<SnapshotEntry>& participants) override;
  void abandon_refresh(const std::string& conference_id, TimePoint retry_at) override;
  void remove(const std::string& conference_id) override;

 private:
  Database& db_;
};

/// What the organizer's tools change on a conferences row: the lock state and the expiry.
class RoomLockStore final : public RoomLocks, public ConferenceExpiries {
 public:
  explicit RoomLockStore(Database& db);

  [[nodiscard]] bool locked(const std::string& conference_id) override;
  void set_locked(const std::string& conference_id, bool locked) override;
  [[nodiscard]] bool extend(const std::string& conference_id, TimePoint from, TimePoint to,
                            int added_minutes) override;

 private:
  Database& db_;
};

/// The entries as the JSON array kept in participant_snapshots.participants, and back (entries
/// that are not well formed are skipped).
[[nodiscard]] std::string entries_to_json(const std::vector<SnapshotEntry>& entries);
[[nodiscard]] std::vector<SnapshotEntry> entries_from_json(const std::string& text);

}  // namespace audioconf::pg
