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

namespace {

struct Notice {
  const char* code;
  const char* kind;
  const char* message;
};

constexpr const char* kConferenceCanceled =
    "La conférence a été annulée. Vous pouvez recréer une conférence.";

// The fixed notices a URL may name: nothing from the query string is ever printed.
constexpr Notice kNotices[] = {
    {"lien-expire", "error", msg::kLinkExpired},
    {"lien-utilise", "info", msg::kLinkAlreadyUsed},
    {"lien-en-cours", "info", msg::kLinkInProgress},
    {"conference-expiree", "error", msg::kConferenceExpired},
    {"conference-annulee", "info", kConferenceCanceled},
    {"connexion-invalide", "error", msg::kSignInBadCallback},
    {"deconnexion-non-verifiee", "info", msg::kSignedOutUnchecked},
};

const char* code_for(booking::LinkState state) {
  switch (state) {
    case booking::LinkState::kAlreadyUsed:
      return "lien-utilise";
    case booking::LinkState::kInUse:
      return "lien-en-cours";
    default:
      return "lien-expire";
  }
}

}  // namespace

std::optional<Flash> notice_for_code(std::string_view code) {
  for (const Notice& notice : kNotices) {
    if (code == notice.code) return Flash{notice.kind, notice.message, false};
  }
  return std::nullopt;
}

Response notice_redirect(Context& ctx, Flash flash, std::string_view code) {
  if (ctx.request.method != "GET" || ctx.session.is_live()) {
    return ctx.flash_redirect(std::move(flash), "/");
  }
  return Response::redirect(302, "/?message=" + std::string(code));
}

Response link_notice(Context& ctx, booking::LinkState state) {
  return notice_redirect(ctx, flash_for(state), code_for(state));
}

Response inactive_conference(Context& ctx, const booking::ConferenceLookup& lookup) {
  if (lookup.outcome == booking::LookupOutcome::kCanceled && lookup.canceled_local) {
    if (ctx.request.method == "GET" && !ctx.session.is_live()) {
      return notice_redirect(ctx, {"info", kConferenceCanceled, false}, "conference-annulee");
    }
    return ctx.flash_redirect(
        {"info",
         "La conférence a été annulée le " + domain::french_date_time(*lookup.canceled_local) +
             ". Vous pouvez recréer une conférence.",
         false},
        "/");
  }
  return notice_redirect(ctx, {"error", msg::kConferenceExpired, false}, "conference-expiree");
}

}  // namespace audioconf::web
