// A PostgreSQL advisory lock that keeps two copies of the same job (on one host or many) from
// overlapping. Held on a dedicated connection for the job's whole run.
#pragma once

#include <memory>
#include <string>

#include <pqxx/pqxx>

namespace audioconf::pg {

class JobLock {
 public:
  /// Tries to take the lock named `job` on its own connection; `held()` says if it was taken.
  JobLock(const std::string& database_url, const std::string& job);
  ~JobLock();
  JobLock(const JobLock&) = delete;
  JobLock& operator=(const JobLock&) = delete;
  [[nodiscard]] bool held() const { return held_; }

 private:
  std::unique_ptr<pqxx::connection> connection_;
  bool held_ = false;
};

}  // namespace audioconf::pg
