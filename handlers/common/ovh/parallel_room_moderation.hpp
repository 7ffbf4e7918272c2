// The organizer's actions on a live room, with "the same action on everyone" (mute everyone,
// end) sent to OVH in parallel (SPEC §8): one at a time, 30 exclusions at a few hundred
// milliseconds each would not fit in the request's time budget. Single actions go through the
// process's own OVH client.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "common/ovh/client.hpp"
#include "common/ports/call_budget.hpp"
#include "common/ports/moderation.hpp"

namespace audioconf::ovh {

class ParallelRoomModeration final : public RoomModeration {
 public:
  /// At most this many calls to OVH at once (each on its own connection).
  static constexpr std::size_t kParallelCalls = 8;

  /// `single` serves the one-person actions; the parallel clients are built from `settings`
  /// on first use, share `deadline` (the request's time budget) and count every call in
  /// `budget` as a user's.
  ParallelRoomModeration(RoomModeration& single, OvhSettings settings, const Clock& clock,
                         const Deadline* deadline, CallBudget* budget);
  ~ParallelRoomModeration() override;

  [[nodiscard]] std::vector<std::int64_t> participants(std::int64_t room_number) override;
  [[nodiscard]] RoomParticipant participant(std::int64_t room_number, std::int64_t id) override;
  void act(std::int64_t room_number, std::int64_t id, ParticipantAction action) override;
  void lock(std::int64_t room_number, bool locked) override;
  [[nodiscard]] std::vector<EachOutcome> act_on_each(std::int64_t room_number,
                                                     const std::vector<std::int64_t>& ids,
                                                     ParticipantAction action) override;

 private:
  /// The budget is one database connection: the parallel calls take turns at it.
  class SerializedBudget final : public CallBudget {
   public:
    explicit SerializedBudget(CallBudget* inner) : inner_(inner) {}
    bool take(CallPriority priority) override;

   private:
    CallBudget* inner_;
    std::mutex mutex_;
  };

  RoomModeration& single_;
  OvhSettings settings_;
  const Clock& clock_;
  const Deadline* deadline_;
  SerializedBudget budget_;
  std::vector<std::unique_ptr<OvhClient>> clients_;  ///< kept: connections and time deltas
};

}  // namespace audioconf::ovh
