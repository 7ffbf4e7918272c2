// `jobs NAME`: the scheduled jobs (cron or systemd timers run them on every host; an advisory
// lock makes each run once at a time). Prints the job names without an argument.
#include <chrono>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>

#include "common/log.hpp"
#include "common/pg/job_lock.hpp"
#include "jobs/purge_job.hpp"

namespace {

using namespace audioconf;
using Job = std::function<jobs::JobResult(web::App&)>;

const std::map<std::string, Job>& known_jobs() {
  static const std::map<std::string, Job> table = {{"purge", jobs::run_purge}};
  return table;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || known_jobs().count(argv[1]) == 0) {
    std::cerr << "usage: jobs NAME\njobs:";
    for (const auto& [name, job] : known_jobs()) std::cerr << " " << name;
    std::cerr << "\n";
    return argc == 1 ? 0 : 2;
  }
  std::string name = argv[1];
  log::set_program("job-" + name);
  try {
    web::App app("job-" + name, load_process_config());
    auto started = std::chrono::steady_clock::now();
    pg::JobLock lock(app.config().database_url, name);
    if (!lock.held()) {
      log::info("skipped: another run holds the lock");
      return 0;
    }
    jobs::JobResult result = known_jobs().at(name)(app);
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    std::string line = std::string(result.ok ? "done" : "incomplete") + " " + result.summary +
                       " duration_ms=" + std::to_string(elapsed.count());
    if (result.ok) {
      log::info(line);
    } else {
      log::error(line);
    }
    return result.ok ? 0 : 1;
  } catch (const ConfigError& error) {
    log::error(error.what());
    return 2;
  } catch (const std::exception& error) {
    log::error(std::string("failed: ") + error.what());
    return 1;
  }
}
