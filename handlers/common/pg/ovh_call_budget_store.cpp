#include "common/pg/ovh_call_budget_store.hpp"

#include <string>

#include "common/log.hpp"
#include "common/ovh/call_budget_rules.hpp"

namespace audioconf::pg {
namespace {

/// The advisory lock of the budget's decisions (any constant no other code uses: "OVHB").
constexpr long long kBudgetLockKey = 0x4f564842;

/// Now, in whole seconds of the database server's clock.
constexpr const char* kServerSecond = "floor(extract(epoch FROM clock_timestamp()))::bigint";

}  // namespace

OvhCallBudgetStore::OvhCallBudgetStore(Database& db, int per_minute)
    : db_(db), per_minute_(per_minute) {
  // One statement counts the call and drops what left the window long ago (at most a couple of
  // rows: every writer does it).
  db_.prepare("ovh_budget_count",
              std::string("WITH now_second AS (SELECT ") + kServerSecond +
                  " AS s), dropped AS (DELETE FROM ovh_call_seconds "
                  "WHERE second < (SELECT s FROM now_second) - 120) "
                  "INSERT INTO ovh_call_seconds (second, calls) SELECT s, 1 FROM now_second "
                  "ON CONFLICT (second) DO UPDATE SET calls = ovh_call_seconds.calls + 1");
  db_.prepare("ovh_budget_used", std::string("SELECT coalesce(sum(calls), 0)::int "
                                             "FROM ovh_call_seconds WHERE second > ") +
                                     kServerSecond + " - 60");
  db_.prepare("ovh_budget_lock", "SELECT pg_advisory_xact_lock($1::bigint)");
}

bool OvhCallBudgetStore::take(CallPriority priority) {
  if (priority == CallPriority::kUser) {
    try {
      db_.autocommit([](pqxx::nontransaction& tx) { tx.exec_prepared("ovh_budget_count"); });
    } catch (const std::exception& error) {
      log::warning(std::string("OVH call budget not counted: ") + error.what());
    }
    return true;
  }
  try {
    return db_.transaction([&](pqxx::work& tx) {
      // The lock makes "read the minute, then count" one step for the whole fleet; the read
      // after it sees every count committed before it was granted (read committed).
      tx.exec_prepared("ovh_budget_lock", kBudgetLockKey);
      const int used = tx.exec_prepared("ovh_budget_used")[0][0].as<int>();
      if (!ovh::may_call(priority, used, per_minute_)) return false;
      tx.exec_prepared("ovh_budget_count");
      return true;
    });
  } catch (const std::exception& error) {
    log::warning(std::string("OVH call budget unavailable, call deferred: ") + error.what());
    return false;
  }
}

int OvhCallBudgetStore::used_last_minute() {
  return db_.read(
      [](pqxx::nontransaction& tx) { return tx.exec_prepared("ovh_budget_used")[0][0].as<int>(); });
}

}  // namespace audioconf::pg
