#include "common/ovh/parallel_room_moderation.hpp"

#include <algorithm>
#include <thread>

#include "common/ovh/errors.hpp"

namespace audioconf::ovh {

bool ParallelRoomModeration::SerializedBudget::take(CallPriority priority) {
  if (inner_ == nullptr) return true;
  std::lock_guard<std::mutex> hold(mutex_);
  return inner_->take(priority);
}

ParallelRoomModeration::ParallelRoomModeration(RoomModeration& single, OvhSettings settings,
                                               const Clock& clock, const Deadline* deadline,
                                               CallBudget* budget)
    : single_(single),
      settings_(std::move(settings)),
      clock_(clock),
      deadline_(deadline),
      budget_(budget) {}

ParallelRoomModeration::~ParallelRoomModeration() = default;

std::vector<std::int64_t> ParallelRoomModeration::participants(std::int64_t room_number) {
  return single_.participants(room_number);
}

RoomParticipant ParallelRoomModeration::participant(std::int64_t room_number, std::int64_t id) {
  return single_.participant(room_number, id);
}

void ParallelRoomModeration::act(std::int64_t room_number, std::int64_t id,
                                 ParticipantAction action) {
  single_.act(room_number, id, action);
}

void ParallelRoomModeration::lock(std::int64_t room_number, bool locked) {
  single_.lock(room_number, locked);
}

std::vector<EachOutcome> ParallelRoomModeration::act_on_each(std::int64_t room_number,
                                                             const std::vector<std::int64_t>& ids,
                                                             ParticipantAction action) {
  if (ids.size() <= 1) return single_.act_on_each(room_number, ids, action);
  const std::size_t lanes = std::min(kParallelCalls, ids.size());
  while (clients_.size() < lanes) {
    clients_.push_back(
        std::make_unique<OvhClient>(settings_, clock_, deadline_,
                                    CallGate{.budget = &budget_, .priority = CallPriority::kUser}));
  }
  std::vector<EachOutcome> outcomes(ids.size(), EachOutcome::kFailed);
  // Lane k takes the people k, k + lanes, ...: each lane's client is used by one thread only,
  // and each writes only its own outcomes.
  auto run_lane = [&](std::size_t lane) {
    OvhClient& client = *clients_[lane];
    for (std::size_t i = lane; i < ids.size(); i += lanes) {
      try {
        client.act(room_number, ids[i], action);
        outcomes[i] = EachOutcome::kDone;
      } catch (const OvhRefused& refusal) {
        outcomes[i] = refusal.status() == 404 ? EachOutcome::kGone : EachOutcome::kFailed;
      } catch (const std::exception&) {
        outcomes[i] = EachOutcome::kFailed;  // no answer or no time left: the others go on
      }
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(lanes - 1);
  for (std::size_t lane = 1; lane < lanes; ++lane) threads.emplace_back(run_lane, lane);
  run_lane(0);
  for (std::thread& thread : threads) thread.join();
  return outcomes;
}

}  // namespace audioconf::ovh
