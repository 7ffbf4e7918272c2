#include "jobs/purge_job.hpp"

#include "common/booking/rooms.hpp"
#include "common/log.hpp"
#include "common/pg/login_token_store.hpp"
#include "common/pg/pending_conference_store.hpp"
#include "common/pg/pg_session_store.hpp"
#include "jobs/rules.hpp"

namespace audioconf::jobs {
namespace {

// A booking attempt holds its lease 60 s; a pending row older than this belongs to a crashed
// attempt or an OVH outage.
constexpr auto kPendingGrace = std::chrono::minutes(2);

}  // namespace

JobResult run_purge(web::App& app) {
  TimePoint now = app.clock().now();
  pg::PendingConferenceStore pending_rooms(app.db());
  pg::LoginTokenStore tokens(app.db());
  pg::PgSessionStore sessions(app.db());
  booking::RoomNumberBox rooms(app.config().secret);
  const int batch = app.config().job_batch_size;
  int rooms_expired = 0;
  int rooms_left = 0;
  // One OVH call per row: at most one batch a run (a backlog only follows a long outage); the
  // next run, ten minutes later, takes the next ones.
  for (const auto& pending : pending_rooms.stale(now - kPendingGrace, batch)) {
    auto number = rooms.open(pending.room_number_sealed);
    if (!number) {
      log::error("pending conference with an unreadable room number removed");
      pending_rooms.remove(pending.id);
      continue;
    }
    if (booking::expire_room_now(app.telephony(), *number, now) ==
        booking::ExpireOutcome::kOvhDown) {
      ++rooms_left;  // kept for the next run
      continue;
    }
    pending_rooms.remove(pending.id);
    ++rooms_expired;
  }
  BatchTotals tokens_deleted =
      in_batches(batch, [&](int limit) { return tokens.delete_expired(now, limit); });
  BatchTotals sessions_deleted =
      in_batches(batch, [&](int limit) { return sessions.delete_expired(now, limit); });
  // Kept for the limit's whole window, however short-lived the tokens they counted.
  BatchTotals link_events = in_batches(batch, [&](int limit) {
    return tokens.delete_link_events_before(now - kLinkLimitWindow, limit);
  });
  JobResult result;
  result.ok = rooms_left == 0;
  result.summary =
      "pending_rooms_expired=" + std::to_string(rooms_expired) +
      " pending_rooms_left=" + std::to_string(rooms_left) +
      " tokens_deleted=" + std::to_string(tokens_deleted.rows) +
      " sessions_deleted=" + std::to_string(sessions_deleted.rows) +
      " link_events_deleted=" + std::to_string(link_events.rows) + " batches=" +
      std::to_string(tokens_deleted.batches + sessions_deleted.batches + link_events.batches);
  return result;
}

}  // namespace audioconf::jobs
