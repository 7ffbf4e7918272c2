// pg::Database's own behaviour against the real server: the connection a worker opens in the
// background at start-up (issue 16 item 5) is the one its first request uses, with the session
// settings and every statement registered meanwhile; a server out of reach is reported as
// DatabaseUnavailable, once per use, never as a hang or another error.
#include <gtest/gtest.h>

#include <chrono>

#include "common/pg/database.hpp"
#include "db_test_support.hpp"

namespace audioconf::pg {
namespace {

using testing::database_url;

std::string backend_pid(Database& db) {
  return db.read([](pqxx::nontransaction& tx) {
    return tx.exec1("SELECT pg_backend_pid()")[0].as<std::string>();
  });
}

TEST(DatabaseTest, TheBackgroundConnectionServesTheFirstUseWithItsSettingsAndStatements) {
  Database db(database_url(), "America/Cayenne", std::chrono::milliseconds(4321));
  db.prepare("before_start", "SELECT 1 + $1::int");
  db.connect_in_background();
  // Registered while the connection opens: prepared on it when it is first used.
  db.prepare("after_start", "SELECT 2 + $1::int");

  const auto settings = db.read([](pqxx::nontransaction& tx) {
    pqxx::row row = tx.exec1(
        "SELECT current_setting('TimeZone'), current_setting('statement_timeout'), "
        "pg_backend_pid()");
    return std::tuple{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>()};
  });
  EXPECT_EQ(std::get<0>(settings), "America/Cayenne");
  EXPECT_EQ(std::get<1>(settings), "4321ms");
  const int before = db.read(
      [](pqxx::nontransaction& tx) { return tx.exec_prepared1("before_start", 40)[0].as<int>(); });
  const int after = db.read(
      [](pqxx::nontransaction& tx) { return tx.exec_prepared1("after_start", 40)[0].as<int>(); });
  EXPECT_EQ(before, 41);
  EXPECT_EQ(after, 42);
  // One connection for all of it: the background one was kept, not replaced by a second.
  EXPECT_EQ(backend_pid(db), std::get<2>(settings));
  // Asking again once connected changes nothing.
  db.connect_in_background();
  EXPECT_EQ(backend_pid(db), std::get<2>(settings));
}

TEST(DatabaseTest, AServerOutOfReachIsReportedAsUnavailableOnEveryUse) {
  // Port 1 on the loopback: refused at once, as for a stopped server.
  Database db("postgresql://audioconf@127.0.0.1:1/audioconf?connect_timeout=2", "UTC");
  db.connect_in_background();
  EXPECT_THROW(backend_pid(db), DatabaseUnavailable);
  // The failed background attempt is spent: the next use tries again, and fails the same way.
  EXPECT_THROW(backend_pid(db), DatabaseUnavailable);
  EXPECT_FALSE(db.ping());
}

}  // namespace
}  // namespace audioconf::pg
