// The `moderate` handler: the organizer's participants page and the moderation actions
// (SPEC §8). Every route may call OVH: its pool is of kind "ovh" (deploy/stack.conf).
#include "common/booking/assembly.hpp"
#include "common/moderation/service.hpp"
#include "common/ovh/client.hpp"
#include "common/pg/participant_snapshot_store.hpp"
#include "common/settings_for.hpp"
#include "common/web/app.hpp"
#include "moderate/participants_routes.hpp"

namespace {

using namespace audioconf;

/// Everything the routes use, built once per worker process.
struct ModerateProgram {
  explicit ModerateProgram(web::App& app)
      : booking({app.db(), app.telephony(), app.mailer(), app.templates(), app.allow_list(),
                 app.clock(), app.random()},
                app.config(), app.server_zone()),
        refresher(ovh_settings_for(app.config()), app.clock(), &app.deadline(),
                  ovh::CallGate{&app.ovh_call_budget(), CallPriority::kRefresh}),
        snapshots(app.db()),
        locks(app.db()),
        service(booking.service(), app.room_moderation(), refresher, app.telephony(), snapshots,
                locks, locks, app.clock(), moderation::moderation_settings_for(app.config())),
        routes(service, app.server_zone(), app.config()) {}

  booking::BookingAssembly booking;
  /// Reads participants for the shared snapshot, with what the OVH call budget leaves after
  /// users' calls; the actions go through the App's client, which the budget never refuses.
  ovh::OvhClient refresher;
  pg::ParticipantSnapshotStore snapshots;
  pg::RoomLockStore locks;
  moderation::ModerationService service;
  moderate::ParticipantsRoutes routes;
};

}  // namespace

int main() {
  return web::run_handler("moderate", [](web::Routes& routes, web::App& app) {
    auto program = std::make_shared<ModerateProgram>(app);
    routes.add("GET", "/conferences/{id}/participants",
               [program](web::Context& ctx) { return program->routes.page(ctx); });
    routes.add("GET", "/conferences/{id}/participants.json",
               [program](web::Context& ctx) { return program->routes.json(ctx); });
    routes.add("POST", "/conferences/{id}/participants/{participantId}/couper-micro",
               [program](web::Context& ctx) {
                 return program->routes.participant_action(ctx, moderation::RoomAction::kMute);
               });
    routes.add("POST", "/conferences/{id}/participants/{participantId}/activer-micro",
               [program](web::Context& ctx) {
                 return program->routes.participant_action(ctx, moderation::RoomAction::kUnmute);
               });
    routes.add("POST", "/conferences/{id}/participants/{participantId}/exclure",
               [program](web::Context& ctx) {
                 return program->routes.participant_action(ctx, moderation::RoomAction::kKick);
               });
    routes.add("POST", "/conferences/{id}/couper-tous-les-micros",
               [program](web::Context& ctx) { return program->routes.mute_all(ctx); });
    routes.add("POST", "/conferences/{id}/verrouiller",
               [program](web::Context& ctx) { return program->routes.lock(ctx, true); });
    routes.add("POST", "/conferences/{id}/deverrouiller",
               [program](web::Context& ctx) { return program->routes.lock(ctx, false); });
    routes.add("POST", "/conferences/{id}/prolonger",
               [program](web::Context& ctx) { return program->routes.extend(ctx); });
    routes.add("GET", "/conferences/{id}/invitation.ics",
               [program](web::Context& ctx) { return program->routes.invitation(ctx); });
    routes.add("POST", "/conferences/{id}/terminer",
               [program](web::Context& ctx) { return program->routes.end(ctx); });
  });
}
