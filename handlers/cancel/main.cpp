// The `cancel` handler: cancellation confirmation page and the cancellation itself.
#include "cancel/cancel_conference.hpp"
#include "common/booking/assembly.hpp"
#include "common/moderation/service.hpp"
#include "common/pg/participant_snapshot_store.hpp"
#include "common/web/app.hpp"

namespace {

using namespace audioconf;

/// Everything the routes use, built once per worker process.
struct CancelProgram {
  explicit CancelProgram(web::App& app)
      : booking({app.db(), app.telephony(), app.mailer(), app.templates(), app.allow_list(),
                 app.clock(), app.random()},
                app.config(), app.server_zone()),
        snapshots(app.db()),
        rows(app.db()),
        // Cancelling never refreshes the participants list: one client, the App's, for all.
        moderation(booking.service(), app.room_moderation(), app.room_moderation(), app.telephony(),
                   snapshots, rows, rows, app.clock(),
                   moderation::moderation_settings_for(app.config())),
        handler(booking.service(), moderation) {}

  booking::BookingAssembly booking;
  pg::ParticipantSnapshotStore snapshots;
  pg::RoomLockStore rows;
  moderation::ModerationService moderation;
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
