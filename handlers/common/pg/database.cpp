#include "common/pg/database.hpp"

#include <cstdlib>

#include "common/log.hpp"

namespace audioconf::pg {
namespace {

// A new session with the worker's settings. Touches nothing but its arguments, so that it can run
// on connect_in_background()'s thread.
std::unique_ptr<pqxx::connection> open_connection(const std::string& url,
                                                  const std::string& time_zone,
                                                  std::chrono::milliseconds statement_timeout) {
  auto fresh = std::make_unique<pqxx::connection>(url);
  pqxx::nontransaction setup(*fresh);
  setup.exec_params("SELECT set_config('TimeZone', $1, false)", time_zone);
  setup.exec_params("SELECT set_config('statement_timeout', $1, false)",
                    std::to_string(statement_timeout.count()));
  return fresh;
}

}  // namespace

Database::Database(std::string url, std::string time_zone,
                   std::chrono::milliseconds statement_timeout)
    : url_(std::move(url)),
      time_zone_(std::move(time_zone)),
      statement_timeout_(statement_timeout) {
  // libpq reads the connect timeout from the environment when the URL does not set one:
  // a handler must answer within seconds even when PostgreSQL is gone.
  setenv("PGCONNECT_TIMEOUT", "3", 0);
}

void Database::prepare(std::string name, std::string sql) {
  statements_.emplace_back(std::move(name), std::move(sql));
  if (connection_) connection_->prepare(statements_.back().first, statements_.back().second);
}

void Database::connect_in_background() {
  if (connection_ || opening_.valid()) return;
  opening_ = std::async(std::launch::async, open_connection, url_, time_zone_, statement_timeout_);
}

pqxx::connection& Database::connection() {
  if (connection_ && connection_->is_open()) return *connection_;
  connection_.reset();
  std::unique_ptr<pqxx::connection> fresh;
  if (opening_.valid()) {
    // The connection connect_in_background() opened. Its failure is stale by now (a fleet of
    // workers starting at once can time out, the server may be back): connect again below.
    try {
      fresh = opening_.get();
    } catch (const std::exception& failure) {
      // libpq's reason never includes the password.
      log::warning(
          std::string("database connection opened at start-up failed, connecting again: ") +
          failure.what());
      fresh.reset();
    }
  }
  try {
    if (!fresh) fresh = open_connection(url_, time_zone_, statement_timeout_);
    for (const auto& [name, sql] : statements_) fresh->prepare(name, sql);
    connection_ = std::move(fresh);
  } catch (const pqxx::broken_connection& failure) {
    // libpq's reason (refused, timeout, authentication...) never includes the password.
    std::string reason = failure.what();
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    throw DatabaseUnavailable("cannot connect to the database: " + reason);
  }
  return *connection_;
}

void Database::drop_connection() {
  log::warning("database connection lost; reconnecting on next use");
  connection_.reset();
}

bool Database::ping() {
  try {
    return transaction([](pqxx::work& tx) { return tx.exec1("SELECT 1")[0].as<int>() == 1; });
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace audioconf::pg
