#include "cancel/cancel_conference.hpp"

#include <ctemplate/template.h>

#include "common/booking/messages.hpp"
#include "common/domain/formatting.hpp"
#include "common/web/booking_answers.hpp"

namespace audioconf::cancel {
namespace {

constexpr const char* kCanceled =
    "La conférence a bien été annulée. Le numéro et le code ne "
    "permettent plus de la rejoindre.";
constexpr const char* kCanceledAdopted =
    "La conférence a bien été marquée comme annulée. Elle avait été réservée avec l'ancienne "
    "version du service : son code reste utilisable jusqu'à la fin prévue de la conférence.";

}  // namespace

web::Response CancelConference::confirm_page(web::Context& ctx) {
  booking::ConferenceLookup found = service_.find(ctx.params.at("id"));
  if (found.outcome != booking::LookupOutcome::kActive) {
    return web::inactive_conference(ctx, found);
  }
  ctemplate::TemplateDictionary dict("cancel_confirm");
  dict.SetValue("PHONE_HUMAN", domain::phone_for_humans(found.view->phone_number));
  dict.SetValue("VALIDITY", found.validity);
  dict.SetValue("CONFERENCE_ID", found.view->id);
  return ctx.page("cancel_confirm", dict, "Annuler la conférence");
}

web::Response CancelConference::cancel(web::Context& ctx) {
  const moderation::ActionResult ended = moderation_.end(ctx.params.at("id"), true);
  if (!ended.cancel) {
    if (ended.outcome == moderation::ActionOutcome::kOvhFailed) {
      return ctx.flash_redirect({"error", booking::messages::kCancelFailed, false}, "/");
    }
    return web::inactive_conference(ctx, ended.state.lookup);
  }
  const booking::CancelResult& result = *ended.cancel;
  std::string message;
  switch (result.outcome) {
    case booking::CancelOutcome::kNotActive:
      return web::inactive_conference(ctx, result.lookup);
    case booking::CancelOutcome::kOvhFailed:
      return ctx.flash_redirect({"error", booking::messages::kCancelFailed, false}, "/");
    case booking::CancelOutcome::kMarkedOnly:
      message = kCanceledAdopted;
      break;
    case booking::CancelOutcome::kCanceled:
      message = kCanceled;
      break;
  }
  // The cancellation stands whatever became of the organizer's email; the page says which.
  std::string level = "info";
  if (result.notice == booking::Notice::kSent) {
    message += std::string(" ") + booking::messages::kCancelNoticeSent;
  } else if (result.notice == booking::Notice::kFailed) {
    message += std::string(" ") + booking::messages::kCancelNoticeFailed;
    level = "warning";
  }
  return ctx.flash_redirect({level, message, false}, "/");
}

}  // namespace audioconf::cancel
