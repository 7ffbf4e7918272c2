// The `cancel` handler: cancellation confirmation page and the cancellation itself.
#include "cancel/cancel_conference.hpp"
#include "common/booking/assembly.hpp"
#include "common/web/app.hpp"

namespace {

using namespace audioconf;

/// Everything the routes use, built once per worker process.
struct CancelProgram {
  explicit CancelProgram(web::App& app)
      : booking({app.db(), app.telephony(), app.mailer(), app.templates(), app.allow_list(),
                 app.clock(), app.random()},
                app.config(), app.server_zone()),
        handler(booking.service()) {}

  booking::BookingAssembly booking;
  cancel::CancelConference handler;
};

}  // namespace

int main() {
  return web::run_handler("cancel", [](web::Routes& routes, web::App& app) {
    auto program = std::make_shared<CancelProgram>(app);
    routes.add("GET", "/conferences/{id}/annuler",
               [program](web::Context& ctx) { return program->handler.confirm_page(ctx); });
    routes.add("POST", "/conferences/{id}/annuler",
               [program](web::Context& ctx) { return program->handler.cancel(ctx); });
  });
}
