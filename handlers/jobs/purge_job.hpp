// The `purge` job: expired login tokens (they hold raw emails) and their link events past the
// limit's hour, expired sessions, and pending conferences whose room must be expired at OVH
// before the row goes. Each table's owner deletes its own rows.
#pragma once

#include "common/booking/rooms.hpp"
#include "common/pg/login_token_store.hpp"
#include "common/pg/pending_conference_store.hpp"
#include "common/pg/pg_session_store.hpp"
#include "common/ports/oidc_states.hpp"
#include "common/ports/telephony.hpp"
#include "jobs/job_result.hpp"

namespace audioconf::jobs {

struct PurgeStores {
  pg::PendingConferenceStore& pending;
  pg::LoginTokenStore& tokens;
  pg::PgSessionStore& sessions;
  OidcStates& oidc_states;  ///< ProConnect round trips never completed
};

[[nodiscard]] JobResult run_purge(const PurgeStores& stores, Telephony& telephony,
                                  const booking::RoomNumberBox& rooms, TimePoint now,
                                  int batch_size);

}  // namespace audioconf::jobs
