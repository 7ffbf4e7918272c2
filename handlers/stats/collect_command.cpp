#include "stats/collect_command.hpp"

#include <chrono>
#include <functional>
#include <string>

#include "common/config.hpp"
#include "common/log.hpp"
#include "common/ovh/client.hpp"
#include "common/pg/database.hpp"
#include "common/pg/ovh_call_budget_store.hpp"
#include "common/pg/stats_store.hpp"
#include "common/settings_for.hpp"
#include "common/statistics/collect_point.hpp"

namespace audioconf::stats {
namespace {

int collect(const Config& config, const std::function<std::string()>& elapsed_ms) {
  if (!config.feature_job_compute_stats) {
    log::info("disabled (FEATURE_JOB_COMPUTE_STATS is not true) duration_ms=" + elapsed_ms());
    return 0;
  }
  SystemClock clock;
  pg::Database db(config.database_url, config.time_zone);
  pg::StatsStore store(db);
  // No request here, so no request time budget: each OVH call keeps its own timeout. The calls
  // spend the fleet's OVH call budget as a job's do, waiting less: it runs every minute.
  pg::OvhCallBudgetStore ovh_budget(db, config.ovh_max_calls_per_minute);
  ovh::OvhClient telephony(ovh_settings_for(config), clock, nullptr,
                           ovh::CallGate{.budget = &ovh_budget,
                                         .priority = CallPriority::kJob,
                                         .wait_up_to = std::chrono::seconds(20)});
  auto outcome = statistics::collect_point(telephony, store, clock.now());
  log::info(std::string(outcome == statistics::CollectOutcome::kInserted
                            ? "done points_inserted=1"
                            : "already done points_inserted=0") +
            " duration_ms=" + elapsed_ms());
  return 0;
}

}  // namespace

int collect_once() {
  log::set_program("stats-collect");
  auto started = std::chrono::steady_clock::now();
  auto elapsed_ms = [&] {
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count());
  };
  try {
    return collect(load_process_config(), elapsed_ms);
  } catch (const ConfigError& error) {
    log::error(error.what());
    return 2;
  } catch (const std::exception& error) {
    log::error(std::string("failed: ") + error.what() + " duration_ms=" + elapsed_ms());
    return 1;
  }
}

}  // namespace audioconf::stats
