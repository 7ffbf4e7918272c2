// The `status` handler: GET /api/status for ops and load balancers.
#include "common/web/app.hpp"
#include "status/health.hpp"

int main() {
  using namespace audioconf;
  return web::run_handler("status", [](web::Routes& routes, web::App& app) {
    auto health = std::make_shared<status::Health>(app);
    routes.add("GET", "/api/status", [health](web::Context& ctx) { return health->render(ctx); });
  });
}
