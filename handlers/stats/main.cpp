// The `stats` program. As a FastCGI handler: GET /stats. As `stats --collect` (cron, systemd
// timer, scripts/job compute-stats): one stats point from OVH roomsStats, then exit. The
// collection is a command, not a route, so nothing on the internet can trigger it.
#include <cstring>
#include <iostream>

#include "common/web/app.hpp"
#include "stats/stats_page.hpp"

int main(int argc, char** argv) {
  using namespace audioconf;
  if (argc == 2 && std::strcmp(argv[1], "--collect") == 0) return stats::collect_once();
  if (argc != 1) {
    std::cerr << "usage: stats            (FastCGI handler on fd 0)\n"
                 "       stats --collect  (insert the stats point of the current minute)\n";
    return 2;
  }
  return web::run_handler("stats", [](web::Routes& routes, web::App& app) {
    auto page = std::make_shared<stats::StatsPage>(app);
    routes.add("GET", "/stats", [page](web::Context& ctx) { return page->render(ctx); });
  });
}
