#include "jobs/purge_job.hpp"

#include "common/booking/rooms.hpp"
#include "common/log.hpp"
#include "common/pg/booking_store.hpp"
#include "common/pg/purge_store.hpp"

namespace audioconf::jobs {
namespace {

// A booking attempt holds its lease 60 s; a pending row older than this belongs to a crashed
// attempt or an OVH outage.
constexpr auto kPendingGrace = std::chrono::minutes(2);

}  // namespace

JobResult run_purge(web::App& app) {
  TimePoint now = app.clock().now();
  pg::PurgeStore store(app.db());
  booking::RoomNumberBox rooms(app.config().secret);
  int rooms_expired = 0;
  int rooms_left = 0;
  for (const auto& pending : store.stale_pending(now - kPendingGrace)) {
    auto number = rooms.open(pending.room_number_sealed);
    if (!number) {
      log::error("pending conference with an unreadable room number removed");
      store.delete_pending(pending.id);
      continue;
    }
    if (booking::expire_room_now(app.telephony(), *number, now) ==
        booking::ExpireOutcome::kOvhDown) {
      ++rooms_left;  // kept for the next run
      continue;
    }
    store.delete_pending(pending.id);
    ++rooms_expired;
  }
  int tokens = store.delete_expired_tokens(now);
  int sessions = store.delete_expired_sessions(now);
  // Kept for the limit's whole window, however short-lived the tokens they counted.
  int link_events = store.delete_link_events_before(now - pg::kLinkLimitWindow);
  JobResult result;
  result.ok = rooms_left == 0;
  result.summary = "pending_rooms_expired=" + std::to_string(rooms_expired) +
                   " pending_rooms_left=" + std::to_string(rooms_left) +
                   " tokens_deleted=" + std::to_string(tokens) +
                   " sessions_deleted=" + std::to_string(sessions) +
                   " link_events_deleted=" + std::to_string(link_events);
  return result;
}

}  // namespace audioconf::jobs
