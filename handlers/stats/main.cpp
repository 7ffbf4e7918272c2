// The `stats` program. As a FastCGI handler: GET /stats. As `stats --collect` (cron, systemd
// timer, scripts/job compute-stats): one stats point from OVH roomsStats, then exit. The
// collection is a command, not a route, so nothing on the internet can trigger it.
// This file is the handler's composition root.
#include <cstring>
#include <iostream>

#include "common/web/app.hpp"
#include "stats/collect_command.hpp"
#include "stats/stats_page.hpp"

namespace {

using namespace audioconf;

/// Everything the route uses, built once per worker process.
struct StatsProgram {
  explicit StatsProgram(web::App& app)
      : store(app.db()), page(app.config().feature_stats_page, store, app.server_zone()) {}

  pg::StatsStore store;
  stats::StatsPage page;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--collect") == 0) return stats::collect_once();
  if (argc != 1) {
    std::cerr << "usage: stats            (FastCGI handler on fd 0)\n"
                 "       stats --collect  (insert the stats point of the current minute)\n";
    return 2;
  }
  return web::run_handler("stats", [](web::Routes& routes, web::App& app) {
    auto program = std::make_shared<StatsProgram>(app);
    routes.add("GET", "/stats", [program](web::Context& ctx) { return program->page.render(ctx); });
  });
}
