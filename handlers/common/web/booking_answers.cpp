#include "common/web/booking_answers.hpp"

#include "common/booking/messages.hpp"
#include "common/domain/calendar.hpp"

namespace audioconf::web {

namespace msg = booking::messages;

Flash flash_for(booking::LinkState state) {
  switch (state) {
    case booking::LinkState::kAlreadyUsed:
      return {"info", msg::kLinkAlreadyUsed, false};
    case booking::LinkState::kInUse:
      return {"info", msg::kLinkInProgress, false};
    default:
      return {"error", msg::kLinkExpired, false};
  }
}

Flash flash_for(booking::CreateOutcome outcome) {
  switch (outcome) {
    case booking::CreateOutcome::kLinkAlreadyUsed:
      return flash_for(booking::LinkState::kAlreadyUsed);
    case booking::CreateOutcome::kLinkInUse:
      return flash_for(booking::LinkState::kInUse);
    case booking::CreateOutcome::kTooManyConferences:
      return {"error", msg::kTooManyConferences, false};
    case booking::CreateOutcome::kDayOver:
      return {"error", msg::kDayOver, false};
    case booking::CreateOutcome::kOvhFailed:
      return {"error", msg::kOvhFailed, false};
    case booking::CreateOutcome::kCreatedMailFailed:
      return {"error", msg::kConfirmationEmailFailed, false};
    default:
      return flash_for(booking::LinkState::kExpired);
  }
}

Response inactive_conference(Context& ctx, const booking::ConferenceLookup& lookup) {
  if (lookup.outcome == booking::LookupOutcome::kCanceled && lookup.canceled_local) {
    return ctx.flash_redirect(
        {"info",
         "La conférence a été annulée le " + domain::french_date_time(*lookup.canceled_local) +
             ". Vous pouvez recréer une conférence.",
         false},
        "/");
  }
  return ctx.flash_redirect({"error", msg::kConferenceExpired, false}, "/");
}

}  // namespace audioconf::web
