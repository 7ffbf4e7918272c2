// The `cancel` handler: cancellation confirmation page and the cancellation itself.
#include "cancel/cancel_conference.hpp"
#include "common/web/app.hpp"

int main() {
  using namespace audioconf;
  return web::run_handler("cancel", [](web::Routes& routes, web::App& app) {
    auto handler = std::make_shared<cancel::CancelConference>(app);
    routes.add("GET", "/conferences/{id}/annuler",
               [handler](web::Context& ctx) { return handler->confirm_page(ctx); });
    routes.add("POST", "/conferences/{id}/annuler",
               [handler](web::Context& ctx) { return handler->cancel(ctx); });
  });
}
