// The `cancel` handler: cancellation confirmation page and the cancellation itself.
#include "cancel/cancel_conference.hpp"
#include "common/booking/assembly.hpp"
#include "common/moderation/service.hpp"
#include "common/ovh/parallel_room_moderation.hpp"
#include "common/pg/participant_snapshot_store.hpp"
#include "common/settings_for.hpp"
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
        // Cancelling never refreshes the participants list: the actions serve for both.
        actions(app.room_moderation(), ovh_settings_for(app.config()), app.clock(), &app.deadline(),
                &app.ovh_call_budget()),
        moderation(booking.service(), actions, actions, app.telephony(), snapshots, rows, rows,
                   app.clock(), moderation::moderation_settings_for(app.config())),
        handler(booking.service(), moderation) {}

  booking::BookingAssembly booking;
  pg::ParticipantSnapshotStore snapshots;
  pg::RoomLockStore rows;
  ovh::ParallelRoomModeration actions;  ///< the end's exclusions, in parallel
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
