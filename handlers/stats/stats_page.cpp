#include "stats/stats_page.hpp"

#include <ctemplate/template.h>

#include <chrono>

#include "common/log.hpp"
#include "common/statistics/collect_point.hpp"
#include "stats/chart_data.hpp"

namespace audioconf::stats {

StatsPage::StatsPage(web::App& app) : store_(app.db()) {}

web::Response StatsPage::render(web::Context& ctx) {
  if (!ctx.app.config().feature_stats_page) {
    return ctx.error_page(404, "Page non trouvée", "La page que vous cherchez n'existe pas.");
  }
  std::vector<ChartPoint> points;
  for (const pg::StatsPoint& point : store_.recent(kMaxPoints)) {
    points.push_back({ctx.app.server_zone().local(point.date), point.online_participants,
                      point.active_conferences, point.booked_rooms});
  }
  ctemplate::TemplateDictionary dict("stats");
  dict.SetValue("CHART_JSON", chart_json(points));
  dict.SetIntValue("COUNT", static_cast<long>(points.size()));
  if (points.empty()) dict.ShowSection("EMPTY");
  for (const ChartPoint& point : points) {
    auto* row = dict.AddSectionDictionary("POINT");
    row->SetValue("DATE", point_label(point.at));
    row->SetIntValue("PARTICIPANTS", point.participants);
    row->SetIntValue("ACTIVE", point.active);
    if (point.booked < 0) {
      row->ShowSection("BOOKED_MISSING");
    } else {
      row->SetIntValue("BOOKED", point.booked);
      row->ShowSection("BOOKED_VALUE");
    }
  }
  return ctx.page("stats", dict, "Statistiques",
                  {"/vendor/chart.js/chart.umd.js", "/static/js/stats.js"});
}

int collect_once() {
  log::set_program("stats-collect");
  auto started = std::chrono::steady_clock::now();
  auto elapsed_ms = [&] {
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count());
  };
  try {
    web::App app("stats", load_process_config());
    if (!app.config().feature_job_compute_stats) {
      log::info("disabled (FEATURE_JOB_COMPUTE_STATS is not true) duration_ms=" + elapsed_ms());
      return 0;
    }
    pg::StatsStore store(app.db());
    auto outcome = statistics::collect_point(app.telephony(), store, app.clock().now());
    log::info(std::string(outcome == statistics::CollectOutcome::kInserted
                              ? "done points_inserted=1"
                              : "already done points_inserted=0") +
              " duration_ms=" + elapsed_ms());
    return 0;
  } catch (const ConfigError& error) {
    log::error(error.what());
    return 2;
  } catch (const std::exception& error) {
    log::error(std::string("failed: ") + error.what() + " duration_ms=" + elapsed_ms());
    return 1;
  }
}

}  // namespace audioconf::stats
