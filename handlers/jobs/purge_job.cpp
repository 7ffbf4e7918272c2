#include "jobs/purge_job.hpp"

#include "common/log.hpp"
#include "jobs/rules.hpp"

namespace audioconf::jobs {
namespace {

// A booking attempt holds its lease 60 s; a pending row older than this belongs to a crashed
// attempt or an OVH outage.
constexpr auto kPendingGrace = std::chrono::minutes(2);

struct RoomCounts {
  int expired = 0;
  int left = 0;
};

// One OVH call per row: at most one batch a run (a backlog only follows a long outage); the
// next run, ten minutes later, takes the next ones.
RoomCounts expire_pending_rooms(pg::PendingConferenceStore& pending, Telephony& telephony,
                                const booking::RoomNumberBox& rooms, TimePoint now, int batch) {
  RoomCounts counts;
  for (const auto& row : pending.stale(now - kPendingGrace, batch)) {
    auto number = rooms.open(row.room_number_sealed);
    if (!number) {
      log::error("pending conference with an unreadable room number removed");
      pending.remove(row.id);
      continue;
    }
    if (booking::expire_room_now(telephony, *number, now) == booking::ExpireOutcome::kOvhDown) {
      ++counts.left;  // kept for the next run
      continue;
    }
    pending.remove(row.id);
    ++counts.expired;
  }
  return counts;
}

}  // namespace

JobResult run_purge(const PurgeStores& stores, Telephony& telephony,
                    const booking::RoomNumberBox& rooms, TimePoint now, int batch) {
  RoomCounts room_counts = expire_pending_rooms(stores.pending, telephony, rooms, now, batch);
  BatchTotals tokens =
      in_batches(batch, [&](int limit) { return stores.tokens.delete_expired(now, limit); });
  BatchTotals sessions =
      in_batches(batch, [&](int limit) { return stores.sessions.delete_expired(now, limit); });
  // Kept for the limit's whole window, however short-lived the tokens they counted.
  BatchTotals link_events = in_batches(batch, [&](int limit) {
    return stores.tokens.delete_link_events_before(now - kLinkLimitWindow, limit);
  });
  BatchTotals oidc_states =
      in_batches(batch, [&](int limit) { return stores.oidc_states.delete_expired(now, limit); });
  return {room_counts.left == 0,
          "pending_rooms_expired=" + std::to_string(room_counts.expired) + " pending_rooms_left=" +
              std::to_string(room_counts.left) + " tokens_deleted=" + std::to_string(tokens.rows) +
              " sessions_deleted=" + std::to_string(sessions.rows) +
              " link_events_deleted=" + std::to_string(link_events.rows) + " batches=" +
              std::to_string(tokens.batches + sessions.batches + link_events.batches) +
              " oidc_states_deleted=" + std::to_string(oidc_states.rows)};
}

}  // namespace audioconf::jobs
