// Who may call OVH when, given the calls the whole fleet made in the last minute (SPEC §8:
// OVH_MAX_CALLS_PER_MINUTE). Pure: the counting lives in pg/ovh_call_budget_store.
#pragma once

#include "common/ports/call_budget.hpp"

namespace audioconf::ovh {

/// The calls refreshes leave unused within the minute, so that a booking, a cancellation or a
/// moderation action arriving then still fits in the budget: a fifth of it (at least one).
[[nodiscard]] int user_reserve(int per_minute);

/// True when a call of `priority` may be made now that `used` calls were made in the last
/// minute: users always (they may overdraw the budget, by at most what they themselves make
/// in a minute), jobs while under the budget, refreshes while under the budget less the users'
/// reserve.
[[nodiscard]] bool may_call(CallPriority priority, int used, int per_minute);

}  // namespace audioconf::ovh
