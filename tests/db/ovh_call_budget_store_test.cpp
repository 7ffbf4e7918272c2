// OvhCallBudgetStore against a real PostgreSQL: the sliding minute's count, the priorities'
// limits, no overdraft when workers race for the last calls, and old seconds dropped. One test:
// the table is the fleet's, so these checks must not run beside each other.
#include "common/pg/ovh_call_budget_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

void empty_budget(Database& db) {
  db.autocommit([](pqxx::nontransaction& tx) { tx.exec("DELETE FROM ovh_call_seconds"); });
}

TEST(OvhCallBudgetStore, CountsTheFleetsCallsAndServesUsersJobsThenRefreshes) {
  Database db{testing::database_url(), "Europe/Paris"};
  OvhCallBudgetStore budget(db, 10);  // refreshes: while under 8; jobs: under 10
  empty_budget(db);

  int refreshes = 0;
  while (budget.take(CallPriority::kRefresh)) ++refreshes;
  EXPECT_EQ(refreshes, 8);
  EXPECT_TRUE(budget.take(CallPriority::kJob));
  EXPECT_TRUE(budget.take(CallPriority::kJob));
  EXPECT_FALSE(budget.take(CallPriority::kJob));
  EXPECT_TRUE(budget.take(CallPriority::kUser)) << "users may overdraw";
  EXPECT_TRUE(budget.take(CallPriority::kUser));
  EXPECT_EQ(budget.used_last_minute(), 12);

  // Seconds that left the window do not count, and the next call drops them.
  empty_budget(db);
  db.autocommit([](pqxx::nontransaction& tx) {
    tx.exec(
        "INSERT INTO ovh_call_seconds (second, calls) VALUES "
        "(floor(extract(epoch FROM clock_timestamp()))::bigint - 300, 1000), "
        "(floor(extract(epoch FROM clock_timestamp()))::bigint - 61, 1000)");
  });
  EXPECT_EQ(budget.used_last_minute(), 0);
  EXPECT_TRUE(budget.take(CallPriority::kRefresh));
  const int kept = db.read([](pqxx::nontransaction& tx) {
    return tx.exec("SELECT count(*)::int FROM ovh_call_seconds")[0][0].as<int>();
  });
  EXPECT_EQ(kept, 2) << "the second 300 s ago is deleted, the one 61 s ago not yet";

  // Workers racing for the last calls never spend more than the budget allows.
  empty_budget(db);
  std::atomic<int> granted{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&granted] {
      Database own{testing::database_url(), "Europe/Paris"};
      OvhCallBudgetStore worker_budget(own, 10);
      for (int i = 0; i < 10; ++i) {
        if (worker_budget.take(CallPriority::kRefresh)) ++granted;
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  EXPECT_EQ(granted.load(), 8);
  EXPECT_EQ(budget.used_last_minute(), 8);
  empty_budget(db);
}

}  // namespace
}  // namespace audioconf::pg
