#include "jobs/purge_job.hpp"

#include "common/booking/rooms.hpp"
#include "common/log.hpp"
#include "common/pg/booking_store.hpp"
#include "common/pg/purge_store.hpp"
#include "jobs/rules.hpp"

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
  const int batch = app.config().job_batch_size;
  int rooms_expired = 0;
  int rooms_left = 0;
  // One OVH call per row: at most one batch a run (a backlog only follows a long outage); the
  // next run, ten minutes later, takes the next ones.
  for (const auto& pending : store.stale_pending(now - kPendingGrace, batch)) {
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
  BatchTotals tokens =
      in_batches(batch, [&](int limit) { return store.delete_expired_tokens(now, limit); });
  BatchTotals sessions =
      in_batches(batch, [&](int limit) { return store.delete_expired_sessions(now, limit); });
  // Kept for the limit's whole window, however short-lived the tokens they counted.
  BatchTotals link_events = in_batches(batch, [&](int limit) {
    return store.delete_link_events_before(now - pg::kLinkLimitWindow, limit);
  });
  JobResult result;
  result.ok = rooms_left == 0;
  result.summary = "pending_rooms_expired=" + std::to_string(rooms_expired) +
                   " pending_rooms_left=" + std::to_string(rooms_left) +
                   " tokens_deleted=" + std::to_string(tokens.rows) +
                   " sessions_deleted=" + std::to_string(sessions.rows) +
                   " link_events_deleted=" + std::to_string(link_events.rows) + " batches=" +
                   std::to_string(tokens.batches + sessions.batches + link_events.batches);
  return result;
}

}  // namespace audioconf::jobs
