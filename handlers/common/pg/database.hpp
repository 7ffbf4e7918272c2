// One persistent PostgreSQL connection per worker process, re-established after a server
// restart, with its prepared statements re-prepared and its session TimeZone set.
#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

#include "common/failures.hpp"

namespace audioconf::pg {

/// The database could not be reached (or the connection broke): a dependency failure, not a bug.
class DatabaseUnavailable : public Unavailable {
 public:
  using Unavailable::Unavailable;
};

class Database {
 public:
  /// `url` is a libpq connection string or postgresql:// URL. Nothing connects until first use.
  Database(std::string url, std::string time_zone,
           std::chrono::milliseconds statement_timeout = std::chrono::milliseconds(5000));

  /// Starts opening the connection on another thread and returns at once; the first use waits
  /// for it. A worker calls this at start-up so that the server's fork and authentication
  /// (milliseconds, spent waiting) overlap the rest of its start-up instead of delaying its first
  /// answer. A failure there is not reported: the first use then connects again, and fails with
  /// the usual DatabaseUnavailable if the server is still out of reach.
  void connect_in_background();
  /// Registers a prepared statement; it is prepared on every (re)connection.
  void prepare(std::string name, std::string sql);

  /// Runs `work(pqxx::work&)` in one transaction and commits it. A connection found broken
  /// before the commit is re-established and the whole transaction retried once (the server
  /// rolled it back); a failure during commit is never retried. Throws DatabaseUnavailable
  /// when the server cannot be reached; other pqxx errors propagate.
  template <class Work>
  auto transaction(Work&& work) {
    return run<pqxx::work>(std::forward<Work>(work));
  }

  /// Runs a single read statement without BEGIN/COMMIT (one round trip instead of three),
  /// retried once on a broken connection like transaction(). Only for one SELECT: several
  /// statements here would not see one snapshot.
  template <class Work>
  auto read(Work&& work) {
    return run<pqxx::nontransaction>(std::forward<Work>(work));
  }

  /// Runs one data-changing statement outside any explicit transaction: PostgreSQL makes a
  /// single statement atomic on its own, in one round trip instead of three (BEGIN, statement,
  /// COMMIT). Retried once on a broken connection like read(), so only for statements that are
  /// safe to send twice: an insert keyed by a unique value fails the second time instead of
  /// doubling, updates and deletes set fixed values.
  template <class Work>
  auto autocommit(Work&& work) {
    return run<pqxx::nontransaction>(std::forward<Work>(work));
  }

  /// True when the database answers a trivial query within the statement timeout.
  [[nodiscard]] bool ping();

 private:
  template <class Transaction, class Work>
  auto run(Work&& work) {
    for (int attempt = 1;; ++attempt) {
      try {
        Transaction tx(connection());
        if constexpr (std::is_void_v<decltype(work(tx))>) {
          work(tx);
          tx.commit();
          return;
        } else {
          auto result = work(tx);
          tx.commit();
          return result;
        }
      } catch (const pqxx::in_doubt_error&) {
        drop_connection();
        throw DatabaseUnavailable("connection lost during commit");
      } catch (const pqxx::broken_connection&) {
        drop_connection();
        if (attempt >= 2) throw DatabaseUnavailable("database connection broken");
      }
    }
  }

  pqxx::connection& connection();
  void drop_connection();

  std::string url_;
  std::string time_zone_;
  std::chrono::milliseconds statement_timeout_;
  std::vector<std::pair<std::string, std::string>> statements_;
  std::unique_ptr<pqxx::connection> connection_;
  std::future<std::unique_ptr<pqxx::connection>> opening_;  ///< connect_in_background()
};

}  // namespace audioconf::pg
