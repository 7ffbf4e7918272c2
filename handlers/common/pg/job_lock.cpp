#include "common/pg/job_lock.hpp"

#include "common/pg/database.hpp"

namespace audioconf::pg {

JobLock::JobLock(const std::string& database_url, const std::string& job) {
  try {
    connection_ = std::make_unique<pqxx::connection>(database_url);
    pqxx::nontransaction tx(*connection_);
    // hashtext() maps the job name to the lock key; the "audioconf:" prefix avoids clashes.
    held_ = tx.exec_params1("SELECT pg_try_advisory_lock(hashtext($1))", "audioconf:" + job)[0]
                .as<bool>();
  } catch (const pqxx::broken_connection&) {
    throw DatabaseUnavailable("cannot connect to the database");
  }
}

JobLock::~JobLock() {
  // Closing the connection releases the lock even if the unlock fails.
  if (held_ && connection_) {
    try {
      pqxx::nontransaction tx(*connection_);
      tx.exec("SELECT pg_advisory_unlock_all()");
    } catch (const std::exception&) {
    }
  }
}

}  // namespace audioconf::pg
