// The `announcements` handler: the landing page (GET /).
#include "announcements/landing.hpp"
#include "common/web/app.hpp"

int main() {
  return audioconf::web::run_handler("announcements", [](audioconf::web::Routes& routes,
                                                         audioconf::web::App& app) {
    auto landing = std::make_shared<audioconf::announcements::LandingPage>(app);
    routes.add("GET", "/", [landing](audioconf::web::Context& ctx) { return landing->render(ctx); });
  });
}
