#include "cancel/cancel_conference.hpp"

#include <ctemplate/template.h>

#include "common/booking/conference_lookup.hpp"
#include "common/booking/messages.hpp"
#include "common/domain/formatting.hpp"
#include "common/log.hpp"

namespace audioconf::cancel {
namespace {

constexpr const char* kCanceled = "La conférence a bien été annulée. Le numéro et le code ne "
                                  "permettent plus de la rejoindre.";
constexpr const char* kCanceledAdopted =
    "La conférence a bien été marquée comme annulée. Elle avait été réservée avec l'ancienne "
    "version du service : son code reste utilisable jusqu'à la fin prévue de la conférence.";

}  // namespace

CancelConference::CancelConference(web::App& app)
    : store_(app.db()), rooms_(app.config().secret) {}

web::Response CancelConference::confirm_page(web::Context& ctx) {
  auto found = booking::find_active_conference(ctx, store_, ctx.params.at("id"));
  if (auto* redirect = std::get_if<web::Response>(&found)) return std::move(*redirect);
  const auto& conference = std::get<booking::ActiveConference>(found);
  ctemplate::TemplateDictionary dict("cancel_confirm");
  dict.SetValue("PHONE_HUMAN", domain::phone_for_humans(conference.view.phone_number));
  dict.SetValue("VALIDITY", conference.validity);
  dict.SetValue("CONFERENCE_ID", conference.view.id);
  return ctx.page("cancel_confirm", dict, "Annuler la conférence");
}

web::Response CancelConference::cancel(web::Context& ctx) {
  auto found = booking::find_active_conference(ctx, store_, ctx.params.at("id"));
  if (auto* redirect = std::get_if<web::Response>(&found)) return std::move(*redirect);
  const auto& view = std::get<booking::ActiveConference>(found).view;

  std::optional<std::int64_t> room_number;
  if (view.room_number_sealed) {
    room_number = rooms_.open(*view.room_number_sealed);
    if (!room_number) log::error("stored room number cannot be opened (SECRET changed?)");
  }
  if (room_number) {
    // OVH first: if the room cannot be expired, nothing changes and the agent can retry.
    if (booking::expire_room_now(ctx.app.telephony(), *room_number, ctx.now) ==
        booking::ExpireOutcome::kOvhDown) {
      return ctx.flash_redirect({"error", booking::messages::kCancelFailed, false}, "/");
    }
  }
  if (!store_.mark_canceled(view.id, ctx.now)) {
    // A concurrent cancel got there first: same outcome for the agent.
    return ctx.flash_redirect({"info", kCanceled, false}, "/");
  }
  log::info("conference canceled");
  return ctx.flash_redirect({"info", room_number ? kCanceled : kCanceledAdopted, false}, "/");
}

}  // namespace audioconf::cancel
