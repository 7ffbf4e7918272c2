// The fleet's OVH call budget, counted in PostgreSQL (table ovh_call_seconds, migration 0011)
// over a sliding minute of the database server's clock, so every worker of every host shares
// one count. The rules of who may spend: ovh/call_budget_rules.hpp.
#pragma once

#include "common/pg/database.hpp"
#include "common/ports/call_budget.hpp"

namespace audioconf::pg {

class OvhCallBudgetStore final : public CallBudget {
 public:
  /// `per_minute`: OVH_MAX_CALLS_PER_MINUTE.
  OvhCallBudgetStore(Database& db, int per_minute);

  /// Users' calls are counted without waiting for anyone (and made even when the database does
  /// not answer: the budget must not turn a booking away). Jobs and refreshes decide and count
  /// under one advisory lock, so two workers cannot both take the budget's last call; a database
  /// failure refuses them.
  [[nodiscard]] bool take(CallPriority priority) override;

  /// Calls counted in the last 60 seconds (the status page, the tests).
  [[nodiscard]] int used_last_minute();

 private:
  Database& db_;
  int per_minute_;
};

}  // namespace audioconf::pg
