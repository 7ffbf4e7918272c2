// OVH call budget seam (SPEC §8): the whole fleet shares about 60 calls a minute per consumer key,
// so every OVH call asks first. Real implementation: pg/ovh_call_budget_store.hpp (counted in
// PostgreSQL over a sliding minute); the rules: ovh/call_budget_rules.hpp.
#pragma once

namespace audioconf {

/// Who is asking, in the order the budget serves them.
enum class CallPriority {
  kUser,     ///< bookings, cancellations, moderation actions, the status probe: never refused
  kJob,      ///< scheduled jobs: while the minute's calls are under the budget
  kRefresh,  ///< participant refreshes: only what the others leave, keeping a reserve for users
};

class CallBudget {
 public:
  virtual ~CallBudget() = default;
  /// Counts one call about to be made and returns true, or returns false (nothing counted) when
  /// `priority` may not spend now.
  [[nodiscard]] virtual bool take(CallPriority priority) = 0;
};

}  // namespace audioconf
